"""Stage 3: each person's office: title, rank, country and organisation.

Every mention of a person is read for a statement before the name ("[the] [Demonym | Country's]
Title [of|to|at the Org/Country]* Name", "the Kazakh delegation, led by Title Name") and after it
("Name, [the] [Demonym] Title [of|to|at the Org/Country]*,"). "His Indian counterpart B" takes the
office of the other person of the sentence. One role per person: the most specific statement (rank,
then title, country, organisation), completed with the country or title of the next best ones.

`statement_before` and `statement_after` are also what the people stage asks to accept a name the
NER missed next to a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Token

from pipeline.nlp.entities.context import POSSESSIVES, Context, is_attached_hyphen, is_capitalised_word, normal_phrase
from pipeline.nlp.entities.predicates import predicate_statement
from pipeline.nlp.entities.types import Person, Statement, TypedSpan
from pipeline.reference import Organization


def assign_roles(ctx: Context, people: list[Person], spans: list[TypedSpan]) -> None:
    """Reads every person's statements and sets `statements` and `role`."""
    spans_ending = {s.end - 1: s for s in spans}
    spans_starting = {s.start: s for s in spans}
    spans_covering = {i: s for s in spans for i in range(s.start, s.end)}
    for person in people:
        for start, end in person.mentions:
            before = statement_before(ctx, start, spans_ending)
            for statement in (
                before,
                # "Peruvian poet and director A": a title without a state, the nationality before it
                nationality_before(ctx, start, spans_ending) if before is None or before.country_code is None else None,
                statement_after(ctx, end, spans_starting) or nationality_after(ctx, end, spans_starting),
                predicate_statement(ctx, start, end, spans_covering),
            ):
                if statement is not None:
                    person.statements.append(statement)
    # "Kazakh Foreign Minister A met his Indian counterpart B": B holds A's office for B's country.
    for person in people:
        for statement in person.statements:
            if not statement.is_counterpart:
                continue
            others = [
                s
                for other in people
                if other is not person
                for s in other.statements
                if s.sentence_index == statement.sentence_index and s.title and not s.is_counterpart
            ]
            if others:
                best = max(others, key=lambda s: s.score)
                statement.title, statement.rank = best.title, best.rank
                statement.organization = best.organization
            statement.is_counterpart = False
    for person in people:
        useful = [s for s in person.statements if s.title or s.country_code]
        if not useful:
            continue
        best = max(useful, key=lambda s: (s.score, -s.sentence_index))
        role = Statement(best.title, best.rank, best.country_code, best.organization, best.sentence_index,
                         country_source=best.country_source, principal_start=best.principal_start)
        if role.country_code is None:
            with_country = [s for s in useful if s.country_code]
            if with_country:
                chosen = max(with_country, key=lambda s: (s.score, -s.sentence_index))
                role.country_code, role.country_source = chosen.country_code, chosen.country_source
        if role.title is None:
            with_title = [s for s in useful if s.title]
            if with_title:
                titled = max(with_title, key=lambda s: (s.score, -s.sentence_index))
                role.title, role.rank, role.organization = titled.title, titled.rank, titled.organization
                role.sentence_index = titled.sentence_index
        person.role = role


def add_reference_roles(ctx: Context, people: list[Person], spans: list[TypedSpan]) -> None:
    """Countries the article implies but does not state, in order of confidence:
    - a title only one state has ("Taoiseach", "Secretary of State" unqualified);
    - the actor table, when its rows for the name on the article's date (or, undated, all of them)
      agree on one state: a full name, or a surname of a head of state or government ("Putin") whose
      state the article names, if it names any;
    - an official of a person ("Ruto's foreign minister") serves that person's state;
    - a spokesperson speaks for the state of the article's principal (its most named person);
    - a titled state official (not of an international body) gets the state the article is about:
      the only state it names; else the state of a national outlet, when the article names no state
      or names the outlet's state without placing anyone there; else the other side of the story, the
      state named most (at least twice, and more than twice as often as the next) among those nobody
      in the article is placed in."""
    named = states_named(ctx, spans)
    for person in people:
        role = person.role
        if role is not None and role.country_code:
            continue
        if role is not None and role.organization and _is_international(ctx, role.organization):
            continue  # "the UN Secretary-General": an international official holds no state office
        title = ctx.reference.title_for(role.title) if role is not None and role.title else None
        if title is not None and title.country_iso3:
            role.country_code, role.country_source = title.country_iso3, "reference"
            continue
        entries = ctx.actors.people_named(person.canonical, ctx.published)
        if len(person.tokens) < 2:
            # a surname alone: only when every person of the table it may name is in government
            entries = entries if all(e.role == "GOV" for e in entries) else []
        countries = {e.country_iso3 for e in entries if e.country_iso3}
        if len(countries) != 1:
            continue
        [country] = countries
        if len(person.tokens) < 2 and named and country not in named:
            continue  # "Minister A" in a story about two other states: someone else of that surname
        # the latest role that began by the article's date: an open-ended older row of one source
        # ("Vice President since 2009") yields to a later one of another ("President since 2021")
        titled = max((e for e in entries if e.title and e.rank), key=lambda e: e.start_date or date.min, default=None)
        if role is None:
            first = ctx.sentence_of[person.first_token_index]
            role = person.role = Statement(titled.title if titled else None, titled.rank if titled else None,
                                           None, None, first)
        elif role.title is None and titled is not None:
            role.title, role.rank = titled.title, titled.rank
        role.country_code, role.country_source = country, "reference"
    _add_principal_countries(people)
    _add_conjunct_countries(ctx, people)
    _add_document_countries(ctx, people, spans, named)


