"""Descriptions of the tables the Python assets write (raw, core, ref) and the SQL that stores them.

The SQL models document themselves through their header comments (pipeline/sql_models.py); the tables
created from `pipeline/warehouse.py` and `assets/reference.py` are documented here so that every table
an analyst can open carries a DuckDB comment on itself and on each of its columns. Tables only the
pipeline reads are still described, with a leading "Internal:" so readers know not to build on them.
"""

from __future__ import annotations

import duckdb

INTERNAL = "Internal (pipeline bookkeeping, not for analysis): "

TableDoc = tuple[str, dict[str, str]]

_DOC_ID = "document id: 16 hex characters of the sha256 of the normalised text (core.documents.doc_id)"
_ENTITY_ID = "entity id: 16 hex characters of sha256('<entity_type>:<canonical_name>') (core.entities)"
_SENTENCE_INDEX = "0-based index of the sentence in the document text"
_SOURCE_PATH = ("path of the file in the inbox folder, relative to the inbox; bytes of a file name that "
                "are not UTF-8 are written as \\xNN and a backslash as \\\\")
_CONTENT_HASH = "sha256 hex digest of the file's raw bytes"
_DATE_PRECISION = "how precise the date is: 'day', 'month' or 'year' (the date is the first day of that period)"

TABLE_DOCS: dict[str, TableDoc] = {
    "raw.inbox_manifest": (
        INTERNAL + "the last state seen of every file in the inbox, so unchanged files are skipped "
        "without being read again.",
        {
            "source_path": _SOURCE_PATH,
            "size_bytes": "file size in bytes when last checked",
            "modified_at": "file modification time when last checked",
            "content_hash": _CONTENT_HASH + " (NULL when the file was too large to read)",
            "outcome": "what ingestion decided about the file (e.g. 'accepted' or 'rejected')",
            "checked_at": "when the file was last checked",
        },
    ),
    "raw.documents": (
        "Every readable file of the inbox as decoded text, one row per file path; a removed file keeps "
        "its row with deleted_at set.",
        {
            "source_path": _SOURCE_PATH,
            "content_hash": _CONTENT_HASH,
            "size_bytes": "file size in bytes",
            "modified_at": "file modification time",
            "raw_text": "the decoded text (markup stripped from .html/.md files)",
            "encoding": "character encoding the bytes were decoded with (e.g. 'utf-8', 'cp1252')",
            "decode_warnings": "problems met while decoding (e.g. invalid bytes replaced), NULL when none",
            "language": "ISO 639-1 code of the detected language",
            "first_seen_at": "when the file was first ingested",
            "last_changed_at": "when the file's content last changed",
            "deleted_at": "when the file disappeared from the inbox, NULL while it is present",
        },
    ),
    "raw.rejected_documents": (
        "Every file that could not be used, or one of whose stages failed, with a human-readable reason "
        "(empty, binary, not English, too large, undecodable, cleaning or extraction failed, ...).",
        {
            "source_path": _SOURCE_PATH,
            "content_hash": _CONTENT_HASH + " (NULL when the file was not read)",
            "size_bytes": "file size in bytes",
            "reason": "why the file was rejected, in words",
            "language": "ISO 639-1 code of the detected language, when the rejection is about language",
            "detected_at": "when the rejection happened",
            "stage": "where it happened: 'ingest' (the file is not used), 'clean' (the text could not be "
            "cleaned; the document is not used) or 'extract' (the document is kept but has no extraction "
            "rows; tried again when the extractor version changes)",
        },
    ),
    "core.documents": (
        "Cleaned articles, one row per file: title, outlet, publication date with its provenance, the text "
        "spaCy reads, and a status saying whether the document is used ('ok') or why not.",
        {
            "doc_id": _DOC_ID,
            "source_path": _SOURCE_PATH,
            "content_hash": _CONTENT_HASH,
            "title": "headline",
            "outlet": "canonical name of the news outlet, when known",
            "published_date": "publication date",
            "published_date_source": "where the publication date came from: 'header', 'dateline', 'byline' "
            "or 'inferred'",
            "language": "ISO 639-1 code of the detected language",
            "word_count": "words in the cleaned text",
            "status": "'ok' when the document is used, 'duplicate' for an exact duplicate of another file, "
            "'rejected' for an unusable file",
            "reason": "why the status is not 'ok', in words; NULL for 'ok' documents",
            "dateline": "the dateline as printed (e.g. 'ASTANA, May 3 (Agency)'), when present",
            "text": "the cleaned text spaCy reads: title, author line (\"By ...\"), body, a blank line apart (dateline and boilerplate removed)",
            "story_id": "near-duplicate group: the smallest doc_id among reprints of the same story",
            "processed_at": "when the document was last cleaned",
            "first_seen_at": "when the file was first ingested",
            "clean_version": "version of the cleaning code and reference data that produced the row",
        },
    ),
    "core.document_signatures": (
        INTERNAL + "MinHash signature of each document, kept so near-duplicate stories can be regrouped "
        "without re-reading every text.",
        {
            "doc_id": _DOC_ID,
            "minhash": "MinHash signature values of the document's word shingles",
        },
    ),
    "core.extraction_state": (
        INTERNAL + "which extractor version last parsed each document, so only new or changed documents "
        "(or all of them after an extractor change) are parsed again.",
        {
            "doc_id": _DOC_ID,
            "extractor_version": "hash of the extraction code, spaCy model and reference data",
            "processed_at": "when the document was last parsed",
        },
    ),
    "core.document_entities": (
        INTERNAL + "the entities each document resolved, the per-document source of core.entities.",
        {
            "doc_id": _DOC_ID,
            "entity_id": _ENTITY_ID,
            "canonical_name": "canonical name of the entity",
            "entity_type": "'person', 'country', 'organization', 'place' or 'outlet' (a news outlet the text "
            "names or credits: never an organisation or an actor)",
            "country_code": "ISO3 code of a person's or organisation's country, a country's own code, or the state a place's name points to (a capital, a first-level region, a city of seeds/reference/cities.csv)",
        },
    ),
    "core.entities": (
        "Canonical entities (people, countries, organisations, places) found in the articles, one row "
        "per entity id.",
        {
            "entity_id": _ENTITY_ID,
            "canonical_name": "canonical name (full name of a person, short name of a country)",
            "entity_type": "'person', 'country', 'organization', 'place' or 'outlet' (a news outlet the text "
            "names or credits: never an organisation or an actor)",
            "country_code": "ISO3 code of a person's or organisation's country, a country's own code, or the state a place's name points to (a capital, a first-level region, a city of seeds/reference/cities.csv)",
        },
    ),
    "core.mentions": (
        "Every resolved mention of an entity in a document, including back-references such as a surname "
        "alone or 'the minister'.",
        {
            "doc_id": _DOC_ID,
            "entity_id": _ENTITY_ID,
            "text": "the mention as written",
            "label": "entity label of the mention (spaCy or entity-ruler label, e.g. PERSON, GPE, NORP, ORG)",
            "start_char": "character offset where the mention starts in core.documents.text",
            "end_char": "character offset just after the mention in core.documents.text",
            "sentence_index": _SENTENCE_INDEX,
        },
    ),
    "core.person_roles": (
        "The role each person holds in a document: title, rank, country and organisation (one row per "
        "person and document, the most specific statement).",
        {
            "doc_id": _DOC_ID,
            "entity_id": _ENTITY_ID + " of the person",
            "title": "canonical title (e.g. 'Deputy Foreign Minister'), when stated",
            "rank": "level of the title (one of ref.ranks.rank), when known",
            "country_code": "ISO3 code of the country the person serves",
            "organization": "organisation the person serves, when it is not a state (e.g. a bloc's "
            "Secretary-General)",
            "sentence_index": _SENTENCE_INDEX + " of the statement",
            "country_source": "where country_code comes from: 'text' (the article states it for the person: "
            "'Kenyan Foreign Minister X', 'X of Chile'), 'organisation' (the body the person is introduced "
            "with: 'Speaker of the National Assembly of X'), 'reference' (a title only one state has, or the "
            "actor table for the article's date), 'document' (the state the article is about, for its titled "
            "officials); NULL without a country. staging.stg_person_roles adds 'corpus'",
        },
    ),
    "core.document_topics": (
        "Topics of each document from the topic taxonomy, with a relative score and an evidence "
        "sentence.",
        {
            "doc_id": _DOC_ID,
            "topic": "topic name from the taxonomy (e.g. 'trade', 'energy', 'political_dialogue')",
            "score": "relative weight of the topic in the document (the leading topic scores 1.0)",
            "evidence": "a sentence of the document that matched the topic's keywords or phrases",
        },
    ),
    "core.interactions": (
        "Interactions between political actors reported in the articles: contacts (meetings, talks, "
        "visits, calls, receptions, joint appearances, signings) and directed acts coded with CAMEO "
        "(appeals, commitments, praise, aid, criticism, accusations, rejections, threats, sanctions, "
        "expulsions, attacks): who, which states, in which direction, when, where, whether still to "
        "come, with the evidence sentence.",
        {
            "interaction_id": "interaction id: 16 hex characters, stable for the document and sentence",
            "doc_id": _DOC_ID,
            "interaction_type": "type of interaction (one of ref.event_codes.interaction_type)",
            "event_code": "CAMEO-style event code of the type (ref.event_codes.cameo_code)",
            "goldstein": "Goldstein cooperation weight of the type (ref.event_codes.goldstein)",
            "event_date": "date the interaction happened, resolved from the sentence and the publication "
            "date; NULL when unknown",
            "date_precision": _DATE_PRECISION,
            "place": "where it happened, when stated",
            "participant_ids": "entity ids of the named people taking part (empty when the sides are "
            "states or officials named only by title)",
            "country_codes": "ISO3 codes of the states involved, through their political actors (a company "
            "head's country is none of them)",
            "is_recalled": "true when the sentence recalls an earlier interaction rather than reporting "
            "the article's news",
            "sentence": "the sentence reporting the interaction (evidence)",
            "sentence_index": _SENTENCE_INDEX,
            "is_planned": "true when the interaction was still to come when the article was published "
            "('will meet', 'is due to visit', a date after publication)",
            "source_country": "the acting side: ISO3 of the state of the grammatical subject (the visitor, "
            "the host, the caller, the state that criticises or sanctions), or the canonical name of an "
            "international body (European Union, United Nations); NULL when no side is placed",
            "target_country": "the side acted upon: ISO3 of the counterpart's state, of the state visited or "
            "of the state criticised, sanctioned or attacked, or an international body's name; NULL when unknown",
            "quad_class": "CAMEO quad class of event_code: verbal_cooperation (01-05), material_cooperation "
            "(06-08), verbal_conflict (09-13) or material_conflict (14-20)",
            "source_participant_id": "entity id of the named person who acted for the source side (the "
            "visitor, the caller, the minister who criticised); NULL when a state, a body or an official "
            "named only by title acted",
            "target_participant_id": "entity id of the named person acted upon (met, called, received, "
            "sanctioned); NULL when the target is a state, a body or an unnamed official",
        },
    ),
    "core.quantities": (
        "Money and percent figures stated in the articles, with what they measure and the evidence "
        "sentence.",
        {
            "quantity_id": "quantity id: 16 hex characters, stable for the document and position",
            "doc_id": _DOC_ID,
            "kind": "'money' or 'percent'",
            "text": "the figure as written (e.g. '$1.2 billion')",
            "value": "numeric value in units of `unit` (e.g. 1200000000.0)",
            "unit": "ISO 4217 currency code, or '%'",
            "measure": "what is measured (e.g. 'trade_turnover', 'trade_growth', 'investment'), when recognised",
            "period": "period the figure refers to (e.g. '2024', '2025-Q1'), when stated",
            "topic": "topic of the sentence (e.g. 'trade'), when one applies",
            "sentence": "the sentence stating the figure (evidence)",
            "sentence_index": _SENTENCE_INDEX,
        },
    ),
    "core.milestones": (
        "Relationship milestones stated in the articles: partnership levels established, upgraded or "
        "announced, or given a named pair of states (undated), anniversaries, diplomatic relations "
        "established or restored.",
        {
            "milestone_id": "milestone id: 16 hex characters, stable for the document and sentence",
            "doc_id": _DOC_ID,
            "level": "relationship level (e.g. 'strategic_partnership'), or 'other'",
            "description": "the phrase stating the milestone, as written",
            "milestone_date": "date of the milestone, when stated or resolvable; NULL otherwise",
            "date_precision": _DATE_PRECISION,
            "country_codes": "ISO3 codes of the countries the milestone concerns",
            "sentence": "the sentence stating the milestone (evidence)",
            "sentence_index": _SENTENCE_INDEX,
        },
    ),
    "core.build_state": (
        INTERNAL + "fingerprints of what the SQL models were last built from and of what the published "
        "copy holds, so a run with nothing new rebuilds nothing.",
        {
            "name": "which state: 'sql_models_built' or 'published'",
            "fingerprint": "hash of the core and reference tables the models read, and of the SQL text",
            "recorded_at": "when the fingerprint was recorded",
        },
    ),
    "ref.seed_state": (
        INTERNAL + "fingerprint of the reference files each ref table was last seeded from, so analyst "
        "edits survive until the files change.",
        {
            "table_name": "name of the ref table (without schema)",
            "fingerprint": "hash of the seed rows the table was last loaded from",
            "loaded_at": "when the table was last seeded",
        },
    ),
    "ref.ranks": (
        "Levels of office (head of state ... non-state) with their seniority weight and order; editable "
        "in SQL, the marts read the weights from here.",
        {
            "rank": "rank key (e.g. 'head_of_state', 'foreign_minister', 'ambassador')",
            "label": "display label of the rank",
            "weight": "seniority weight used for contact intensity (1.0 = head of state)",
            "sort_order": "seniority order, 1 = most senior",
        },
    ),
    "ref.countries": (
        "Every state: ISO 3166-1 alpha-3 code and canonical short name.",
        {
            "iso3": "ISO 3166-1 alpha-3 code (e.g. 'KAZ')",
            "name": "canonical short name (e.g. 'Kazakhstan')",
        },
    ),
    "ref.event_codes": (
        "Interaction types (contacts and directed acts) with their CAMEO event code, PLOVER type, "
        "quad class and Goldstein weight.",
        {
            "interaction_type": "interaction type key (e.g. 'meeting', 'phone_call', 'agreement_signed')",
            "cameo_code": "CAMEO-style event code (e.g. '040')",
            "plover_type": "PLOVER event category",
            "description": "short description of the event category",
            "goldstein": "Goldstein cooperation weight (-10 conflict ... +10 cooperation)",
            "quad_class": "CAMEO quad class of the code: verbal_cooperation, material_cooperation, "
            "verbal_conflict or material_conflict",
        },
    ),
}


def is_internal(table: str) -> bool:
    return TABLE_DOCS.get(table, ("", {}))[0].startswith(INTERNAL)


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _existing_columns(conn: duckdb.DuckDBPyConnection, table: str) -> set[str] | None:
    schema, name = table.split(".")
    rows = conn.execute(
        "select column_name from duckdb_columns() where database_name = current_database() "
        "and schema_name = ? and table_name = ?",
        [schema, name],
    ).fetchall()
    return {row[0] for row in rows} or None


def comment_statements(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """COMMENT statements for every documented table (and column) that exists in the warehouse."""
    statements: list[str] = []
    for table, (description, columns) in TABLE_DOCS.items():
        existing = _existing_columns(conn, table)
        if existing is None:
            continue
        schema, name = table.split(".")
        target = f"{_quote_identifier(schema)}.{_quote_identifier(name)}"
        statements.append(f"comment on table {target} is {_quote_literal(description)}")
        statements += [
            f"comment on column {target}.{_quote_identifier(column)} is {_quote_literal(text)}"
            for column, text in columns.items()
            if column in existing
        ]
    return statements


def apply_comments(conn: duckdb.DuckDBPyConnection) -> int:
    """Comment every documented table and column that exists (missing ones are skipped); returns the count.

    Idempotent, so every writing asset can call it: a table re-created by CREATE OR REPLACE (the ref
    tables when re-seeded) loses its comments and gets them back here.
    """
    statements = comment_statements(conn)
    for statement in statements:
        conn.execute(statement)
    return len(statements)
