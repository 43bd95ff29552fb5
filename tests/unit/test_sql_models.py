"""The SQL model layer: discovery, header parsing, dependency parsing, running and the Dagster factory."""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterator

import dagster as dg
import duckdb
import pytest

from pipeline.sql_models import (
    TableRef,
    build_sql_model_assets,
    code_version,
    evaluate_checks,
    load_sql_model,
    load_sql_models,
    order_models,
    parse_header,
    parse_table_refs,
    run_sql_model,
    undocumented_columns,
)

try:  # the hand-made warehouse rows live beside the mart tests
    from tests.unit.test_marts import SQL_DIR, build_warehouse, create_source_tables
except ImportError:  # pytest's default import mode puts this folder, not the root, on sys.path
    from test_marts import SQL_DIR, build_warehouse, create_source_tables

MODELS = load_sql_models(SQL_DIR)
EXPECTED_MODELS = {
    "staging.stg_countries", "staging.stg_documents", "staging.stg_entities", "staging.stg_mentions",
    "staging.stg_person_roles", "staging.stg_document_topics", "staging.stg_interactions",
    "staging.stg_interaction_dyads", "staging.stg_quantities", "staging.stg_milestones",
    "staging.stg_document_dyads", "staging.stg_dyad_event_counts",
    "marts.dyad_monthly", "marts.entity_cooccurrence", "marts.topic_trends", "marts.actor_profiles",
    "marts.economic_figures", "marts.relationship_milestones", "marts.dyad_summary", "marts.directed_events_monthly",
}


@pytest.fixture(scope="module")
def built():
    conn = duckdb.connect()
    build_warehouse(conn)
    yield conn
    conn.close()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# discovery and parsing


def test_discovers_every_model_with_schema_from_folder():
    assert {m.qualified_name for m in MODELS} == EXPECTED_MODELS


def test_examples_folder_is_skipped_and_nested_folders_name_the_schema(tmp_path):
    _write(tmp_path / "staging" / "stg_a.sql", "-- a\n-- x: x\nselect 1 as x\n")
    _write(tmp_path / "examples" / "ignored.sql", "select 1")
    _write(tmp_path / "examples" / "marts" / "ignored_too.sql", "select 1")
    _write(tmp_path / "marts" / "m.sql", "-- m\n-- x: x\nselect x from staging.stg_a\n")
    models = load_sql_models(tmp_path)
    assert [(m.schema, m.name) for m in models] == [("marts", "m"), ("staging", "stg_a")]
    assert models[0].deps == (TableRef("staging", "stg_a"),)


def test_header_parsing():
    header = parse_header(
        "-- Pairs of things per month.\n"
        "-- Second line of prose.\n"
        "-- @unique: dyad, month\n"
        "-- @not_null: dyad\n"
        "-- @sources: doc_ids\n"
        "-- dyad: the pair\n"
        "--     written 'AAA-BBB'\n"
        "-- month: first day of the month\n"
        "\n"
        "select 1 as dyad -- note: not a header line\n"
    )
    assert header.description == "Pairs of things per month. Second line of prose."
    assert header.columns == {"dyad": "the pair written 'AAA-BBB'", "month": "first day of the month"}
    assert header.unique == (("dyad", "month"),)
    assert header.not_null == ("dyad",)
    assert header.sources == ("doc_ids",)


def test_unknown_directive_is_an_error():
    with pytest.raises(ValueError, match="@uniq"):
        parse_header("-- @uniq: a\nselect 1 as a")


def test_table_refs_ignore_ctes_and_find_nested_reads():
    sql = """
        with ok_documents as (select * from core.documents),
        "ranked" as (select * from ok_documents join "ref"."ranks" as r on true)
        select * from ranked
        left join staging.stg_x as x on x.a = ranked.a
        where exists (select 1 from marts.m where m.a = x.a)
          and x.b in (select unnest(country_codes) from core.interactions)
    """
    assert parse_table_refs(sql) == {
        TableRef("core", "documents"), TableRef("ref", "ranks"), TableRef("staging", "stg_x"),
        TableRef("marts", "m"), TableRef("core", "interactions"),
    }


def test_unqualified_non_cte_table_is_reported_in_main():
    assert parse_table_refs("select * from documents") == {TableRef("main", "documents")}


def test_layering_of_dependencies():
    for model in MODELS:
        schemas = {ref.schema for ref in model.deps}
        assert model.deps, model.qualified_name
        if model.schema == "marts":
            assert schemas <= {"staging", "marts"}, model.qualified_name
        else:
            assert model.schema == "staging"
            assert schemas <= {"raw", "core", "ref", "staging"}, model.qualified_name
            # Staging reads the extracted tables, possibly through another staging model.
            assert schemas & {"raw", "core", "ref"} or all(
                ref.qualified in EXPECTED_MODELS for ref in model.deps
            ), model.qualified_name