def _add_principal_countries(people: list[Person]) -> None:
    """"Ruto's foreign minister, A", "Erdogan's chief adviser B": an official of a person serves
    that person's state."""
    person_at = {start: p for p in people for start, _ in p.mentions}
    for person in people:
        role = person.role
        if role is None or role.country_code or role.principal_start is None:
            continue
        principal = person_at.get(role.principal_start)
        if principal is not None and principal is not person and principal.role is not None and principal.role.country_code:
            role.country_code, role.country_source = principal.role.country_code, principal.role.country_source


# Prepositions whose conjoined objects stand on different sides ("talks between A and B").
SIDES_PREPOSITIONS = frozenset({"between", "among", "versus", "against"})


def _add_conjunct_countries(ctx: Context, people: list[Person]) -> None:
    """"Will meet with President A and Foreign Minister B": an official the article does not place,
    joined to an official it places in the object of one act, serves that official's state (the
    hosts one meets together); subjects joined ("A and B met") and the sides "between" which a
    contact is are no such team."""
    person_at = {i: p for p in people for start, end in p.mentions for i in range(start, end)}
    for person, head in _unplaced_mention_heads(ctx, people):
        if head.dep_ != "conj":
            continue
        first = head.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ not in ("dobj", "pobj") or (first.dep_ == "pobj" and first.head.lower_ in SIDES_PREPOSITIONS):
            continue
        other = person_at.get(first.i)
        if other is not None and other is not person and other.role is not None and other.role.country_code:
            person.role.country_code, person.role.country_source = other.role.country_code, "document"


def _unplaced_mention_heads(ctx: Context, people: list[Person]) -> Iterator[tuple[Person, Token]]:
    """(official, the head word of one of its mentions) for every official the article has not
    placed yet who may serve a state; an official placed on the way yields no further mention."""
    for person in people:
        role = person.role
        if role is None or not _may_serve_a_state(ctx, role):
            continue
        for start, end in person.mentions:
            if role.country_code:
                break
            head = next((t for t in ctx.tokens[start:end] if not start <= t.head.i < end), None)
            if head is not None:
                yield person, head


def _is_international(ctx: Context, organization: str) -> bool:
    known = ctx.reference.organization_by_text(organization)
    return known is not None and known.kind in ("international", "regional")


ENVOY_RANKS = frozenset({"ambassador"})
SPOKESPERSON_WORDS = frozenset({"spokesperson", "spokesman", "spokeswoman", "press secretary"})


def _add_document_countries(ctx: Context, people: list[Person], spans: list[TypedSpan], named: set[str]) -> None:
    if not people:
        return
    # the principal is the most named person who is no spokesperson: a readout's spokesperson is
    # often named as often as the minister it speaks for, and first
    speakers = [p for p in people if p.role is not None and p.role.title and _is_spokesperson_title(p.role.title)]
    principal = max((p for p in people if p not in speakers),
                    key=lambda p: (len(p.mentions), -p.first_token_index), default=None)
    if principal is not None and principal.role is not None and principal.role.country_code:
        for person in speakers:
            if not person.role.country_code:
                person.role.country_code, person.role.country_source = principal.role.country_code, "document"
    pairs = _state_pairs(ctx, spans)
    _add_counterpart_countries(ctx, people, named, pairs)
    home = document_home(ctx, people, spans, named, pairs)
    if home is None:
        return  # an article about several states does not tell whose an unplaced person is
    for person in people:
        role = person.role
        if (
            role is not None and role.country_code is None and _may_serve_a_state(ctx, role)
            and " to " not in role.title  # an ambassador to the article's state is another state's
            and role.rank not in ENVOY_RANKS  # an envoy of a story about two states may serve either
        ):
            role.country_code, role.country_source = home, "document"


