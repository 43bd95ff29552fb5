"""One parsed spaCy Doc -> every record the warehouse stores for that document.

Every extractor reads the same Doc: the text is parsed exactly once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc

from pipeline.nlp.entities import Entity, EntityAnalysis, Mention, PersonRole, analyze_entities
from pipeline.nlp.interactions import extract_interactions
from pipeline.nlp.milestones import extract_milestones
from pipeline.nlp.quantities import extract_quantities
from pipeline.nlp.topics import extract_topics
from pipeline.reference import Reference


@dataclass
class DocumentExtraction:
    doc_id: str
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[PersonRole] = field(default_factory=list)
    topics: list[Any] = field(default_factory=list)
    quantities: list[Any] = field(default_factory=list)
    milestones: list[Any] = field(default_factory=list)
    interactions: list[Any] = field(default_factory=list)


def stable_id(*parts: object) -> str:
    return hashlib.sha256("|".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:16]


def extract_document(doc: Doc, doc_id: str, published: date | None, reference: Reference,
                     outlet: str | None = None, date_source: str | None = None,
                     dateline: str | None = None) -> DocumentExtraction:
    """`outlet` is the document's outlet; `date_source` where its publication date comes from (a
    dateline dates the events the lead reports); `dateline` the dateline the cleaning took off the
    text ("ANKARA, May 14 (Reuters)"), whose capital places the officials of the story."""
    analysis: EntityAnalysis = analyze_entities(doc, reference, published, outlet, dateline)
    interactions = extract_interactions(doc, analysis, published, reference, date_source)
    return DocumentExtraction(
        doc_id=doc_id,
        entities=sorted(analysis.entities.values(), key=lambda e: e.entity_id),
        mentions=analysis.mentions,
        roles=analysis.roles,
        topics=extract_topics(doc, reference, between_states=bool(interactions)),
        quantities=extract_quantities(doc, published, reference),
        milestones=extract_milestones(doc, analysis, published, reference),
        interactions=interactions,
    )


def fields(record: Any) -> dict[str, Any]:
    """A flat record's fields: a shallow copy (`dataclasses.asdict` deep-copies, at several times
    the cost, values that are written to the warehouse right away)."""
    return dict(vars(record))


def extraction_records(extraction: DocumentExtraction) -> dict[str, list[dict[str, Any]]]:
    """Rows for each per-document table, with stable ids (same input, same ids, same order)."""
    doc_id = extraction.doc_id
    rows: dict[str, list[dict[str, Any]]] = {
        "core.document_entities": [{"doc_id": doc_id, **fields(e)} for e in extraction.entities],
        "core.mentions": [{"doc_id": doc_id, **fields(m)} for m in extraction.mentions],
        "core.person_roles": [{"doc_id": doc_id, **fields(r)} for r in extraction.roles],
        "core.document_topics": [{"doc_id": doc_id, **fields(t)} for t in extraction.topics],
    }
    quantities = []
    for index, quantity in enumerate(extraction.quantities):
        record = fields(quantity)
        quantities.append({"quantity_id": stable_id(doc_id, "q", index, record.get("text")), "doc_id": doc_id, **record})
    rows["core.quantities"] = quantities
    milestones = []
    for index, milestone in enumerate(extraction.milestones):
        record = fields(milestone)
        milestones.append({"milestone_id": stable_id(doc_id, "m", index, record.get("level")), "doc_id": doc_id, **record})
    rows["core.milestones"] = milestones
    interactions = []
    for index, interaction in enumerate(extraction.interactions):
        record = fields(interaction)
        interactions.append(
            {"interaction_id": stable_id(doc_id, "i", index, *record.get("participant_ids", [])), "doc_id": doc_id, **record}
        )
    rows["core.interactions"] = interactions
    return rows


WARM_UP_TEXT = (
    "Kazakh Foreign Minister Arman Seitkali met with Indian Ambassador to Kazakhstan Rohan Mehta in Astana "
    "on July 3, 2024. They discussed trade, energy and transport. Trade grew by 12 percent to $1.4 billion "
    "last year, and the sides hailed their strategic partnership within the United Nations."
)


def prepare_extractors(nlp, reference: Reference) -> None:
    """Run every extractor once outside any memory zone.

    Extractors build their matchers lazily; strings they add to the vocab inside `nlp.memory_zone()`
    would be freed when the zone closes, so the matchers must exist before the first zone opens.
    """
    extract_document(nlp(WARM_UP_TEXT), "warm-up", date(2024, 7, 4), reference)
