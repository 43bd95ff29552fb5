"""Command line: `python -m pipeline.cli run [-v] | summary`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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


def run_with_progress(warehouse: Path, verbose: bool) -> tuple[bool, Path]:
    """One progress line per stage on the console, every Dagster event in a log file; (success, log)."""
    from pipeline.progress import ProgressPrinter, log_path_for, run_loggers
    from pipeline.runner import run_pipeline

    level = "DEBUG" if verbose else setting("PIPELINE_LOG_LEVEL").strip().upper() or None
    log_path = log_path_for(warehouse)
    printer = None if level else ProgressPrinter()
    inbox = resolve_path(setting("PIPELINE_INBOX_DIR"))
    print(f"Pipeline: {inbox} -> {warehouse}  (full log: {log_path})", flush=True)
    result = run_pipeline(raise_on_error=False, loggers=run_loggers(log_path, printer), console_log_level=level)
    return result.success, log_path


def print_outputs(warehouse: Path, published: Path, log_path: Path | None) -> None:
    """Where everything a reader wants is: the copy, its Parquet files, the report, the dashboard, the log."""
    dashboard = published / "dashboard" / "index.html"
    print(f"\nLive warehouse (the pipeline's): {warehouse}")
    print(f"Published read-only copy (for queries and dashboards): {published / 'warehouse.duckdb'}")
    print(f"Parquet exports: {published / 'parquet'}")
    print(f"Relationship report: {published / 'report.html'}")
    if dashboard.exists():
        print(f"Dashboard: {dashboard.parent}  (make dashboard-serve, then http://127.0.0.1:3030/)")
    else:
        print(f"Dashboard: not built yet; make dashboard builds it into {dashboard.parent}")
    if log_path is not None:
        print(f"Log of this run (every Dagster event): {log_path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipeline")
    parser.add_argument("command", choices=["run", "summary"])
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print Dagster's event log on the console (as PIPELINE_LOG_LEVEL=DEBUG does)")
    args = parser.parse_args(argv)
    apply_defaults()
    warehouse = resolve_path(setting("PIPELINE_WAREHOUSE_PATH"))
    published = published_dir()
    log_path = None
    if args.command == "run":
        success, log_path = run_with_progress(warehouse, args.verbose)
        if not success:
            print(f"The run failed; the full log is in {log_path}", file=sys.stderr)
            return 1
    # The summary reads the published copy: even a read-only reader of the live file would block
    # the next run's writer.
    print_summary(published / "warehouse.duckdb")
    print_outputs(warehouse, published, log_path)
    # The interpreter's last collection would walk every object of the run only to free memory the
    # operating system takes back at exit anyway (about 0.6 s).
    collector.settle()
    return 0


if __name__ == "__main__":
    sys.exit(main())