def _may_serve_a_state(ctx: Context, role: Statement) -> bool:
    """A state official the article may place by its story: titled with a rank, and not an official
    of a bloc or an agency (who serves no state) nor the holder of an international office."""
    return (
        bool(role.rank) and role.rank != "non_state"
        and role.organization is None
        and not _is_international_title(ctx, role.title)
    )


def _add_counterpart_countries(ctx: Context, people: list[Person], named: set[str],
                               pairs: set[tuple[str, str]]) -> None:
    """"President A's talks with Chairman B", "A met with Minister B": in a story about two
    states, an official the article does not place, named after "with" by an official it places, is
    of the other state."""
    person_at = {i: p for p in people for start, end in p.mentions for i in range(start, end)}
    for person, head in _unplaced_mention_heads(ctx, people):
        if head.dep_ != "pobj" or head.head.lower_ != "with":
            continue
        owner = head.head.head
        sides = [c for c in owner.children if c.dep_ in ("poss", "nsubj") and c.i in person_at]
        other = person_at[sides[0].i] if len(sides) == 1 else None
        if other is None or other is person or other.role is None or not other.role.country_code:
            continue
        own = other.role.country_code
        partners = {b for a, b in pairs if a == own} or (named - {own} if own in named else set())
        if len(partners) == 1:
            person.role.country_code, person.role.country_source = partners.pop(), "document"


def _is_spokesperson_title(title: str) -> bool:
    title_words = normal_phrase(title)
    return title_words in SPOKESPERSON_WORDS or title_words.split()[-1] in SPOKESPERSON_WORDS


def _is_international_title(ctx: Context, title: str) -> bool:
    """"Secretary-General", "High Representative for ...": an office of an international body."""
    words = normal_phrase(title)
    return any(words == t or words.startswith(t + " ") for t in ctx.vocabulary.international_titles)


def states_named(ctx: Context, spans: list[TypedSpan]) -> set[str]:
    """The states the article names, as states, through their national bodies ("United States
    Congress") or through their regions ("the floods in Ontario"); where it names none of these,
    the states of the capitals it names ("in Paris")."""
    named = {s.country_code for s in spans if s.country_code and s.kind in ("country", "organization")}
    named |= {
        state for s in spans if s.kind == "place"
        if (state := ctx.reference.subdivision_state(ctx.doc[s.start : s.end].text)) is not None
    }
    if not named:
        # "Culture Minister A said the museum in Paris ...": a story that names no state but places
        # itself in a capital is about that capital's state
        named = {s.country_code for s in spans if s.kind == "place" and s.country_code}
    return named


def resolve_short_names(ctx: Context, spans: list[TypedSpan], home: str | None = None,
                        final: bool = True) -> list[TypedSpan]:
    """"the National Assembly" in a story about Venezuela is Venezuela's: a body named as at home
    belongs to the article's home state when that state has a body of that name, else to the one
    state among those the article names that has one. It keeps the words the article uses, except
    a single word no list knows as a body ("Congress"), which is too bare to stand alone: it takes
    the words another mention of the body uses, else its name at home in full (`_home_name`).
    Before the people's roles are read (`final` False) only the states the article names decide,
    so the body can place the officials it introduces ("Navy Captain A"); after them the home
    state decides too, and a single word whose state stays unknown is no entity."""
    named = states_named(ctx, spans)
    kept: list[TypedSpan] = []
    bare_bodies: list[tuple[TypedSpan, Organization]] = []
    written: dict[str, str] = {}  # a body's full name -> the words the article calls it by
    for span in spans:
        if span.short_name and span.country_code is None:
            text = ctx.doc[span.start : span.end].text
            bodies = ctx.reference.bodies_known_as(text)
            owners = [b for b in bodies if home is not None and b.country_iso3 == home] or [
                b for b in bodies if b.country_iso3 in named
            ]
            bare = span.end - span.start == 1 and not ctx.is_known_body(text)
            if len({b.country_iso3 for b in owners}) == 1:
                span.country_code = owners[0].country_iso3
                if bare:
                    bare_bodies.append((span, owners[0]))
            elif bare and final:
                continue
        kept.append(span)
    for span in kept:
        if span.short_name and span.country_code and span.end - span.start > 1:
            text = ctx.doc[span.start : span.end].text
            owners = ctx.reference.bodies_known_as(text, span.country_code)
            if len(owners) == 1:
                written.setdefault(owners[0].canonical_name, span.canonical or text)
    for span, body in bare_bodies:
        # "House" and "the House of Representatives" in one article are one body, under its written name
        span.canonical = written.get(body.canonical_name) or _home_name(body)
    return kept


