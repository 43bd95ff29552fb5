"""Contacts between political actors: meetings, talks, calls, visits, receptions, joint appearances and
signings, with who took part, when, where, and whether they are still to come.

A trigger is a verb ("met", "spoke with", "received", "will travel to") or an event noun ("talks",
"a telephone conversation", "a visit to", "a joint news conference") from the word lists of
seeds/reference/patterns/interaction_words.json. Its participants are its arguments in the dependency
parse, not every person in the sentence: the subject (with its conjuncts), the object, "with" /
"between" / "to" complements, the possessor of an event noun ("her visit") and the subject of the
verb that governs it ("A held talks with B"). `actors` says who a noun phrase is. Negated,
hypothetical and refused contacts are no contacts; planned ones are kept and marked planned.

A subject that meets several counterparts ("spoke with A and the presidents of B and C") has one
contact with each, unless the contact is joint ("a trilateral meeting with A and B") or the
participants are the subject's conjuncts ("A and B met"). A visit without a counterpart is a contact
with the state visited. Every participant must be a political actor (`actors.Actor.political`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.dates import find_date_expressions
from pipeline.actor_reference import load_actor_reference
from pipeline.nlp.interactions import events, stance
from pipeline.nlp.interactions.actors import Actor, ActorIndex, reporting_verb
from pipeline.nlp.interactions.timing import DateTracker, is_after_publication, is_recalled, lead_day
from pipeline.nlp.patterns import ContactVerb, InteractionWords, load_interaction_words
from pipeline.reference import Reference

__all__ = ["Interaction", "extract_interactions", "is_recalled"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
# "[during] the minister's visit": a visit that frames what the clause reports
FRAMING_PREPOSITIONS = ("during", "on", "throughout")
# "retaliated by expelling B's diplomat": the act done by way of the gerund is the subject's
GERUND_SUBJECT_PREPOSITIONS = frozenset({"by"})
# "in a phone call", "during a video conference": the call a verb's act was made in
CALL_FRAMING_PREPOSITIONS = ("in", "during", "over")
# Dependencies by which a verb hangs from the verb whose subject it shares ("is to [visit]",
# "arrived and [met]", "plans to [travel]").
SHARED_SUBJECT_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "acomp"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
FUTURE_IN_THE_PAST = "would"
PAST_TAGS = frozenset({"VBD", "VBN"})
DATE_ENTITY_TYPES = frozenset({"DATE", "TIME"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# An article is in a state's voice when that state acts in it this often, and this many times as often
# as any other state.
VOICE_MIN_ACTS = 3
VOICE_MARGIN = 1.5
ACCUSATION_CODE = "112"  # the stance cues whose subject is the state accused


@dataclass
class Interaction:
    interaction_type: str
    event_code: str | None
    goldstein: float | None
    event_date: date | None
    date_precision: str | None
    place: str | None
    participant_ids: list[str]  # the named people who took part
    country_codes: list[str]  # every state involved
    is_recalled: bool
    sentence: str
    sentence_index: int
    is_planned: bool = False  # still to come when the article was published
    source_country: str | None = None  # the state (or international body) of the grammatical subject
    target_country: str | None = None  # the counterpart's state (or body), or the state visited
    quad_class: str | None = None  # CAMEO quad class of event_code
    source_participant_id: str | None = None  # the named person who acted, when a person did
    target_participant_id: str | None = None  # the named person acted upon (met, called, sanctioned)


@dataclass
class Trigger:
    token: Token
    interaction_type: str
    clause_verb: Token | None  # the verb whose subject, tense and modality are the contact's
    side_a: list[Actor] = field(default_factory=list)
    side_b: list[Actor] = field(default_factory=list)
    destinations: list[tuple[str, str | None]] = field(default_factory=list)  # (place, state) visited
    joint: bool = False
    planned: bool = False
    place: str | None = None
    other_side_unnamed: bool = False  # the trigger names a counterpart who is no actor


# ---------------------------------------------------------------------------------------------
# Grammar helpers


def _children(token: Token, deps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _prep_objects(token: Token, prepositions) -> list[Token]:
    objects: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in prepositions:
            objects.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
    return objects


def _subject_heads(verb: Token) -> list[Token]:
    """The subject phrase heads of a verb, climbing to the verb it shares them with."""
    current = verb
    for _ in range(4):
        subjects = _children(current, SUBJECT_DEPS)
        if subjects and current.dep_ == "relcl" and all(t.lower_ in RELATIVE_PRONOUNS for t in subjects):
            return [current.head]  # "A, who met B": "who" is the noun the clause describes
        if subjects:
            return subjects
        if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN"):
            return [current.head]  # "B, who met A": the noun the clause describes
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            return [current.head]  # "the delegation, led by A, held talks" parsed as a clause of it
        if (current.dep_ == "pcomp" and current.tag_ == "VBG" and current.head.dep_ == "prep"
                and current.head.lower_ in GERUND_SUBJECT_PREPOSITIONS and current.head.head.pos_ in ("VERB", "AUX")):
            current = current.head.head  # A expelled
            continue
        if current.dep_ not in SHARED_SUBJECT_DEPS or current.head is current:
            return []
        current = current.head
    return []


# ---------------------------------------------------------------------------------------------
# Modality


def _verb_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it depends on through open complements ("refused [to meet]",
    "is expected [to visit]", "would be happy [to meet]") and coordination ("should meet and [sign]")."""
    chain = [verb]
    current = verb
    for _ in range(4):
        # "to respond and [to] expel": the infinitive marker is no auxiliary of the conjunct's own
        shares_head_clause = current.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") and c.lower_ != "to" for c in current.children)
        if current.dep_ in ("xcomp", "ccomp") or (current.dep_ == "acomp") or shares_head_clause:
            # "should implement ... and support": a conjunct without its own subject or auxiliary
            # shares its head's mood
            current = current.head
            chain.append(current)
        elif current.head.pos_ == "ADJ" and current.dep_ == "xcomp":
            current = current.head
            chain.append(current)
        else:
            break
    return chain


