"""Directed acts between states: who did what to whom, coded with CAMEO.

Verbs are read through the CAMEO verb dictionary of the PETRARCH2 project
(`seeds/reference/patterns/cameo_verbs.csv`) completed by the hand-written general patterns of
`event_verbs.csv` (via `pipeline.actor_reference`): among the patterns of a verb's lemma, the most
specific one whose particle, preposition and object or preceding words the sentence holds gives the
code; a pattern without a code says the verb reports no event there. Event nouns ("sanctions on X",
"Russia's attack on Y", "its condemnation of Z", "reaffirmed our commitment to X") come from the
`event_nouns` list of `interaction_words.json`: a noun the dictionary knows only as the object of one
verb ("launch [a campaign]") says nothing alone.

The source is the grammatical subject's state (or the noun's possessor, "by" phrase or demonym, or
the subject of the verb that states the noun), the target the state nearest the verb or noun in its
complements; both must be states or international organisations acting through political actors,
and differ. "We" and "our" are the state that speaks in the article; "the two ministers", "both
sides", "they" are the parties of the latest contact. A sentence about a match between national
teams ("France beat Spain 2-1") is sport, not an act between states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Mapping

from spacy.tokens import Span, Token

from pipeline.actor_reference import ActorReference, CameoCode, VerbPattern
from pipeline.nlp.interactions.actors import OWNER_DEPS, Actor, ActorIndex, is_listed, is_private_noun, state_actor
from pipeline.nlp.patterns import InteractionWords

OBJECT_DEPS = frozenset({"dobj", "attr", "dative", "oprd"})
# How far after the verb a pattern's object words may stand, in tokens of the verb's clause.
OBJECT_WINDOW = 10
BEFORE_WINDOW = 4
# Dependencies followed from a verb or noun to find what it acts on: its objects, complements and
# their modifiers, not its subject or a clause about something else.
COMPLEMENT_DEPS = frozenset({
    "dobj", "attr", "dative", "oprd", "prep", "pobj", "pcomp", "xcomp", "poss", "compound", "amod", "nmod",
    "appos", "conj", "dep", "agent",
})
TARGET_DEPTH = 4
INCLUDING_PREPOSITIONS = frozenset({"including", "like"})
SUBJECT_MATTER_PREPOSITIONS = frozenset({"about", "over", "concerning", "regarding"})
APPEAL_ROOT, DEMAND_ROOT, DEMAND_CODE = "02", "10", "100"
CONSULT_ROOT = "04"  # meetings, talks, visits: read as contacts
# express intent to cooperate, engage in diplomatic cooperation ("decided to", "agreed to")
DECIDING_ROOTS = frozenset({"03", "05"})
# "condemned the test": only a judgement is aimed at whoever acted just before ("obstructed the
# transition" names no one)
DISAPPROVE_ROOT = "11"
DENY_CODE = "016"  # deny responsibility: "rejected the accusations"
BARE_STATEMENT_CODES = frozenset({"010", "011", "01"})
# Acts that parties named together do with each other when they name no one else ("the two ministers
# agreed to deepen cooperation"); praising a treaty together is no act between them.
COOPERATIVE_CLASSES = frozenset({"verbal_cooperation", "material_cooperation"})
VERBAL_CLASSES = frozenset({"verbal_cooperation", "verbal_conflict"})
SYMMETRIC_ROOTS = frozenset({"03", "06"})
SYMMETRIC_CODES = frozenset({"050", "057"})
FORCE_POSTURE_ROOT, JOINT_EXERCISE_CODE = "15", "062"
# assault, fight, mass violence: acts whose target may be named only by the place they struck
FORCE_ROOTS = frozenset({"18", "19", "20"})
# aid, which may name its recipient only by the place it goes to ("sent aid convoys to Gaza")
AID_ROOT = "07"
AID_DESTINATION_PREPOSITIONS = frozenset({"to", "for", "into"})
# "shelled a building in Kharkiv", "strikes near Aleppo", "missiles fell on Odesa", "the port of Odesa"
STRUCK_PLACE_PREPOSITIONS = frozenset({"in", "near", "on", "upon", "at", "around", "outside", "across", "into", "over", "of"})
STRUCK_PLACE_DEPS = frozenset({"dobj", "nsubjpass", "prep", "pobj", "appos", "conj", "npadvmod"})
STRUCK_PLACE_DEPTH = 6  # three prepositions deep: "struck positions near A in northern B"
MATCH_SCORE = re.compile(r"^\d{1,2}[-–]\d{1,2}$")  # "2-0": a result, not a date or a ratio
# "beat North Korea, 2-0,": a result the tokenizer splits into three tokens; a comma before it tells
# it from a span of days ("October 3-4")
SCORE_IN_TEXT = re.compile(r",\s\d{1,2}\s?[-–]\s?\d{1,2}(?=[,.;:]|\s+(?:in|at|on|after)\b)")


@dataclass(frozen=True)
class EventCode:
    code: str
    root: str
    quad_class: str
    goldstein: float | None
    name: str


@dataclass
class DirectedAct:
    token: Token
    code: EventCode
    sources: list[Actor]
    targets: list[Actor]
    clause_verb: Token | None
    from_noun: bool = False
    passive_unattributed: bool = False  # "the ambassador was summoned": the speaker acted


# "the test", "this decision": a noun that names an act already reported
DEFINITE_DETERMINERS = frozenset({"the", "this", "these", "that", "those", "such"})
CARRIED_ACT_SENTENCES = 2
STATE_POSSESSIVES = frozenset({"its", "their"})
RELATIVE_PRONOUNS = frozenset({"that", "which"})
ANTECEDENT_WINDOW_TOKENS = 400  # how far back "the test" looks for the launch it names


@dataclass
class ActContext:
    """What the reading of one document's acts needs besides the sentence."""

    index: ActorIndex
    actors: ActorReference
    words: InteractionWords
    subject_heads: Callable[[Token], list[Token]]
    prep_objects: Callable[[Token, object], list[Token]]
    speaker: Actor | None = None  # the state that speaks in the article ("we")
    group: list[Actor] = field(default_factory=list)  # the parties of the latest contact
    # the state each state last acted on, and in which sentence ("This is unacceptable.")
    last_targets: dict[str, tuple[Actor, int]] = field(default_factory=dict)
    # the states that acted in the latest sentences, latest last, with the sentence of the act
    recent_sources: list[tuple[Actor, int]] = field(default_factory=list)
    sentence_index: int = 0
    # best_pattern of each (verb, negated): the speaker's pass and the main pass read the same verbs
    patterns: dict[tuple[int, bool], VerbPattern | None] = field(default_factory=dict)


