"""Contacts between named people: meetings, talks, visits, calls and signings.

A trigger is a verb ("met", "received", "visited") or an event noun ("talks", "meeting",
"telephone conversation"). Its participants are the people in its arguments, read from the
dependency parse: subjects, objects and "with"/"between" complements, including appositions and
"the delegation, led by A" constructions. Persons come from the entity analysis (by character
offsets), so surname back-references already point at the full person.

Conservative by design: an interaction needs two distinct people (or one person and the place they
visited); "During the meeting, ..." refers back to a meeting already reported and creates nothing;
dates come only from the sentence itself.

The words it looks for (trigger verbs and nouns, phone and video words, pronouns, date phrases) are
in seeds/reference/patterns/interaction_words.json; the grammar (dependency labels) is here.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.dates import DateExpression, find_date_expressions
from pipeline.nlp.patterns import InteractionWords, load_interaction_words
from pipeline.reference import Reference

# An event dated more than this before publication is recalled, not reported.
RECALL_THRESHOLD = timedelta(days=7)

# Clauses that speak about something else than the trigger's event.
_PRUNED_DEPS = frozenset({"relcl", "advcl", "ccomp", "parataxis", "csubj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Clauses whose dates belong to another event ("A, who arrived on Sunday, met B on Monday").
_OTHER_EVENT_CLAUSES = frozenset({"relcl", "acl", "advcl"})


@dataclass
class Interaction:
    interaction_type: str
    event_code: str | None
    goldstein: float | None
    event_date: date | None
    date_precision: str | None
    place: str | None
    participant_ids: list[str]
    country_codes: list[str]
    is_recalled: bool
    sentence: str
    sentence_index: int


@dataclass
class _Context:
    doc: Doc
    analysis: object
    reference: Reference
    published: date | None
    words: InteractionWords
    person_at_token: dict[int, str] = field(default_factory=dict)
    person_mentions: Counter[str] = field(default_factory=Counter)
    first_mention: dict[str, int] = field(default_factory=dict)
    person_country: dict[str, str | None] = field(default_factory=dict)
    place_at_token: dict[int, str] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------
# The analysis seen through tokens


def _build_context(doc: Doc, analysis, published: date | None, reference: Reference) -> _Context:
    context = _Context(doc, analysis, reference, published, load_interaction_words())
    entities = analysis.entities
    for mention in analysis.mentions:
        entity = entities.get(mention.entity_id)
        if entity is None:
            continue
        span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
        if span is None:
            continue
        if entity.entity_type == "person":
            for token in span:
                context.person_at_token[token.i] = entity.entity_id
            context.person_mentions[entity.entity_id] += 1
            context.first_mention.setdefault(entity.entity_id, mention.start_char)
        elif entity.entity_type == "place":
            for token in span:
                context.place_at_token[token.i] = entity.canonical_name
    for entity_id, entity in entities.items():
        if entity.entity_type == "person":
            context.person_country[entity_id] = entity.country_code
    for role in analysis.roles:
        if role.country_code:
            context.person_country[role.entity_id] = role.country_code
    return context


def _persons_in(
    token: Token, context: _Context, prune: frozenset[str] = _PRUNED_DEPS, skip: Token | None = None
) -> list[str]:
    """People named in the token's subtree, without entering clauses about something else."""
    found: list[str] = []
    stack = [token]
    while stack:
        current = stack.pop()
        person = context.person_at_token.get(current.i)
        if person is not None and person not in found:
            found.append(person)
        stack.extend(
            child for child in current.children
            if child.dep_ not in prune and (skip is None or child.i != skip.i)
        )
    return found


def _last_person_before(char: int, context: _Context, exclude: set[str]) -> str | None:
    """The person most recently named before `char` (for "he"/"she" subjects)."""
    best: tuple[int, str] | None = None
    for mention in context.analysis.mentions:
        if mention.start_char >= char or mention.entity_id in exclude:
            continue
        entity = context.analysis.entities.get(mention.entity_id)
        if entity is None or entity.entity_type != "person":
            continue
        if best is None or mention.start_char > best[0]:
            best = (mention.start_char, mention.entity_id)
    return best[1] if best else None


# ------------------------------------------------------------------------------------------
# Triggers and their participants


@dataclass
class _Found:
    interaction_type: str
    trigger: Token
    participants: list[str]
    subject_named: bool       # someone was found in a subject position
    place: str | None = None