def test_every_dependency_exists_as_a_source_or_model():
    sources = set(re.findall(r"create table (\w+\.\w+)", _source_ddl()))
    for model in MODELS:
        for ref in model.deps:
            assert ref.qualified in sources | EXPECTED_MODELS, (model.qualified_name, ref.qualified)


def _source_ddl() -> str:
    conn = duckdb.connect()
    create_source_tables(conn)
    tables = conn.execute(
        "select schema_name || '.' || table_name from duckdb_tables() order by 1"
    ).fetchall()
    return "\n".join(f"create table {t[0]}" for t in tables)


def test_code_version_follows_the_sql_text(tmp_path):
    path = _write(tmp_path / "staging" / "stg_a.sql", "-- a\n-- x: x\nselect 1 as x\n")
    before = load_sql_model(path).code_version
    assert before == code_version(path.read_text()) and len(before) == 16
    assert load_sql_model(path).code_version == before
    path.write_text("-- a\n-- x: x\nselect 2 as x\n")
    assert load_sql_model(path).code_version != before


def test_models_are_lowercase_single_selects_with_a_description():
    for model in MODELS:
        body = model.select_sql
        assert body.startswith(("with", "select")), model.qualified_name
        assert ";" not in body, model.qualified_name
        assert model.description, model.qualified_name
        without_strings = re.sub(r"'[^']*'", "''", body)
        assert not re.search(r"\b(SELECT|FROM|WHERE|JOIN|GROUP BY|WITH)\b", without_strings), model.qualified_name


def test_order_models_puts_dependencies_first():
    position = {m.qualified_name: i for i, m in enumerate(order_models(MODELS))}
    for model in MODELS:
        for ref in model.deps:
            if ref.qualified in position:
                assert position[ref.qualified] < position[model.qualified_name]


# ---------------------------------------------------------------------------------------------
# running


def test_every_output_column_is_documented(built):
    for model in MODELS:
        produced = [
            row[0]
            for row in built.execute(
                "select column_name from duckdb_columns() where schema_name = ? and table_name = ?",
                [model.schema, model.name],
            ).fetchall()
        ]
        missing, stale = undocumented_columns(model, produced)
        assert (missing, stale) == ([], []), model.qualified_name


def test_every_model_has_rows_and_passes_its_checks(built):
    for model in MODELS:
        assert built.execute(f"select count(*) from {model.qualified_name}").fetchone()[0] > 0, model.qualified_name
        failed = [o.name for o in evaluate_checks(built, model) if not o.passed]
        assert failed == [], model.qualified_name


def test_every_mart_declares_keys_and_sources():
    for model in MODELS:
        if model.schema == "marts":
            assert model.unique and model.not_null and model.sources, model.qualified_name


def test_comments_are_written_to_the_catalog(built):
    table_comment = built.execute(
        "select comment from duckdb_tables() where schema_name = 'marts' and table_name = 'dyad_monthly'"
    ).fetchone()[0]
    assert table_comment.startswith("Relationship activity per unordered country pair and month.")
    column_comment = built.execute(
        "select comment from duckdb_columns() where schema_name = 'marts' and table_name = 'dyad_monthly' "
        "and column_name = 'contact_intensity'"
    ).fetchone()[0]
    assert "seniority weight" in column_comment


def test_failed_build_rolls_back_and_keeps_the_previous_table(tmp_path):
    conn = duckdb.connect()
    good = load_sql_model(_write(tmp_path / "staging" / "stg_a.sql", "-- a\n-- x: x\nselect 1 as x\n"))
    assert run_sql_model(conn, good).row_count == 1
    broken = replace(good, sql="-- a\nselect x from no_such_schema.no_such_table\n")
    with pytest.raises(duckdb.CatalogException):
        run_sql_model(conn, broken)
    assert conn.execute("select x from staging.stg_a").fetchall() == [(1,)]
    assert conn.execute("select count(*) from duckdb_tables() where table_name = 'stg_a'").fetchone()[0] == 1


def test_checks_catch_duplicates_nulls_and_unknown_sources(tmp_path):
    conn = duckdb.connect()
    create_source_tables(conn)
    model = load_sql_model(_write(
        tmp_path / "marts" / "bad.sql",
        "-- a deliberately broken mart\n"
        "-- @unique: k\n-- @not_null: k, label\n-- @sources: doc_ids\n"
        "-- k: key\n-- label: a label\n-- doc_ids: sources\n"
        "select * from (values (1, 'a', ['d1']), (1, 'b', ['d9']), (null, 'c', []::varchar[])) as t(k, label, doc_ids)\n",
    ))
    run_sql_model(conn, model)
    [outcome] = evaluate_checks(conn, model)
    assert outcome.name == "integrity" and not outcome.passed
    # The empty row traces to nothing; d9 is a rejected document.
    assert outcome.metadata == {
        "duplicate_keys_k": 1,
        "null_rows": 1, "null_rows_k": 1, "null_rows_label": 0,
        "rows_without_sources_doc_ids": 1, "unknown_or_dead_doc_ids_doc_ids": 1,
        "failed_rules": "unique (k), not null (k), sources (doc_ids)",
        # one duplicated key, one NULL, one row without sources, one dead source
        "violating_rows": 4,
        "examples": "k=1, label='a'; k=1, label='b'; k=None, label='c'",
    }