def event_code(actors: ActorReference, code: str) -> EventCode | None:
    known: CameoCode | None = actors.cameo_code(code)
    root = code[:2]
    if known is None:
        root_code = actors.cameo_code(root + "0") or actors.cameo_code(root)
        if root_code is None:
            return None
        return EventCode(code, root, root_code.quad_class, root_code.goldstein, root_code.name)
    return EventCode(code, known.root or root, known.quad_class, known.goldstein, known.name)


# ---------------------------------------------------------------------------------------------
# Pattern matching


MIN_STEM_LENGTH = 5  # a dictionary stem ("violat") of at least this length matches the words it begins


def _token_keys(token: Token) -> frozenset[str]:
    """Every slot word that matches the token: its form, its lemma, and its stems."""
    return _word_keys(token.lower_, token.lemma_.lower())


@lru_cache(maxsize=65536)
def _word_keys(lower: str, lemma: str) -> frozenset[str]:
    return frozenset({lower, lemma, *(lower[:end] for end in range(MIN_STEM_LENGTH, len(lower)))})


@lru_cache(maxsize=None)
def _member_words(member: str) -> tuple[str, ...]:
    return tuple(member.split())


def _member_matches(words: tuple[str, ...], keys: list[frozenset[str]], start: int) -> int:
    """Length of the match of a slot member (one or more words) at keys[start], else 0."""
    if start + len(words) > len(keys):
        return 0
    for offset, word in enumerate(words):
        if word not in keys[start + offset]:
            return 0
    return len(words)


