"""Topics of a document from the reference taxonomy (`seeds/reference/topics.json`).

Single-word keywords match a token's lower-case form or its lemma ("investments" -> "investment");
phrases match lower-case token sequences. Organisations that the reference lists as international
or regional bodies count as evidence for the `multilateral` topic even when no keyword says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.reference import Reference

MULTILATERAL_TOPIC = "multilateral"
MULTILATERAL_ORGANIZATION_KINDS = frozenset({"international", "regional"})
# A document is about a topic when the taxonomy matched it at least this many times.
MIN_MATCHES = 1
# A keyword inside a proper name is not a statement about the topic: "the Patriotic War" is not a
# security topic, a talk held at "the Academy of Sciences" is not about education.
NAME_LABELS = frozenset({"PERSON", "EVENT", "FAC", "WORK_OF_ART"})
INSTITUTION_WORDS = frozenset(
    {"academy", "institute", "institutes", "university", "college", "school", "center", "centre",
     "foundation", "museum", "library", "hospital"}
)


@dataclass
class Topic:
    topic: str
    score: float      # matches of this topic / matches of the document's most matched topic
    evidence: str     # the sentence holding most of the topic's matches


@dataclass(frozen=True)
class _TopicMatchers:
    keywords: dict[str, tuple[str, ...]]  # single-word keyword -> topics
    phrases: PhraseMatcher                 # match_id = topic name
    not_as_verb: frozenset[tuple[str, str]]  # (topic, keyword) that a verb does not match


_TOKENIZER: Language | None = None


def _tokenizer() -> Language:
    # Phrase patterns must be split the way the model splits text ("people-to-people" is 5 tokens);
    # the blank English pipeline has the same tokenizer rules without loading any weights.
    global _TOKENIZER
    if _TOKENIZER is None:
        _TOKENIZER = spacy.blank("en")
    return _TOKENIZER


def _matchers(doc: Doc, reference: Reference) -> _TopicMatchers:
    # A PhraseMatcher belongs to one vocab: one set of matchers per reference and vocab.
    return reference.derived(("topic_matchers", id(doc.vocab)), lambda: _build_matchers(doc, reference))


def _build_matchers(doc: Doc, reference: Reference) -> _TopicMatchers:
    keywords: dict[str, list[str]] = defaultdict(list)
    phrases = PhraseMatcher(doc.vocab, attr="LOWER")
    tokenizer = _tokenizer()
    for topic, spec in reference.topics.items():
        patterns = []
        for term in (*spec.keywords, *spec.phrases):
            term = term.strip().lower()
            if not term:
                continue
            if " " not in term and "-" not in term:
                keywords[term].append(topic)
            else:
                patterns.append(tokenizer.make_doc(term))
        if patterns:
            phrases.add(topic, patterns)
    not_as_verb = frozenset((topic, word) for topic, spec in reference.topics.items() for word in spec.not_as_verb)
    return _TopicMatchers({k: tuple(dict.fromkeys(v)) for k, v in keywords.items()}, phrases, not_as_verb)


def _sentence_index(doc: Doc) -> list[int]:
    """Token index -> sentence index (documents without sentence boundaries are one sentence)."""
    index = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return index
    for number, sentence in enumerate(doc.sents):
        for i in range(sentence.start, sentence.end):
            index[i] = number
    return index


def _tokens_inside_names(doc: Doc) -> set[int]:
    inside: set[int] = set()
    for entity in doc.ents:
        is_institution = entity.label_ == "ORG" and any(t.lower_ in INSTITUTION_WORDS for t in entity)
        if entity.label_ in NAME_LABELS or is_institution:
            inside.update(range(entity.start, entity.end))
    return inside


def topic_matches(doc: Doc, reference: Reference) -> list[tuple[str, int, int]]:
    """Every (topic, start token, end token) the taxonomy finds in the document."""
    matchers = _matchers(doc, reference)
    found: list[tuple[str, int, int]] = []
    covered: set[tuple[str, int]] = set()
    for match_id, start, end in matchers.phrases(doc):
        topic = doc.vocab.strings[match_id]
        found.append((topic, start, end))
        covered.update((topic, i) for i in range(start, end))
    inside_names = _tokens_inside_names(doc)
    for token in doc:
        if token.i in inside_names:
            continue
        forms = {token.lower_, token.lemma_.lower()}
        is_verb = token.pos_ == "VERB"
        for form in forms:
            for topic in matchers.keywords.get(form, ()):
                if is_verb and (topic, form) in matchers.not_as_verb:
                    continue
                # A keyword inside a phrase of the same topic is the same evidence, counted once.
                if (topic, token.i) not in covered:
                    found.append((topic, token.i, token.i + 1))
                    covered.add((topic, token.i))
    if MULTILATERAL_TOPIC in reference.topics:
        for entity in doc.ents:
            if entity.label_ != "ORG":
                continue
            organization = reference.organization_by_text(entity.text)
            if organization is not None and organization.kind in MULTILATERAL_ORGANIZATION_KINDS:
                if (MULTILATERAL_TOPIC, entity.start) not in covered:
                    found.append((MULTILATERAL_TOPIC, entity.start, entity.end))
                    covered.add((MULTILATERAL_TOPIC, entity.start))
    return sorted(found, key=lambda m: (m[1], m[0]))


def extract_topics(doc: Doc, reference: Reference, between_states: bool = True) -> list[Topic]:
    """Topics with at least MIN_MATCHES matches, most matched first.

    A document that reports no interaction between states (`between_states` false: sport, culture,
    business, domestic news) keeps only its most matched topics: there a keyword met in passing (an
    award "for education", a merger "in energy") says little about what the article covers, while an
    article about relations between states often lists each domain of cooperation once.
    """
    matches = topic_matches(doc, reference)
    if not matches:
        return []
    sentence_of = _sentence_index(doc)
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    counts = Counter(topic for topic, _, _ in matches)
    per_sentence: dict[str, Counter[int]] = defaultdict(Counter)
    for topic, start, _ in matches:
        per_sentence[topic][sentence_of[start]] += 1
    strongest = max(counts.values())
    topics = []
    for topic, count in counts.items():
        if count < MIN_MATCHES or (not between_states and count < strongest):
            continue
        # most_common keeps first-seen order on ties, i.e. the earliest sentence.
        best_sentence = per_sentence[topic].most_common(1)[0][0]
        topics.append(Topic(topic, round(count / strongest, 4), sentences[best_sentence].text.strip()))
    return sorted(topics, key=lambda t: (-t.score, t.topic))