def _governs(chain: list[Token], position: int) -> bool:
    """The verb at `position` of a verb chain governs the first one through a complement ("offered
    [to mediate]"), not only as the head of a coordination ("offered condolences and [sent] aid":
    the aid was sent, not offered)."""
    return position > 0 and any(verb.dep_ != "conj" for verb in chain[:position])


def _is_reported(verb: Token, words: InteractionWords) -> bool:
    """The verb's clause is what someone said or announced ("A said [it would expel]")."""
    reporting = reporting_verb(verb, words)
    return reporting is not None and reporting.tag_ in PAST_TAGS


def _forms(token: Token) -> set[str]:
    """The word and its lemma, and the plain form of a regular inflection: the lemmatizer reads
    "hopes" as "hop" when the tagger takes it for a noun."""
    lower = token.lower_
    forms = {lower, token.lemma_.lower()}
    for ending, cut in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            forms.add(lower[: -len(ending)] + cut)
    return forms


def _mood(trigger: Token, clause_verb: Token | None, words: InteractionWords) -> str:
    """'actual', 'planned', or 'none' (negated, refused, hypothetical, only wished for)."""
    if any(child.dep_ == "det" and child.lower_ in words.negation_words for child in trigger.children):
        return "none"  # "no meeting took place"
    planned = any(child.lower_ in words.planned_modifiers for child in trigger.children if child.dep_ == "amod")
    if clause_verb is None:
        return "planned" if planned else "actual"
    chain = _verb_chain(clause_verb)
    for position, verb in enumerate(chain):
        children = list(verb.children)
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in words.negation_words) for c in children):
            return "none"
        forms = _forms(verb)
        governs = _governs(chain, position)
        if governs and forms & words.negating_verbs:
            return "none"  # "refused to meet", "failed to meet"
        if governs and forms & words.hypothetical_governors:
            return "none"  # "would be happy to meet", "hopes to visit": a wish, not a contact
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in children):
            return "none"
        auxiliaries = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & words.hypothetical_auxiliaries == {FUTURE_IN_THE_PAST} and _is_reported(verb, words):
            auxiliaries.discard(FUTURE_IN_THE_PAST)
            planned = True  # "said it would expel": what was announced, not a hypothesis
        if auxiliaries & words.hypothetical_auxiliaries:
            return "none"
        if auxiliaries & words.planned_auxiliaries:
            planned = True
        if governs and forms & (words.planned_governors | words.commitment_governors):
            planned = True
    return "planned" if planned else "actual"


# ---------------------------------------------------------------------------------------------
# Triggers


def _joins_in_doing(token: Token) -> bool:
    """"France joined Germany in condemning ...", "Spain recognised B, joining C and D": doing what
    others did, not appearing with them (a participle after the act, or "in" with a gerund)."""
    if token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp") and token.head.i < token.i:
        return True
    return any(g.tag_ == "VBG" for c in token.children if c.dep_ == "prep" and c.lower_ == "in"
               for g in c.children if g.dep_ == "pcomp")