@lru_cache(maxsize=None)
def _slot_members(slot: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(_member_words(member) for member in slot)


@lru_cache(maxsize=None)
def _slot_first_words(slot: frozenset[str]) -> frozenset[str]:
    """The words a member of the slot can start with: a window holding none cannot fill the slot."""
    return frozenset(words[0] for words in _slot_members(slot) if words)


def _slots_match(slots: tuple[frozenset[str], ...], keys: list[frozenset[str]], present: frozenset[str],
                 adjectives: frozenset[int] = frozenset()) -> bool:
    """Every slot filled, in order, other words allowed in between. `present`: every key of the
    window, so a slot none of whose members can start in it fails at once. `adjectives`: positions
    of adjectives before their noun, which fill a pattern's last word only as part of a phrase
    ("accused B of aiming a military grade laser beam" does not accuse B's military; "joint" of
    "{joint drills}" is no last word)."""
    position = 0
    for index, slot in enumerate(slots):
        if _slot_first_words(slot).isdisjoint(present):
            return False
        members = _slot_members(slot)
        last = index == len(slots) - 1
        found = False
        while position < len(keys):
            length = max((_member_matches(words, keys, position) for words in members
                          if len(words) > 1 or not last or position not in adjectives), default=0)
            if length:
                position += length
                found = True
                break
            position += 1
        if not found:
            return False
    return True


@dataclass(frozen=True)
class _Window:
    """The slot keys of the words around a verb, computed once for all of the verb's patterns."""

    keys: list[frozenset[str]]
    present: frozenset[str]
    adjectives: frozenset[int] = frozenset()

    @classmethod
    def of(cls, tokens: list[Token]) -> "_Window":
        keys = [_token_keys(token) for token in tokens]
        adjectives = frozenset(position for position, token in enumerate(tokens)
                               if token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.i > token.i)
        return cls(keys, frozenset().union(*keys), adjectives)


@dataclass(frozen=True)
class _Clause:
    """What a verb's patterns test, read from the parse once for all of them."""

    negated: bool
    particles: frozenset[str]  # "set up", "called off"
    prepositions: frozenset[str]  # the verb's own prepositions, agent and dative included
    after: "_Window"
    before: "_Window"


def _pattern_score(pattern: VerbPattern, clause: _Clause) -> int | None:
    """How specific a matching pattern is (None: it does not match this clause)."""
    if pattern.negated != clause.negated:
        return None
    score = 0
    if pattern.particle:
        if pattern.particle not in clause.particles:
            return None
        score += 2
    if pattern.preposition:
        if pattern.preposition not in clause.prepositions:
            return None
        score += 1
    after, before = clause.after, clause.before
    if pattern.object_words:
        if not _slots_match(pattern.object_words, after.keys, after.present, after.adjectives):
            return None
        score += 3 * len(pattern.object_words)
    if pattern.before_words:
        if not _slots_match(pattern.before_words, before.keys, before.present):
            return None
        score += 2 * len(pattern.before_words)
    return score


def best_pattern(actors: ActorReference, verb: Token, negated: bool) -> VerbPattern | None:
    """The most specific pattern of the verb that the clause holds; the first in file order among
    equals (the hand-written patterns come first)."""
    patterns = actors.verbs_for(verb.lemma_.lower())
    if not patterns:
        return None
    sentence = verb.sent
    clause = sorted(verb.subtree, key=lambda t: t.i)
    # "the ambassador was summoned": a passive verb's subject is what its patterns' objects name
    objects = [t for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree]
    children = list(verb.children)
    read = _Clause(
        negated=negated,
        particles=frozenset(c.lower_ for c in children if c.dep_ == "prt"),
        prepositions=frozenset(c.lower_ for c in children if c.dep_ in ("prep", "agent", "dative")),
        after=_Window.of([*objects, *[t for t in clause if t.i > verb.i][:OBJECT_WINDOW]]),
        before=_Window.of(list(verb.doc[max(sentence.start, verb.i - BEFORE_WINDOW):verb.i])),
    )
    best: tuple[int, int, VerbPattern] | None = None
    for order, pattern in enumerate(patterns):
        score = _pattern_score(pattern, read)
        if score is None:
            continue
        if best is None or score > best[0]:
            best = (score, order, pattern)
    return best[2] if best else None


# ---------------------------------------------------------------------------------------------
# Event nouns


def _noun_code(token: Token, nouns: dict[str, str]) -> str | None:
    """The code of an event noun: "restrictive measures" (with its modifier), else the noun alone."""
    lemma = token.lemma_.lower()
    for child in token.lefts:
        if child.dep_ in ("amod", "compound"):
            for form in (f"{child.lower_} {token.lower_}", f"{child.lemma_.lower()} {lemma}"):
                if form in nouns:
                    return nouns[form]
    return nouns.get(token.lower_) or nouns.get(lemma)


# ---------------------------------------------------------------------------------------------
# Sides


def states_of(actors: list[Actor]) -> list[Actor]:
    """The acting states (and international bodies) behind political actors."""
    found: dict[str, Actor] = {}
    for actor in actors:
        if not actor.political:
            continue
        if actor.kind == "io":
            found.setdefault(actor.key, actor)
        elif actor.body:  # the UN Secretary-General acts for the United Nations
            found.setdefault(f"io:{actor.body}", Actor(f"io:{actor.body}", "io", None, None, True, actor.body))
        elif actor.country:
            found.setdefault(f"state:{actor.country}", actor)
    return list(found.values())


def state_key(actor: Actor) -> str:
    return actor.key if actor.kind == "io" else f"state:{actor.country}"


def side_code(actor: Actor) -> str | None:
    """How a side is stored: a state's ISO3 code, an international body's canonical name."""
    return actor.label if actor.kind == "io" else actor.country


def is_sport(sentence: Span, sides: list[Actor], words: InteractionWords, named: Mapping[int, Actor] | None = None) -> bool:
    """"France beat Spain 2-1", "Argentina will meet Germany in the final": national teams. Where a
    person or body is a side too ("the prime minister congratulated the hockey team on its win over
    B"), only a word that names nothing but sport says so: "the final decision", "a goal" do not."""
    if not any(a.kind == "state" for a in sides):
        return False
    if any(is_listed(t, words.sport_only_words) for t in sentence):
        return True
    if any(a.kind in ("person", "official", "body", "io") for a in sides):
        return False
    return bool(SCORE_IN_TEXT.search(sentence.text)) or any(
        _is_sport_word(t, words, named or {}) or MATCH_SCORE.match(t.text) for t in sentence
    )


def _is_sport_word(token: Token, words: InteractionWords, named: Mapping[int, Actor]) -> bool:
    """A word of `sport_words` used as sport uses it: a noun ("the final", not "the final
    declaration"; "a match", not "match each other") or a listed sport verb ("scored"), outside the
    name of an international body or a state's body (`named`: the actors at tokens; "the Arab
    League"), neither modified nor governed by a word that gives it another sense ("an arms race",
    "the negotiating team", "a game changer", "imposed penalties"), and not a number of people
    ("scores of civilians")."""
    if not is_listed(token, words.sport_words):
        return False
    if token.pos_ not in ("NOUN", "PROPN") and not is_listed(token, words.sport_verbs):
        return False
    if token.i in named and named[token.i].kind in ("io", "body"):
        return False
    neighbours = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    neighbours += [g for c in neighbours for g in c.children if g.dep_ == "conj"]  # "search and rescue teams"
    if token.dep_ in ("compound", "dobj", "nsubjpass"):
        neighbours.append(token.head)
    if any(is_listed(n, words.non_sport_neighbours) for n in neighbours):
        return False
    return not (is_listed(token, words.sport_quantity_words)
                and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children))


def _is_group(head: Token, words: InteractionWords) -> bool:
    """"they", "the two ministers", "both sides", "the leaders": the parties just named together."""
    if head.lower_ in words.group_nouns and head.pos_ == "PRON":
        return True
    if head.lower_ not in words.group_nouns or head.tag_ not in ("NNS", "NNPS"):
        return False
    return not any(c.dep_ in ("amod", "compound", "poss", "prep") for c in head.children
                   if c.lower_ not in words.group_nouns)


def _head_actors(head: Token, context: ActContext) -> list[Actor]:
    words = context.words
    holders = context.index.title_holders(head) or context.index.title_officials(head, states_of(list(context.group)))
    if holders:
        return holders
    actors = context.index.actors_of(head)
    if actors:
        return actors
    if head.lower_ in words.first_person_plural:
        return [context.speaker] if context.speaker is not None else []
    # "nations including Japan and South Korea"
    listed = [g for c in head.children if c.dep_ == "prep" and c.lower_ in INCLUDING_PREPOSITIONS
              for g in c.children if g.dep_ == "pobj"]
    if listed:
        return [a for g in listed for a in context.index.actors_of(g)]
    if _is_group(head, words) and len(context.group) >= 2:
        return list(context.group)
    return []


def _side(heads: list[Token], context: ActContext) -> list[Actor]:
    return states_of([a for head in heads for a in _head_actors(head, context)])