def _home_name(body: Organization) -> str:
    """What a body is called at home, in full: its longest short name of several words ("House of
    Representatives" for "House"), else its full name ("United States Congress" for "Congress")."""
    longer = [name for name in body.short_names if " " in name]
    return max(longer, key=len) if longer else body.canonical_name


def document_home(ctx: Context, people: list[Person], spans: list[TypedSpan], named: set[str] | None = None,
                  pairs: set[tuple[str, str]] | None = None) -> str | None:
    """The state an official the article names by title alone serves ("the Prime Minister", "the
    Foreign Secretary"): the only state it names (itself, by a national body or by its regions); else
    the state of a national outlet, when the article names no state or names the outlet's state without
    placing anyone there; else the other side of the story, the state named most (at least twice, and
    more than twice as often as the next) among those nobody in the article is placed in. None when
    the article does not tell. `named` and `pairs` are `states_named` and `_state_pairs` of `spans`,
    when the caller has them already."""
    named = states_named(ctx, spans) if named is None else named
    held = {p.role.country_code for p in people if p.role is not None and p.role.country_code}
    counts: dict[str, int] = {}
    for span in spans:
        if span.kind == "country" and span.country_code and span.country_code not in held:
            counts[span.country_code] = counts.get(span.country_code, 0) + 1
    ranked = sorted(((n, code) for code, n in counts.items()), reverse=True)
    if len(named) == 1 and held <= named:
        [home] = named  # the only state the article names
        return home
    # "the Chile-Peru meeting", "relations between A and B", whose one side is placed: the other side
    pairs = _state_pairs(ctx, spans) if pairs is None else pairs
    other_sides = {b for a, b in pairs if a in held and b not in held}
    if len(other_sides) == 1:
        return other_sides.pop()
    if ctx.outlet_country and (not named or ctx.outlet_country in counts):
        return ctx.outlet_country  # a national outlet: its domestic story, or its own side of a pair
    if ctx.dateline_country is not None and ctx.dateline_country in counts:
        return ctx.dateline_country  # "ANKARA, May 14 (Reuters)": a story from a capital, about its state
    if ranked and ranked[0][0] >= 2 and (len(ranked) == 1 or ranked[0][0] > 2 * ranked[1][0]):
        return ranked[0][1]  # the other side: the state named most among those nobody is placed in
    return None


# The place that opens a dateline: the words before its first comma, full stop, dash or bracket
# ("ANKARA, May 14 (Reuters)", "TASHKENT, March 2. /TASS/.", "Lima (AFP)", "BISHKEK. KABAR").
DATELINE_PLACE = re.compile(r"^\s*([^\W\d_][^,.(/\-–—]*?)\s*(?:[,.(/\-–—]|$)")


def dateline_state(reference, dateline: str | None) -> str | None:
    """The state whose capital a dateline names ("ANKARA, May 14 (Reuters)" -> "TUR"), or None."""
    match = DATELINE_PLACE.match(dateline or "")
    return reference.capital_state(" ".join(match.group(1).split())) if match else None


def _state_pairs(ctx: Context, spans: list[TypedSpan]) -> set[tuple[str, str]]:
    """The states the article names as the sides of one story, as ordered pairs each both ways
    round: joined by a hyphen ("Chile-Peru relations", "the France-Morocco relationship"), named
    between ("the relationship between France and Morocco"), or listed after a plural title
    ("Foreign Ministers of Chile, Peru and Bolivia")."""
    doc = ctx.doc
    by_start = {s.start: s for s in spans if s.kind == "country" and s.country_code}
    groups: list[set[str]] = []
    for span in by_start.values():
        if is_attached_hyphen(doc, span.end) and span.end + 1 in by_start:
            groups.append({span.country_code, by_start[span.end + 1].country_code})
        elif _after_between(doc, span.start) or _after_plural_title(ctx, span.start):
            groups.append({s.country_code for s in _listed_from(doc, span, by_start)})
    return {(a, b) for group in groups for a in group for b in group if a != b}


def _listed_from(doc, first: TypedSpan, by_start: dict[int, TypedSpan]) -> list[TypedSpan]:
    """"A, B and the C": the states listed from `first` on."""
    listed = [first]
    k = first.end
    while k < len(doc) and doc[k].lower_ in (",", "and"):
        k += 1
        if k < len(doc) and doc[k].lower_ == "and":
            k += 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        if k not in by_start:
            break
        listed.append(by_start[k])
        k = by_start[k].end
    return listed


