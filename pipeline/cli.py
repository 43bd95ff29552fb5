"""Command line: `python -m pipeline.cli run | summary`."""

from __future__ import annotations

import argparse
import sys

import duckdb

from pipeline import collector
from pipeline.settings import apply_defaults, published_dir, resolve_path, setting

SUMMARY_TABLES = (
    "raw.documents", "raw.rejected_documents", "core.documents", "core.entities", "core.mentions",
    "core.person_roles", "core.document_topics", "core.interactions", "core.quantities", "core.milestones",
)


def print_summary(warehouse_path) -> None:
    with duckdb.connect(str(warehouse_path), read_only=True) as conn:
        tables = [row[0] for row in conn.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_schema = 'marts' order by 1").fetchall()]
        print(f"\nWarehouse (published copy): {warehouse_path}")
        print(f"{'table':<36}{'rows':>8}")
        for table in (*SUMMARY_TABLES, *tables):
            try:
                count = conn.execute(f"select count(*) from {table}").fetchone()[0]
            except duckdb.Error:
                continue
            print(f"{table:<36}{count:>8}")
        try:
            pairs = conn.execute(
                """select country_a_name || ' - ' || country_b_name as pair, interactions, undated_interactions,
                          articles, undated_articles, round(contact_intensity, 2) as intensity
                   from marts.dyad_summary order by interactions desc, articles desc, pair limit 5"""
            ).fetchall()
        except duckdb.Error:
            pairs = []
        if pairs:
            print("\nTop country pairs, all time (marts.dyad_summary; undated ones in brackets):")
            print(f"  {'pair':<40} {'interactions':>14} {'articles':>12} {'intensity':>10}")
            for pair, interactions, undated_interactions, articles, undated_articles, intensity in pairs:
                print(f"  {pair:<40} {f'{interactions} ({undated_interactions})':>14} "
                      f"{f'{articles} ({undated_articles})':>12} {intensity:>10}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipeline")
    parser.add_argument("command", choices=["run", "summary"])
    args = parser.parse_args(argv)
    apply_defaults()
    warehouse = resolve_path(setting("PIPELINE_WAREHOUSE_PATH"))
    published = published_dir()
    if args.command == "run":
        from pipeline.runner import run_pipeline

        result = run_pipeline(raise_on_error=False)
        if not result.success:
            print("The run failed; see the log above.", file=sys.stderr)
            return 1
    # The summary reads the published copy: even a read-only reader of the live file would block
    # the next run's writer.
    print_summary(published / "warehouse.duckdb")
    print(f"\nLive warehouse (the pipeline's): {warehouse}")
    print(f"Published read-only copy (for queries and dashboards): {published / 'warehouse.duckdb'}")
    print(f"Parquet exports: {published / 'parquet'}")
    # The interpreter's last collection would walk every object of the run only to free memory the
    # operating system takes back at exit anyway (about 0.6 s).
    collector.settle()
    return 0


if __name__ == "__main__":
    sys.exit(main())