def _subject_persons(verb: Token, context: _Context) -> tuple[list[str], bool]:
    persons: list[str] = []
    named = False
    for child in verb.children:
        if child.dep_ not in _SUBJECT_DEPS:
            continue
        if child.lower_ in context.words.relative_pronouns and verb.dep_ == "relcl":
            # "B, who met A on Tuesday, said ...": "who" is the noun the clause describes.
            antecedent = _persons_in(verb.head, context, skip=verb)
            persons.extend(antecedent)
            named = named or bool(antecedent)
            continue
        if child.lower_ in context.words.personal_pronouns:
            resolved = _last_person_before(child.idx, context, exclude=set())
            if resolved:
                persons.append(resolved)
                named = True
            continue
        subject_persons = _persons_in(child, context)
        persons.extend(subject_persons)
        named = named or bool(subject_persons)
    # "A arrived and met B": the subject sits on the first verb of the coordination.
    if not persons and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject_persons(verb.head, context)
    # "The delegation, led by A, engaged in talks" is often parsed with the verb hanging from the
    # noun it should have as subject; that noun (without the verb's own branch) is the subject.
    if not persons and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        persons = _persons_in(verb.head, context, skip=verb)
        named = bool(persons)
    return persons, named


def _complement_persons(head: Token, context: _Context) -> list[str]:
    """People in "with B", "between A and B", "by B" (passive agent) complements."""
    persons: list[str] = []
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in context.words.participant_prepositions:
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp"):
                    persons.extend(_persons_in(grandchild, context))
    return persons


def _object_persons(verb: Token, context: _Context) -> list[str]:
    persons: list[str] = []
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            persons.extend(_persons_in(child, context))
    return persons


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _noun_type(noun: Token, words: InteractionWords) -> str | None:
    lemma = noun.lemma_.lower()
    lower = noun.lower_
    interaction_type = words.noun_triggers.get(lower) or words.noun_triggers.get(lemma)
    if interaction_type is None:
        return None
    modifiers = {child.lower_ for child in noun.children if child.dep_ in ("compound", "amod", "nmod")}
    if modifiers & words.video_words:
        return "video_call"
    if modifiers & words.phone_words:
        return "phone_call"
    if interaction_type == "phone_call":
        return None  # a "call" that is not a phone call is an appeal, not a contact
    return interaction_type


def _verb_trigger(token: Token, context: _Context) -> _Found | None:
    words = context.words
    lemma = token.lemma_.lower()
    interaction_type = words.verb_triggers.get(lemma)
    if interaction_type is None or token.pos_ not in ("VERB", "AUX"):
        return None
    if lemma in words.verbs_needing_person_object:
        # "called for", "called on" are appeals; only "called B" (a person) is a call.
        if not any(child.dep_ == "dobj" and _persons_in(child, context) for child in token.children):
            return None
    if interaction_type == "agreement_signed":
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if not any(c.lemma_.lower() in words.agreement_words or c.lower_ in words.agreement_words for c in objects):
            return None
    subjects, named = _subject_persons(token, context)
    participants = subjects + _complement_persons(token, context)
    if interaction_type in ("meeting", "phone_call", "talks"):
        participants += _object_persons(token, context)
    place = _visit_place(token, context) if interaction_type == "visit" else None
    return _Found(interaction_type, token, _unique(participants), named, place)


def _noun_trigger(token: Token, context: _Context) -> _Found | None:
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    interaction_type = _noun_type(token, context.words)
    if interaction_type is None:
        return None
    # Persons attached to the noun: "talks between A and B", "meeting of A with B", "A's visit".
    participants = _persons_in(token, context)
    named = False
    head = token.head
    # "A held talks with B", "A engaged in talks with B", "A had a phone call with B".
    if token.dep_ in ("dobj", "nsubjpass", "attr") or (token.dep_ == "pobj" and head.dep_ == "prep"):
        verb = head if token.dep_ != "pobj" else head.head
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in context.words.verb_triggers:
            subjects, named = _subject_persons(verb, context)
            participants = subjects + participants + _complement_persons(verb, context)
    place = _visit_place(token, context) if interaction_type == "visit" else None
    return _Found(interaction_type, token, _unique(participants), named, place)


def _visit_place(trigger: Token, context: _Context) -> str | None:
    """The visited place: the verb's object or its "to X" complement."""
    candidates: list[Token] = []
    for child in trigger.children:
        if child.dep_ == "dobj":
            candidates.append(child)
        elif child.dep_ == "prep" and child.lower_ in context.words.visit_place_prepositions:
            candidates.extend(g for g in child.children if g.dep_ == "pobj")
    for candidate in candidates:
        name = _place_name(candidate, context)
        if name:
            return name
    return None


