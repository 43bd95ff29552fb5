"""Shared fixtures: a pipeline run over a copy of the bundled articles into a temp warehouse."""

from __future__ import annotations

import duckdb
import pytest

from corpus_files import copy_articles


@pytest.fixture(scope="session")
def seeded_run(tmp_path_factory):
    """One full run over the five bundled articles; returns (warehouse path, inbox path, result)."""
    from pipeline.runner import run_pipeline

    root = tmp_path_factory.mktemp("seeded")
    inbox = copy_articles(root / "inbox")
    warehouse = root / "warehouse.duckdb"
    result = run_pipeline(inbox_dir=inbox, warehouse_path=warehouse, published_dir=root / "published")
    return warehouse, inbox, result


@pytest.fixture()
def seeded_db(seeded_run):
    warehouse, _, _ = seeded_run
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        yield conn
