"""An EntityRuler whose token patterns are only tried where they can match.

spaCy's Matcher tries every token pattern at every token of the document, so a few hundred template
patterns ("<Demonym> <ministry words>+ Ministry", expanded over every demonym) cost more than the
statistical NER. But each template contains a required literal word ("ministry", "embassy"), and every
token of a match satisfies some literal of the patterns. So a match always lies inside a run of such
tokens around an anchor word: the ruler finds those runs with two vectorised lookups and runs the
Matcher on them alone. Matches are exactly those of a whole-document Matcher; phrase patterns and the
way matches become entities are the stock EntityRuler's.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

import numpy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

ANCHORED_RULER_FACTORY = "anchored_entity_ruler"
LITERAL_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM"})
REQUIRED_OPS = frozenset({None, "1", "+"})
# Phrase-matcher attributes the tokenizer alone sets.
TOKENIZER_ATTRS = frozenset({None, "ORTH", "TEXT", "LOWER", "NORM"})


def literal_values(spec: dict[str, Any]) -> set[str] | None:
    """Words (as written and lower-cased) a token must be one of to satisfy `spec`, or None if `spec` is not literal."""
    attrs = set(spec) - {"OP"}
    if not attrs or not attrs <= LITERAL_ATTRS or spec.get("OP") == "!":
        return None
    values: set[str] = set()
    for attr in attrs:
        value = spec[attr]
        if isinstance(value, str):
            values.update((value, value.lower()))
        elif isinstance(value, dict) and set(value) == {"IN"}:
            values.update(form for item in value["IN"] for form in (str(item), str(item).lower()))
        else:
            return None
    return values


def pattern_words(pattern: list[dict[str, Any]]) -> tuple[list[frozenset[str]], set[str]] | None:
    """(words of each required token, every word a match may contain) of one pattern; None if not literal."""
    allowed: set[str] = set()
    required: list[frozenset[str]] = []
    for spec in pattern:
        values = literal_values(spec)
        if values is None:
            return None
        allowed |= values
        if spec.get("OP") in REQUIRED_OPS:
            required.append(frozenset(values))
    return (required, allowed) if required else None


def choose_anchors(required_by_pattern: list[list[frozenset[str]]], stop_words: Iterable[str]) -> set[str]:
    """One required token per pattern whose words open a window: every match contains one.

    Few windows should open, so the chosen tokens avoid stop words ("of" is everywhere), are shared
    by many patterns ("ministry" rather than each pattern's own first word), and have few words.
    """
    stop_words = frozenset(stop_words)
    shared = Counter(values for required in required_by_pattern for values in set(required))
    anchors: set[str] = set()
    for required in required_by_pattern:
        anchors |= min(required, key=lambda values: (bool(values & stop_words), -shared[values], len(values)))
    return anchors


def _hashes(words: Iterable[str]) -> numpy.ndarray:
    return numpy.array(sorted({get_string_id(word) for word in words}), dtype=numpy.uint64)


class AnchoredEntityRuler(EntityRuler):
    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        if self.phrase_matcher_attr in TOKENIZER_ATTRS:
            # The stock ruler runs every earlier component (tok2vec, tagger, parser...) over each phrase
            # pattern; matching on these attributes needs the tokenizer alone.
            with self.nlp.select_pipes(enable=[]):
                super().add_patterns(patterns)
        else:
            super().add_patterns(patterns)
        self._plan_windows()

    def _plan_windows(self) -> None:
        required_by_pattern: list[list[frozenset[str]]] = []
        allowed: set[str] = set()
        self._whole_document = False
        for entries in self.token_patterns.values():
            for pattern in entries:
                words = pattern_words(pattern)
                if words is None:  # e.g. a shape or POS pattern: it may match anywhere
                    self._whole_document = True
                    return
                required_by_pattern.append(words[0])
                allowed |= words[1]
        self._anchor_hashes = _hashes(choose_anchors(required_by_pattern, self.nlp.Defaults.stop_words))
        self._allowed_hashes = _hashes(allowed)

    def _token_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not self.token_patterns:
            return []
        if self._whole_document:
            return list(self.matcher(doc))
        lowers, norms = doc.to_array("LOWER"), doc.to_array("NORM")
        anchor = numpy.isin(lowers, self._anchor_hashes) | numpy.isin(norms, self._anchor_hashes)
        if not anchor.any():
            return []
        allowed = numpy.isin(lowers, self._allowed_hashes) | numpy.isin(norms, self._allowed_hashes)
        matches: list[tuple[int, int, int]] = []
        window_end = 0
        for index in numpy.flatnonzero(anchor).tolist():
            if index < window_end:
                continue  # inside the window of an earlier anchor
            start, end = index, index + 1
            while start > 0 and allowed[start - 1]:
                start -= 1
            while end < len(doc) and allowed[end]:
                end += 1
            matches.extend((match_id, start + s, start + e) for match_id, s, e in self.matcher(doc[start:end]))
            window_end = end
        return matches

    def match(self, doc: Doc):
        self._require_patterns()
        matches = self._token_matches(doc) + list(self.phrase_matcher(doc))
        final_matches = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final_matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


@Language.factory(
    ANCHORED_RULER_FACTORY,
    default_config={"phrase_matcher_attr": None, "validate": False, "overwrite_ents": False},
)
def make_anchored_entity_ruler(nlp: Language, name: str, phrase_matcher_attr: str | None, validate: bool,
                               overwrite_ents: bool) -> AnchoredEntityRuler:
    return AnchoredEntityRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, validate=validate,
                               overwrite_ents=overwrite_ents)
