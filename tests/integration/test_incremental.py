"""Incremental behaviour: only new or changed articles are parsed; removed ones leave every table."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from corpus_files import copy_articles
from pipeline.runner import run_pipeline

PUBLIC_TABLES = (
    "core.entities", "core.mentions", "core.person_roles", "core.document_topics", "core.interactions",
    "core.quantities", "core.milestones", "marts.dyad_summary", "marts.dyad_monthly", "marts.entity_cooccurrence",
    "marts.topic_trends", "marts.actor_profiles", "marts.economic_figures", "marts.relationship_milestones",
)
EXTRA_ARTICLE = (
    "ASTANA, March 4, 2025 (Kazinform) -- Kazakh Foreign Minister Arman Seitkali met with Indian "
    "Ambassador to Kazakhstan Rohan Mehta in Astana on Tuesday to discuss trade, energy and transport "
    "cooperation.\n\nThe sides noted that bilateral trade turnover grew by 12 percent last year, reaching "
    "$1.4 billion. Seitkali stressed the importance of the strategic partnership between Kazakhstan and "
    "India and invited Indian companies to invest in the transport corridor.\n"
)


def parsed_count(result) -> int:
    for event in result.get_asset_materialization_events():
        metadata = event.materialization.metadata
        if "documents_parsed" in metadata:
            return metadata["documents_parsed"].value
    raise AssertionError("the NLP asset reported no documents_parsed")


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return {table: conn.execute(f"select * from {table} order by all").fetchall() for table in PUBLIC_TABLES}


def documents(warehouse: Path) -> dict[str, tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return {
            row[0]: row[1:]
            for row in conn.execute("select source_path, doc_id, status, processed_at from core.documents").fetchall()
        }


@pytest.fixture()
def workspace(tmp_path):
    inbox = copy_articles(tmp_path / "inbox")
    return inbox, tmp_path / "warehouse.duckdb"


def test_nothing_changed_parses_nothing_and_changes_nothing(workspace):
    inbox, warehouse = workspace
    first = run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)
    assert parsed_count(first) == 5
    before, docs_before = snapshot(warehouse), documents(warehouse)
    second = run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)
    assert parsed_count(second) == 0
    assert snapshot(warehouse) == before
    assert documents(warehouse) == docs_before


def test_new_changed_renamed_and_removed_files(workspace):
    inbox, warehouse = workspace
    run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)

    (inbox / "kazakhstan_india.txt").write_text(EXTRA_ARTICLE, encoding="utf-8")
    assert parsed_count(run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)) == 1
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        pairs = {row[0] for row in conn.execute("select country_a || '-' || country_b from marts.dyad_monthly").fetchall()}
    assert "IND-KAZ" in pairs

    changed = EXTRA_ARTICLE.replace("12 percent", "17 percent")
    (inbox / "kazakhstan_india.txt").write_text(changed, encoding="utf-8")
    assert parsed_count(run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)) == 1
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        percents = {row[0] for row in conn.execute("select text from core.quantities where kind = 'percent'").fetchall()}
        figures = {row[0] for row in conn.execute("select text from marts.economic_figures").fetchall()}
    assert any("17 percent" in p for p in percents) and not any("12 percent" in p for p in percents)
    assert any("17 percent" in f for f in figures)

    os.rename(inbox / "kazakhstan_india.txt", inbox / "renamed copy.txt")
    shutil.copy2(inbox / "renamed copy.txt", inbox / "another copy.txt")
    assert parsed_count(run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)) == 0
    statuses = {path: status for path, (_, status, _) in documents(warehouse).items()}
    assert sorted([statuses["another copy.txt"], statuses["renamed copy.txt"]]) == ["duplicate", "ok"]
    assert "kazakhstan_india.txt" not in statuses

    (inbox / "renamed copy.txt").unlink()
    (inbox / "another copy.txt").unlink()
    assert parsed_count(run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)) == 0
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        pairs = {row[0] for row in conn.execute("select country_a || '-' || country_b from marts.dyad_monthly").fetchall()}
        leftover = conn.execute("select count(*) from core.quantities where text like '%17 percent%'").fetchone()[0]
        tombstones = conn.execute(
            "select count(*) from raw.documents where deleted_at is not null and source_path like '%copy.txt'"
        ).fetchone()[0]
    assert "IND-KAZ" not in pairs and leftover == 0 and tombstones == 2


def test_extractor_change_reparses_everything_once(workspace, tmp_path, monkeypatch):
    inbox, warehouse = workspace
    run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)
    reference = tmp_path / "reference"
    shutil.copytree(Path(__file__).resolve().parents[2] / "seeds" / "reference", reference)
    with open(reference / "organizations.csv", "a", encoding="utf-8") as handle:
        handle.write("Example Regional Forum,ERF,,regional\n")
    monkeypatch.setenv("PIPELINE_REFERENCE_DIR", str(reference))
    assert parsed_count(run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)) == 5
    assert parsed_count(run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)) == 0


def test_two_runs_on_the_same_input_give_identical_tables(tmp_path):
    inbox = copy_articles(tmp_path / "inbox")
    run_pipeline(inbox_dir=inbox, warehouse_path=tmp_path / "a.duckdb")
    run_pipeline(inbox_dir=inbox, warehouse_path=tmp_path / "b.duckdb")
    assert snapshot(tmp_path / "a.duckdb") == snapshot(tmp_path / "b.duckdb")