def test_check_passes_only_when_every_rule_holds(tmp_path):
    conn = duckdb.connect()
    create_source_tables(conn)
    header = "-- a mart\n-- @unique: k\n-- @not_null: k\n-- @sources: doc_ids\n-- k: key\n-- doc_ids: sources\n"
    live = conn.execute("select doc_id from core.documents where status = 'ok' limit 1").fetchone()[0]
    good = load_sql_model(_write(tmp_path / "marts" / "good.sql",
                                 header + f"select * from (values (1, ['{live}']), (2, ['{live}'])) as t(k, doc_ids)\n"))
    run_sql_model(conn, good)
    [outcome] = evaluate_checks(conn, good)
    assert outcome.passed and outcome.metadata["failed_rules"] == "none"
    one_duplicate = replace(good, sql=header + f"select * from (values (1, ['{live}']), (1, ['{live}'])) as t(k, doc_ids)\n")
    run_sql_model(conn, one_duplicate)
    [outcome] = evaluate_checks(conn, one_duplicate)
    assert not outcome.passed and outcome.metadata["failed_rules"] == "unique (k)"


# ---------------------------------------------------------------------------------------------
# Dagster factory


class FileWarehouse(dg.ConfigurableResource):
    database: str

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        conn = duckdb.connect(self.database)
        try:
            yield conn
        finally:
            conn.close()


def test_factory_keys_groups_deps_and_checks():
    assets = build_sql_model_assets(SQL_DIR)
    by_key = {key: definition for definition in assets for key in definition.keys}
    assert {"/".join(key.path) for key in by_key} == {name.replace(".", "/") for name in EXPECTED_MODELS}
    dyad_key = dg.AssetKey(["marts", "dyad_monthly"])
    dyad = by_key[dyad_key]
    assert dyad.group_names_by_key[dyad_key] == "marts"
    assert dyad.asset_deps[dyad_key] == {
        dg.AssetKey(["marts", "topic_trends"]), dg.AssetKey(["staging", "stg_countries"]),
        dg.AssetKey(["staging", "stg_document_dyads"]), dg.AssetKey(["staging", "stg_interaction_dyads"]),
        dg.AssetKey(["staging", "stg_dyad_event_counts"]),
    }
    model = next(m for m in MODELS if m.qualified_name == "marts.dyad_monthly")
    assert dyad.code_versions_by_key[dyad_key] == model.code_version
    assert dyad.specs_by_key[dyad_key].kinds == {"duckdb", "sql"}
    assert dyad.descriptions_by_key[dyad_key] == model.description
    assert len(assets) == 1, "every model is an asset of the one op that builds them in order"
    assert {check.name for check in dyad.check_keys if check.asset_key == dyad_key} == {"integrity"}
    integrity = next(spec for spec in dyad.check_specs if spec.asset_key == dyad_key)
    assert integrity.description.startswith("marts.dyad_monthly: no two rows share (dyad, month); dyad, country_a")
    assert "source document in doc_ids" in integrity.description
    documents_key = dg.AssetKey(["staging", "stg_documents"])
    assert by_key[documents_key].group_names_by_key[documents_key] == "staging"
    assert by_key[documents_key].asset_deps[documents_key] == {dg.AssetKey(["core", "documents"])}


def test_materialize_builds_every_model_on_a_duckdb_file(tmp_path):
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as conn:
        create_source_tables(conn)
    # Upstream raw/core/ref assets are not part of this run: their keys are only deps.
    result = dg.materialize(
        build_sql_model_assets(SQL_DIR),
        resources={"warehouse": FileWarehouse(database=str(database))},
    )
    assert result.success
    materialized = {"/".join(event.asset_key.path) for event in result.get_asset_materialization_events()}
    assert materialized == {name.replace(".", "/") for name in EXPECTED_MODELS}
    evaluations = result.get_asset_check_evaluations()
    assert evaluations and all(evaluation.passed for evaluation in evaluations)
    dyad_event = next(
        e for e in result.get_asset_materialization_events() if e.asset_key.path == ["marts", "dyad_monthly"]
    )
    metadata = dyad_event.materialization.metadata
    assert metadata["dagster/row_count"].value == 4
    assert "| dyad | country_a |" in metadata["preview"].value
    assert [c.name for c in metadata["dagster/column_schema"].schema.columns][:3] == [
        "dyad", "country_a", "country_a_name"
    ]
    with duckdb.connect(str(database), read_only=True) as conn:
        assert conn.execute(
            "select interactions from marts.dyad_monthly where dyad = 'IND-KAZ' and month = '2024-03-01'"
        ).fetchone() == (1,)