def _verb_trigger(token: Token, index: ActorIndex, words: InteractionWords) -> Trigger | None:
    spec: ContactVerb | None = words.contact_verbs.get(token.lemma_.lower())
    if spec is None or token.pos_ not in ("VERB", "AUX"):
        return None
    interaction_type = spec.interaction_type
    if spec.needs_agreement_object and not any(
        c.lemma_.lower() in words.agreement_words or c.lower_ in words.agreement_words
        for c in token.children if c.dep_ in ("dobj", "nsubjpass")
    ):
        return None
    if interaction_type == "joint_appearance" and _joins_in_doing(token):
        return None
    trigger = Trigger(token, interaction_type, token)
    subjects = _subject_heads(token)
    objects = _children(token, OBJECT_DEPS) if spec.takes_object else []
    complements = _prep_objects(token, spec.prepositions)
    # "spoke by telephone with B": the complement may hang from the verb's adjunct
    for adjunct in _prep_objects(token, ("by", "over", "via", "on")):
        complements.extend(_prep_objects(adjunct, spec.prepositions))
    if not spec.takes_object:
        # "discussed grain exports with B", "mediated talks between A and B": the parser may hang the
        # other side from the object; a state "with" it is what the talks were about ("discussed
        # trade with China")
        complements.extend(head for obj in _children(token, OBJECT_DEPS) for head in _prep_objects(obj, spec.prepositions)
                           if head.head.lower_ == "between"
                           or any(a.kind in ("person", "official") for a in index.actors_of(head)))
    if events.is_passive(token):
        agents = _prep_objects(token, ("by",))
        trigger.side_a = [a for head in agents for a in index.actors_of(head)]
        trigger.side_b = [a for head in subjects for a in index.actors_of(head)]
    else:
        trigger.side_a = [a for head in subjects for a in index.actors_of(head)]
        trigger.side_b = [a for head in [*objects, *complements] for a in index.actors_of(head)]
        if not trigger.side_b and any(o.lower_ in words.envoy_nouns for o in objects):
            # "received a delegation from B": the parser may hang where the envoys come from on the verb
            trigger.side_b = [a for head in _prep_objects(token, ("from",)) for a in index.actors_of(head)
                              if a.kind == "state"]
    # "A and B met supporters": the subjects met someone else, not each other
    trigger.other_side_unnamed = bool(objects or complements) and not trigger.side_b
    if spec.destination:
        places = objects + _prep_objects(token, words.visit_place_prepositions)
        trigger.destinations = [p for head in places for p in _places(head, index)]
        if spec.interaction_type == "visit":
            trigger.side_b = [a for a in trigger.side_b if a.kind in ("person", "official")]
    if interaction_type == "phone_call" and token.lemma_.lower() in words.verbs_needing_person_object and (
            not objects or any(c.dep_ in ("xcomp", "oprd") for c in token.children)):
        visited = [a for head in _prep_objects(token, ("on", "upon")) for a in index.actors_of(head)
                   if a.kind in ("person", "official")]
        if visited and not any(c.dep_ in ("xcomp", "advcl", "ccomp") for c in token.children):
            # "A called on Minister B": a courtesy call, a meeting (an appeal asks B "to" act)
            trigger.interaction_type, trigger.side_b = "meeting", visited
            return trigger
        return None  # "called for", "called on", "called B to withdraw", "called it a crime": no call
    if interaction_type == "phone_call" and not _phone_context(token, words) and spec.context_decides_call:
        trigger.interaction_type = "talks"  # "spoke with": a call only where the text says so
    if trigger.interaction_type == "talks":
        # "discussed X in a phone call", "negotiated during a video conference": the talks were held by
        # call (the parser may hang the phrase from the verb's object)
        held_by = {_noun_type(head, words) for owner in [token, *_children(token, OBJECT_DEPS)]
                   for head in _prep_objects(owner, CALL_FRAMING_PREPOSITIONS)}
        trigger.interaction_type = next((t for t in ("video_call", "phone_call") if t in held_by), "talks")
    if trigger.interaction_type == "mediation" and not trigger.side_b:
        return None  # "A and B brokered the deal": they mediated together, not between each other
    trigger.joint = any(c.lower_ in words.joint_words for c in token.children if c.dep_ in ("advmod", "amod"))
    return trigger


def _phone_context(token: Token, words: InteractionWords) -> bool:
    sentence = token.sent
    return any(t.lower_ in words.phone_words or t.lower_ in ("call", "calls") for t in sentence)


def _noun_type(noun: Token, words: InteractionWords) -> str | None:
    interaction_type = words.contact_nouns.get(noun.lower_) or words.contact_nouns.get(noun.lemma_.lower())
    if interaction_type is None:
        return None
    modifiers = {child.lower_ for child in noun.children if child.dep_ in ("compound", "amod", "nmod")}
    if modifiers & words.video_words:
        return "video_call"
    if modifiers & words.phone_words:
        return "phone_call"
    if modifiers & words.press_words:
        return "joint_appearance"
    if interaction_type == "phone_call" and modifiers & words.visit_call_words:
        interaction_type = "meeting"  # "paid a courtesy call on B", "received a farewell call from B": in person
    if interaction_type in ("phone_call", "meeting") and noun.lower_ in ("call", "calls") and not (
        _prep_objects(noun, ("with", "between")) or any(c.dep_ == "poss" for c in noun.children)
        or (interaction_type == "meeting" and _prep_objects(noun, ("on", "upon")))
        or (_prep_objects(noun, ("from",)) and noun.dep_ == "dobj" and noun.head.lemma_.lower() in ("receive", "take"))
    ):
        return None  # a "call for" or "call on" is an appeal
    if interaction_type == "press_only":
        return None  # "conference" alone is a gathering, a "news conference" a joint appearance
    return interaction_type