def _after_plural_title(ctx: Context, start: int) -> bool:
    k = start - 1
    if k < 1 or ctx.doc[k].lower_ != "of":
        return False
    # a plural title: the tagger may read a capitalised one as a singular name ("Ministers")
    word = ctx.doc[k - 1].lower_
    return word.endswith("s") and word[:-1] in ctx.title_heads


def _after_between(doc, start: int) -> bool:
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 0 and doc[k].lower_ == "between"


# Words of a description between a state and a name: "Brazilian [striker]", "U.S. [singer and songwriter]".
MAX_DESCRIPTION_WORDS = 4
# The longest title of the title table read whole before a name ("Deputy Chairman of the Cabinet of Ministers")
MAX_TITLE_PHRASE_WORDS = 7
# Words of a portfolio between a title and the name ("for Terrorism and Financial Intelligence")
MAX_PORTFOLIO_WORDS = 6
PORTFOLIO_JOINERS = frozenset({"and", "of", "&"})


def nationality_before(ctx: Context, name_start: int, spans_ending: dict[int, TypedSpan]) -> Statement | None:
    """"Brazil's A", "U.S. novelists A and B", "the Dutch striker A": the state a person
    is tied to without a title (a nationality, a team)."""
    doc = ctx.doc
    sentence_start, _ = ctx.sentence_range(name_start)
    k = name_start - 1
    listed_after = spans_ending.get(k - 1)
    listed = listed_after is not None and listed_after.kind == "person"
    if k - 1 >= sentence_start and doc[k].lower_ in ("and", ",") and listed:
        # "Peru's A and B", "Kenyan novelists A and B": B shares the state of the name before
        return nationality_before(ctx, listed_after.start, spans_ending)
    if k >= sentence_start and doc[k].text in POSSESSIVES:
        k -= 1
        span = spans_ending.get(k)
        if span is not None and span.kind == "country" and not _names_an_outlet_service(span, spans_ending):
            return Statement(None, None, span.country_code, None, ctx.sentence_of[name_start], country_source="text")
        return None
    words = 0
    while k >= sentence_start and words <= MAX_DESCRIPTION_WORDS and k not in spans_ending:
        token = doc[k]
        if not (token.is_lower and token.is_alpha or token.lower_ in ctx.vocabulary.nationality_joiners):
            break
        k -= 1
        words += 1
    if words and k > sentence_start and doc[k].text in POSSESSIVES:
        owner = spans_ending.get(k - 1)  # "Brazil's goalkeeper A", "Chile's veteran striker B"
        if owner is not None and owner.kind == "country":
            return Statement(None, None, owner.country_code, None, ctx.sentence_of[name_start], country_source="text")
        return None
    span = spans_ending.get(k)
    if span is None or span.kind != "country" or _names_an_outlet_service(span, spans_ending):
        return None
    # "Australian A", "the Dutch striker A"; "U.S. novelist A", "United States cyclist A": a state's
    # name needs a description of nouns in between ("Argentina thanks to A" ties A to nobody)
    described = all(doc[i].pos_ in ("NOUN", "ADJ") or doc[i].lower_ in ctx.vocabulary.nationality_joiners
                    for i in range(k + 1, name_start))
    if span.label == "NORP" or (words and described):
        return Statement(None, None, span.country_code, None, ctx.sentence_of[name_start], country_source="text")
    return None


def _names_an_outlet_service(span: TypedSpan, spans_ending: dict[int, TypedSpan]) -> bool:
    """"the Outlet Khmer's A": a language service of an outlet, not the person's nationality."""
    before = spans_ending.get(span.start - 1)
    return before is not None and before.kind == "outlet"


def nationality_after(ctx: Context, name_end: int, spans_starting: dict[int, TypedSpan]) -> Statement | None:
    """"A of Russia", "B (Canada)": the state named right after; "Senator C of Ohio": the state of
    the region named right after."""
    doc = ctx.doc
    _, sentence_end = ctx.sentence_range(name_end - 1)
    k = name_end
    if k + 1 < sentence_end and doc[k].lower_ in ("of", "from", "("):
        span = spans_starting.get(k + 1)
        if span is None or not (span.end >= sentence_end or not doc[span.end].text[0].isupper()):
            return None
        country_code = span.country_code if span.kind == "country" else None
        if span.kind == "place":
            country_code = ctx.reference.subdivision_state(doc[span.start : span.end].text)
        if country_code is not None:
            return Statement(None, None, country_code, None, ctx.sentence_of[name_end - 1], country_source="text")
    return None


