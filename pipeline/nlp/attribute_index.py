"""The model's attribute ruler, matched through a lookup table instead of spaCy's Matcher.

The English models' `attribute_ruler` maps each fine-grained tag to its part of speech and
morphology, plus a few exceptions keyed on the word or its dependency label: about 180 patterns,
almost all of one token. spaCy's Matcher tries every pattern at every token, which made this
component about a tenth of the whole parse's CPU time, as much as the parser itself. Yet whether a
one-token pattern matches depends only on the few attributes the patterns name (tag, lower-case
form, dependency label, whether the token is a space), and the lower-case form matters only when a
pattern names it. So the token's tuple of those attributes (the form reduced to "a form some pattern
names" or "any other form") is looked up in a table filled on first sight, whose entry is the
attributes the matching patterns set, merged in the ruler's order. Patterns of two tokens (the
"gon na" lemma fixes) stay with a Matcher of their own; a token they touch gets every match applied
one by one in the ruler's order, as the AttributeRuler does.

The result is the AttributeRuler's to the attribute (`tests/unit/test_attribute_index.py` compares
both on real and synthetic text). A ruler with a pattern this module cannot read (an operator other
than equality, IN, NOT_IN and REGEX, an attribute other than TAG, LOWER, DEP and IS_SPACE, a
quantifier) is kept as it is.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

INDEXED_RULER_FACTORY = "indexed_attribute_ruler"
RULER_NAME = "attribute_ruler"
# The token attributes the index reads, in the order of its keys (and of `doc.to_array` below).
POSITIONS = ("TAG", "LOWER", "DEP", "IS_SPACE")
READABLE_OPERATORS = {"IN", "NOT_IN", "REGEX"}
# Distinct attribute tuples are few (tags x labels x named forms), but a cap keeps a long run bounded.
MAX_TABLE_ENTRIES = 200_000


def _readable_token_pattern(token_pattern: dict[str, Any]) -> bool:
    for key, value in token_pattern.items():
        if key not in POSITIONS:
            return False
        if isinstance(value, dict) and not set(value) <= READABLE_OPERATORS:
            return False
    return True


def readable(patterns: list[dict[str, Any]]) -> bool:
    """Whether every pattern of an AttributeRuler (`AttributeRuler.patterns`) can be indexed: known
    attributes and operators, and a one-token pattern that sets its own token."""
    for entry in patterns:
        for alternative in entry["patterns"]:
            if not all(_readable_token_pattern(token) for token in alternative):
                return False
            if len(alternative) == 1 and entry.get("index", 0) not in (0, -1):
                return False
    return True


class _TokenTest:
    """One token of a pattern as a test on (tag, lower, dep, is_space), where lower is None for a
    form no pattern names: such a form equals no value, is in no list and outside every list, and
    no expression finds it (see `_form_key`)."""

    def __init__(self, token_pattern: dict[str, Any]) -> None:
        self.tests = []
        for key, value in token_pattern.items():
            position = POSITIONS.index(key)
            operations = value.items() if isinstance(value, dict) else [("==", value)]
            for operator, operand in operations:
                self.tests.append((position, _Operation(operator, operand)))

    def __call__(self, values: tuple) -> bool:
        return all(test(values[position]) for position, test in self.tests)


class _Operation:
    """One test of a token attribute's value: equality, IN, NOT_IN or REGEX. Plain data, no
    closures, so that the pipeline pickles (spaCy's worker processes under a spawn start method)."""

    def __init__(self, operator: str, operand: Any) -> None:
        self.operator = operator
        if operator == "REGEX":
            self.operand: Any = re.compile(operand)
        elif operator in ("IN", "NOT_IN"):
            self.operand = frozenset(operand)
        else:
            self.operand = operand

    def __call__(self, value: Any) -> bool:
        if value is None:  # a form no pattern names (see `_TokenTest`): outside every list only
            return self.operator == "NOT_IN"
        if self.operator == "REGEX":
            return bool(self.operand.search(value))
        if self.operator == "IN":
            return value in self.operand
        if self.operator == "NOT_IN":
            return value not in self.operand
        return value == self.operand


def _named_forms(patterns: list[dict[str, Any]]) -> tuple[frozenset[str], list[re.Pattern]]:
    forms: set[str] = set()
    expressions: list[re.Pattern] = []
    for entry in patterns:
        for alternative in entry["patterns"]:
            for token in alternative:
                value = token.get("LOWER")
                if isinstance(value, str):
                    forms.add(value)
                elif isinstance(value, dict):
                    forms.update(value.get("IN", ()))
                    forms.update(value.get("NOT_IN", ()))
                    if "REGEX" in value:
                        expressions.append(re.compile(value["REGEX"]))
    return frozenset(forms), expressions


class IndexedAttributeRuler:
    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab
        self.single: list[tuple[int, _TokenTest]] = []  # (rule, test), in the ruler's order
        self.rule_attrs: list[dict] = []
        self.rule_index: list[int] = []
        self.longer = Matcher(nlp.vocab, validate=False)
        self.table: dict[tuple[int, int, int, int], tuple[list[int], dict]] = {}
        self.form_keys: dict[int, int] = {}
        self.named_forms: frozenset[str] = frozenset()
        self.expressions: list[re.Pattern] = []

    def configure(self, ruler) -> None:
        """Take the rules of `ruler` (spaCy's AttributeRuler, with its normalised attributes)."""
        patterns = ruler.patterns
        self.rule_attrs = [ruler.attrs[rule] for rule in range(len(patterns))]
        self.rule_index = [entry.get("index", 0) for entry in patterns]
        self.named_forms, self.expressions = _named_forms(patterns)
        self.single = []
        self.longer = Matcher(self.vocab, validate=False)
        for rule, entry in enumerate(patterns):
            longer = [alternative for alternative in entry["patterns"] if len(alternative) > 1]
            self.single.extend((rule, _TokenTest(alternative[0]))
                               for alternative in entry["patterns"] if len(alternative) == 1)
            if longer:
                self.longer.add(str(rule), longer)
        self.table.clear()
        self.form_keys.clear()

    def _form_key(self, lower: int) -> int:
        """The lower-case form where a pattern names it or a pattern's expression finds it, else 0:
        every other form matches the same patterns."""
        key = self.form_keys.get(lower)
        if key is None:
            text = self.vocab.strings[lower]
            named = text in self.named_forms or any(expression.search(text) for expression in self.expressions)
            key = lower if named else 0
            if len(self.form_keys) < MAX_TABLE_ENTRIES:
                self.form_keys[lower] = key
        return key

    def _entry(self, key: tuple[int, int, int, int]) -> tuple[list[int], dict]:
        """The one-token rules matching a token with these attributes, and what they set, merged in
        the ruler's order (a later rule overrides an earlier one)."""
        entry = self.table.get(key)
        if entry is None:
            tag, form, dep, space = key
            strings = self.vocab.strings
            values = (strings[tag], strings[form] if form else None, strings[dep], bool(space))
            rules = [rule for rule, test in self.single if test(values)]
            merged: dict = {}
            for rule in rules:
                merged.update(self.rule_attrs[rule])
            entry = (rules, merged)
            if len(self.table) < MAX_TABLE_ENTRIES:
                self.table[key] = entry
        return entry

    def _longer_matches(self, doc: Doc) -> dict[int, list[tuple[int, int]]]:
        """Token -> (rule, match start) of every match of a rule of several tokens."""
        touched: dict[int, list[tuple[int, int]]] = {}
        if len(self.longer):
            for match_id, start, end in self.longer(doc, allow_missing=True):
                rule = int(self.vocab.strings[match_id])
                index = self.rule_index[rule]
                target = start + index if index >= 0 else end + index
                if not start <= target < end:
                    raise ValueError(f"attribute rule {rule}: index {index} outside its match")
                touched.setdefault(target, []).append((rule, start))
        return touched

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()  # every match is read before any is set
        touched = self._longer_matches(doc)
        for i, (tag, lower, dep, space) in enumerate(rows):
            rules, merged = self._entry((tag, self._form_key(lower), dep, space))
            others = touched.get(i)
            if others is None:
                if merged:
                    set_token_attrs(doc[i], merged)
                continue
            # the AttributeRuler sets every match in the order of its rules, then of their starts
            for rule, _ in sorted([(rule, i) for rule in rules] + others):
                set_token_attrs(doc[i], self.rule_attrs[rule])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(INDEXED_RULER_FACTORY)
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp)


def index_attribute_ruler(nlp: Language) -> bool:
    """Put the indexed ruler in place of the model's `attribute_ruler`; False if kept as it was."""
    if RULER_NAME not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(RULER_NAME)
    patterns = getattr(ruler, "patterns", None)
    if patterns is None or not readable(patterns):
        return False
    indexed = nlp.replace_pipe(RULER_NAME, INDEXED_RULER_FACTORY)
    indexed.configure(ruler)
    return True