def _complement_side(start: list[Token], context: ActContext, skip: set[int], bodies_are_venues: bool = True) -> list[Actor]:
    """The states nearest to the start tokens in their complements: breadth first, the first level
    that names any (where it names only international bodies and `bodies_are_venues`, a state the
    act is "against" is preferred)."""
    level = [t for t in start if t.i not in skip and not _names_no_target(t, context.words)]
    seen: set[int] = set(skip)
    for _ in range(TARGET_DEPTH):
        # "extradited a Russian suspect to the United States", "sold Russian oil to India": the state
        # the act is aimed at outranks the nationality of what it moves
        aimed = [t for t in level if t.dep_ == "pobj" and t.head.lower_ in context.words.target_prepositions]
        found = (_side(aimed, context) if aimed else []) or _side(level, context)
        if found and bodies_are_venues and all(a.kind == "io" for a in found):
            # "filed a case against B at the court", "a complaint with the WTO against B's tariffs": the
            # body is where the act is taken, the state it is against is the one acted on
            opposed = [t for head in start for t in head.subtree if t.dep_ == "pobj" and t.head.lower_ == "against"
                       and t.i not in skip]
            found = (_complement_side(opposed, context, skip, bodies_are_venues=False) if opposed else []) or found
        if found:
            return found
        following: list[Token] = []
        for token in level:
            seen.add(token.i)
            # "praised the Chinese actress", "criticised Spanish fans": people outside government whose
            # nationality names no state acted on
            private = is_private_noun(token, context.words)
            following.extend(c for c in token.children if (c.dep_ in COMPLEMENT_DEPS or _names_author(c)) and c.i not in seen
                             and not _names_no_target(c, context.words)
                             and not (private and c.dep_ in OWNER_DEPS))
        # "pledged 500 million euros [in] aid to B": what an amount is of stands in the amount's place
        following = [g for c in following
                     for g in (_children_of_amount(c) if c.dep_ == "prep" and c.lower_ == "in" else [c])]
        if not following:
            return []
        level = following
    return []


def _capital_in(heads: list[Token], context: ActContext) -> list[Actor]:
    """The state of a capital named "in" the phrases ("the foreign ministry in Warsaw")."""
    for head in heads:
        for place in context.prep_objects(head, ("in",)):
            found = context.index.place_of(place)
            state = context.index.reference.capital_state(found[0]) if found is not None else None
            if state is not None:
                return [state_actor(state)]
    return []


def _naming_judgement(verb: Token, context: ActContext) -> EventCode | None:
    """"called the new sanctions illegal", "branded the drills a provocation", "described the vote
    as a farce": naming something by a word of the stance cues judges it (that cue's code)."""
    if verb.lemma_.lower() not in context.words.naming_verbs:
        return None
    names = [c for c in verb.children if c.dep_ in ("oprd", "xcomp")]
    names += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    for name in names:
        text = " ".join(t.text for t in name.subtree)
        for code_text, cues in context.words.stance_cues:
            if cues.search(text):
                return event_code(context.actors, code_text)
    return None


def _is_bare_infinitive_clause(clause: Token) -> bool:
    """"[Libya recover]" of "help Libya recover": a clause of a verb in its base form with no
    marker, auxiliary or "to" ("said Libya would recover" is reported speech)."""
    return clause.dep_ == "ccomp" and clause.tag_ == "VB" and not any(
        c.dep_ in ("mark", "aux", "auxpass") for c in clause.children)


def _first_conjunct(verb: Token | None) -> Token | None:
    """"vowed to retaliate and [expel]": the verb whose place in the clause a conjunct shares."""
    while verb is not None and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _children_of_amount(preposition: Token) -> list[Token]:
    """The object of "in" after an amount ("500 million euros in aid"), else the preposition itself."""
    amount = preposition.head
    if not any(c.dep_ == "nummod" for c in amount.children):
        return [preposition]
    return [g for g in preposition.children if g.dep_ == "pobj"] or [preposition]


def _subtree_indices(heads: list[Token]) -> set[int]:
    return {t.i for head in heads for t in head.subtree}


# ---------------------------------------------------------------------------------------------
# Acts


