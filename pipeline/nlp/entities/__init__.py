"""Entity analysis of one parsed Doc: mentions -> canonical entities, people's coreference, titles.

The statistical NER is a starting point, not the truth. `analyze_entities` runs the stages in order,
each in its own module:
1. `candidates`: candidate spans from doc.ents (reference matches carry their id from the
   EntityRuler), acronym definitions, a person split off an organisation, organisation pieces merged;
2. `classify`: each candidate becomes a country, organisation, place or person span (or nothing);
3. `people`: names the NER missed next to a title, then people from full names and single names;
4. `backrefs` (surnames): known surnames the NER mislabelled or missed become mentions;
5. `affiliations`: one role (title, rank, country, organisation) per person, from the most specific
   statement around their mentions, else from the actor table for the article's date;
6. `backrefs` (titles): "the ambassador", "the diplomat" join the most recent person with that role.
Shared: `types` (the records the stages pass on), `context` (the document's tokens, sentences, word
lists and name-word shapes), `titles` (the title lexicon). Word lists: seeds/reference/patterns/.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from pipeline.actor_reference import load_actor_reference
from pipeline.nlp.entities.affiliations import (
    add_reference_roles,
    assign_roles,
    dateline_state,
    document_home,
    resolve_short_names,
)
from pipeline.nlp.entities.backrefs import add_surname_mentions, find_title_references
from pipeline.nlp.entities.candidates import find_candidates
from pipeline.nlp.entities.classify import classify_candidates
from pipeline.nlp.entities.context import Context
from pipeline.nlp.entities.people import find_people
from pipeline.nlp.entities.titles import title_lexicon
from pipeline.nlp.entities.types import Entity, EntityAnalysis, Mention, Person, PersonRole, TypedSpan, entity_id_for
from pipeline.nlp.patterns import load_vocabulary

if TYPE_CHECKING:
    from pipeline.reference import Reference

__all__ = ["Entity", "EntityAnalysis", "Mention", "PersonRole", "analyze_entities", "entity_id_for"]


def analyze_entities(doc: Doc, reference: "Reference", published: date | None = None,
                     outlet: str | None = None, dateline: str | None = None) -> EntityAnalysis:
    """`published` dates the actor table's rows; `outlet` (the document's outlet) places the
    officials of a domestic story that names no state; `dateline` (the place and date the cleaning
    took off the text) places them by the capital it names."""
    vocabulary = load_vocabulary()
    ctx = Context(doc, reference, vocabulary, title_lexicon(reference, vocabulary), load_actor_reference(), published)
    known_outlet = reference.outlet_by_text(outlet) if outlet else None
    ctx.outlet_country = known_outlet.country_iso3 if known_outlet is not None else None
    ctx.dateline_country = dateline_state(reference, dateline)
    spans = classify_candidates(ctx, find_candidates(ctx))
    spans, people, by_span = find_people(ctx, spans)
    spans = add_surname_mentions(ctx, spans, people, by_span)
    spans.sort(key=lambda s: s.start)
    for span in spans:
        if span.kind == "person":
            by_span[id(span)].mentions.append((span.start, span.end))
    people = [p for p in people if p.mentions]
    spans = resolve_short_names(ctx, spans, final=False)
    assign_roles(ctx, people, spans)
    add_reference_roles(ctx, people, spans)
    references = find_title_references(ctx, people, spans)
    home = document_home(ctx, people, spans)
    analysis = _assemble(ctx, resolve_short_names(ctx, spans, home), people, by_span, references)
    analysis.home_country = home
    return analysis


def _assemble(
    ctx: Context,
    spans: list[TypedSpan],
    people: list[Person],
    by_span: dict[int, Person],
    references: list[tuple[int, int, Person]],
) -> EntityAnalysis:
    doc = ctx.doc
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []

    def add_mention(entity_id: str, start: int, end: int, label: str) -> None:
        span = doc[start:end]
        mentions.append(Mention(entity_id, span.text, label, span.start_char, span.end_char, ctx.sentence_of[start]))

    for person in people:
        country = person.role.country_code if person.role else None
        entities[person.entity_id] = Entity(person.entity_id, person.canonical, "person", country)
    for span in spans:
        if span.kind == "person":
            person = by_span[id(span)]
            add_mention(person.entity_id, span.start, span.end, "PERSON")
            continue
        canonical = span.canonical or doc[span.start : span.end].text
        entity_id = entity_id_for(span.kind, canonical)
        entities.setdefault(entity_id, Entity(entity_id, canonical, span.kind, span.country_code))
        add_mention(entity_id, span.start, span.end, span.label)
    for start, end, person in references:
        add_mention(person.entity_id, start, end, "PERSON")
    mentions.sort(key=lambda m: (m.start_char, m.end_char))
    roles: dict[str, PersonRole] = {}
    for p in sorted(people, key=lambda p: p.first_token_index):
        if p.role is None:
            continue
        role = PersonRole(p.entity_id, p.role.title, p.role.rank, p.role.country_code, p.role.organization,
                          p.role.sentence_index, p.role.country_source if p.role.country_code else None)
        kept = roles.get(p.entity_id)
        # a name met twice without a full form ("Maduro" ... "Maduro") is one person with one role:
        # the first that gives a title, else a country, else the first
        if kept is None or (kept.title is None and role.title is not None) or (
            kept.title is None and role.title is None and kept.country_code is None and role.country_code is not None
        ):
            roles[p.entity_id] = role
    return EntityAnalysis(entities=entities, mentions=mentions, roles=list(roles.values()))
