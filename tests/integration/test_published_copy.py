"""Readers use the published copy: a reader held open during a run neither blocks it nor sees half a run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from corpus_files import copy_articles
from pipeline.runner import run_pipeline

READER = """
import sys, duckdb
conn = duckdb.connect(sys.argv[1], read_only=True)
query = "select count(*) from core.documents where status = 'ok'"
print(conn.execute(query).fetchone()[0], flush=True)
sys.stdin.readline()  # hold the connection open until told to look again
print(conn.execute(query).fetchone()[0], flush=True)
"""

NEW_ARTICLE = (
    "TOKYO, June 5, 2024 (Kyodo) -- Japanese Foreign Minister Haruto Ishikawa held talks with Vietnamese "
    "Deputy Prime Minister Tran Van Long in Tokyo on Wednesday, discussing trade, energy and education. "
    "Bilateral trade reached $48 billion last year, up 6 percent.\n"
)


def test_reader_keeps_its_snapshot_while_a_run_replaces_the_copy(tmp_path):
    inbox = copy_articles(tmp_path / "inbox")
    warehouse = tmp_path / "warehouse.duckdb"
    published = tmp_path / "published"
    assert run_pipeline(inbox_dir=inbox, warehouse_path=warehouse, published_dir=published).success
    copy = published / "warehouse.duckdb"
    assert (published / "parquet" / "marts.dyad_monthly.parquet").exists()

    reader = subprocess.Popen([sys.executable, "-c", READER, str(copy)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "5"
        (inbox / "japan_vietnam.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        result = run_pipeline(inbox_dir=inbox, warehouse_path=warehouse, published_dir=published)
        assert result.success
        reader.stdin.write("again\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "5", "the open reader must keep its consistent old snapshot"
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    with duckdb.connect(str(copy), read_only=True) as fresh:
        assert fresh.execute("select count(*) from core.documents where status = 'ok'").fetchone()[0] == 6
    with duckdb.connect() as memory:
        parquet_count = memory.execute(
            f"select count(*) from '{published / 'parquet' / 'core.documents.parquet'}' where status = 'ok'"
        ).fetchone()[0]
    assert parquet_count == 6


def test_live_file_is_never_needed_by_readers(seeded_run):
    warehouse, _, _ = seeded_run
    published = Path(warehouse).parent / "published" / "warehouse.duckdb"
    with duckdb.connect(str(published), read_only=True) as conn:
        tables = {row[0] for row in conn.execute(
            "select table_schema || '.' || table_name from information_schema.tables").fetchall()}
    assert {"core.documents", "core.interactions", "marts.dyad_monthly", "raw.rejected_documents"} <= tables