def _ends_title_phrase(ctx: Context, end: int) -> bool:
    """The words before and at `end` make a title of the table ("attorney general", "secretary
    general", "major general")."""
    doc = ctx.doc
    return any(normal_phrase(doc[start : end + 1].text) in ctx.title_phrases for start in range(max(0, end - 3), end))


def statement_before(ctx: Context, name_start: int, spans_ending: dict[int, TypedSpan]) -> Statement | None:
    """[the] [Demonym | Country's] Title [of|to|at the Org/Country]* Name."""
    doc = ctx.doc
    sentence_start, _ = ctx.sentence_range(name_start)
    k = name_start - 1
    # "the Speaker of Parliament of Ruritania H.E. Dr. A": forms of address between the title and the name
    while k > sentence_start and doc[k].lower_ in ctx.vocabulary.honorifics and not ctx.is_title_token(doc[k]):
        k -= 1
    # "Chief of Army Staff General A", "army chief Admiral B": military ranks between a title and the
    # name are forms of address, unless they end a title of the table ("Attorney General A")
    while (k - 1 > sentence_start and doc[k].lower_ in ctx.vocabulary.military_ranks
           and ctx.is_title_token(doc[k - 1]) and not _ends_title_phrase(ctx, k)):
        k -= 1
    if k - 1 >= sentence_start and doc[k].text == "," and (ctx.is_title_token(doc[k - 1]) or (k - 1) in spans_ending):
        k -= 1  # an appositive: "Vietnam's ambassador to Japan, A"
    chain: list[tuple[str, TypedSpan]] = []
    # "Secretary of the Treasury A" (a title of the title table, article and all) and "Under Secretary
    # for Terrorism and Financial Intelligence A" (a title and its portfolio) are read whole; the scan
    # of title words below goes on from their start
    portfolio = _portfolio_start(ctx, k + 1, sentence_start)
    whole_title = _title_phrase_start(ctx, k + 1 if portfolio is None else portfolio, sentence_start)
    read_whole = portfolio is not None or whole_title is not None
    if read_whole:
        title_end, k = k + 1, (whole_title if whole_title is not None else portfolio) - 1
    while not read_whole and k >= sentence_start and k in spans_ending and spans_ending[k].kind != "person":
        span = spans_ending[k]
        a = span.start - 1
        if a >= sentence_start and doc[a].lower_ == "the":
            a -= 1
        if a >= sentence_start and doc[a].lower_ in ctx.vocabulary.title_prepositions:
            chain.insert(0, (doc[a].lower_, span))
            k = a - 1
        else:
            break
    if not read_whole:
        title_end = k + 1
    while k >= sentence_start and (k not in spans_ending or spans_ending[k].kind == "person") and (ctx.is_title_token(doc[k]) or doc[k].lower_ in ctx.vocabulary.title_joiners_before_name):
        if any(s.start <= k < s.end for s in spans_ending.values() if s.kind != "person" and s.end - 1 != k):
            break
        k -= 1
    title_start = k + 1
    country_code = None
    country_source = None
    principal_start = None
    if k >= sentence_start and doc[k].text in POSSESSIVES and (k - 1) in spans_ending and spans_ending[k - 1].kind == "country":
        country_code = spans_ending[k - 1].country_code
        k = spans_ending[k - 1].start - 1
    elif k >= sentence_start and doc[k].text in POSSESSIVES and (k - 1) in spans_ending and spans_ending[k - 1].kind == "person":
        principal_start = spans_ending[k - 1].start  # "Ruto's foreign minister": Ruto's state, once known
    elif k in spans_ending and spans_ending[k].kind == "country":
        country_code = spans_ending[k].country_code
        k = spans_ending[k].start - 1
    elif k in spans_ending and spans_ending[k].kind == "organization" and title_start < title_end:
        organization = spans_ending[k]
        k = organization.start - 1
        if k in spans_ending and spans_ending[k].kind == "country":
            # "Moroccan Energy Transition Minister A": a state's body, the state stated before it
            country_code = spans_ending[k].country_code
            k = spans_ending[k].start - 1
        elif _is_international(ctx, organization.canonical or doc[organization.start : organization.end].text):
            envoy = _envoy_to_body(ctx, organization, spans_ending, ctx.sentence_of[name_start])
            if envoy is not None:
                return envoy
            chain.insert(0, ("of", organization))  # "the UN Secretary-General A", "NATO Secretary General B"
        elif organization.country_code:
            # "State Department Spokesperson A": a body of one state
            country_code, country_source = organization.country_code, "organisation"
    if country_code is None and k - 1 >= sentence_start and doc[k].lower_ == "by" and doc[k - 1].lower_ in ctx.vocabulary.leadership_verbs:
        country_code = _delegation_country(ctx, k - 1, spans_ending)
    statement = _statement_from(ctx, title_start, title_end, chain, country_code, ctx.sentence_of[name_start],
                                country_source)
    if statement is not None and statement.country_code is None:
        statement.principal_start = principal_start
    return statement


