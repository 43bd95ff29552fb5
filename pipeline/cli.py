"""Command line: `python -m pipeline.cli run [-v] [--force] | summary`."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

import duckdb

from pipeline import collector, early_parser
from pipeline.early_parser import ParserSettings
from pipeline.settings import (apply_defaults, executor_name, nlp_shards, published_dir, resolve_path, setting,
                               sharded_nlp)

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
    if log_path is not None and log_path.exists():
        print(f"Log of this run (every Dagster event): {log_path}")
    elif log_path is not None:
        print("Log of this run: the events above, and the Dagster instance's event log (`make ui`)")


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


class _SkippedModelChecks(logging.Filter):
    """Drops Dagster's warning that the models' blocking checks "emitted no result": the models step
    skips a build whose inputs and SQL are those of the last published build (whose checks passed,
    or it would not have been published), so there is nothing to check and nothing to tell."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "emitted no result in step 'sql_models'" not in record.getMessage()


def unchanged_run(warehouse: Path, published: Path, inputs: dict) -> dict | None:
    """The last successful run's record when this run would change nothing (pipeline.up_to_date);
    never while another run holds the warehouse."""
    from pipeline import run_lock, up_to_date

    if run_lock.is_held(warehouse):
        return None
    return up_to_date.unchanged_since_last_run(warehouse, published, inputs)


def start_parser_early(warehouse: Path) -> None:
    """Start the parser of the NLP stage now, before Dagster is imported (`pipeline.early_parser`).

    Only where the run's own NLP step parses (the in-process executor, one shard) and no other run
    holds the warehouse (this one would wait for it, with a loaded model). A setting that is not a
    number is left to the run, which reports it.
    """
    from pipeline import run_lock

    if executor_name() != "in_process" or sharded_nlp() or run_lock.is_held(warehouse):
        return
    try:
        settings = ParserSettings(setting("PIPELINE_SPACY_MODEL"), int(setting("PIPELINE_NLP_BATCH_SIZE")),
                                  int(setting("PIPELINE_NLP_PROCESSES")), int(setting("PIPELINE_NLP_CHUNK_SIZE")))
    except ValueError:
        return
    early_parser.start(settings)


def run_command(warehouse: Path, verbose: bool) -> tuple[int, Path, str]:
    """One run of the whole graph: (0 on success, the run's log, its id). A signal cancels the run (see
    pipeline.interrupts).

    The console shows one line per stage (pipeline.progress); every Dagster event goes to the log
    file, and with PIPELINE_LOG_LEVEL or -v to the console as well.
    """
    import uuid

    from pipeline.interrupts import run_cancellable
    from pipeline.progress import ProgressPrinter, log_path_for, run_loggers
    from pipeline.runner import instance_for_runs, run_pipeline

    logging.getLogger("dagster._core.execution.plan.active").addFilter(_SkippedModelChecks())
    level = "DEBUG" if verbose else setting("PIPELINE_LOG_LEVEL").strip().upper() or None
    log_path = log_path_for(warehouse)
    loggers = run_loggers(log_path, None if level else ProgressPrinter())
    inbox = resolve_path(setting("PIPELINE_INBOX_DIR"))
    if executor_name() == "in_process":
        print(f"Pipeline: {inbox} -> {warehouse}  (full log: {log_path})", flush=True)
    else:  # every step logs in its own process: Dagster's console logger shows the events
        print(f"Pipeline: {inbox} -> {warehouse}  (executor {executor_name()}, {nlp_shards()} NLP shards)",
              flush=True)
    instance, run_id = instance_for_runs(), str(uuid.uuid4())
    outcome = run_cancellable(
        lambda: run_pipeline(raise_on_error=False, instance=instance, run_id=run_id, loggers=loggers,
                             console_log_level=level),
        instance, run_id,
    )
    if outcome.signals:
        run = instance.get_run_by_id(run_id)
        status = run.status.value if run is not None else "not started"
        print(f"\nRun {run_id} stopped by a signal ({status}). Every committed chunk stays in the warehouse; "
              f"the published copy is unchanged. Log: {log_path}", file=sys.stderr)
        return outcome.exit_code, log_path, run_id
    if outcome.error is not None:
        raise outcome.error
    if not outcome.result.success:
        print(f"\nThe run {run_id} failed; the published copy is unchanged:", file=sys.stderr)
        for message in failure_messages(outcome.result):
            print(f"  {message}", file=sys.stderr)
        print(f"The full log is in {log_path}", file=sys.stderr)
        return 1, log_path, run_id
    return 0, log_path, run_id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipeline")
    parser.add_argument("command", choices=["run", "summary"])
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print Dagster's event log on the console (as PIPELINE_LOG_LEVEL=DEBUG does)")
    parser.add_argument("--force", action="store_true",
                        help="run even when nothing changed since the last successful run")
    args = parser.parse_args(argv)
    apply_defaults()
    warehouse = resolve_path(setting("PIPELINE_WAREHOUSE_PATH"))
    published = published_dir()
    log_path = None
    if args.command == "run":
        from pipeline import up_to_date

        inputs = up_to_date.inputs_state(resolve_path(setting("PIPELINE_INBOX_DIR")))
        last = None if args.force else unchanged_run(warehouse, published, inputs)
        if last is not None:
            print(f"Nothing changed since run {last['run_id']} ({last['finished_at']}): the inbox "
                  f"({inputs['inbox_files']} files), the code, settings and models it read, and the warehouse "
                  "it left are as they were, so no run was started (`run --force` starts one anyway).")
        else:
            if up_to_date.inbox_changed_since_last_run(warehouse, inputs):
                start_parser_early(warehouse)
            up_to_date.forget_run(warehouse)
            try:
                code, log_path, run_id = run_command(warehouse, args.verbose)
            finally:
                early_parser.close()
            if code:
                return code
            up_to_date.record_run(warehouse, published, inputs, run_id)
    # The summary reads the published copy: even a read-only reader of the live file would block
    # the next run's writer.
    print_summary(published / "warehouse.duckdb")
    print_outputs(warehouse, published, log_path)
    # The interpreter's last collection would walk every object of the run only to free memory the
    # operating system takes back at exit anyway (about 0.6 s).
    collector.settle()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader of the output went away (`make run | head`). Whatever ran is recorded; end as a
        # command stopped by SIGPIPE does, without a traceback or a second error at interpreter exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(128 + signal.SIGPIPE)