def directed_acts(sentence: Span, context: ActContext, contact_tokens: frozenset[int] = frozenset()) -> list[DirectedAct]:
    """Every act between states the sentence reports through a verb or an event noun; one per pair
    of sides, a noun stated by a verb ("expressed concern") taking the place of the verb. Meetings,
    talks, calls and visits are contacts (`contact_tokens`, and any consultation code), read apart;
    a bare statement ("the sides noted") is no act."""
    acts: list[DirectedAct] = []
    words = context.words
    nouns = words.event_nouns
    for token in sentence:
        if token.i in contact_tokens:
            continue
        act = None
        if token.pos_ in ("VERB", "AUX"):
            lemma = token.lemma_.lower()
            if lemma in words.leadership_verbs or (lemma in words.light_verbs and _carries_contact(token, contact_tokens, words)):
                continue  # "the delegation, led by A, engaged in talks with B": the talks are the event
            if token.lower_ in words.stance_adjectives:
                # "was alarmed by B's launch", "is disappointed with": a participle read as the stance
                act = _adjective_act(token, words.stance_adjectives[token.lower_], context)
            else:
                act = _verb_act(token, context)
        elif token.pos_ in ("NOUN", "PROPN"):
            code = _noun_code(token, nouns)
            if code is not None:
                act = _noun_act(token, code, context)
        elif token.pos_ == "ADJ" and token.lemma_.lower() in words.stance_adjectives:
            act = _adjective_act(token, words.stance_adjectives[token.lemma_.lower()], context)
        if act is None or act.code.root == CONSULT_ROOT or act.code.code in BARE_STATEMENT_CODES:
            continue
        if not is_sport(sentence, [*act.sources, *act.targets], words, context.index.at_token):
            acts.append(act)
    # "thanked B for Qatar's willingness to help": a cooperative noun inside another act's complement
    # is what that act is about, not an act of its own
    acting_verbs = [a.token for a in acts if not a.from_noun]
    acts = [
        a for a in acts
        if not (a.from_noun and a.code.quad_class in COOPERATIVE_CLASSES and a.clause_verb is None
                and any(v.i != a.token.i and a.token in v.subtree for v in acting_verbs))
    ]
    # "decided to impose sanctions on B", "agreed to impose": an intent or agreement to cooperate cannot
    # govern a hostile act; the act in its complement is what was done (or is planned)
    hostile_complements = {verb.head.i for a in acts if a.code.quad_class not in COOPERATIVE_CLASSES
                           for verb in [_first_conjunct(a.clause_verb if a.from_noun else a.token)]
                           if verb is not None and verb.dep_ == "xcomp"}
    acts = [a for a in acts if a.from_noun or a.code.root not in DECIDING_ROOTS or a.token.i not in hostile_complements]
    # "retaliated by expelling B's diplomat", "responded by imposing sanctions": the act done by way of
    # the gerund is what was done
    by_way_of = {a.token.head.head.i for a in acts if not a.from_noun and a.token.dep_ == "pcomp"
                 and a.token.head.lower_ == "by" and a.token.head.dep_ == "prep"}
    acts = [a for a in acts if a.from_noun or a.token.i not in by_way_of]
    stated_by_nouns = {a.clause_verb.i for a in acts if a.from_noun and a.clause_verb is not None}
    kept: list[DirectedAct] = []
    pairs: set[tuple[str, str]] = set()
    for act in acts:
        if not act.from_noun and act.token.i in stated_by_nouns:
            continue
        new_pairs = {(state_key(s), state_key(t)) for s in act.sources for t in act.targets}
        if new_pairs <= pairs:
            continue
        pairs |= new_pairs
        kept.append(act)
    return kept


def _carries_contact(verb: Token, contact_tokens: frozenset[int], words: InteractionWords) -> bool:
    """"held talks", "engaged in talks", "paid a visit", "held a round of talks": the verb only
    carries a contact noun."""
    for child in verb.children:
        if child.i in contact_tokens:
            return True
        if child.dep_ == "prep" and any(g.i in contact_tokens for g in child.children):
            return True
        if child.lemma_.lower() in words.round_nouns and any(
                g.i in contact_tokens for c in child.children if c.dep_ == "prep" for g in c.children):
            return True
    return False


def _is_main_clause(verb: Token) -> bool:
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _is_requested(verb: Token) -> bool:
    """"urged Iran [to release]", "calls on B [to lift]", "expects the authorities [to act]",
    "demanded that Russia [withdraw]": the verb says what another is asked to do, not what anyone did."""
    if _is_mandated(verb):
        return True
    if verb.dep_ != "xcomp":
        return False
    head = verb.head
    return any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("on", "upon")) for c in head.children
               if c.i < verb.i)


def _is_mandated(verb: Token) -> bool:
    """"demanded that Russia [withdraw]", "insisted that Japan [retract]": a clause in the bare
    subjunctive (no tense, no auxiliary) says what someone is required to do."""
    return (verb.dep_ == "ccomp" and verb.tag_ == "VB"
            and any(c.dep_ == "nsubj" for c in verb.children)
            and not any(c.dep_ in ("aux", "auxpass", "neg") or c.tag_ == "MD" for c in verb.children))


# the edges from a verb up to the verb whose complement holds it ("ways [to deepen]": the object's clause)
COMPLEMENT_PATH_DEPS = frozenset({"ccomp", "xcomp", "advcl", "pcomp", "conj", "acl", "relcl", "dobj"})


def _is_discussed(verb: Token, words: InteractionWords) -> bool:
    """"discussed ways for both states to widen trade", "explored ways to deepen ties": a verb
    inside the complement of a verb of discussion is what was talked about, not what anyone did. A
    verb joined to the verb of discussion itself ("discussed X and signed Y") is done."""
    token = verb
    while token.dep_ in COMPLEMENT_PATH_DEPS and token.head.i != token.i:
        via = token.dep_
        token = token.head
        if via != "conj" and token.lemma_.lower() in words.discussion_verbs:
            return True
    return False


