"""Every public column is described in the warehouse, and docs/data-dictionary.md is what those comments render to."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.catalog import TABLE_DOCS, apply_comments
from pipeline.data_dictionary import DEFAULT_OUT, documented_tables, missing_comments, render_data_dictionary
from pipeline.warehouse import TABLE_DDL, ensure_schema, table_columns


@pytest.fixture()
def seeded_db(seeded_run):
    warehouse, _, _ = seeded_run
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        yield conn


def test_catalog_describes_exactly_the_columns_of_the_ddl():
    with duckdb.connect() as conn:
        ensure_schema(conn)
        for table in TABLE_DDL:
            assert table in TABLE_DOCS, f"{table} has no entry in pipeline/catalog.py TABLE_DOCS"
            described = set(TABLE_DOCS[table][1])
            actual = set(table_columns(conn, table))
            assert described == actual, f"{table}: undescribed {actual - described}, stale {described - actual}"


def test_apply_comments_skips_missing_tables_and_survives_replacement():
    with duckdb.connect() as conn:
        conn.execute("create schema raw; create schema ref")
        conn.execute("create table raw.rejected_documents (source_path varchar, reason varchar)")
        conn.execute("create table ref.ranks as select 'ambassador' as rank, 0.3 as weight")
        apply_comments(conn)
        conn.execute("create or replace table ref.ranks as select 'ambassador' as rank, 0.3 as weight")
        apply_comments(conn)  # idempotent, and restores what CREATE OR REPLACE dropped
        comments = dict(
            conn.execute(
                "select table_name || '.' || column_name, comment from duckdb_columns() "
                "where schema_name in ('raw', 'ref')"
            ).fetchall()
        )
    assert comments["rejected_documents.reason"] == TABLE_DOCS["raw.rejected_documents"][1]["reason"]
    assert comments["ranks.rank"] == TABLE_DOCS["ref.ranks"][1]["rank"]
    assert comments["ranks.weight"] == TABLE_DOCS["ref.ranks"][1]["weight"]


def test_every_public_table_and_column_has_a_comment(seeded_db):
    tables = documented_tables(seeded_db)
    assert "marts.dyad_monthly" in tables and "raw.rejected_documents" in tables
    missing = missing_comments(seeded_db)
    assert missing == [], "tables/columns without a comment:\n  " + "\n  ".join(missing)


def test_data_dictionary_is_up_to_date(seeded_db):
    rendered = render_data_dictionary(seeded_db)
    assert rendered == render_data_dictionary(seeded_db), "rendering must be deterministic"
    current = DEFAULT_OUT.read_text(encoding="utf-8") if DEFAULT_OUT.exists() else ""
    assert current == rendered, (
        f"{DEFAULT_OUT.relative_to(Path(__file__).resolve().parents[2])} is stale: run `make docs` "
        "(python -m pipeline.data_dictionary) and commit the result"
    )


def test_cli_check_fails_when_stale_and_passes_after_writing(tmp_path, capsys):
    from pipeline.data_dictionary import main

    warehouse = tmp_path / "small.duckdb"
    with duckdb.connect(str(warehouse)) as conn:
        ensure_schema(conn)
        conn.execute("create table ref.ranks (rank varchar, label varchar, weight double, sort_order integer)")
        apply_comments(conn)
    out = tmp_path / "dictionary.md"
    arguments = ["--warehouse", str(warehouse), "--out", str(out)]
    assert main([*arguments, "--check"]) == 1
    assert "make docs" in capsys.readouterr().err
    assert main(arguments) == 0
    assert main([*arguments, "--check"]) == 0
    text = out.read_text()
    assert "### ref.ranks" in text and TABLE_DOCS["ref.ranks"][1]["weight"] in text
    assert "core.extraction_state" not in text  # internal tables are not public
    out.write_text(text + "edited by hand\n")
    assert main([*arguments, "--check"]) == 1
