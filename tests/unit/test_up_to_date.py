"""The command line's check whether a run would change anything (pipeline.up_to_date)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from pipeline import run_lock, up_to_date
from pipeline.cli import unchanged_run


@pytest.fixture()
def workspace(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text("A first article about trade.", encoding="utf-8")
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("create table t as select 1 as x")
    published = tmp_path / "published"
    (published / "parquet").mkdir(parents=True)
    (published / "report.html").write_text("<html></html>", encoding="utf-8")
    for name in [n for n in os.environ if n.startswith("PIPELINE_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("PIPELINE_INBOX_DIR", str(inbox))
    return inbox, warehouse, published


def _recorded(workspace):
    inbox, warehouse, published = workspace
    up_to_date.record_run(warehouse, published, up_to_date.inputs_state(inbox), "run-1")


def _unchanged(workspace):
    inbox, warehouse, published = workspace
    return up_to_date.unchanged_since_last_run(warehouse, published, up_to_date.inputs_state(inbox))


def test_nothing_changed_returns_the_last_runs_record(workspace):
    assert _unchanged(workspace) is None  # no successful run yet
    _recorded(workspace)
    record = _unchanged(workspace)
    assert record is not None and record["run_id"] == "run-1" and record["inputs"]["inbox_files"] == 1


@pytest.mark.parametrize("change", ["new file", "grown file", "touched file", "removed file"])
def test_any_change_in_the_inbox_makes_a_real_run(workspace, change):
    inbox = workspace[0]
    (inbox / "two.txt").write_text("A second article.", encoding="utf-8")
    _recorded(workspace)
    if change == "new file":
        (inbox / "three.txt").write_text("A third article.", encoding="utf-8")
    elif change == "grown file":
        with open(inbox / "two.txt", "a", encoding="utf-8") as handle:
            handle.write(" More.")
    elif change == "touched file":
        stat = (inbox / "two.txt").stat()
        os.utime(inbox / "two.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    else:
        (inbox / "two.txt").unlink()
    assert _unchanged(workspace) is None


def test_a_setting_that_shapes_the_tables_makes_a_real_run_one_of_the_console_does_not(workspace, monkeypatch):
    _recorded(workspace)
    monkeypatch.setenv("PIPELINE_LOG_LEVEL", "DEBUG")
    assert _unchanged(workspace) is not None
    monkeypatch.setenv("PIPELINE_NLP_BATCH_SIZE", "16")
    assert _unchanged(workspace) is None


def test_a_changed_warehouse_or_published_folder_makes_a_real_run(workspace):
    _inbox, warehouse, published = workspace
    _recorded(workspace)
    with duckdb.connect(str(warehouse)) as conn:  # written by something other than this command
        conn.execute("insert into t values (2)")
    assert _unchanged(workspace) is None
    _recorded(workspace)
    (published / "report.html").unlink()
    assert _unchanged(workspace) is None
    _recorded(workspace)
    (published / "parquet" / "extra.parquet").write_bytes(b"x")
    assert _unchanged(workspace) is None


def test_a_changed_source_file_makes_a_real_run(workspace, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "pipeline").mkdir(parents=True)
    (repo / "pipeline" / "rule.py").write_text("X = 1\n", encoding="utf-8")
    before = up_to_date.code_state(repo)
    assert up_to_date.code_state(repo) == before
    (repo / "pipeline" / "rule.py").write_text("X = 22\n", encoding="utf-8")
    assert up_to_date.code_state(repo) != before


def test_a_failed_or_unfinished_run_leaves_no_record(workspace):
    warehouse = workspace[1]
    _recorded(workspace)
    up_to_date.forget_run(warehouse)  # what the command does before it starts a run
    assert _unchanged(workspace) is None


def test_never_skipped_while_another_run_holds_the_warehouse(workspace):
    inbox, warehouse, published = workspace
    _recorded(workspace)
    inputs = up_to_date.inputs_state(inbox)
    assert unchanged_run(warehouse, published, inputs) is not None
    handle = run_lock.acquire(warehouse, "other-run", 1, print)
    try:
        assert run_lock.is_held(warehouse)
        assert unchanged_run(warehouse, published, inputs) is None
    finally:
        run_lock.release(handle)
    assert not run_lock.is_held(warehouse)


def test_the_record_is_beside_the_warehouse_not_in_the_published_folder(workspace):
    _inbox, warehouse, published = workspace
    _recorded(workspace)
    assert up_to_date.record_path(warehouse).parent == warehouse.parent
    assert not any(Path(published).rglob("*.last-run.json"))


def test_the_parser_is_started_early_only_when_the_inbox_changed_since_the_last_run(workspace, monkeypatch):
    inbox, warehouse, published = workspace
    assert up_to_date.inbox_changed_since_last_run(warehouse, up_to_date.inputs_state(inbox))  # no run yet
    _recorded(workspace)
    assert not up_to_date.inbox_changed_since_last_run(warehouse, up_to_date.inputs_state(inbox))
    monkeypatch.setenv("PIPELINE_NLP_BATCH_SIZE", "32")  # a changed setting alone parses nothing new
    assert not up_to_date.inbox_changed_since_last_run(warehouse, up_to_date.inputs_state(inbox))
    (inbox / "two.txt").write_text("A second article.", encoding="utf-8")
    assert up_to_date.inbox_changed_since_last_run(warehouse, up_to_date.inputs_state(inbox))