def is_passive(verb: Token) -> bool:
    """"was summoned", and a participle whose subject is the clause's it hangs from ("[when asked]
    about the tariffs, the spokesman said": the spokesman was asked)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in ("nsubj", "aux", "expl") for c in verb.children)


def _verb_act(verb: Token, context: ActContext) -> DirectedAct | None:
    if _is_requested(verb) or _is_discussed(verb, context.words):
        return None
    negated = any(c.dep_ == "neg" for c in verb.children)
    if (verb.i, negated) not in context.patterns:
        context.patterns[verb.i, negated] = best_pattern(context.actors, verb, negated)
    pattern = context.patterns[verb.i, negated]
    if pattern is None or not pattern.code:
        return None
    passive = is_passive(verb)
    code_text = pattern.passive_code if passive and pattern.passive_code else pattern.code
    if code_text[:2] == APPEAL_ROOT and any(
        # "called on Iran to release ...", "called on North Korea to cease" (read as an adverbial clause)
        c.dep_ in ("xcomp", "advcl") and c.i > verb.i and c.lemma_.lower() in context.words.demand_complements
        for c in verb.children
    ):
        code_text = DEMAND_CODE  # "called on Iran to release the crew": CAMEO's demand, not an appeal
    code = _naming_judgement(verb, context) or event_code(context.actors, code_text)
    if code is None:
        return None
    subjects = context.subject_heads(verb)
    if passive:
        agents = context.prep_objects(verb, ("by",))
        sources = _side(agents, context)
        targets = _side(subjects, context) or _complement_side(subjects, context, set())
        if not targets and pattern.object_words:
            # "sanctions were imposed on Iran by the EU": the subject is what the pattern's object
            # words name, and the party acted on follows the verb
            targets = _complement_side([c for c in verb.children if c.dep_ == "prep"
                                        and c.lower_ in context.words.target_prepositions], context, set())
        if not sources and not agents:
            # "the ambassador was summoned to the Polish Foreign Ministry", "... to the ministry in
            # Warsaw": the state whose body or capital the subject was called to acted
            sources = _side(context.prep_objects(verb, ("to",)), context) or _capital_in(
                context.prep_objects(verb, ("to",)), context)
        # "the ambassador was summoned": in a main clause, a pattern that codes its passive names the
        # subject as target, and the state that speaks in the article acted
        if not agents and not sources and context.speaker is not None and pattern.passive_code and _is_main_clause(verb):
            act = _act(verb, code, [context.speaker], targets, verb, context=context)
            if act is not None:
                act.passive_unattributed = True
            return act
        return _act(verb, code, sources, targets, verb, context=context)
    sources = _side(subjects, context)
    if not sources:
        sources = _clause_owner(verb, subjects, context)
    # "clashed with B over Taiwan", "argued with B about ...": the pattern's preposition says what the
    # act is about; the party acted on is named elsewhere, or, failing that, in what it is about
    topical = pattern.preposition in SUBJECT_MATTER_PREPOSITIONS
    after_preposition = (_complement_side(context.prep_objects(verb, (pattern.preposition,)), context, set())
                         if pattern.preposition else [])
    targets = [] if topical else after_preposition
    if not pattern.preposition or topical or (not targets and pattern.object_words):
        # "warned B against provocations": where a pattern's preposition holds the pattern's words,
        # they say what the act is about, and the party acted on is the verb's object
        complements = [c for c in verb.children if (c.dep_ in OBJECT_DEPS or c.dep_ in ("prep", "dative", "xcomp"))
                       and not (topical and c.dep_ == "prep" and c.lower_ == pattern.preposition)]
        # "help Libya recover", "let Ukraine join": the parser makes the object the subject of a bare infinitive
        complements += [s for c in verb.children if _is_bare_infinitive_clause(c)
                        for s in c.children if s.dep_ == "nsubj"]
        # a relative clause lies inside its subject noun's phrase: only the rest of that phrase is the subject
        skip = _subtree_indices(subjects) - {t.i for t in verb.subtree}
        if code.quad_class in COOPERATIVE_CLASSES:
            # "agreed to strengthen deterrence against C": cooperation is never with whom it is against,
            # nor with the state it is near ("held joint drills near the Chinese border")
            skip |= {t.i for c in verb.subtree if c.dep_ == "prep"
                     and (c.lower_ == "against" or c.lower_ in context.words.vicinity_prepositions) for t in c.subtree}
        targets = _complement_side(complements, context, skip)
        if code.quad_class in COOPERATIVE_CLASSES and _judges_its_author(verb, targets, context):
            code = _bare_code(verb, context) or code
        if not targets and code.root in (APPEAL_ROOT, DEMAND_ROOT):
            # "demanded that Russia withdraw": the one required to act is the clause's subject
            targets = _side([s for c in verb.children if _is_mandated(c) for s in context.subject_heads(c)], context)
    if topical and not targets:
        targets = after_preposition
    return _act(verb, code, sources, targets, verb, context=context)


def _judges_its_author(verb: Token, targets: list[Actor], context: ActContext) -> bool:
    """"denounced the new US sanctions", "criticised the sanctions imposed by Washington": the
    dictionary codes defending the sanctioned party (052, 053), but the state found is the one whose
    hostile act the object is, so the verb judges that state."""
    if not targets:
        return False
    authors: list[Actor] = []
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        noun_code = _noun_code(obj, context.words.event_nouns)
        known = event_code(context.actors, noun_code) if noun_code else None
        if known is None or known.quad_class in COOPERATIVE_CLASSES:
            continue  # "welcomed A's visit": an act the verb may well welcome
        owners = [c for c in obj.children if c.dep_ in OWNER_DEPS]
        owners += [g for c in obj.children if _names_author(c) for g in context.prep_objects(c, ("by",))]
        authors += _side(owners, context)
    keys = {state_key(a) for a in authors}
    return bool(keys) and {state_key(t) for t in targets} <= keys


def _bare_code(verb: Token, context: ActContext) -> EventCode | None:
    """The code of the verb alone (its dictionary pattern `*`), when it is not cooperative."""
    bare = next((p for p in context.actors.verbs_for(verb.lemma_.lower())
                 if p.pattern == "*" and p.code and not p.preposition and not p.object_words), None)
    code = event_code(context.actors, bare.code) if bare is not None else None
    return code if code is not None and code.quad_class not in COOPERATIVE_CLASSES else None


def _names_author(token: Token) -> bool:
    """"the ruling [made by Ottawa]": a participle naming who made the thing acted upon."""
    return token.dep_ == "acl" and any(c.dep_ == "agent" for c in token.children)


def _names_no_target(token: Token, words: InteractionWords) -> bool:
    """A topic phrase ("on the X problem") or a partner's ("alongside X"): no one acted on there."""
    return _is_topic_phrase(token, words) or token.dep_ == "prep" and token.lower_ in words.co_actor_prepositions


def _is_topic_phrase(preposition: Token, words: InteractionWords) -> bool:
    """"on the North Korea problem", "about the Iran file": the phrase says what the act is about;
    the state in it is not acted on."""
    return preposition.dep_ == "prep" and preposition.lower_ in words.topic_prepositions and any(
        c.dep_ == "pobj" and c.lemma_.lower() in words.topic_nouns for c in preposition.children)