def _governing_verb(noun: Token, words: InteractionWords) -> Token | None:
    """The verb of the clause the event noun belongs to: "A [held] talks", "A [engaged] in talks",
    "B [spoke] ... following a call with C", "A [held] another round of talks"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in words.round_nouns:
        return _governing_verb(head.head, words)
    if noun.dep_ in ("dobj", "attr", "nsubj", "nsubjpass", "oprd") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if noun.dep_ == "conj":
        return _governing_verb(noun.head, words)
    return None


def _halted(noun: Token, words: InteractionWords) -> bool:
    """"paused the negotiations", "a suspension of the talks": a contact stopped, not held."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    return noun.dep_ in ("dobj", "pobj", "nsubjpass") and head.lemma_.lower() in words.halting_words


def _visiting_after(heads: list[Token]) -> list[Token]:
    """The object of "and visiting B" right after the phrases of `heads` (a comma between allowed)."""
    if not heads:
        return []
    doc = heads[0].doc
    k = max(t.i for head in heads for t in head.subtree) + 1
    while k < len(doc) and doc[k].text == ",":
        k += 1
    if k + 1 < len(doc) and doc[k].lower_ == "and" and doc[k + 1].tag_ == "VBG":
        return _children(doc[k + 1], ("dobj",))
    return []


def _noun_trigger(token: Token, index: ActorIndex, words: InteractionWords) -> Trigger | None:
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    interaction_type = _noun_type(token, words)
    if interaction_type is None or _halted(token, words):
        return None
    verb = _governing_verb(token, words)
    trigger = Trigger(token, interaction_type, verb)
    side_a: list[Actor] = []
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ in ("nmod", "compound") and index.at_token.get(child.i) is not None):
            side_a.extend(index.actors_of(child))  # "her visit", "Putin-Erdogan talks"
    for head in _prep_objects(token, ("of", "by")):
        side_a.extend(index.actors_of(head))
    between_heads = _prep_objects(token, ("between", "among"))
    if not between_heads and verb is not None and token.dep_ == "dobj":
        # "follows a phone call last month between A and B": the parser may hang the phrase from the verb
        between_heads = [head for head in _prep_objects(verb, ("between",)) if head.i > token.i]
    between = [a for head in between_heads for a in index.actors_of(head)]
    if len(between) == 1:
        # "talks between A(, President of X,) and visiting B": the parser may join the participle to
        # the noun or to the verb, away from A; the words still follow the first side
        between += [a for head in _visiting_after(between_heads) for a in index.actors_of(head)]
    side_b = [a for head in _prep_objects(token, ("with",)) for a in index.actors_of(head)]
    for clause in _children(token, ("acl",)):
        side_b.extend(a for head in _prep_objects(clause, ("with",)) for a in index.actors_of(head))  # "the meeting held with B"
    light = verb is not None and (verb.lemma_.lower() in words.light_verbs or token.dep_ == "pobj")
    if light and verb is not None and token.dep_ != "pobj":
        # "A held phone talks Monday with B": the "with" phrase may hang from the verb
        side_b.extend(a for head in _prep_objects(verb, ("with",)) for a in index.actors_of(head))
    if (not side_b and verb is not None and token.dep_ == "pobj" and token.head.lower_ in CALL_FRAMING_PREPOSITIONS
            and interaction_type in ("phone_call", "video_call")):
        # "told B in a phone call that ...", "during a video call, A assured B": the one addressed
        side_b = [a for head in _children(verb, ("dobj", "dative")) for a in index.actors_of(head)]
    if light and side_b and verb is not None and token.dep_ != "pobj":
        # "held a meeting with A, and B": the parser may hang the last counterpart from the verb
        side_b.extend(a for child in verb.children if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN")
                      for a in index.actors_of(child) if a.key not in {b.key for b in side_b})
    if between:
        side_a, side_b = side_a + between[:1], side_b + between[1:]
    paid_call = interaction_type == "meeting" and token.lower_ in ("call", "calls")
    if paid_call:
        side_b.extend(a for head in _prep_objects(token, ("on", "upon")) for a in index.actors_of(head))  # "a courtesy call on B"
    callers = [a for head in _prep_objects(token, ("from",)) for a in index.actors_of(head)]
    if callers and not side_a and verb is not None and (interaction_type in ("phone_call", "video_call", "visit") or paid_call):
        # "A received a phone call from B", "a visit from B": B called or came, A was called on
        side_a = callers
        side_b = side_b + [a for head in _subject_heads(verb) for a in index.actors_of(head)]
    if interaction_type == "visit" and token.dep_ == "pobj" and token.head.lower_ in FRAMING_PREPOSITIONS:
        # "the accords signed between A and B during A's visit": the visit is where A met B
        framing = token.head.head
        named = [a for head in _prep_objects(framing, ("between",)) for a in index.actors_of(head)]
        if len(named) >= 2:
            side_b = side_b + [a for a in named if a.key not in {s.key for s in side_a}]
    if not side_a and verb is not None and (light or side_b):
        # "A held talks with B"; "B spoke to C, following a call with D": the clause's subject
        side_a = [a for head in _subject_heads(verb) for a in index.actors_of(head)]
    trigger.side_a, trigger.side_b = side_a, side_b
    if interaction_type == "visit":
        places = _prep_objects(token, words.visit_place_prepositions)
        trigger.destinations = [p for head in places for p in _places(head, index)]
    trigger.joint = any(c.lower_ in words.joint_words for c in token.children if c.dep_ in ("amod", "compound"))
    return trigger