def _place_name(token: Token, context: _Context) -> str | None:
    if token.i in context.place_at_token:
        return context.place_at_token[token.i]
    if token.ent_type_ in _PLACE_LABELS:
        entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if entity is not None:
            country = context.reference.country_by_text(entity.text)
            return country.name if country else entity.text
    return None


def _meeting_place(sentence: Span, trigger: Token, context: _Context) -> str | None:
    """A city or venue after "in"/"at" in the sentence (a country is too coarse to be a place)."""
    best: tuple[int, str] | None = None
    for entity in sentence.ents:
        if entity.label_ not in _PLACE_LABELS or entity.start == sentence.start:
            continue
        before = entity.doc[entity.start - 1]
        if before.lower_ not in context.words.meeting_place_prepositions:
            continue
        if context.reference.country_by_text(entity.text) is not None:
            continue
        # Places inside another event's clause ("the commission held in X") are not this one's.
        if before.head.i != trigger.i and before.head.dep_ in ("acl", "relcl"):
            continue
        name = context.place_at_token.get(entity.root.i, entity.text)
        distance = abs(entity.start - trigger.i)
        if best is None or distance < best[0]:
            best = (distance, name)
    return best[1] if best else None


# ------------------------------------------------------------------------------------------
# Completing participants, dates and recall


def _main_actor(other: str, context: _Context) -> str | None:
    """The article's most mentioned person on the other side of `other` (named at least twice)."""
    other_country = context.person_country.get(other)
    ranked = sorted(
        (p for p in context.person_mentions if p != other),
        key=lambda p: (-context.person_mentions[p], context.first_mention.get(p, 0)),
    )
    for person in ranked:
        if context.person_mentions[person] < 2:
            return None
        country = context.person_country.get(person)
        if other_country is None or country is None or country != other_country:
            return person
    return None


def _other_event_ranges(sentence: Span, trigger: Token) -> list[tuple[int, int]]:
    """Character ranges (relative to the sentence) of clauses about other events than the
    trigger's: relative and adverbial clauses that do not contain the trigger."""
    ranges = []
    for token in sentence:
        if token.dep_ not in _OTHER_EVENT_CLAUSES or token.i == trigger.i:
            continue
        subtree = list(token.subtree)
        if any(t.i == trigger.i for t in subtree) or any(t.i == token.i for t in trigger.ancestors):
            continue
        ranges.append((subtree[0].idx - sentence.start_char, subtree[-1].idx + len(subtree[-1]) - sentence.start_char))
    return ranges


def _event_date(sentence: Span, trigger: Token, published: date | None) -> tuple[date | None, str | None]:
    expressions = find_date_expressions(sentence.text, published)
    if not expressions:
        return None, None
    others = _other_event_ranges(sentence, trigger)
    own = [e for e in expressions if not any(start <= e.start and e.end <= end for start, end in others)]
    expressions = own or expressions
    offset = trigger.idx - sentence.start_char

    def distance(expression: DateExpression) -> int:
        if expression.end <= offset:
            return offset - expression.end
        return max(0, expression.start - offset)

    precision_order = {"day": 0, "month": 1, "year": 2}
    best = min(expressions, key=lambda e: (distance(e), precision_order[e.precision]))
    return best.date, best.precision


def _anaphoric_date(text: str, previous_day: date, words: InteractionWords) -> tuple[date | None, str | None]:
    """"On the same day", "later that day", "the next day": a day named by an earlier sentence."""
    if words.same_day.search(text):
        return previous_day, "day"
    if words.next_day.search(text):
        return previous_day + timedelta(days=1), "day"
    return None, None


# The lead often dates the story's main event between states ("Ghana and Togo on Tuesday signed ...")
# and the next sentences name the people who took part, without repeating the day. Only sentences
# this close to the top are read that way.
LEAD_SENTENCES = 3


def _lead_day(sentences: list[Span], published: date | None) -> tuple[int, date] | None:
    """(sentence index, day) of the first day-precision date in the lead."""
    for index, sentence in enumerate(sentences[:LEAD_SENTENCES]):
        days = [e.date for e in find_date_expressions(sentence.text, published) if e.precision == "day"]
        if days:
            # a day well before publication is a remembered event, not the story's own
            return None if is_recalled(days[0], "day", published) else (index, days[0])
    return None


