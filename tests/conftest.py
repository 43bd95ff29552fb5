"""Shared fixtures: a pipeline run over a copy of the bundled articles into a temp warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLES = REPO_ROOT / "seeds" / "articles"
SHARED_GOLD = REPO_ROOT.parent / "shared" / "seeds" / "gold.json"
GOLD = REPO_ROOT / "tests" / "data" / "gold.json"


def copy_articles(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for article in sorted(SEED_ARTICLES.glob("*.txt")):
        shutil.copy2(article, target / article.name)
    return target


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