def _places(head: Token, index: ActorIndex) -> list[tuple[str, str | None]]:
    """The places a phrase and its conjuncts name, with their states ("Colombia, Chile, and Peru")."""
    found = []
    for token in [head, *(c for c in head.subtree if c.dep_ == "conj")]:
        place = index.place_of(token) or index.unrecognised_city(token)
        if place is not None:
            found.append(place)
        elif token.ent_type_ in DATE_ENTITY_TYPES:
            # "to Ghana, Togo, and Benin May 2-6": the parser may read the last place of the
            # list as a modifier of the date after it (a place never modifies a date)
            found.extend(place for c in token.children if c.dep_ == "compound" and c.i < token.i
                         and (place := index.place_of(c)) is not None)
    return found


def _meeting_place(sentence: Span, trigger: Token, index: ActorIndex, words: InteractionWords) -> str | None:
    """A city or venue after "in"/"at" in the sentence (a country is too coarse to be a place)."""
    best: tuple[int, str] | None = None
    for entity in sentence.ents:
        if entity.label_ not in PLACE_LABELS or entity.start == sentence.start:
            continue
        before = entity.doc[entity.start - 1]
        if before.lower_ not in words.meeting_place_prepositions:
            continue
        if index.reference.country_by_text(entity.text) is not None:
            continue
        # Places inside another event's clause ("the commission held in X") are not this one's.
        if before.head.i != trigger.i and before.head.dep_ in ("acl", "relcl"):
            continue
        place = index.place_at_token.get(entity.root.i)
        distance = abs(entity.start - trigger.i)
        if best is None or distance < best[0]:
            best = (distance, place[0] if place else entity.text)
    return best[1] if best else None


# ---------------------------------------------------------------------------------------------
# From triggers to interactions


def _unique(actors: list[Actor]) -> list[Actor]:
    return list({actor.key: actor for actor in actors}.values())


def _groups(trigger: Trigger, index: ActorIndex) -> list[tuple[list[Actor], list[Actor]]]:
    """(side A, side B) of each contact the trigger reports. A contact needs two actors, one of them
    political (a minister may meet a company head: a non-state contact; two athletes never)."""
    side_a = _unique(trigger.side_a)
    side_b = [b for b in _unique(trigger.side_b) if b.key not in {a.key for a in side_a}]
    if not side_a and side_b and index.principal is not None and index.principal.key not in {b.key for b in side_b}:
        # "The meeting held with Director B saw discussions": the article's principal met B
        principal_country = index.principal.country
        if principal_country is None or all(b.country != principal_country for b in side_b):
            side_a = [index.principal]
    if not side_b:
        groups = [(side_a[:1], side_a[1:])] if len(side_a) >= 2 and not trigger.other_side_unnamed else []
    elif not side_a:
        groups = [(side_b[:1], side_b[1:])] if len(side_b) >= 2 and trigger.joint else []
    elif trigger.joint or len(side_a) >= 2:
        groups = [(side_a, side_b)]
    else:
        groups = [(side_a, [b]) for b in side_b]
    return [(a, b) for a, b in groups if any(actor.political for actor in [*a, *b])]


def _record(trigger: Trigger, side_a: list[Actor], side_b: list[Actor], reference: Reference, sentence: Span,
            sentence_index: int, dated: tuple[date | None, str | None], published: date | None,
            place: str | None, destination_state: str | None = None) -> Interaction:
    event_date, precision = dated
    participants = sorted({a.entity_id for a in [*side_a, *side_b] if a.is_named_person and a.entity_id})
    # only political actors speak for a state: a company head's country is no side of the contact
    countries = {a.country for a in [*side_a, *side_b] if a.country and a.political}
    if destination_state:
        countries.add(destination_state)
    code = reference.event_code(trigger.interaction_type) or reference.event_code("meeting")
    quad = reference.quad_class(code.cameo_code) if code else None
    source = next((a.country for a in side_a if a.country and a.political), None)
    target = destination_state or next(
        (b.country for b in side_b if b.country and b.political and b.country != source), None
    )
    acting = next((a.entity_id for a in side_a if a.is_named_person and a.entity_id), None)
    acted_upon = next((b.entity_id for b in side_b if b.is_named_person and b.entity_id), None)
    return Interaction(
        interaction_type=trigger.interaction_type,
        event_code=code.cameo_code if code else None,
        goldstein=code.goldstein if code else None,
        event_date=event_date,
        date_precision=precision,
        place=place,
        participant_ids=participants,
        country_codes=sorted(countries),
        is_recalled=is_recalled(event_date, precision, published),
        sentence=sentence.text.strip(),
        sentence_index=sentence_index,
        is_planned=trigger.planned or is_after_publication(event_date, published),
        source_country=source,
        target_country=target if target != source else None,
        quad_class=quad,
        source_participant_id=acting,
        target_participant_id=acted_upon,
    )


