"""The title lexicon: which words and phrases are titles, their display form and rank, and the
descriptions ("the foreign minister", "the diplomat") that may refer back to a titled person.

Built once per reference from `titles.csv` and the word lists of `vocabulary.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.nlp.entities.context import normal_phrase
from pipeline.nlp.patterns import Vocabulary

if TYPE_CHECKING:
    from pipeline.reference import Reference


@dataclass(frozen=True)
class TitleLexicon:
    """Title phrases of the reference, normalised once per reference rather than once per document."""

    title_phrases: dict[str, tuple[str, str]]  # normal phrase -> (canonical title, rank)
    title_words: frozenset[str]
    # "the foreign minister", "the head of state": normal phrase -> (canonical title or None, ranks)
    back_reference_phrases: dict[str, tuple[str | None, tuple[str, ...]]]
    back_reference_prefixes: frozenset[str]  # every leading substring of those phrases
    longest_back_reference: int  # in words


def title_lexicon(reference: "Reference", vocabulary: Vocabulary) -> TitleLexicon:
    """The lexicon of a reference, built on first use and shared by every document."""
    return reference.derived(("title_lexicon", id(vocabulary)), lambda: _build(reference, vocabulary))


def _build(reference: "Reference", vocabulary: Vocabulary) -> TitleLexicon:
    title_words: set[str] = set(vocabulary.title_heads | vocabulary.title_modifiers)
    title_phrases: dict[str, tuple[str, str]] = {}
    for title in reference.titles:
        key = normal_phrase(title.title)
        title_phrases.setdefault(key, (title.canonical_title, title.rank))
        title_words.update(key.split())
    phrases: dict[str, tuple[str | None, tuple[str, ...]]] = {
        key: (canonical, (rank,)) for key, (canonical, rank) in title_phrases.items()
    }
    for key, ranks in vocabulary.generic_back_references.items():
        phrases[normal_phrase(key)] = (None, ranks)
    return TitleLexicon(
        title_phrases=title_phrases,
        # Connectors inside titles ("minister of foreign affairs") are handled by the scanners.
        title_words=frozenset(title_words - vocabulary.connectors),
        back_reference_phrases=phrases,
        back_reference_prefixes=frozenset(key[:n] for key in phrases for n in range(1, len(key) + 1)),
        longest_back_reference=max((len(k.split()) for k in phrases), default=1),
    )