def _refers_to_previous(trigger: Token, words: InteractionWords) -> bool:
    """"At those consultations": the event of the previous sentence, with its date."""
    return any(child.dep_ == "det" and child.lower_ in words.demonstratives for child in trigger.children)


def _period_end(value: date, precision: str) -> date:
    if precision == "year":
        return date(value.year, 12, 31)
    if precision == "month":
        return date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def is_recalled(event_date: date | None, precision: str | None, published: date | None) -> bool:
    """True when the event ended clearly before the article: it is remembered, not reported."""
    if event_date is None or precision is None or published is None:
        return False
    return _period_end(event_date, precision) < published - RECALL_THRESHOLD


def _countries(participants: list[str], context: _Context) -> list[str]:
    return sorted({c for c in (context.person_country.get(p) for p in participants) if c})


def _compatible_dates(a: Interaction, b: Interaction) -> bool:
    if a.event_date is None or b.event_date is None:
        return True
    return a.event_date == b.event_date and a.date_precision == b.date_precision


def _merge(interactions: list[Interaction]) -> list[Interaction]:
    merged: list[Interaction] = []
    for interaction in interactions:
        for kept in merged:
            if kept.participant_ids == interaction.participant_ids and _compatible_dates(kept, interaction):
                if kept.event_date is None and interaction.event_date is not None:
                    kept.event_date, kept.date_precision = interaction.event_date, interaction.date_precision
                    kept.is_recalled = interaction.is_recalled
                kept.place = kept.place or interaction.place
                break
        else:
            merged.append(interaction)
    return merged


# ------------------------------------------------------------------------------------------


def _sentence_findings(sentence: Span, context: _Context) -> list[_Found]:
    findings: list[_Found] = []
    for token in sentence:
        found = _verb_trigger(token, context) or _noun_trigger(token, context)
        if found is None:
            continue
        if len(found.participants) == 1 and not found.subject_named and found.interaction_type != "visit":
            # "The meeting held with Director Z saw discussions": the article's own actor met Z.
            partner = _main_actor(found.participants[0], context)
            if partner is not None:
                found.participants = [partner, found.participants[0]]
        findings.append(found)
    return findings


def extract_interactions(doc: Doc, analysis, published: date | None, reference: Reference) -> list[Interaction]:
    context = _build_context(doc, analysis, published, reference)
    if not context.person_mentions:
        return []
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    interactions: list[Interaction] = []
    previous_day: date | None = None  # the last day-precision date stated before this sentence
    previous_date: tuple[date | None, str | None] = (None, None)  # the previous sentence's last date
    lead = _lead_day(sentences, published)
    # A lead that already dates a contact between named people is that contact's date, not the
    # date of a state-level event that later sentences would detail.
    lead_names_people = False
    for sentence_index, sentence in enumerate(sentences):
        for found in _sentence_findings(sentence, context):
            participants = sorted(set(found.participants))
            event_date, precision = _event_date(sentence, found.trigger, published)
            if participants and sentence_index < LEAD_SENTENCES and (
                event_date is not None or (lead and sentence_index == lead[0])
            ):
                lead_names_people = True
            is_visit = found.interaction_type == "visit" and found.place is not None
            if len(participants) < 2 and not (is_visit and participants):
                continue
            if event_date is None and previous_day is not None:
                event_date, precision = _anaphoric_date(sentence.text, previous_day, context.words)
            if event_date is None and _refers_to_previous(found.trigger, context.words):
                event_date, precision = previous_date
            if event_date is None and lead is not None and (
                (sentence_index < LEAD_SENTENCES and not lead_names_people) or context.words.sidelines.search(sentence.text)
            ):
                event_date, precision = lead[1], "day"
            place = found.place or _meeting_place(sentence, found.trigger, context)
            code = reference.event_code(found.interaction_type) or reference.event_code("meeting")
            interactions.append(
                Interaction(
                    interaction_type=found.interaction_type,
                    event_code=code.cameo_code if code else None,
                    goldstein=code.goldstein if code else None,
                    event_date=event_date,
                    date_precision=precision,
                    place=place,
                    participant_ids=participants,
                    country_codes=_countries(participants, context),
                    is_recalled=is_recalled(event_date, precision, published),
                    sentence=sentence.text.strip(),
                    sentence_index=sentence_index,
                )
            )
        expressions = find_date_expressions(sentence.text, published)
        day_dates = [e.date for e in expressions if e.precision == "day"]
        previous_day = day_dates[-1] if day_dates else previous_day
        previous_date = (expressions[-1].date, expressions[-1].precision) if expressions else (None, None)
    return _merge(interactions)