def _clause_owner(verb: Token, subjects: list[Token], context: ActContext) -> list[Actor]:
    """The state behind a clause with no subject of its own: "Russia's decision [to expel]" (the
    noun's possessor), "The United States is taking actions [that tighten] sanctions" (the subject
    of the clause the relative clause's noun belongs to)."""
    noun = verb.head
    # a subject inside the clause itself ("the plant where B's companies help") is its own subject
    in_noun_phrase = {t.i for t in noun.subtree} - {t.i for t in verb.subtree}
    if verb.dep_ == "acl" and all(s.i in in_noun_phrase for s in subjects):
        owners = [c for c in noun.children if c.dep_ == "poss"] + context.prep_objects(noun, ("by",))
        return _side(owners, context)
    if verb.dep_ == "relcl" and all(s.lower_ in RELATIVE_PRONOUNS or s.i in in_noun_phrase for s in subjects):
        governing = noun.head
        if noun.dep_ == "pobj" and governing.dep_ == "prep":
            governing = governing.head
        if noun.dep_ in ("dobj", "pobj") and governing.pos_ in ("VERB", "AUX"):
            return _side(context.subject_heads(governing), context)
    return []


def _stating_verb(noun: Token, words: InteractionWords) -> Token | None:
    """The verb that states or carries the noun: "expressed [concern]", "imposed [sanctions]", "sent a
    message of [condolences]"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in words.message_nouns:
        noun, head = head.head, head.head.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "conj") and head.pos_ in ("VERB", "AUX"):
        lemma = head.lemma_.lower()
        if lemma in words.support_verbs or lemma in words.statement_verbs:
            return head
    return None


def _noun_act(noun: Token, code_text: str, context: ActContext) -> DirectedAct | None:
    words = context.words
    code = event_code(context.actors, code_text)
    if code is None or any(c.dep_ == "det" and c.lower_ in words.negation_words for c in noun.children):
        return None
    verb = _stating_verb(noun, words)
    own = [c for c in noun.children if c.dep_ in OWNER_DEPS
           # "A expressed his eagerness": the pronoun is the stating verb's subject, not the last person named
           and not (verb is not None and c.lower_ in words.personal_pronouns)]
    own += context.prep_objects(noun, ("by",))
    received = noun.dep_ == "dobj" and noun.head.lemma_.lower() in words.receiving_verbs
    if code.quad_class in VERBAL_CLASSES:
        # "criticism of Israel from Turkey", "support from Japan": a statement comes from its author
        # (an act of force or aid "from" a place may name where it came from); "drew criticism from
        # B": the parser may hang the author from the verb
        own += context.prep_objects(noun, ("from",)) + (context.prep_objects(noun.head, ("from",)) if received else [])
    sources = _side(own, context)
    if not sources and verb is not None:
        sources = _side(context.subject_heads(verb), context)
    if not sources and any(c.dep_ == "poss" and c.lower_ in STATE_POSSESSIVES for c in noun.children):
        # "The United States reiterated that [its] commitments ... are ironclad": the state a
        # clause above speaks of
        for ancestor in noun.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                subjects = [h for h in context.subject_heads(ancestor) if noun not in h.subtree]
                sources = _side(subjects, context)
                if sources:
                    break
    # "condemnation of Russia's actions", "support of Ukraine": "of" names the target unless the
    # noun is an act of force ("the attack of the militia" names its author)
    prepositions = set(words.target_prepositions)
    if code.quad_class != "material_conflict":
        prepositions.add("of")
    complements = context.prep_objects(noun, tuple(prepositions))
    targets = _complement_side(complements, context, set())
    if not targets:
        # "its commitment [to defend the Philippines]", "her desire [to cooperate with Mexico]"
        targets = _complement_side([c for c in noun.children if c.dep_ == "acl" and c.i > noun.i], context, set())
    if not targets and verb is not None:
        targets = _complement_side(context.prep_objects(verb, tuple(prepositions)), context, set())
    if not targets and received:
        # "Washington's decision drew criticism from B", "the plan of A won praise": what the verb's
        # subject names is acted on, a state or the state whose decision it is; not a nationality
        # ("the Australian film", "a British company")
        subjects = context.subject_heads(noun.head)
        owners = [c for head in subjects for c in head.children if c.dep_ == "poss"]
        owners += [g for head in subjects for g in context.prep_objects(head, ("of",))]
        targets = _side(subjects, context) or _side(owners, context)
    return _act(noun, code, sources, targets, verb, from_noun=True, context=context)


# "concerned [about] B's buildup", "grateful [to] B [for] its support": what a stance adjective is about
STANCE_PREPOSITIONS = ("about", "by", "with", "over", "at", "to", "for", "regarding")


def _adjective_act(adjective: Token, code_text: str, context: ActContext) -> DirectedAct | None:
    """"A is deeply concerned about B's buildup", "A was grateful to B": a state's stance stated by
    an adjective after a verb like "be", "feel" or "remain", aimed at what it is about."""
    code = event_code(context.actors, code_text)
    # the participle of a passive ("was alarmed by") carries its own subject
    verb = adjective if any(c.dep_ == "auxpass" for c in adjective.children) else adjective.head
    if code is None or (verb is not adjective and adjective.dep_ != "acomp") or verb.pos_ not in ("VERB", "AUX"):
        return None
    sources = _side(context.subject_heads(verb), context)
    targets = _complement_side(context.prep_objects(adjective, STANCE_PREPOSITIONS), context, set())
    return _act(adjective, code, sources, targets, verb, context=context)


def _counterpart(sources: list[Actor], context: ActContext, verb: Token | None = None) -> list[Actor]:
    """The other party of the latest contact, when the sources are one of its parties and the act
    names no other party of its own ("she will then talk with students about exchanges")."""
    clause = verb
    while clause is not None:
        # "will work with students to promote exchanges": the verbs the act's verb completes count too
        if any(not context.index.actors_of(other) for other in context.prep_objects(clause, ("with",))):
            return []
        clause = clause.head if clause.dep_ in ("xcomp", "advcl") and clause.head.i != clause.i else None
    keys = {state_key(s) for s in sources}
    group = {state_key(g): g for g in context.group}
    if len(group) != 2 or not keys & set(group) or not keys <= set(group):
        return []
    return [g for key, g in group.items() if key not in keys]


def _actor_of_recent_act(verb: Token, sources: list[Actor], context: ActContext) -> list[Actor]:
    referring = [o for c in verb.children
                 for o in ([c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [])
                 if any(d.dep_ == "det" and d.lower_ in DEFINITE_DETERMINERS for d in o.children)]
    if not referring:
        return []
    keys = {state_key(s) for s in sources}
    # the same act named before: "Ruritania tested ..." / "Ruritania's test" ... "the test"
    lemmas = {o.lemma_.lower() for o in referring}
    doc = verb.doc
    first = max(0, verb.sent.start - ANTECEDENT_WINDOW_TOKENS)
    for token in reversed(doc[first:verb.sent.start]):
        if token.lemma_.lower() not in lemmas:
            continue
        if token.pos_ in ("VERB", "AUX"):
            heads = context.subject_heads(token)
        else:
            heads = [c for c in token.children if c.dep_ in ("poss", "compound", "amod")]
            heads += context.prep_objects(token, ("by",))
        found = [a for a in _side(heads, context) if state_key(a) not in keys]
        if found:
            return found[:1]
    for actor, at in reversed(context.recent_sources):
        if context.sentence_index - at > CARRIED_ACT_SENTENCES:
            break
        if state_key(actor) not in keys and actor.kind in ("state", "io"):
            return [actor]
    return []


def _territory_struck(token: Token, context: ActContext) -> list[Actor]:
    """The state of the nearest place an act of force names as struck: its object, its passive
    subject, or the object of a preposition of place, within the act's own phrase."""
    level = [c for c in token.children if c.dep_ in STRUCK_PLACE_DEPS]
    for _ in range(STRUCK_PLACE_DEPTH):
        for place in level:
            struck = place.dep_ in ("dobj", "nsubjpass") or (
                place.dep_ == "pobj" and place.head.lower_ in STRUCK_PLACE_PREPOSITIONS
                # "the port of Odesa" is a place struck; a state after "of" ("the invasion of B") is
                # the act's own reading's to take or leave
                and not (place.head.lower_ == "of" and place.i in context.index.at_token))
            state = context.index.territory_of(place) if struck else None
            if state is not None:
                return [state_actor(state)]
        level = [c for place in level for c in place.children if c.dep_ in STRUCK_PLACE_DEPS]
    return []


