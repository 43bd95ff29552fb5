"""The published copy opens in DuckDB 1.x clients with every table, row, column comment and Parquet file.

DuckDB 2.0 (the pipeline's) writes files no 1.x release opens; the copy is written in the storage format
of PIPELINE_PUBLISHED_STORAGE_VERSION (default v1.1.0). 1.5.6 is the newest 1.x release (what an
Evidence or notebook install pinned to 1.x gets); 1.1.3 is the oldest line the default promises.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from assets.publish import publish, write_copy
from compat.clients import read_with
from compat.read_published import read_copy

CLIENT_VERSIONS = ("1.1.3", "1.5.6")


@pytest.fixture(scope="module")
def published(seeded_run) -> Path:
    warehouse, _, result = seeded_run
    assert result.success
    return Path(warehouse).parent / "published"


@pytest.fixture(scope="module")
def seen_by_duckdb2(published) -> dict:
    return read_copy(published)


@pytest.mark.parametrize("version", CLIENT_VERSIONS)
def test_duckdb1_reads_every_table_comment_and_parquet_file(duckdb_client, published, seen_by_duckdb2, version):
    seen = read_with(duckdb_client(version), published)
    assert seen["duckdb"] == version
    expected = seen_by_duckdb2["tables"]
    assert {"marts.dyad_monthly", "marts.dyad_summary", "core.interactions", "raw.rejected_documents"} <= set(expected)
    assert set(seen["tables"]) == set(expected)
    for table, facts in expected.items():
        assert seen["tables"][table] == facts, f"{table} reads differently in DuckDB {version}"
    public = [t for t in expected if t.split(".")[0] in ("marts", "core", "ref") or t == "raw.rejected_documents"]
    commented = [t for t in public if all(column[2] for column in expected[t]["columns"])]
    assert "marts.dyad_summary" in commented and "marts.dyad_monthly" in commented
    assert seen["parquet"] == seen_by_duckdb2["parquet"]
    assert seen["parquet"]["marts.dyad_monthly"]["rows"] == expected["marts.dyad_monthly"]["rows"] > 0


def test_a_copy_in_duckdb2_format_is_refused_by_duckdb1(duckdb_client, seeded_run, tmp_path):
    # The control: the same copy in DuckDB 2.0's own format is what 1.x clients could not open.
    warehouse, _, _ = seeded_run
    published = tmp_path / "latest"
    publish(Path(warehouse), published, "latest")
    with pytest.raises(RuntimeError, match="version number"):
        read_with(duckdb_client("1.5.6"), published)


def test_storage_version_setting_is_applied_and_checked(seeded_run, tmp_path):
    warehouse, _, _ = seeded_run
    newer = tmp_path / "v120.duckdb"
    write_copy(Path(warehouse), newer, "v1.2.0")
    # The header's storage version number: 64 for v1.1.0 and older formats, 65 for v1.2.0.
    assert int.from_bytes(newer.read_bytes()[12:20], "little") == 65
    with duckdb.connect(str(newer), read_only=True) as conn:
        assert conn.execute("select count(*) from marts.dyad_monthly").fetchone()[0] > 0
    with pytest.raises(ValueError, match="PIPELINE_PUBLISHED_STORAGE_VERSION='v0.0.7'"):
        write_copy(Path(warehouse), tmp_path / "bad.duckdb", "v0.0.7")


def test_default_copy_header_is_storage_version_64(published):
    assert int.from_bytes((published / "warehouse.duckdb").read_bytes()[12:20], "little") == 64