def _sentence_triggers(sentence: Span, index: ActorIndex, words: InteractionWords) -> list[Trigger]:
    triggers: list[Trigger] = []
    for token in sentence:
        trigger = _verb_trigger(token, index, words) or _noun_trigger(token, index, words)
        if trigger is None:
            continue
        mood = _mood(token, trigger.clause_verb, words)
        if mood == "none":
            continue
        trigger.planned = mood == "planned"
        triggers.append(trigger)
    return triggers


def _compatible_dates(a: Interaction, b: Interaction) -> bool:
    if a.event_date is None or b.event_date is None:
        return True
    return a.event_date == b.event_date and a.date_precision == b.date_precision


def _same_contact(kept: Interaction, new: Interaction) -> bool:
    if not _compatible_dates(kept, new):
        return False
    if kept.target_country and new.target_country and kept.target_country != new.target_country and (
        "visit" in (kept.interaction_type, new.interaction_type)
    ):
        return False  # one trip, several states visited
    if kept.participant_ids == new.participant_ids:
        if not kept.participant_ids:
            # "A and B delegations met for talks": one contact of the pair in a sentence, whatever
            # its words (a visit stays apart: it names a destination)
            same_report = kept.sentence_index == new.sentence_index and "visit" not in (
                kept.interaction_type, new.interaction_type)
            return kept.country_codes == new.country_codes and (
                kept.interaction_type == new.interaction_type or same_report)
        return kept.interaction_type == new.interaction_type or "visit" not in (kept.interaction_type, new.interaction_type)
    # "the vice premier held talks with the deputy PM" (a headline) and "Vice Premier A held talks
    # with Deputy Prime Minister B": the contact whose other side went unnamed is the named one's
    small, large = sorted((kept, new), key=lambda i: len(i.participant_ids))
    return (
        bool(small.participant_ids) and set(small.participant_ids) < set(large.participant_ids)
        and set(small.country_codes) <= set(large.country_codes) and small.interaction_type == large.interaction_type
    )


def _merge(interactions: list[Interaction]) -> list[Interaction]:
    """Several reports of one contact in an article ("spoke with B" ... "in the call, A and B") are one."""
    merged: list[Interaction] = []
    for interaction in interactions:
        for position, kept in enumerate(merged):
            if not _same_contact(kept, interaction):
                continue
            winner, other = (
                (interaction, kept) if len(interaction.participant_ids) > len(kept.participant_ids) else (kept, interaction)
            )
            if winner.event_date is None and other.event_date is not None:
                winner.event_date, winner.date_precision = other.event_date, other.date_precision
                winner.is_recalled = other.is_recalled
            winner.place = winner.place or other.place
            winner.is_planned = winner.is_planned and other.is_planned
            merged[position] = winner
            break
        else:
            merged.append(interaction)
    return _dated_by_their_visit(merged)


def _dated_by_their_visit(contacts: list[Interaction]) -> list[Interaction]:
    """A contact reported after a dated visit, undated itself, in which the visitors meet people of
    the state they visit ("A, who is visiting Manila, held a meeting ..." then "B welcomed A's
    visit") took place during that visit: it takes the visit's date."""
    visits = [c for c in contacts if c.interaction_type == "visit" and c.event_date is not None
              and c.participant_ids and not c.is_recalled]
    for contact in contacts:
        # "will meet B while there": a contact still to come is not dated by the trip's first day
        if contact.event_date is not None or contact.interaction_type == "visit" or contact.is_planned:
            continue
        for visit in reversed([v for v in visits if v.sentence_index < contact.sentence_index]):
            if set(visit.participant_ids) < set(contact.participant_ids) and set(visit.country_codes) <= set(
                    contact.country_codes):
                contact.event_date, contact.date_precision = visit.event_date, visit.date_precision
                contact.is_recalled = visit.is_recalled
                break
    return contacts