def _aid_destination(token: Token, context: ActContext) -> list[Actor]:
    """The state of the place aid is sent to, named after "to", "for" or "into" on the act's word or
    its object ("sent aid convoys to Gaza", "delivered food into Kharkiv")."""
    heads = [token, *(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))]
    for head in heads:
        for preposition in head.children:
            if preposition.dep_ in ("prep", "dative") and preposition.lower_ in AID_DESTINATION_PREPOSITIONS:
                for place in preposition.children:
                    state = context.index.territory_of(place) if place.dep_ == "pobj" else None
                    if state is not None:
                        return [state_actor(state)]
    return []


def _act(token: Token, code: EventCode, sources: list[Actor], targets: list[Actor], verb: Token | None,
         from_noun: bool = False, context: ActContext | None = None) -> DirectedAct | None:
    source_keys = {state_key(s) for s in sources}
    targets = [t for t in targets if state_key(t) not in source_keys]
    if not targets and sources and context is not None and code.root in FORCE_ROOTS:
        # "shelled a residential building in Kharkiv", "struck targets near Aleppo": an act of force
        # that names no state acted on strikes the state whose territory it struck
        targets = [t for t in _territory_struck(token, context) if state_key(t) not in source_keys]
    if not targets and sources and context is not None and code.root == AID_ROOT:
        targets = [t for t in _aid_destination(token, context) if state_key(t) not in source_keys]
    if not targets and sources and context is not None and code.quad_class in COOPERATIVE_CLASSES:
        # "reaffirmed our commitment to the bilateral relationship": a readout's cooperative statement
        # with no one named is addressed to the other party of the contact it reports
        targets = _counterpart(sources, context, verb)
    if not targets and sources and context is not None and verb is not None and (
            code.root == DISAPPROVE_ROOT or code.code == DENY_CODE):
        # "A and C condemned the test", "B rejected the accusations": a judgement of an act, or a
        # denial of responsibility, named by a definite noun alone is aimed at the state that acted
        # in the sentences just before
        targets = _actor_of_recent_act(verb, sources, context)
    if not targets and len(sources) >= 2 and code.root == FORCE_POSTURE_ROOT and context is not None:
        # "A and B held military drills": a show of force staged together, aimed at no one named, is
        # military cooperation between them
        code = event_code(context.actors, JOINT_EXERCISE_CODE) or code
    if not targets and len(sources) >= 2 and (
            code.root in SYMMETRIC_ROOTS or code.code in SYMMETRIC_CODES
            or (context is not None and verb is not None and verb.lemma_.lower() in context.words.reciprocal_verbs)):
        # "the two ministers agreed to deepen cooperation", "A and B exchanged fire": one act, the
        # first party acting
        sources, targets = sources[:1], sources[1:]
    if not sources or not targets:
        return None
    return DirectedAct(token, code, sources, targets, verb, from_noun)
