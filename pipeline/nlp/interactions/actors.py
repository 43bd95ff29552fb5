"""Who a noun phrase is: the actor it names, for the interaction extraction.

An actor is a named person (from the entity analysis, with the country and rank of their role), an
official named only by title ("the Prime Minister", "the Russian foreign minister"), a state
("Kenya", "the Government of Japan", "Russian forces", "the Chinese side"), a state's body (a
ministry, a parliament) or an international organisation. "He" and "she" are the person most
recently named before them. Only political actors take part in interactions between states:
people with a state or international office (a title ranked above `non_state`, or a row in the
actor table), officials, states, their bodies and international organisations.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.nlp.patterns import InteractionWords
from pipeline.reference import Reference

ACTOR_KINDS = ("person", "official", "state", "body", "io")
# Dependencies inside a noun phrase that may hold the phrase's actor ("Kenyan [President] Kenyatta").
NOUN_PHRASE_DEPS = frozenset({"compound", "poss", "amod", "nmod", "appos", "flat"})
CONJUNCT_DEPS = frozenset({"conj"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})  # "Russian" troops, "US" diplomats
# "Russian" troops, "Kenya's" president: the dependencies by which a phrase's modifiers name its owner
OWNER_DEPS = MODIFIER_DEPS | {"poss"}
REPORTED_SELF = "it"  # "X said it would ...": the reporting state or body
BODY_KINDS = frozenset({"state", "io", "body"})
MINISTER_RANKS = frozenset({"minister", "foreign_minister"})
# A person under these belongs to another phrase: a clause, a conjunct, a complement about someone else.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "parataxis"})
# Prepositions that stay inside a title phrase ("President of France", "Secretary for Foreign Affairs").
PHRASE_PREPOSITIONS = frozenset({"of", "for"})
# "sanctions on Moscow", "a protest with Beijing": prepositions after which a capital is the state
# acted on; after "to", "in" or "from" it is a destination or a place
CAPITAL_TARGET_PREPOSITIONS = frozenset({"on", "upon", "against", "with", "toward", "towards"})
INTERNATIONAL_KINDS = frozenset({"international", "regional"})


@dataclass(frozen=True)
class Actor:
    key: str  # identity: two mentions of one actor share it
    kind: str  # 'person' | 'official' | 'state' | 'body' | 'io'
    entity_id: str | None  # the named person (or the country or organisation entity)
    country: str | None  # ISO3 of the state the actor acts for; None for an international body
    political: bool
    label: str
    body: str | None = None  # the international body a person acts for ("United Nations")

    @property
    def is_named_person(self) -> bool:
        return self.kind == "person"


def reporting_verb(clause: Token, words: InteractionWords) -> Token | None:
    """The verb of saying whose complement `clause` is ("A said [it would expel]"), if any."""
    head = clause.head
    return head if clause.dep_ == "ccomp" and head.lemma_.lower() in words.reporting_verbs else None


def state_actor(iso3: str) -> Actor:
    """A state acting or acted on that the text names by something of its own (forces, a city, a capital)."""
    return Actor(f"state:{iso3}", "state", None, iso3, True, iso3)


def is_listed(token: Token, listed: frozenset[str]) -> bool:
    """The word as written or its lemma is in the (lower-case) list."""
    return token.lower_ in listed or token.lemma_.lower() in listed


def is_private_noun(token: Token, words: InteractionWords) -> bool:
    """"fans", "players", "club": people or a body outside government (`private_nouns`)."""
    return is_listed(token, words.private_nouns)


class ActorIndex:
    """The actors of one document, read through its tokens."""

    def __init__(self, doc: Doc, analysis, reference: Reference, words: InteractionWords) -> None:
        self.doc = doc
        self.reference = reference
        self.words = words
        self.at_token: dict[int, Actor] = {}
        self.person_positions: list[tuple[int, Actor]] = []  # (token index, person) in text order
        self.place_at_token: dict[int, tuple[str, str | None]] = {}  # place name and its country
        # The index never changes once built, and the act and contact readers ask about the same
        # phrases several times per sentence: answers by head token.
        self._actors_at: dict[int, tuple[Actor, ...]] = {}
        self._actor_at: dict[int, Actor | None] = {}
        self._plural_titles: dict[int, tuple[str, str] | None] = {}
        roles = {role.entity_id: role for role in analysis.roles}
        entities = analysis.entities
        self.home_country: str | None = getattr(analysis, "home_country", None)
        unplaced_bodies = []
        for mention in analysis.mentions:
            entity = entities.get(mention.entity_id)
            if entity is None:
                continue
            span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
            if span is None:
                continue
            actor = self._entity_actor(entity, roles.get(entity.entity_id))
            if entity.entity_type == "place":
                for token in span:
                    self.place_at_token[token.i] = (entity.canonical_name, entity.country_code)
            if actor is None:
                if entity.entity_type == "organization":
                    unplaced_bodies.append((span, entity))
                continue
            for token in span:
                self.at_token[token.i] = actor
            if actor.kind == "person":
                self.person_positions.append((span.start, actor))
        for span, entity in unplaced_bodies:
            # "the U.S. Department of the Treasury's Office of Foreign Assets Control": a body of a
            # body of a state is the state's
            owner = next((self.at_token.get(c.i) for c in span.root.children if c.dep_ == "poss"), None)
            if owner is not None and owner.kind in ("state", "body") and owner.country:
                political = self._is_state_body(self.reference.organization_by_text(entity.canonical_name),
                                                entity.canonical_name)
                actor = Actor(f"body:{entity.entity_id}", "body", entity.entity_id, owner.country, political,
                              entity.canonical_name)
                for token in span:
                    self.at_token.setdefault(token.i, actor)
        self.person_positions.sort(key=lambda item: item[0])
        counts: dict[str, int] = {}
        for _, actor in self.person_positions:
            counts[actor.key] = counts.get(actor.key, 0) + 1
        ranked = sorted(
            {a.key: a for _, a in self.person_positions if a.political}.values(),
            key=lambda a: (-counts[a.key], next(i for i, (_, b) in enumerate(self.person_positions) if b.key == a.key)),
        )
        # the article's principal: its most named political person, named at least twice
        self.principal: Actor | None = ranked[0] if ranked and counts[ranked[0].key] >= 2 else None
        # (title, rank, country) of every titled person: "the Prime Minister" is one of them
        self.titled_people: list[tuple[str, str | None, str | None, Actor]] = []
        people = {a.entity_id: a for _, a in self.person_positions}
        for role in analysis.roles:
            actor = people.get(role.entity_id)
            if actor is not None and role.title:
                self.titled_people.append((role.title.lower(), role.rank, role.country_code, actor))

    def _entity_actor(self, entity, role) -> Actor | None:
        if entity.entity_type == "person":
            country = role.country_code if role is not None and role.country_code else entity.country_code
            rank = role.rank if role is not None else None
            # an office (a title not ranked non-state), a seat in the actor table, or a body's office
            political = bool(
                role is not None and (
                    (role.title and rank != "non_state") or role.country_source == "reference" or role.organization
                )
            )
            body = None
            if role is not None and role.organization and not country:
                known = self.reference.organization_by_text(role.organization)
                body = known.acting_name if known is not None and known.kind in INTERNATIONAL_KINDS else None
            return Actor(entity.entity_id, "person", entity.entity_id, country, political, entity.canonical_name, body)
        if entity.entity_type == "country":
            return Actor(f"state:{entity.country_code}", "state", entity.entity_id, entity.country_code, True,
                         entity.canonical_name)
        if entity.entity_type == "organization":
            known = self.reference.organization_by_text(entity.canonical_name)
            if known is not None and known.kind in INTERNATIONAL_KINDS:
                return Actor(f"io:{known.acting_name}", "io", entity.entity_id, None, True, known.acting_name)
            if entity.country_code:
                # a party is a state's domestic actor, not the state: it never stands for it in a dyad;
                # nor does a company, a club or a forum ("Germany's Siemens signed a deal with B")
                political = not self._is_party(known, entity) and self._is_state_body(known, entity.canonical_name)
                return Actor(f"body:{entity.entity_id}", "body", entity.entity_id, entity.country_code, political,
                             entity.canonical_name)
        return None

    def _is_state_body(self, known, name: str) -> bool:
        """A body through which a state acts: a government body of the reference, or an organisation
        it does not know whose name says so ("the Defence Ministry", "the Coast Guard"); a company's,
        a club's or a person's name (the NER may take one for an organisation) does not."""
        if known is not None:
            return known.kind == "government_body"
        return any(word in self.words.state_body_heads for word in name.lower().replace("-", " ").split())

    def _is_party(self, known, entity) -> bool:
        if known is not None:
            return known.kind == "party"
        # "the Labour Party" of a story about one state: a short name, resolved to that state's party
        bodies = self.reference.bodies_known_as(entity.canonical_name, entity.country_code)
        return bool(bodies) and all(b.kind == "party" for b in bodies)

    # -- noun phrases -----------------------------------------------------------------------

    def actors_of(self, head: Token) -> list[Actor]:
        """The actors a noun phrase and its conjuncts name ("President A and Foreign Minister B")."""
        if head.i not in self._actors_at:
            self._actors_at[head.i] = tuple(self._read_actors(head))
        return list(self._actors_at[head.i])

    def _read_actors(self, head: Token) -> list[Actor]:
        found: list[Actor] = []
        stack = [head]
        seen: set[int] = set()
        while stack:
            token = stack.pop(0)
            if token.i in seen:
                continue
            seen.add(token.i)
            actor = self.actor_of(token)
            if actor is not None and actor.key not in {a.key for a in found}:
                found.append(actor)
            stack.extend(child for child in token.children if child.dep_ in CONJUNCT_DEPS)
            if actor is not None and actor.kind == "person":
                # "with A and B, as well as C and D": the parser may hang the start of a list of people
                # from its last name as a modifier
                stack.extend(child for child in token.children if child.dep_ == "nmod" and child.i < token.i
                             and child.i in self.at_token and self.at_token[child.i].kind == "person")
            if actor is not None and actor.kind == "state" and self._is_agent_noun(token):
                # "Greek and Turkish officials", "the leaders of Egypt and Ethiopia": one noun through
                # which several states act
                owners = [c for c in token.children if c.dep_ in MODIFIER_DEPS]
                owners += [g for c in token.children if c.dep_ == "prep" and (
                               c.lower_ in PHRASE_PREPOSITIONS or (c.lower_ == "from" and token.lower_ in self.words.envoy_nouns))
                           for g in c.children if g.dep_ == "pobj"]
                for owner in owners:
                    if self._state_at(owner) is not None:
                        stack.extend(c for c in owner.children if c.dep_ in CONJUNCT_DEPS)
            if actor is not None and actor.kind == "state":
                # "Japan, South Korea, and the United States": the parser may read the second
                # state of a list as an apposition to the first
                stack.extend(child for child in token.children if child.dep_ == "appos"
                             and (self.at_token.get(child.i) or actor).kind == "state" and child.i in self.at_token)
            # "between President of A [Aliyev] and President of B Xi": the parser may hang the second
            # conjunct from the name inside the first phrase
            named = self._person_token_in_phrase(token)
            if named is not None:
                stack.extend(child for child in named.children if child.dep_ in CONJUNCT_DEPS)
        return found or self._officials_of_states(head)

    def _officials_of_states(self, head: Token) -> list[Actor]:
        """"The foreign ministers of A and B", "A's and B's defence ministers", "Armenian and
        Azerbaijani foreign ministers": a plural title of several states named in its phrase is
        one holder of that office in each (the one the article names, else an unnamed official)."""
        if head.tag_ not in ("NNS", "NNPS") or self._plural_title(head) is None:
            return []
        owners = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        modifiers = [c for c in head.children if c.dep_ in OWNER_DEPS]
        # "Bolivian and Paraguayan defence ministers": the parser may hang the states from the title's first word
        owners += modifiers + [g for c in modifiers for g in c.children if g.dep_ in OWNER_DEPS]
        named = sorted({token.i: state.country for owner in owners
                        for token in [owner, *(c for c in owner.subtree if c.dep_ in ("conj", "compound"))]
                        if (state := self._state_at(token)) is not None and state.country}.items())
        states = list(dict.fromkeys(country for _, country in named))  # in the order the text names them
        if len(states) < 2:
            return []
        title, rank = self._plural_title(head)
        officials = []
        for state in states:
            holders = {actor.key: actor for _, held_rank, country, actor in self.titled_people
                       if held_rank == rank and country == state}
            officials.append(next(iter(holders.values())) if len(holders) == 1
                             else Actor(f"official:{title}:{state}", "official", None, state, True, title))
        return officials

    def actor_of(self, head: Token) -> Actor | None:
        """The actor of the noun phrase headed by `head`: a pronoun's referent, the entity at the
        head, a person in an apposition or a modifier, an official named by title, a state's agent."""
        if head.i not in self._actor_at:
            self._actor_at[head.i] = self._read_actor(head)
        return self._actor_at[head.i]

    def _read_actor(self, head: Token) -> Actor | None:
        lower = head.lower_
        if lower in self.words.personal_pronouns:
            if head.dep_ in ("nsubj", "nsubjpass"):
                return self.subject_before(head.i) or self.person_before(head.i)
            return self.person_before(head.i)
        if lower == REPORTED_SELF and head.dep_ in ("nsubj", "nsubjpass"):
            return self._reporting_body(head)
        actor = self.at_token.get(head.i)
        if actor is not None:
            return actor
        person = self._person_in_phrase(head)
        if person is not None:
            return person
        title = self._title_of(head)
        if title is not None:
            return title
        capital = self._capital_acting(head)
        if capital is not None:
            return capital
        return self._agent_of(head)

    def _reporting_body(self, pronoun: Token) -> Actor | None:
        """"Russia said [it] would expel ...", "the ministry announced [it] had summoned ...": "it" in
        what a state or a body reports is the one reporting."""
        reporting = reporting_verb(pronoun.head, self.words)
        if reporting is None:
            return None
        subjects = [c for c in reporting.children if c.dep_ == "nsubj"]
        actor = self.actor_of(subjects[0]) if len(subjects) == 1 else None
        return actor if actor is not None and actor.kind in BODY_KINDS else None

    def _capital_acting(self, head: Token) -> Actor | None:
        """"Moscow said", "a ruling made by Ottawa", "Beijing's response", "accused Beijing",
        "sanctions on Moscow", "Seoul and Tokyo agreed": a capital that acts or is acted on (a
        subject, an agent, a possessor, a direct object, the object of a preposition that names
        whom an act is aimed at, or a conjunct of one of these) stands for its state; where it is
        only a place ("talks in Moscow") it stays a place (a visit's destination is read apart)."""
        place = self.place_at_token.get(head.i)
        if place is None or place[1] is None:
            return None
        role = head
        while role.dep_ == "conj" and role.head.i != role.i:
            role = role.head
        acting = role.dep_ in ("nsubj", "nsubjpass", "poss", "dobj") or (role.dep_ == "pobj" and (
            role.head.dep_ == "agent" or role.head.lower_ in CAPITAL_TARGET_PREPOSITIONS))
        country = self.reference.country_by_iso3(place[1])
        if not acting or country is None or self.reference.capital_state(place[0]) != country.iso3:
            return None
        return Actor(f"state:{country.iso3}", "state", None, country.iso3, True, country.name)

    def _person_in_phrase(self, head: Token) -> Actor | None:
        """A person named inside the phrase: "Foreign Minister, [A],", "the President of
        France [B]", "Cabinet Secretary for Foreign Affairs [C]", "the
        delegation, led by [A]"; not one in a clause or a complement about someone else ("the
        minister who met [B]")."""
        token = self._person_token_in_phrase(head)
        return self.at_token[token.i] if token is not None else None

    def _person_token_in_phrase(self, head: Token) -> Token | None:
        if head.i in self.at_token:
            return head if self.at_token[head.i].kind == "person" else None
        stack = list(head.children)
        while stack:
            token = stack.pop(0)
            if token.dep_ == "acl" and token.lemma_.lower() in self.words.leadership_verbs:
                stack.extend(g for c in token.children if c.dep_ == "agent" for g in c.children)
                continue
            if token.dep_ in CLAUSE_DEPS or (token.dep_ == "prep" and token.lower_ not in PHRASE_PREPOSITIONS):
                continue
            actor = self.at_token.get(token.i)
            if actor is not None and actor.kind == "person":
                return token
            stack.extend(token.children)
        return None

    def subject_before(self, index: int) -> Actor | None:
        """"He called on ...": the person who was last the subject of an earlier sentence (the
        sentence's topic), rather than the last person named, who is often the counterpart."""
        sentence_start = self.doc[index].sent.start
        if any(sentence_start <= position < index for position, _ in self.person_positions):
            return None  # "A said that he ...": the person of the sentence comes first
        best = None
        for position, actor in self.person_positions:
            if position >= sentence_start:
                break
            if self._is_subject_mention(position):
                best = actor
        return best

    def _is_subject_mention(self, position: int) -> bool:
        token = self.doc[position]
        for _ in range(4):  # the name's head within its phrase
            if token.dep_ in ("nsubj", "nsubjpass"):
                return True
            if token.dep_ not in ("compound", "flat", "appos", "nmod", "conj") or token.head is token:
                return False
            token = token.head
        return False

    def person_before(self, index: int) -> Actor | None:
        """The person most recently named before token `index` (for "he", "she")."""
        best = None
        for position, actor in self.person_positions:
            if position >= index:
                break
            best = actor
        return best

    def _modifier_country(self, head: Token) -> str | None:
        """The state a phrase's modifiers name: "Russian" troops, "Kenya's" president, the minister
        "of Japan", a spokesman "for the Chinese Foreign Ministry", "the foreign ministry" spokesperson
        (a body of one state)."""
        for child in head.children:
            if child.dep_ in OWNER_DEPS and (country := self._country_at(child)) is not None:
                return country
            if child.dep_ == "prep" and child.lower_ in PHRASE_PREPOSITIONS:
                for grandchild in child.children:
                    if (country := self._country_at(grandchild)) is not None:
                        return country
        return None

    def _country_at(self, token: Token) -> str | None:
        """The state a state or one state's body at `token` stands for."""
        actor = self.at_token.get(token.i)
        if actor is None or actor.kind not in ("state", "body") or not actor.political:
            return None
        return actor.country

    def _title_of(self, head: Token) -> Actor | None:
        """"The Prime Minister", "the Russian foreign minister": an official named by title only."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        left = [t for t in head.lefts if t.dep_ in ("compound", "amod", "flat")]
        found = self.reference.title_rank(" ".join(t.text for t in [*left, head]))
        # "the Foreign Secretary": the head word ends the title ("Secretary" alone is none)
        if found is None or not found[0].lower().endswith(head.lower_):
            return None
        title, rank = found
        if any(is_private_noun(g, self.words) for c in head.children if c.dep_ == "prep" and c.lower_ in PHRASE_PREPOSITIONS
               for g in c.children if g.dep_ == "pobj"):
            return None  # "the French chairman of the club": an office outside government
        country = self._modifier_country(head)
        person = self._person_with_title(title, rank, country, head.i)
        if person is not None:
            return person
        if country is None and rank not in (None, "non_state"):
            country = self.home_country  # "the Prime Minister" of a release that names no one else's
        return Actor(f"official:{title}:{country}", "official", None, country, rank != "non_state", title)

    def _plural_title(self, head: Token) -> tuple[str, str] | None:
        """(title, rank) a plural noun phrase names ("heads of state", "foreign ministers"), when the
        rank is a state office."""
        if head.i not in self._plural_titles:
            self._plural_titles[head.i] = self._read_plural_title(head)
        return self._plural_titles[head.i]

    def _read_plural_title(self, head: Token) -> tuple[str, str] | None:
        if not head.lower_.endswith("s"):
            return None
        left = [t.text for t in head.lefts if t.dep_ in ("compound", "amod")]
        right = [f"{c.lower_} {g.lower_}" for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" and g.tag_ in ("NN", "NNP") and g.i not in self.at_token]
        singular = head.lemma_ if head.lemma_.lower() != head.lower_ else head.text[:-1]
        found = self.reference.title_rank(" ".join([*left, singular, *right[:1]]))
        if found is None or found[1] in (None, "other_official", "non_state"):
            return None
        return found

    def title_holders(self, head: Token) -> list[Actor]:
        """"The two heads of state", "the foreign ministers": a plural title names every person of
        the article who holds it (by rank), when at least two do."""
        if head.tag_ not in ("NNS", "NNPS", "NNP"):
            return []
        found = self._plural_title(head)
        if found is None:
            return []
        # "the Ministers" are every minister named, foreign ministers included
        ranks = MINISTER_RANKS if found[1] == "minister" else {found[1]}
        holders = {actor.key: actor for _, rank, _, actor in self.titled_people if rank in ranks}
        return list(holders.values()) if len(holders) >= 2 else []

    def title_officials(self, head: Token, states: list[Actor]) -> list[Actor]:
        """"The two heads of state" of a story that names neither: the holders of that office in the
        states of the latest contact, unnamed."""
        if head.tag_ not in ("NNS", "NNPS", "NNP"):
            return []
        found = self._plural_title(head)
        if found is None:
            return []
        # "the Ministers of the UK and Poland": the states the phrase names, else the latest contact's
        named = [a for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" for a in self.actors_of(g) if a.kind == "state"]
        states = named or states
        if len(states) < 2:
            return []
        title, rank = found
        return [Actor(f"official:{title}:{s.country}", "official", None, s.country, True, title)
                for s in states if s.country]

    def _person_with_title(self, title: str, rank: str | None, country: str | None, at: int) -> Actor | None:
        """The one person of the article who holds the office a title names ("the Prime Minister",
        "the Azerbaijani deputy PM"), when there is exactly one: a holder of that very title, else of
        the same rank already named before the title (a chancellor named later is no "prime minister")."""
        title = title.lower()
        placed = [(held, held_rank, actor) for held, held_rank, held_country, actor in self.titled_people
                  if country is None or held_country is None or held_country == country]
        matches = {actor.key: actor for held, _, actor in placed if held == title}
        if not matches:
            # "Director of the Institute ... [name]": the title opens a longer one whose holder is
            # named later in the same sentence (the parser may hang the name elsewhere)
            sentence = self.doc[at].sent
            named_after = {actor.key for position, actor in self.person_positions
                           if at < position < sentence.end}
            matches = {actor.key: actor for held, _, actor in placed
                       if held.startswith(title + " ") and actor.key in named_after}
        if not matches and rank is not None and rank != "other_official":
            named_before = {actor.key for position, actor in self.person_positions if position < at}
            matches = {actor.key: actor for _, held_rank, actor in placed
                       if held_rank == rank and actor.key in named_before}
        return next(iter(matches.values())) if len(matches) == 1 else None

    def _is_agent_noun(self, head: Token) -> bool:
        nouns = self.words.state_agent_nouns
        if head.lemma_.lower() in nouns or head.lower_ in nouns:
            return True
        # "the Israeli air force", "Chinese coast guard vessels": a two-word noun of the list
        before = head.doc[head.i - 1] if head.i > 0 else None
        return before is not None and before.head.i == head.i and f"{before.lower_} {head.lower_}" in nouns

    def _state_at(self, token: Token) -> Actor | None:
        actor = self.at_token.get(token.i)
        return actor if actor is not None and actor.kind == "state" else None

    def _agent_of(self, head: Token) -> Actor | None:
        """"Russian forces", "the Chinese side", "Kenyan authorities": the state acting through them;
        "NATO allies", "EU foreign ministers", "ASEAN leaders": the bloc acting through its members."""
        agent = self._is_agent_noun(head)
        members = head.lower_ in self.words.bloc_member_nouns or (
            head.tag_ in ("NNS", "NNPS") and self._plural_title(head) is not None)
        if members or agent:
            modifiers = [c for c in head.children if c.dep_ in MODIFIER_DEPS]
            modifiers += [g for c in modifiers for g in c.children if g.dep_ in MODIFIER_DEPS]  # "EU member states"
            bloc = next((actor for c in modifiers if (actor := self.at_token.get(c.i)) is not None
                         and actor.kind == "io"), None)
            if bloc is not None:
                return bloc
        if not agent:
            return None
        country = self._modifier_country(head)
        if country is None and head.lower_ in self.words.envoy_nouns:
            # "a delegation from B", "officials from B": people who come from a state speak for it
            country = next((found for c in head.children if c.dep_ == "prep" and c.lower_ == "from"
                            for g in c.children if g.dep_ == "pobj" and (found := self._country_at(g)) is not None), None)
        if country is None:
            return None
        return state_actor(country)

    def territory_of(self, token: Token) -> str | None:
        """The state whose territory the place at `token` is: its country, else the state of the
        city or region it names ("Kharkiv", "Idlib")."""
        place = self.place_of(token)
        if place is not None:
            name, country = place
        elif self._unrecognised_name(token):
            name, country = _proper_name_at(token), None
        else:
            return None
        return country or self.reference.city_state(name) or self.reference.subdivision_state(name)

    def unrecognised_city(self, token: Token) -> tuple[str, str] | None:
        """(name, state) of a city of the city table that the entity analysis left out ("visited
        Odesa"). Read only where a place is expected."""
        if not self._unrecognised_name(token):
            return None
        name = _proper_name_at(token)
        state = self.reference.city_state(name)
        return (name, state) if state is not None else None

    def _unrecognised_name(self, token: Token) -> bool:
        """A proper name no entity covers: the small model often misses a city or takes it for a
        person ("shelled Kharkiv", "visited Odesa")."""
        return token.pos_ == "PROPN" and token.i not in self.at_token and token.i not in self.place_at_token

    def place_of(self, token: Token) -> tuple[str, str | None] | None:
        """(place name, its country) of a place or state mention at `token`; a place the entity
        analysis left out is the NER's, in the state it is the capital or a city of (a region is
        too coarse to be visited or met in)."""
        actor = self.at_token.get(token.i)
        if actor is not None and actor.kind == "state":
            return actor.label, actor.country
        if token.i in self.place_at_token:
            return self.place_at_token[token.i]
        if token.ent_type_ in ("GPE", "LOC", "FAC"):
            entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if entity is not None:
                country = self.reference.country_by_text(entity.text)
                if country is not None:
                    return country.name, country.iso3
                return entity.text, self.reference.capital_state(entity.text) or self.reference.city_state(entity.text)
        return None


def _proper_name_at(token: Token) -> str:
    """The run of proper nouns holding `token` ("Khan Younis")."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > token.sent.start and doc[start - 1].pos_ == "PROPN":
        start -= 1
    while end < token.sent.end and doc[end].pos_ == "PROPN":
        end += 1
    return doc[start:end].text