def _envoy_to_body(ctx: Context, body: TypedSpan, spans_ending: dict[int, TypedSpan],
                   sentence_index: int) -> Statement | None:
    """"[Ruritanian] Permanent Representative to the <international body> Ambassador A": the title before
    "to the <international body>" is the person's office, held for the state named before it (the
    title after the body is the form of address)."""
    doc = ctx.doc
    sentence_start, _ = ctx.sentence_range(body.start)
    k = body.start - 1
    if k >= sentence_start and doc[k].lower_ == "the":
        k -= 1
    if k < sentence_start or doc[k].lower_ != "to":
        return None
    title_end = k
    k -= 1
    while k >= sentence_start and k not in spans_ending and ctx.is_title_token(doc[k]):
        k -= 1
    title_start = k + 1
    if title_start == title_end:
        return None
    state = spans_ending.get(k)
    country_code = state.country_code if state is not None and state.kind == "country" else None
    statement = _statement_from(ctx, title_start, title_end, [], country_code, sentence_index)
    if statement is not None:
        statement.title = f"{statement.title} to the {body.canonical or doc[body.start : body.end].text}"
    return statement


def _portfolio_start(ctx: Context, end: int, sentence_start: int) -> int | None:
    """Position of "for" in "<title> for <Capitalised Portfolio> <name>" ("Under Secretary for
    Terrorism and Financial Intelligence A"), when a title head or a known title ends before it."""
    doc = ctx.doc
    j = end - 1
    words = 0
    while j > sentence_start and words <= MAX_PORTFOLIO_WORDS and (
        is_capitalised_word(doc[j]) or (words and doc[j].lower_ in PORTFOLIO_JOINERS)
    ):
        j -= 1
        words += 1
    if not words or doc[j].lower_ != "for" or j - 1 < sentence_start or not is_capitalised_word(doc[end - 1]):
        return None
    if any(ctx.reference.country_by_text(t.text) is not None for t in doc[j + 1 : end]):
        return None  # "Minister for Foreign Affairs of Japan A": the state is read by the chain of "of"
    before = doc[j - 1]
    if before.lower_ in ctx.title_heads or _title_phrase_start(ctx, j, sentence_start) is not None:
        return j
    return None


def _title_phrase_start(ctx: Context, end: int, sentence_start: int) -> int | None:
    """Start of the longest title of the title table that ends at `end` and holds an article or "of"
    ("Chief of the General Staff", "Chief of Army Staff"): the word-by-word scan stops at "the",
    and the NER often takes what follows it, or "of", for a body ("the Treasury A", "Army")."""
    doc = ctx.doc
    for length in range(MAX_TITLE_PHRASE_WORDS, 2, -1):
        start = end - length
        if start < sentence_start:
            continue
        words = [t.lower_ for t in doc[start:end]]
        if ("the" in words[1:-1] or "of" in words[1:-1]) and normal_phrase(doc[start:end].text) in ctx.title_phrases:
            return start
    return None


def _delegation_country(ctx: Context, verb_index: int, spans_ending: dict[int, TypedSpan]) -> str | None:
    """"The Kazakh delegation, led by ...": the nearest country before the verb, a few words back."""
    sentence_start, _ = ctx.sentence_range(verb_index)
    for k in range(verb_index - 1, max(sentence_start, verb_index - 8) - 1, -1):
        span = spans_ending.get(k)
        if span is not None and span.kind == "country":
            return span.country_code
    return None


