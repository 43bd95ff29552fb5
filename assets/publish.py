"""Publish a read-only copy of the warehouse for dashboards and ad-hoc SQL.

DuckDB lets one process write a file, and even a reader in another process blocks that writer. So
readers never open the live file: after each run the warehouse is copied to a temporary file and
atomically renamed over <published_dir>/warehouse.duckdb, and the public tables are exported to Parquet.
A reader that still has the old copy open keeps its consistent snapshot.

The copy is written in an older DuckDB storage format (PIPELINE_PUBLISHED_STORAGE_VERSION, default
v1.1.0): the live file is in DuckDB 2.0's format, which no DuckDB 1.x client opens, and dashboards embed
1.x clients (Evidence's and Observable's Node packages, notebooks pinned to duckdb<2).
"""


import os
import shutil
from pathlib import Path

import dagster as dg
import duckdb

from pipeline.catalog import apply_comments
from pipeline.resources import WarehouseResource
from pipeline.settings import setting
from pipeline.sql_models import PENDING_STATE, PUBLISHED_STATE
from pipeline.warehouse import record_state, recorded_state

PUBLIC_SCHEMAS = ("core", "marts", "ref")
PUBLIC_RAW_TABLES = ("raw.rejected_documents",)
INTERNAL_TABLES = {"core.document_signatures", "core.extraction_state", "core.document_entities", "core.build_state"}


def public_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    rows = conn.execute(
        "select table_schema || '.' || table_name from information_schema.tables "
        f"where table_schema in {PUBLIC_SCHEMAS} and table_type = 'BASE TABLE' order by 1"
    ).fetchall()
    return [*PUBLIC_RAW_TABLES, *(row[0] for row in rows if row[0] not in INTERNAL_TABLES)]


def storage_version() -> str:
    """The DuckDB storage version the published copy is written with (PIPELINE_PUBLISHED_STORAGE_VERSION)."""
    return setting("PIPELINE_PUBLISHED_STORAGE_VERSION").strip()


def _sql_text(value: object) -> str:
    return str(value).replace("'", "''")


def write_copy(warehouse_path: Path, target: Path, version: str) -> None:
    """Every schema, table, constraint and comment of the live file into `target` in storage `version`."""
    for leftover in (target, target.with_name(target.name + ".wal")):
        leftover.unlink(missing_ok=True)
    with duckdb.connect() as conn:
        conn.execute(f"attach '{_sql_text(warehouse_path)}' as live (read_only)")
        try:
            conn.execute(f"attach '{_sql_text(target)}' as pub (storage_version '{_sql_text(version)}')")
        except duckdb.Error as error:
            raise ValueError(
                f"PIPELINE_PUBLISHED_STORAGE_VERSION={version!r} is not a storage version this DuckDB "
                f"writes (e.g. v1.1.0, v1.2.0, latest): {error}"
            ) from error
        conn.execute("copy from database live to pub")
        conn.execute("detach pub")


def publish(warehouse_path: Path, published_dir: Path, version: str | None = None) -> dict[str, int]:
    """Copy the (closed, checkpointed) live file and export Parquet; both swapped in atomically."""
    published_dir.mkdir(parents=True, exist_ok=True)
    target = published_dir / "warehouse.duckdb"
    staging_copy = published_dir / f".warehouse.{os.getpid()}.tmp.duckdb"
    write_copy(warehouse_path, staging_copy, version or storage_version())

    parquet_dir = published_dir / "parquet"
    staging_parquet = published_dir / f".parquet.{os.getpid()}.tmp"
    shutil.rmtree(staging_parquet, ignore_errors=True)
    staging_parquet.mkdir()
    counts: dict[str, int] = {}
    # Export from the new copy before it is renamed into place: a reader of the old copy is untouched.
    with duckdb.connect(str(staging_copy), read_only=True) as conn:
        for table in public_tables(conn):
            counts[table] = conn.execute(f"select count(*) from {table}").fetchone()[0]
            conn.execute(f"copy (select * from {table}) to '{staging_parquet / (table + '.parquet')}' (format parquet)")
    os.replace(staging_copy, target)
    previous = published_dir / f".parquet.{os.getpid()}.old"
    if parquet_dir.exists():
        os.replace(parquet_dir, previous)
    os.replace(staging_parquet, parquet_dir)
    shutil.rmtree(previous, ignore_errors=True)
    return counts


def build_published_warehouse_asset(mart_keys: list[dg.AssetKey]) -> dg.AssetsDefinition:
    @dg.asset(
        key=["published", "warehouse"],
        deps=mart_keys,
        description="Read-only copy of the warehouse (<published_dir>/warehouse.duckdb, in the storage format "
        "of PIPELINE_PUBLISHED_STORAGE_VERSION so DuckDB 1.x clients open it) and Parquet files of the public "
        "tables (<published_dir>/parquet/), replaced atomically after every run.",
        kinds={"duckdb", "parquet"},
        group_name="publish",
        code_version="publish-v2",
        pool="warehouse",
    )
    def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.get_connection() as conn:
            # Tables replaced during the run (reference seeds) lose their comments: restore them all.
            apply_comments(conn)
            built_from = recorded_state(conn, PENDING_STATE)
            conn.execute("checkpoint")
        version = storage_version()
        counts = publish(warehouse.path, warehouse.published_path, version)
        with warehouse.get_connection() as conn:
            # Recorded only now: a run that dies before publishing leaves the next one to rebuild.
            record_state(conn, PUBLISHED_STATE, built_from)
        context.log.info(f"published {len(counts)} tables to {warehouse.published_path}")
        return dg.MaterializeResult(
            metadata={
                "path": dg.MetadataValue.path(str(warehouse.published_path / "warehouse.duckdb")),
                "tables": len(counts),
                "storage_version": version,
                "rows": dg.MetadataValue.json(counts),
            }
        )

    return published_warehouse