def _perpetrates(verb: Token, accusations, words: InteractionWords, act_tokens: set[int]) -> bool:
    """Whether the subject of `verb` is accused by the verb itself ("has violated the ceasefire") or
    by what a perpetration verb says it did ("committed atrocities"); not when the verb is
    an act on another state, nor when it judges its object ("will not tolerate such violations")."""
    verbs = [verb, *(child for child in verb.children if child.dep_ == "xcomp" and child.pos_ == "VERB")]
    for head in verbs:
        if head.i in act_tokens:
            return False
        if head.pos_ == "VERB" and accusations.search(head.text):
            return True
        if head.lemma_.lower() in words.perpetration_verbs and any(
            child.dep_ == "dobj" and accusations.search(head.doc[child.left_edge.i:child.i + 1].text)
            for child in head.children
        ):
            return True
    return False


def _speaker(sentences: list[Span], context: events.ActContext) -> tuple[Actor | None, bool]:
    """The state that speaks in the article ("we call on ..."): the state that is most often the
    subject of a sentence's verbs or the source of an act, never one that "we" act on; and whether
    the article is in its voice (that state leads at least VOICE_MIN_ACTS times, VOICE_MARGIN times
    as often as any other; or it acts as "we" and that state leads)."""
    counts: Counter = Counter()
    first: dict[str, Actor] = {}
    addressed: set[str] = set()  # "we condemn Russia's decision": Russia is not who speaks
    first_person_acts = 0

    def count(actors: list[Actor]) -> None:
        for state in events.states_of(actors):
            key = events.state_key(state)
            counts[key] += 1
            first.setdefault(key, state)

    unknown = Actor("io:?", "io", None, None, True, "?")
    accusations = dict(context.words.stance_cues).get(ACCUSATION_CODE)
    context.speaker = unknown
    for sentence in sentences:
        acts = events.directed_acts(sentence, context)
        act_tokens = {act.token.i for act in acts}
        for token in sentence:
            if token.dep_ in SUBJECT_DEPS and token.lower_ not in context.words.first_person_plural:
                if accusations is not None and _perpetrates(token.head, accusations, context.words, act_tokens):
                    # "the X has violated ...": the state accused, not the one that speaks
                    addressed.update(events.state_key(s) for s in events.states_of(context.index.actors_of(token)))
                    continue
                count(context.index.actors_of(token))
        for act in acts:
            if any(source is unknown for source in act.sources):
                addressed.update(events.state_key(t) for t in act.targets)
                first_person_acts += 1
            count([source for source in act.sources if source is not unknown])
    context.speaker = None
    ranked = [(key, n) for key, n in counts.most_common() if key not in addressed]
    if not ranked:
        return None, False
    key, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    # a statement that says "we" of its acts is in its own voice when its state clearly leads
    leads = top >= VOICE_MARGIN * runner_up
    return first[key], leads and (top >= VOICE_MIN_ACTS or first_person_acts > 0)