def statement_after(ctx: Context, name_end: int, spans_starting: dict[int, TypedSpan]) -> Statement | None:
    """Name, [the] [Demonym] Title [of|to|at the Org/Country]* ,  --  and "appointed A as Title of X"."""
    doc = ctx.doc
    _, sentence_end = ctx.sentence_range(name_end - 1)
    k = name_end
    if k + 1 >= sentence_end or not (
        doc[k].text == "," or (doc[k].lower_ == "as" and is_capitalised_word(doc[k + 1]) and ctx.is_title_token(doc[k + 1]))
    ):
        return None
    k += 1
    if k < sentence_end and doc[k].lower_ in ctx.vocabulary.articles:  # "A, the ...", "A, a former Congressman"
        k += 1
    country_code = None
    if k in spans_starting and spans_starting[k].kind == "country":
        country_code = spans_starting[k].country_code
        k = spans_starting[k].end
        if k < sentence_end and doc[k].text in POSSESSIVES:
            k += 1
    title_start = k
    while k < sentence_end and k not in spans_starting and (ctx.is_title_token(doc[k]) or (doc[k].lower_ in ctx.vocabulary.title_joiners_after_name and k + 1 < sentence_end and ctx.is_title_token(doc[k + 1]))):
        k += 1
    title_end = k
    if title_end == title_start:
        return None
    # "A, director of the Agency,": a title in lower case, with no article or state before it, counts
    # only with the body or state it is of ("A, current Secretary of X," has a capitalised head)
    needs_holder = (
        not any(is_capitalised_word(doc[i]) for i in range(title_start, title_end))
        and doc[title_start - 1].lower_ not in ctx.vocabulary.articles and country_code is None
    )
    chain: list[tuple[str, TypedSpan]] = []
    while k < sentence_end and doc[k].lower_ in ctx.vocabulary.title_prepositions:
        a = k + 1
        if a < sentence_end and doc[a].lower_ == "the":
            a += 1
        span = spans_starting.get(a)
        if span is None or span.kind == "person":
            break
        chain.append((doc[k].lower_, span))
        k = span.end
    if needs_holder and not chain:
        return None
    following = spans_starting.get(k)
    if following is not None and following.kind == "person":
        return None  # "A, Japanese Foreign Minister B, and C": the title introduces the next name in a list
    return _statement_from(ctx, title_start, title_end, chain, country_code, ctx.sentence_of[name_end - 1])


def _statement_from(
    ctx: Context,
    title_start: int,
    title_end: int,
    chain: list[tuple[str, TypedSpan]],
    country_code: str | None,
    sentence_index: int,
    country_source: str | None = None,
) -> Statement | None:
    doc = ctx.doc
    connectors = ctx.vocabulary.connectors
    while title_start < title_end and doc[title_start].lower_ in connectors:
        title_start += 1
    while title_end > title_start and doc[title_end - 1].lower_ in connectors:
        title_end -= 1
    if title_start >= title_end:
        return None
    words = list(doc[title_start:title_end])
    words_text = doc[title_start:title_end].text
    if not any(t.lower_ in ctx.title_heads or normal_phrase(t.text) in ctx.title_phrases for t in words) and (
        normal_phrase(words_text) not in ctx.title_phrases  # "State Councilor": a title whose head is no title alone
    ):
        return None
    source = (country_source or "text") if country_code else None
    if normal_phrase(words_text).split()[-1] == "counterpart":
        return Statement(None, None, country_code, None, sentence_index, is_counterpart=True, country_source=source)
    title, rank = _title_display(ctx, words_text)
    organization = None
    for preposition, span in chain:
        if span.kind == "country":
            if preposition == "of" and country_code is None:
                country_code, source = span.country_code, "text"
            elif preposition == "to":
                title = f"{title} to {span.canonical}"  # the host state, never the holder's own
        elif span.kind == "organization":
            if preposition == "of" and organization is None:
                organization, org_country = _org_for_title(ctx, span)
                title = f"{title} of the {organization}"
                if country_code is None and org_country:
                    country_code, source = org_country, "organisation"
            elif preposition in ctx.vocabulary.location_prepositions and country_code is None and span.country_code:
                country_code, source = span.country_code, "organisation"
    full_rank = ctx.reference.title_rank(title)
    if full_rank and (rank is None or organization is not None):
        rank = full_rank[1]  # "Vice President of the Ruritanian Supreme Court" leads a body, not a state
    return Statement(title, rank, country_code, organization, sentence_index, country_source=source)


def _title_display(ctx: Context, words_text: str) -> tuple[str, str | None]:
    key = normal_phrase(words_text)
    if key in ctx.title_phrases:
        return ctx.title_phrases[key][0], ctx.title_phrases[key][1]
    found = ctx.reference.title_rank(words_text)
    return words_text, (found[1] if found else None)


def _org_for_title(ctx: Context, span: TypedSpan) -> tuple[str, str | None]:
    """Organisation name for a title, with a trailing "of <Country>" moved to the country; a body the
    actor table ties to one state ("the Political Bureau of the CPC Central Committee") gives it."""
    name = span.canonical or ctx.doc[span.start : span.end].text
    match = re.match(r"^(.+?) of (?:the )?(.+)$", name)
    if match:
        country = ctx.reference.country_by_text(match.group(2))
        if country is not None:
            return match.group(1), country.iso3
    if span.country_code:
        return name, span.country_code
    countries = {o.country_iso3 for o in ctx.actors.organization_named(name) if o.country_iso3}
    return name, countries.pop() if len(countries) == 1 else None
