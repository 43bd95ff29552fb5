"""Reads a published copy the way a reader does: run by a DuckDB 1.x interpreter, prints JSON.

Usage: python read_published.py <published_dir>. For every base table of the copy: its comment, its
columns with type and comment, its row count and a digest of its rows; for every Parquet export: its
columns and row count. The test compares this with what DuckDB 2.0 reads from the same files.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import duckdb


def read_copy(published: Path) -> dict:
    tables: dict[str, dict] = {}
    with duckdb.connect(str(published / "warehouse.duckdb"), read_only=True) as conn:
        names = conn.execute(
            "select schema_name, table_name, comment from duckdb_tables() "
            "where database_name = current_database() and not internal order by 1, 2"
        ).fetchall()
        for schema, table, comment in names:
            columns = conn.execute(
                "select column_name, data_type, comment from duckdb_columns() "
                "where database_name = current_database() and schema_name = ? and table_name = ? "
                "order by column_index",
                [schema, table],
            ).fetchall()
            rows = conn.execute(f'select * from "{schema}"."{table}" order by all').fetchall()
            tables[f"{schema}.{table}"] = {
                "comment": comment,
                "columns": [list(column) for column in columns],
                "rows": len(rows),
                "digest": hashlib.sha256(repr(rows).encode()).hexdigest(),
            }
    parquet: dict[str, dict] = {}
    with duckdb.connect() as conn:
        for path in sorted((published / "parquet").glob("*.parquet")):
            relation = conn.sql(f"select * from read_parquet('{path.as_posix()}')")
            parquet[path.stem] = {
                "columns": list(relation.columns),
                "rows": conn.execute(f"select count(*) from read_parquet('{path.as_posix()}')").fetchone()[0],
            }
    return {"duckdb": duckdb.__version__, "tables": tables, "parquet": parquet}


if __name__ == "__main__":
    json.dump(read_copy(Path(sys.argv[1])), sys.stdout)