def extract_interactions(doc: Doc, analysis, published: date | None, reference: Reference,
                         date_source: str | None = None) -> list[Interaction]:
    """`date_source` 'dateline' or 'byline': the publication date stands at the head of the story
    ("BAKU, January 28", "March 14, 2022" under the title), so it dates the contacts of the lead that
    state no date."""
    words = load_interaction_words()
    index = ActorIndex(doc, analysis, reference, words)
    if not index.at_token and not any(state for _, state in index.place_at_token.values()):
        return []  # no actor, and no place that could be a capital acting for its state
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    context = events.ActContext(index, load_actor_reference(), words, _subject_heads, _prep_objects)
    context.speaker, voiced = _speaker(sentences, context)
    lead = lead_day(sentences, published)
    if lead is None and date_source in ("dateline", "byline") and published is not None:
        lead = (0, published)
    dates = DateTracker(published, words, lead)
    interactions: list[Interaction] = []
    acts: list[Interaction] = []
    for sentence_index, sentence in enumerate(sentences):
        expressions = find_date_expressions(sentence.text, published)
        triggers = _sentence_triggers(sentence, index, words)
        contact_tokens: set[int] = set()  # the triggers that report a contact: not read again as acts
        for trigger in triggers:
            groups = [(a, b) for a, b in _groups(trigger, index) if not events.is_sport(sentence, [*a, *b], words, index.at_token)]
            visits = []
            if trigger.interaction_type == "visit" and trigger.destinations:
                visitors = [a for a in _unique(trigger.side_a) if a.political]
                visits = [(visitors, place, state) for place, state in trigger.destinations
                          if visitors and state and state not in {v.country for v in visitors}]
            if not groups and not visits:
                continue  # "called the test reckless": no contact, perhaps an act
            contact_tokens.add(trigger.token.i)
            names_people = any(a.is_named_person for side_a, side_b in groups for a in [*side_a, *side_b])
            dated = dates.date_of(sentence, sentence_index, trigger.token, expressions, names_people,
                                  planned=trigger.planned)
            place = _meeting_place(sentence, trigger.token, index, words)
            for side_a, side_b in groups:
                interactions.append(_record(trigger, side_a, side_b, reference, sentence, sentence_index, dated,
                                            published, place))
            parties = events.states_of([a for side_a, side_b in groups for a in [*side_a, *side_b]])
            if len(parties) >= 2:
                context.group = parties
            for visitors, place_name, state in visits:
                if any(set(b.country for b in side_b) & {state} for _, side_b in groups):
                    continue  # "visited B in Beijing": the contact with B already says it
                interactions.append(_record(trigger, visitors, [], reference, sentence, sentence_index, dated,
                                            published, place_name, destination_state=state))
        context.sentence_index = sentence_index
        sentence_acts = events.directed_acts(sentence, context, frozenset(contact_tokens))
        taken = {(events.state_key(s), events.state_key(t), act.code.root) for act in sentence_acts for s in act.sources
                 for t in act.targets}
        judgement = stance.stance_act(sentence, context, voiced, taken, sentence_index)
        speaker_key = events.state_key(context.speaker) if context.speaker is not None else None
        for act in [*sentence_acts, *([judgement] if judgement is not None else [])]:
            for source in act.sources if act.targets else []:
                context.last_targets[events.state_key(source)] = (act.targets[0], sentence_index)
            # "we will not tolerate ...": a judgement is made by the statement itself, whatever its mood
            mood = "actual" if act is judgement else _mood(act.token, act.clause_verb, words)
            if mood == "none":
                continue
            context.recent_sources.extend((source, sentence_index) for source in act.sources)
            names_people = any(a.is_named_person for a in [*act.sources, *act.targets])
            dated = dates.date_of(sentence, sentence_index, act.token, expressions, names_people, own_clause=True,
                                  planned=mood == "planned")
            if mood == "planned" and (speaker_key in {events.state_key(s) for s in act.sources}
                                      or _is_promised(act.clause_verb or act.token, words)):
                act.code = _as_threat(act.code, context)
            for source in act.sources:
                for target in act.targets:
                    acts.append(_act_record(act, source, target, words, sentence, sentence_index, dated,
                                            published, mood == "planned"))
        dates.after_sentence(expressions)
    # an act is one per sentence (directed_acts); contacts reported again and again are one contact
    found = _merge(interactions) + _without_headline_repeats(acts)
    # a contact or act that resolves to no named person and no state (two international bodies, an
    # unnamed official of one) says nothing about the relations between states
    return sorted((i for i in found if i.participant_ids or i.country_codes), key=lambda i: i.sentence_index)


def _without_headline_repeats(acts: list[Interaction]) -> list[Interaction]:
    """The headline's acts that the story reports again are the story's."""
    later = {(a.source_country, a.target_country, a.event_code) for a in acts if a.sentence_index > 0}
    return [a for a in acts if a.sentence_index > 0 or (a.source_country, a.target_country, a.event_code) not in later]


def _is_promised(verb: Token, words: InteractionWords) -> bool:
    """"vowed to retaliate", "pledged to impose": the act is what its actor commits itself to."""
    chain = _verb_chain(verb)
    return any(_forms(governor) & words.commitment_governors for position, governor in enumerate(chain)
               if _governs(chain, position))


def _as_threat(code: events.EventCode, context: events.ActContext) -> events.EventCode:
    """"We will impose further sanctions", "A vowed to retaliate": a state announcing its own act of
    material conflict, or committing itself to one, threatens it (CAMEO 13) by `threat_codes`."""
    if code.quad_class != "material_conflict":
        return code
    prefixes = context.words.threat_codes
    prefix = max((p for p in prefixes if code.code.startswith(p)), key=len, default=None)
    threat = events.event_code(context.actors, prefixes[prefix]) if prefix is not None else None
    return threat or code


def _act_record(act, source: Actor, target: Actor, words: InteractionWords, sentence: Span, sentence_index: int,
                dated: tuple[date | None, str | None], published: date | None, planned: bool) -> Interaction:
    event_date, precision = dated
    code = act.code
    interaction_type = next(
        (words.event_types[key] for key in (code.code, code.code[:3], code.root) if key in words.event_types),
        "event",
    )
    people = sorted({a.entity_id for a in (source, target) if a.is_named_person and a.entity_id})
    return Interaction(
        interaction_type=interaction_type,
        event_code=code.code,
        goldstein=code.goldstein,
        event_date=event_date,
        date_precision=precision,
        place=None,
        participant_ids=people,
        country_codes=sorted({a.country for a in (source, target) if a.country}),
        is_recalled=is_recalled(event_date, precision, published),
        sentence=sentence.text.strip(),
        sentence_index=sentence_index,
        is_planned=planned or is_after_publication(event_date, published),
        source_country=events.side_code(source),
        target_country=events.side_code(target),
        quad_class=code.quad_class,
        source_participant_id=source.entity_id if source.is_named_person else None,
        target_participant_id=target.entity_id if target.is_named_person else None,
    )
