"""Each warehouse gets its own published copy, Parquet files and report when PIPELINE_PUBLISHED_DIR is unset.

Two corpora run by the command line into two files of one folder never overwrite each other's copy,
and neither touches the default warehouse's data/published/.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from corpus_files import copy_articles
from pipeline.settings import REPO_ROOT, published_dir_for


def test_default_layout_is_kept_and_other_files_get_a_folder_named_after_them(tmp_path):
    assert published_dir_for("data/warehouse.duckdb") == REPO_ROOT / "data" / "published"
    assert published_dir_for(tmp_path / "other.duckdb") == tmp_path / "other.published"
    assert published_dir_for(tmp_path / "runs" / "warehouse.duckdb") == tmp_path / "runs" / "published"


def _state(folder: Path) -> dict[str, float]:
    if not folder.exists():
        return {}
    return {str(path): path.stat().st_mtime for path in folder.rglob("*")}


def _run_cli(inbox: Path, warehouse: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("PIPELINE_") and key != "DAGSTER_HOME"}
    env.update(PIPELINE_INBOX_DIR=str(inbox), PIPELINE_WAREHOUSE_PATH=str(warehouse),
               PIPELINE_CACHE_DIR=str(warehouse.parent / "cache"))
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "run"], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def test_two_corpora_keep_their_own_copy_and_report(tmp_path):
    default_published = REPO_ROOT / "data" / "published"
    before = _state(default_published)
    articles = sorted(copy_articles(tmp_path / "all").iterdir())
    corpora = {"first": articles[:2], "second": articles[2:]}
    for name, files in corpora.items():
        inbox = tmp_path / f"inbox-{name}"
        inbox.mkdir()
        for file in files:
            (inbox / file.name).write_bytes(file.read_bytes())
        completed = _run_cli(inbox, tmp_path / f"{name}.duckdb")
        assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
        assert str(tmp_path / f"{name}.published" / "warehouse.duckdb") in completed.stdout
    for name, files in corpora.items():
        published = tmp_path / f"{name}.published"
        assert (published / "report.html").exists()
        assert (published / "parquet" / "marts.dyad_summary.parquet").exists()
        with duckdb.connect(str(published / "warehouse.duckdb"), read_only=True) as conn:
            paths = {Path(row[0]).name for row in conn.execute("select source_path from core.documents").fetchall()}
        assert paths == {file.name for file in files}, f"{name}'s copy holds another corpus"
    assert _state(default_published) == before, "data/published of the default warehouse was touched"
