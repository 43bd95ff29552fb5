"""Command line: `python -m pipeline.cli run | summary`."""

from __future__ import annotations

import argparse
import sys

import duckdb

from pipeline import collector
from pipeline.settings import apply_defaults, resolve_path, setting

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
                """select country_a_name || ' - ' || country_b_name as pair, sum(interactions) as interactions,
                          sum(articles) as articles, round(sum(contact_intensity), 2) as intensity
                   from marts.dyad_monthly group by 1 order by interactions desc, articles desc, pair limit 5"""
            ).fetchall()
        except duckdb.Error:
            pairs = []
        if pairs:
            print("\nTop country pairs (interactions, articles, seniority-weighted intensity):")
            for pair, interactions, articles, intensity in pairs:
                print(f"  {pair:<40} {interactions:>4} {articles:>4} {intensity:>8}")


def failure_messages(result) -> list[str]:
    """What made the run fail, in the words of its failure events."""
    messages = []
    for event in result.all_events:
        if event.is_step_failure or event.event_type_value in ("PIPELINE_FAILURE", "RUN_FAILURE"):
            data = event.event_specific_data
            error = getattr(data, "error", None)
            while error is not None and error.cause is not None:  # the root cause says what happened
                error = error.cause
            text = error.message.strip() if error is not None else (event.message or "")
            if text and text not in messages:
                messages.append(text)
    return messages


def run_command() -> int:
    """One run of the whole graph; 0 on success. A signal cancels the run (see pipeline.interrupts)."""
    import uuid

    from pipeline.interrupts import run_cancellable
    from pipeline.runner import instance_for_runs, run_pipeline

    instance, run_id = instance_for_runs(), str(uuid.uuid4())
    outcome = run_cancellable(lambda: run_pipeline(raise_on_error=False, instance=instance, run_id=run_id),
                              instance, run_id)
    if outcome.signals:
        run = instance.get_run_by_id(run_id)
        status = run.status.value if run is not None else "not started"
        print(f"\nRun {run_id} stopped by a signal ({status}). Every committed chunk stays in the warehouse; "
              "the published copy is unchanged.", file=sys.stderr)
        return outcome.exit_code
    if outcome.error is not None:
        raise outcome.error
    if not outcome.result.success:
        print(f"\nThe run {run_id} failed; the published copy is unchanged:", file=sys.stderr)
        for message in failure_messages(outcome.result):
            print(f"  {message}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipeline")
    parser.add_argument("command", choices=["run", "summary"])
    args = parser.parse_args(argv)
    apply_defaults()
    warehouse = resolve_path(setting("PIPELINE_WAREHOUSE_PATH"))
    published = resolve_path(setting("PIPELINE_PUBLISHED_DIR"))
    if args.command == "run":
        code = run_command()
        if code:
            return code
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
