"""EntityRuler patterns generated from reference data, plus the word lists of the NLP layer.

Patterns are data, not code: countries, organisations and outlets come from `seeds/reference/*.csv`;
general organisation shapes ("<Demonym> Foreign Ministry", "Ministry of X of <Country>") come from
`seeds/reference/patterns/organization_templates.jsonl`, whose `{"SLOT": ...}` tokens are expanded
here with the reference's demonyms, country names and ministry words. The words the extraction rules
look for are data too: `vocabulary.json` and `entity_words.json` (the entity analysis) and
`interaction_words.json` (the interaction extraction), read here once per process.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from pipeline.reference import Reference

PATTERNS_DIR = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "patterns"
VOCABULARY_FILE = "vocabulary.json"
ENTITY_WORDS_FILE = "entity_words.json"
INTERACTION_WORDS_FILE = "interaction_words.json"
TEMPLATES_FILE = "organization_templates.jsonl"
OUTLET_ID_PREFIX = "outlet:"

Tokenize = Callable[[str], list[tuple[str, str]]]  # text -> [(orth, norm)]


@dataclass(frozen=True)
class Vocabulary:
    """The word lists of the entity analysis: `vocabulary.json` (shared with the ruler's templates)
    and `entity_words.json`. Lower case, except `non_body_abbreviations`."""

    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    honorifics: frozenset[str]
    military_ranks: frozenset[str]  # "Army Chief [General] A": a rank before the name, after a title
    whole_abbreviations: frozenset[str]  # "Rt. Hon.": dotted forms kept as one token
    ministry_words: frozenset[str]
    org_heads: frozenset[str]
    place_heads: frozenset[str]
    # "the Indian Ocean", "the Sea of Japan", "Mexico City": a place named after a state
    geographic_heads: frozenset[str]
    document_heads: frozenset[str]
    generic_back_references: dict[str, tuple[str, ...]]
    name_particles: frozenset[str]  # lower-case words inside names: "van", "bin", "al"
    currency_units: frozenset[str]  # "dollars" of "US dollars": a currency, not the state
    # "MOU", "LNG", "GDP": abbreviations of things, never an actor (matched as written)
    non_body_abbreviations: frozenset[str]
    # entity_words.json
    articles: frozenset[str]
    connectors: frozenset[str]
    title_prepositions: frozenset[str]
    location_prepositions: frozenset[str]
    portfolio_prepositions: frozenset[str]
    organization_joiners: frozenset[str]
    organization_links: frozenset[tuple[str, ...]]  # "of", "of the": word sequences
    open_name_endings: frozenset[str]
    title_joiners_before_name: frozenset[str]
    title_joiners_after_name: frozenset[str]
    title_joiners_in_capitalised_title: frozenset[str]
    lower_case_name_words: frozenset[str]
    portfolio_aliases: dict[str, str]
    leadership_verbs: frozenset[str]
    compound_modifier_words: frozenset[str]
    non_name_words: frozenset[str]  # common nouns that are never part of a person's name
    nationality_joiners: frozenset[str]  # "U.S. singer [and] songwriter Name": inside a description
    event_heads: frozenset[str]  # "Summit", "Cup", "Festival": an event, not an organisation
    state_words: frozenset[str]  # "Government of X": the state itself
    human_verbs: frozenset[str]  # "said", "told": their subject is a person
    # "This is Ann Lee with ...", "I'm Ann Lee.": a presenter or writer naming themselves
    self_introduction: re.Pattern[str]
    introduction_followers: frozenset[str]  # "with", "from": what may follow the name introduced
    place_markers: frozenset[str]  # "in", "visiting": a name straight after one is a place, not a person
    company_nouns: frozenset[str]  # "business A", "A, a data provider,": A is a firm, not a person
    office_nouns: frozenset[str]  # "Chairmanship of the X": a term of office, the body is X
    # "Secretary-General", "High Representative": offices of international bodies, never a state's
    international_titles: frozenset[str]
    # "A led Ruritania", "the Ruritania team led by A": lemmas of a person leading or representing a side
    representation_verbs: frozenset[str]


@dataclass(frozen=True)
class ContactVerb:
    """How a contact verb names the other side of the contact."""

    interaction_type: str
    takes_object: bool = False  # "met B", "received B"
    prepositions: tuple[str, ...] = ()  # "spoke with / to B"
    destination: bool = False  # its object or "to"/"in" phrase may be the place visited
    needs_agreement_object: bool = False  # "signed an agreement", never "signed off"
    context_decides_call: bool = False  # "spoke with B" is a call only where the sentence says so


@dataclass(frozen=True)
class InteractionWords:
    """The word lists of the interaction extraction (`interaction_words.json`), lower case."""

    contact_verbs: dict[str, ContactVerb]  # verb lemma -> how it reports a contact
    contact_nouns: dict[str, str]  # event noun (word or lemma) -> interaction type
    light_verbs: frozenset[str]  # "held [talks]", "had [a call]": the subject is the noun's
    joint_words: frozenset[str]  # "a trilateral meeting with A and B": one contact, not one each
    press_words: frozenset[str]  # "news conference": a joint appearance
    negation_words: frozenset[str]
    negating_verbs: frozenset[str]  # "refused to meet"
    hypothetical_auxiliaries: frozenset[str]  # "could meet"
    hypothetical_governors: frozenset[str]  # "ready to meet", "hopes to visit"
    planned_auxiliaries: frozenset[str]  # "will meet"
    planned_governors: frozenset[str]  # "plans to visit", "is due to meet", "is to travel"
    commitment_governors: frozenset[str]  # "vowed to retaliate": planned, and a hostile act so promised is a threat
    planned_modifiers: frozenset[str]  # "the upcoming visit"
    state_agent_nouns: frozenset[str]  # "Russian forces", "the Chinese side": the state acting
    envoy_nouns: frozenset[str]  # "a [delegation] from B": people sent by the state they come from
    bloc_member_nouns: frozenset[str]  # "NATO [allies]", "EU [members]": the bloc acting through its members
    state_body_heads: frozenset[str]  # "the Defence [Ministry]": an organisation unknown to the reference is a state's body
    leadership_verbs: frozenset[str]  # "the delegation, led by A": A acts for it
    support_verbs: frozenset[str]  # "impose [sanctions]": their dictionary objects are event nouns
    target_prepositions: frozenset[str]  # "sanctions on X", "an attack against X": the target
    first_person_plural: frozenset[str]  # "we", "our": the state speaking
    sport_words: frozenset[str]  # a sentence with one whose sides are all bare state names is about national teams
    sport_only_words: frozenset[str]  # "hockey", "stadium": a sentence with one is about sport whoever else it names
    sport_verbs: frozenset[str]  # "[scored] twice": the verbs among `sport_words` (the others count as nouns only)
    non_sport_neighbours: frozenset[str]  # "[arms] race", "[negotiating] team", "[impose] penalties": no sport
    sport_quantity_words: frozenset[str]  # "[scores] of civilians": a number of people, no sport
    event_types: dict[str, str]  # CAMEO code or root -> interaction type
    threat_codes: dict[str, str]  # code prefix of a material-conflict act announced by its actor -> threat code
    event_nouns: dict[str, str]  # "condemnation", "restrictive measures" -> CAMEO code
    statement_verbs: frozenset[str]  # "reiterated [its commitment]": the verb's subject holds the noun
    group_nouns: frozenset[str]  # "the two ministers", "they": the parties of the last contact
    reporting_verbs: frozenset[str]  # "X said": the sentence is X's speech
    demand_complements: frozenset[str]  # "called on X to [stop]": an appeal to stop or comply is a demand
    discussion_verbs: frozenset[str]  # "discussed how to [expand] ties": what is discussed is no act
    topic_prepositions: frozenset[str]  # "coordinate [on] the Korea problem": what is talked about
    topic_nouns: frozenset[str]  # "on the Korea [problem]": a state naming a topic is not acted on
    perpetration_verbs: frozenset[str]  # "[committed] atrocities": the object says what the subject did
    co_actor_prepositions: frozenset[str]  # "called the meeting [alongside] X": X acts too, not acted on
    vicinity_prepositions: frozenset[str]  # "joint drills [near] the Chinese border": where, not with whom
    halting_words: frozenset[str]  # "a [pause] of the negotiations": talks stopped, not held
    round_nouns: frozenset[str]  # "held another [round] of talks": the talks are held
    reciprocal_verbs: frozenset[str]  # "A and B [exchanged] fire": each side does it to the other
    private_nouns: frozenset[str]  # "Spanish [fans]", "the chairman of the [club]": no state there
    receiving_verbs: frozenset[str]  # "the decision [drew] criticism from B": the subject is acted on
    stance_adjectives: dict[str, str]  # "[concerned] about B's buildup" -> CAMEO code of the judgement
    naming_verbs: frozenset[str]  # "[called] the sanctions illegal": a judgement when the name is a stance cue
    message_nouns: frozenset[str]  # "sent a [message] of condolences": the noun after "of" is what is sent
    stance_cues: tuple[tuple[str, re.Pattern[str]], ...]  # (CAMEO code, cue words) in order of precedence
    verbs_needing_person_object: frozenset[str]  # "called B" is a call, "called for" an appeal
    phone_words: frozenset[str]
    visit_call_words: frozenset[str]  # "a [courtesy] call": a call paid in person, a meeting
    video_words: frozenset[str]
    agreement_words: frozenset[str]
    visit_place_prepositions: frozenset[str]
    meeting_place_prepositions: frozenset[str]
    personal_pronouns: frozenset[str]
    demonstratives: frozenset[str]
    same_day: re.Pattern[str]  # any of the same-day phrases, as whole words
    next_day: re.Pattern[str]
    sidelines: re.Pattern[str]


# The lists of each file read as sets of lower-case words (the others have a shape of their own).
VOCABULARY_WORD_SETS = (
    "title_heads", "title_modifiers", "honorifics", "military_ranks", "ministry_words", "org_heads", "place_heads", "geographic_heads",
    "document_heads", "name_particles", "currency_units", "whole_abbreviations",
)
ENTITY_WORD_SETS = (
    "articles", "connectors", "title_prepositions", "location_prepositions", "portfolio_prepositions",
    "organization_joiners", "open_name_endings", "title_joiners_before_name", "title_joiners_after_name",
    "title_joiners_in_capitalised_title", "lower_case_name_words", "leadership_verbs",
    "compound_modifier_words", "non_name_words", "human_verbs", "nationality_joiners", "event_heads", "state_words",
    "introduction_followers", "place_markers", "company_nouns",
    "office_nouns", "international_titles", "representation_verbs",
)
INTERACTION_WORD_SETS = (
    "light_verbs", "joint_words", "press_words", "negation_words", "negating_verbs", "hypothetical_auxiliaries",
    "hypothetical_governors", "planned_auxiliaries", "planned_governors", "commitment_governors", "planned_modifiers", "state_agent_nouns", "envoy_nouns", "bloc_member_nouns", "state_body_heads", "leadership_verbs", "support_verbs", "target_prepositions",
    "first_person_plural", "sport_words", "sport_only_words", "sport_verbs", "non_sport_neighbours", "sport_quantity_words", "statement_verbs", "group_nouns", "reporting_verbs", "demand_complements", "discussion_verbs",
    "topic_prepositions", "topic_nouns", "perpetration_verbs", "co_actor_prepositions", "vicinity_prepositions", "halting_words", "round_nouns", "reciprocal_verbs", "private_nouns", "receiving_verbs", "naming_verbs", "message_nouns", "verbs_needing_person_object", "phone_words", "visit_call_words", "video_words", "agreement_words", "visit_place_prepositions",
    "meeting_place_prepositions", "personal_pronouns", "demonstratives",
)


def _read_json(patterns_dir: Path, name: str) -> dict:
    return json.loads((patterns_dir / name).read_text(encoding="utf-8"))


def _word_sets(data: dict, names: Iterable[str]) -> dict[str, frozenset[str]]:
    """The named lists as sets of lower-case words; a missing list is an error, not an empty set."""
    return {name: frozenset(word.lower() for word in data[name]) for name in names}


def _lower_keys(mapping: dict[str, str]) -> dict[str, str]:
    return {key.lower(): value for key, value in mapping.items()}


def phrase_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of the phrases as whole words, case-insensitive, with any white space between words."""
    alternatives = (r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def _opening_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of the phrases opening a sentence (after an optional "and"), straight or curly apostrophes
    alike; the match ends where the words after the phrase start."""
    alternatives = (
        r"\s+".join(re.escape(word).replace("'", "['\u2019]") for word in phrase.split()) for phrase in phrases
    )
    return re.compile(r"\s*(?:and\s+)?(?:" + "|".join(alternatives) + r")\s+", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_vocabulary(patterns_dir: Path = PATTERNS_DIR) -> Vocabulary:
    data = _read_json(patterns_dir, VOCABULARY_FILE)
    entity = _read_json(patterns_dir, ENTITY_WORDS_FILE)
    return Vocabulary(
        **_word_sets(data, VOCABULARY_WORD_SETS),
        generic_back_references={k.lower(): tuple(v) for k, v in data["generic_back_references"].items()},
        non_body_abbreviations=frozenset(data["non_body_abbreviations"]),
        **_word_sets(entity, ENTITY_WORD_SETS),
        organization_links=frozenset(tuple(phrase.lower().split()) for phrase in entity["organization_links"]),
        portfolio_aliases=_lower_keys(entity["portfolio_aliases"]),
        self_introduction=_opening_regex(entity["self_introductions"]),
    )


@lru_cache(maxsize=4)
def load_interaction_words(patterns_dir: Path = PATTERNS_DIR) -> InteractionWords:
    data = _read_json(patterns_dir, INTERACTION_WORDS_FILE)
    return InteractionWords(
        contact_verbs={
            lemma.lower(): ContactVerb(
                interaction_type=spec["type"],
                takes_object=bool(spec.get("object")),
                prepositions=tuple(p.lower() for p in spec.get("prepositions", ())),
                destination=bool(spec.get("destination")),
                needs_agreement_object=bool(spec.get("needs_agreement_object")),
                context_decides_call=bool(spec.get("context_decides_call")),
            )
            for lemma, spec in data["contact_verbs"].items()
        },
        contact_nouns=_lower_keys(data["contact_nouns"]),
        event_types=dict(data["event_types"]),
        threat_codes={prefix: code for prefix, code in data["threat_codes"].items() if prefix != "about"},
        event_nouns=_lower_keys(data["event_nouns"]),
        stance_adjectives=_lower_keys(data["stance_adjectives"]),
        stance_cues=tuple(
            (code, phrase_regex(cues)) for code, cues in data["stance_cues"].items() if code != "about"
        ),
        **_word_sets(data, INTERACTION_WORD_SETS),
        same_day=phrase_regex(data["same_day_phrases"]),
        next_day=phrase_regex(data["next_day_phrases"]),
        sidelines=phrase_regex(data["sidelines_phrases"]),
    )


def is_abbreviation(form: str) -> bool:
    """All-capital forms ("US", "PRC", "SCO") match case-sensitively, so "us" is never a country."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 8


def phrase_pattern(form: str, tokenize: Tokenize) -> list[dict] | None:
    """Token pattern for one surface form.

    Multi-word forms match on NORM (case-insensitive, curly and straight apostrophes alike);
    single words must be capitalised as written (or all capitals, as in headlines) so that common
    nouns ("turkey", "chad") are not countries; abbreviations match exactly.
    """
    tokens = tokenize(form)
    if not tokens:
        return None
    if len(tokens) == 1:
        orth = tokens[0][0]
        if is_abbreviation(orth):
            return [{"ORTH": orth}]
        variants = sorted({orth, orth[:1].upper() + orth[1:], orth.upper()})
        return [{"ORTH": {"IN": variants}}]
    pattern = []
    for orth, norm in tokens:
        if is_abbreviation(orth) and len(orth) > 1:
            pattern.append({"ORTH": orth})
        else:
            pattern.append({"NORM": norm})
    return pattern


def _entry(label: str, pattern: list[dict] | str, entity_id: str) -> dict:
    return {"label": label, "pattern": pattern, "id": entity_id}


def reference_patterns(reference: "Reference", tokenize: Tokenize) -> list[dict]:
    """Countries (GPE), demonyms (NORP), organisations and outlets (ORG), each with its reference id.

    They are phrase patterns (strings), matched on NORM by the ruler's PhraseMatcher: thousands of
    token patterns in a Matcher would cost more than the statistical model itself. The case rules of
    `phrase_pattern` (capitalised single words, exact abbreviations) are applied after matching by the
    `reference_case_filter` component.
    """
    entries: list[dict] = []

    def add(label: str, forms: Iterable[str], entity_id: str) -> None:
        for form in forms:
            if form and form.strip():
                entries.append(_entry(label, form.strip(), entity_id))

    for country in reference.countries:
        add("GPE", country.names, country.iso3)
        add("NORP", country.demonyms, country.iso3)
    for organization in reference.organizations:
        add("ORG", organization.names, organization.canonical_name)
    for outlet in reference.outlets:
        add("ORG", outlet.names, OUTLET_ID_PREFIX + outlet.name)
    return _deduplicated(entries)


def abbreviation_forms(reference: "Reference") -> list[str]:
    """Single-word reference forms written in capitals ("US", "SCO"): matched only as written."""
    forms = [
        form
        for item in (*reference.countries, *reference.organizations, *reference.outlets)
        for form in item.names
        if form and " " not in form.strip() and is_abbreviation(form.strip())
    ]
    return sorted(set(forms))


def _slot_alternatives(slot: str, reference: "Reference", vocabulary: Vocabulary, tokenize: Tokenize) -> list[list[dict]]:
    """Each alternative is a token sequence; single-token forms share one IN set."""
    if slot == "MINISTRY_WORD":
        return [[{"LOWER": {"IN": sorted(vocabulary.ministry_words)}}]]
    if slot == "DEMONYM":
        forms = [d for c in reference.countries for d in c.demonyms]
    elif slot == "COUNTRY":
        forms = [n for c in reference.countries for n in c.names]
    else:
        raise ValueError(f"unknown pattern slot {slot!r}")
    single: set[str] = set()
    multi: list[list[dict]] = []
    for form in forms:
        pattern = phrase_pattern(form, tokenize)
        if not pattern:
            continue
        if len(pattern) == 1:
            spec = pattern[0]["ORTH"]
            single.update(spec["IN"] if isinstance(spec, dict) else [spec])
        else:
            multi.append(pattern)
    alternatives = [[{"ORTH": {"IN": sorted(single)}}]] if single else []
    return alternatives + multi


def template_patterns(reference: "Reference", tokenize: Tokenize, patterns_dir: Path = PATTERNS_DIR) -> list[dict]:
    vocabulary = load_vocabulary(patterns_dir)
    entries: list[dict] = []
    lines = (patterns_dir / TEMPLATES_FILE).read_text(encoding="utf-8").splitlines()
    for line in lines:
        if not line.strip():
            continue
        template = json.loads(line)
        choices: list[list[list[dict]]] = []
        for token in template["pattern"]:
            if "SLOT" in token:
                alternatives = _slot_alternatives(token["SLOT"], reference, vocabulary, tokenize)
                op = token.get("OP")
                if op:  # an operator applies to single-token alternatives only
                    alternatives = [[{**alt[0], "OP": op}] for alt in alternatives if len(alt) == 1]
                choices.append(alternatives)
            else:
                choices.append([[token]])
        for combination in itertools.product(*choices):
            pattern = [token for part in combination for token in part]
            entries.append({"label": template["label"], "pattern": pattern})
    return _deduplicated(entries)


def build_patterns(reference: "Reference", tokenize: Tokenize) -> list[dict]:
    return reference_patterns(reference, tokenize) + template_patterns(reference, tokenize)


def _deduplicated(entries: list[dict]) -> list[dict]:
    seen: set[str] = set()
    unique = []
    for entry in entries:
        key = json.dumps(entry, sort_keys=True)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique
