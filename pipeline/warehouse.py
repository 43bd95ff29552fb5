"""DuckDB schema of the warehouse and the helpers that write Polars frames into it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import polars as pl

SCHEMAS = ("raw", "core", "ref", "staging", "marts")

# Tables written by the Python assets. The SQL models under sql/ build staging and marts from these.
TABLE_DDL: dict[str, str] = {
    "raw.inbox_manifest": """
        source_path VARCHAR PRIMARY KEY, size_bytes BIGINT, modified_at TIMESTAMP,
        content_hash VARCHAR, outcome VARCHAR, checked_at TIMESTAMP""",
    "raw.documents": """
        source_path VARCHAR PRIMARY KEY, content_hash VARCHAR, size_bytes BIGINT,
        modified_at TIMESTAMP, raw_text VARCHAR, encoding VARCHAR, decode_warnings VARCHAR,
        language VARCHAR, first_seen_at TIMESTAMP, last_changed_at TIMESTAMP, deleted_at TIMESTAMP""",
    "raw.rejected_documents": """
        source_path VARCHAR, content_hash VARCHAR, size_bytes BIGINT, reason VARCHAR,
        language VARCHAR, detected_at TIMESTAMP, stage VARCHAR""",
    "core.documents": """
        doc_id VARCHAR, source_path VARCHAR PRIMARY KEY, content_hash VARCHAR, title VARCHAR,
        outlet VARCHAR, published_date DATE, published_date_source VARCHAR, language VARCHAR,
        word_count INTEGER, status VARCHAR, reason VARCHAR, dateline VARCHAR, text VARCHAR,
        story_id VARCHAR, processed_at TIMESTAMP, first_seen_at TIMESTAMP, clean_version VARCHAR""",
    "core.document_signatures": "doc_id VARCHAR PRIMARY KEY, minhash UBIGINT[]",
    "core.extraction_state": "doc_id VARCHAR PRIMARY KEY, extractor_version VARCHAR, processed_at TIMESTAMP",
    "core.document_entities": """
        doc_id VARCHAR, entity_id VARCHAR, canonical_name VARCHAR, entity_type VARCHAR,
        country_code VARCHAR""",
    "core.entities": """
        entity_id VARCHAR, canonical_name VARCHAR, entity_type VARCHAR, country_code VARCHAR""",
    "core.mentions": """
        doc_id VARCHAR, entity_id VARCHAR, text VARCHAR, label VARCHAR, start_char INTEGER,
        end_char INTEGER, sentence_index INTEGER""",
    "core.person_roles": """
        doc_id VARCHAR, entity_id VARCHAR, title VARCHAR, rank VARCHAR, country_code VARCHAR,
        organization VARCHAR, sentence_index INTEGER, country_source VARCHAR""",
    "core.document_topics": "doc_id VARCHAR, topic VARCHAR, score DOUBLE, evidence VARCHAR",
    "core.interactions": """
        interaction_id VARCHAR, doc_id VARCHAR, interaction_type VARCHAR, event_code VARCHAR,
        goldstein DOUBLE, event_date DATE, date_precision VARCHAR, place VARCHAR,
        participant_ids VARCHAR[], country_codes VARCHAR[], is_recalled BOOLEAN, sentence VARCHAR,
        sentence_index INTEGER, is_planned BOOLEAN, source_country VARCHAR, target_country VARCHAR,
        quad_class VARCHAR, source_participant_id VARCHAR, target_participant_id VARCHAR""",
    "core.quantities": """
        quantity_id VARCHAR, doc_id VARCHAR, kind VARCHAR, text VARCHAR, value DOUBLE, unit VARCHAR,
        measure VARCHAR, period VARCHAR, topic VARCHAR, sentence VARCHAR, sentence_index INTEGER""",
    "core.milestones": """
        milestone_id VARCHAR, doc_id VARCHAR, level VARCHAR, description VARCHAR,
        milestone_date DATE, date_precision VARCHAR, country_codes VARCHAR[], sentence VARCHAR,
        sentence_index INTEGER""",
    "ref.seed_state": "table_name VARCHAR PRIMARY KEY, fingerprint VARCHAR, loaded_at TIMESTAMP",
    "core.build_state": "name VARCHAR PRIMARY KEY, fingerprint VARCHAR, recorded_at TIMESTAMP",
}

# Columns added after the first release: warehouses made before them gain them on the next run.
ADDED_COLUMNS = (
    ("raw.rejected_documents", "stage", "VARCHAR"),
    ("core.person_roles", "country_source", "VARCHAR"),
    ("core.interactions", "is_planned", "BOOLEAN"),
    ("core.interactions", "source_country", "VARCHAR"),
    ("core.interactions", "target_country", "VARCHAR"),
    ("core.interactions", "quad_class", "VARCHAR"),
    ("core.interactions", "source_participant_id", "VARCHAR"),
    ("core.interactions", "target_participant_id", "VARCHAR"),
)


def record_rejection(conn: duckdb.DuckDBPyConnection, source_path: str, reason: str, stage: str, *,
                     content_hash: str | None = None, size_bytes: int | None = None,
                     language: str | None = None) -> None:
    """One row of raw.rejected_documents per file and stage: the latest reason replaces an earlier one."""
    conn.execute("delete from raw.rejected_documents where source_path = ? and stage = ?", [source_path, stage])
    conn.execute(
        """insert into raw.rejected_documents (source_path, content_hash, size_bytes, reason, language, detected_at, stage)
           values (?, ?, ?, ?, ?, now(), ?)""",
        [source_path, content_hash, size_bytes, reason, language, stage],
    )


# Per-document NLP tables: a document's rows are replaced as a whole when it is parsed again.
DOCUMENT_TABLES = (
    "core.document_entities",
    "core.mentions",
    "core.person_roles",
    "core.document_topics",
    "core.interactions",
    "core.quantities",
    "core.milestones",
)


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: no reader (and no later run) ever sees half of what the block wrote."""
    conn.execute("begin transaction")
    try:
        yield conn
    except BaseException:
        conn.execute("rollback")
        raise
    conn.execute("commit")


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    for schema in SCHEMAS:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    for table, columns in TABLE_DDL.items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
    for table, column, column_type in ADDED_COLUMNS:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {column_type}")


def table_columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    schema, name = table.split(".")
    rows = conn.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
        "order by ordinal_position",
        [schema, name],
    ).fetchall()
    return [row[0] for row in rows]


def insert_frame(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> int:
    """Insert a Polars frame by column name (missing columns become NULL)."""
    if frame.height == 0:
        return 0
    columns = [c for c in table_columns(conn, table) if c in frame.columns]
    conn.register("incoming_frame", frame.select(columns))
    try:
        conn.execute(
            f"insert into {table} ({', '.join(columns)}) select {', '.join(columns)} from incoming_frame"
        )
    finally:
        conn.unregister("incoming_frame")
    return frame.height


def row_count(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    return conn.execute(f"select count(*) from {table}").fetchone()[0]


# What the SQL models read, summarised cheaply: if none of it changed since the last published build,
# the models (and everything after them) would come out the same.
STATE_QUERIES = (
    """select count(*), bit_xor(hash(doc_id, source_path, content_hash, status, reason, story_id, title, outlet,
                                     published_date, published_date_source, word_count)) from core.documents""",
    "select count(*), bit_xor(hash(doc_id, extractor_version, processed_at)) from core.extraction_state",
    "select count(*), bit_xor(hash(source_path, content_hash, reason)) from raw.rejected_documents",
    "select count(*), bit_xor(hash(r)) from ref.ranks r",
    "select count(*), bit_xor(hash(r)) from ref.countries r",
    "select count(*), bit_xor(hash(r)) from ref.event_codes r",
)


def state_fingerprint(conn: duckdb.DuckDBPyConnection, *extra: str) -> str:
    import hashlib

    digest = hashlib.sha256()
    for query in STATE_QUERIES:
        try:
            digest.update(repr(conn.execute(query).fetchone()).encode())
        except duckdb.CatalogException:  # a reference table not seeded yet
            digest.update(b"missing")
    for part in extra:
        digest.update(part.encode())
    return digest.hexdigest()[:32]


def recorded_state(conn: duckdb.DuckDBPyConnection, name: str) -> str | None:
    try:
        row = conn.execute("select fingerprint from core.build_state where name = ?", [name]).fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def record_state(conn: duckdb.DuckDBPyConnection, name: str, fingerprint: str | None) -> None:
    conn.execute("create schema if not exists core")
    conn.execute(f"create table if not exists core.build_state ({TABLE_DDL['core.build_state']})")
    conn.execute("insert or replace into core.build_state values (?, ?, now())", [name, fingerprint])
