"""The word lists of the extraction rules (seeds/reference/patterns/*.json): read and documented."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from pipeline.nlp.patterns import (
    ENTITY_WORDS_FILE,
    INTERACTION_WORDS_FILE,
    PATTERNS_DIR,
    VOCABULARY_FILE,
    InteractionWords,
    Vocabulary,
    load_interaction_words,
    load_vocabulary,
    phrase_regex,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "reference-data.md"
PHRASE_LISTS = {"same_day_phrases": "same_day", "next_day_phrases": "next_day", "sidelines_phrases": "sidelines",
                "self_introductions": "self_introduction"}


def lists_of(name: str) -> list[str]:
    data = json.loads((PATTERNS_DIR / name).read_text(encoding="utf-8"))
    return [key for key in data if key != "about"]


@pytest.mark.parametrize("name", [VOCABULARY_FILE, ENTITY_WORDS_FILE, INTERACTION_WORDS_FILE])
def test_every_list_is_described_in_the_reference_docs(name):
    docs = DOCS.read_text(encoding="utf-8")
    assert f"`{name}`" in docs
    missing = [key for key in lists_of(name) if f"- `{key}`:" not in docs]
    assert not missing, f"lists of {name} without a line in docs/reference-data.md: {missing}"


@pytest.mark.parametrize(
    "name, fields",
    [
        (VOCABULARY_FILE, {f.name for f in dataclasses.fields(Vocabulary)}),
        (ENTITY_WORDS_FILE, {f.name for f in dataclasses.fields(Vocabulary)}),
        (INTERACTION_WORDS_FILE, {f.name for f in dataclasses.fields(InteractionWords)}),
    ],
)
def test_every_list_is_read(name, fields):
    unread = [key for key in lists_of(name) if PHRASE_LISTS.get(key, key) not in fields]
    assert not unread, f"lists of {name} that the loader ignores: {unread}"


def test_loaded_lists_are_lower_case_and_not_empty():
    vocabulary, interaction = load_vocabulary(), load_interaction_words()
    for words in (vocabulary, interaction):
        for field in dataclasses.fields(words):
            value = getattr(words, field.name)
            assert value or field.name == "generic_back_references", field.name
            if isinstance(value, frozenset) and field.name != "non_body_abbreviations":
                assert all(w == w.lower() for w in value if isinstance(w, str)), field.name


def test_phrase_regex_matches_whole_phrases_with_any_spacing():
    pattern = phrase_regex(["the same day", "a day later"])
    assert pattern.search("On the same day, he left.")
    assert pattern.search("They met THE SAME\nDAY.")
    assert pattern.search("signed a  day later")
    assert not pattern.search("the same days")
    assert not pattern.search("bathe same day")
    assert not pattern.search("the day")
