"""The types the entity-analysis stages hand to each other.

The public contract (what `analyze_entities` returns): `Entity`, `Mention`, `PersonRole`,
`EntityAnalysis` and `entity_id_for`. The stages' own records: a `Candidate` span before
classification, a `TypedSpan` after it, a `Statement` about a person's office and a `Person` with the
token ranges of their mentions. Spans are token ranges [start, end) of the document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pipeline.nlp.patterns import OUTLET_ID_PREFIX

COUNTRY_LABELS = frozenset({"GPE", "NORP"})


# ---------------------------------------------------------------------------------------------
# Public contract


@dataclass
class Entity:
    entity_id: str
    canonical_name: str
    entity_type: str  # 'person' | 'country' | 'organization' | 'place' | 'outlet'
    country_code: str | None


@dataclass
class Mention:
    entity_id: str
    text: str
    label: str
    start_char: int
    end_char: int
    sentence_index: int


@dataclass
class PersonRole:
    entity_id: str
    title: str | None
    rank: str | None
    country_code: str | None
    organization: str | None
    sentence_index: int
    # where the country comes from: 'text' (stated for the person), 'organisation' (the body they are
    # introduced with), 'reference' (a title only one state has, or the actor table for the article's
    # date), 'document' (the state the article is about, for its titled officials), None (no country)
    country_source: str | None = None


@dataclass
class EntityAnalysis:
    entities: dict[str, Entity]
    mentions: list[Mention]
    roles: list[PersonRole]
    home_country: str | None = None  # the state of the officials the article names by title alone


def entity_id_for(entity_type: str, canonical_name: str) -> str:
    return hashlib.sha256(f"{entity_type}:{canonical_name}".encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Between the stages


@dataclass
class Candidate:
    """A candidate span [start, end) in token indices, before classification."""

    start: int
    end: int
    label: str
    ent_id: str = ""
    alias_of: Candidate | None = None  # an abbreviation defined in this document
    listed: bool = False  # a member of a list of organisations ("A, B, C and D")

    @property
    def is_country(self) -> bool:
        """A reference country or demonym (the ruler gave it the country's code)."""
        return self.label in COUNTRY_LABELS and bool(self.ent_id) and not self.ent_id.startswith(OUTLET_ID_PREFIX)


@dataclass
class TypedSpan:
    start: int
    end: int
    kind: str  # 'country' | 'organization' | 'place' | 'person' | 'outlet'
    label: str
    canonical: str | None = None
    country_code: str | None = None
    # named as at home ("Congress"): whose body it is waits for the article's states
    short_name: bool = False


def without_overlaps(spans: list[TypedSpan]) -> list[TypedSpan]:
    kept: list[TypedSpan] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        kept.append(span)
        taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


@dataclass
class Statement:
    """What one sentence says about a person's office."""

    title: str | None
    rank: str | None
    country_code: str | None
    organization: str | None
    sentence_index: int
    is_counterpart: bool = False
    country_source: str | None = None  # 'text' | 'organisation' | 'reference'
    principal_start: int | None = None  # "Ruto's [foreign minister]": the start of the person served

    @property
    def score(self) -> float:
        title_words = len(self.title.split()) if self.title else 0
        return (
            (4 if self.rank else 0)
            + (2 if self.title else 0)
            + (2 if self.country_code else 0)
            + (1 if self.organization else 0)
            + 0.01 * title_words
        )


@dataclass
class Person:
    canonical: str
    tokens: tuple[str, ...]  # lower-cased name tokens of the canonical form
    first_token_index: int
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges of name mentions
    statements: list[Statement] = field(default_factory=list)
    role: Statement | None = None

    @property
    def entity_id(self) -> str:
        return entity_id_for("person", self.canonical)
