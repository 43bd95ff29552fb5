"""What `make run` prints: one line per stage and the summary; the full event log goes to a file."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

from corpus_files import copy_articles
from pipeline.progress import ProgressPrinter
from pipeline.settings import REPO_ROOT

STAGE_LINES = ("read", "cleaned", "parsed", "models", "published")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("PIPELINE_") and key != "DAGSTER_HOME"}
    env.update(PIPELINE_INBOX_DIR=str(tmp_path / "inbox"), PIPELINE_WAREHOUSE_PATH=str(tmp_path / "warehouse.duckdb"),
               PIPELINE_CACHE_DIR=str(tmp_path / "cache"), **extra)
    return env


def _cli(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "run", *args], cwd=REPO_ROOT,
                          env=_env(tmp_path, **extra), capture_output=True, text=True, timeout=600, check=False)


def test_first_run_prints_stage_lines_and_summary_and_logs_every_event(tmp_path):
    copy_articles(tmp_path / "inbox")
    completed = _cli(tmp_path)
    assert completed.returncode == 0, completed.stderr[-3000:]
    out = completed.stdout
    console = out + completed.stderr
    assert "DEBUG" not in console and "STEP_START" not in console, "Dagster's event log reached the console"
    assert len(console.splitlines()) < 50
    for stage in STAGE_LINES:
        assert re.search(rf"^  {stage} +\S", out, re.MULTILINE), f"no {stage} line:\n{out}"
    assert re.search(r"^  read +5 files: 5 new", out, re.MULTILINE)
    assert re.search(r"^  parsed +5 of 5 documents, [\d.]+ documents/s", out, re.MULTILINE)
    published = tmp_path / "published"
    for named in (published / "warehouse.duckdb", published / "report.html", published / "dashboard"):
        assert str(named) in out
    log = Path(re.search(r"^Log of this run \(every Dagster event\): (.+)$", out, re.MULTILINE).group(1))
    assert log.parent == tmp_path / "logs" and log.exists()
    events = log.read_text(encoding="utf-8")
    assert "RUN_SUCCESS" in events and events.count("STEP_START") >= 6 and " - DEBUG - " in events

    # The next run, with nothing changed, starts no Dagster run at all (pipeline.up_to_date) ...
    skipped = _cli(tmp_path)
    assert skipped.returncode == 0, skipped.stderr[-3000:]
    assert skipped.stdout.startswith("Nothing changed since run "), skipped.stdout
    assert "STEP_START" not in skipped.stdout and str(published / "warehouse.duckdb") in skipped.stdout
    assert len(list((tmp_path / "logs").iterdir())) == 1

    # ... and a forced one says stage by stage that there was nothing to do, and nothing else reaches
    # the console (the models step skips its unchanged build, checks included, without Dagster's warning).
    noop = _cli(tmp_path, "--force")
    assert noop.returncode == 0, noop.stderr[-3000:]
    assert re.search(r"^  models +unchanged", noop.stdout, re.MULTILINE), noop.stdout
    assert noop.stderr.strip() == "" and "emitted no result" not in noop.stdout, noop.stderr

    # PIPELINE_LOG_LEVEL (or -v) brings Dagster's console log back.
    verbose = _cli(tmp_path, "--force", PIPELINE_LOG_LEVEL="DEBUG")
    assert verbose.returncode == 0
    assert "STEP_START" in verbose.stdout + verbose.stderr
    again = _cli(tmp_path, "-v", "--force")
    assert "RUN_SUCCESS" in again.stdout + again.stderr


def test_a_reader_that_stops_early_ends_the_output_not_the_run(tmp_path):
    # `make run | head -1`: the reader closes the pipe after the first line.
    copy_articles(tmp_path / "inbox")
    with (tmp_path / "stderr.txt").open("w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run"], cwd=REPO_ROOT, env=_env(tmp_path),
                                   stdout=subprocess.PIPE, stderr=stderr, text=True)
        first_line = process.stdout.readline()
        process.stdout.close()
        returncode = process.wait(timeout=600)
    errors = (tmp_path / "stderr.txt").read_text()
    assert first_line.startswith("Pipeline: ")
    assert returncode == 128 + 13, errors[-3000:]  # as a command stopped by SIGPIPE
    assert "Traceback" not in errors and "Logging error" not in errors, errors[-3000:]
    # The run itself went on to the end and was recorded: the user's next command has nothing to do.
    again = _cli(tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.startswith("Nothing changed since run "), again.stdout


def _record(message: str | None = None, event_type: str | None = None, step: str = "nlp_extractions"):
    record = logging.LogRecord("dagster", logging.INFO, __file__, 0, message or "", None, None)
    event = SimpleNamespace(event_type_value=event_type) if event_type else None
    record.dagster_meta = {"step_key": step, "dagster_event": event, "orig_message": message or ""}
    return record


def test_parse_line_shows_count_total_rate_and_time_left_in_place():
    stream = StringIO()
    printer = ProgressPrinter(stream, interactive=True)
    printer.handle(_record(event_type="STEP_START"))
    printer.handle(_record("10 documents to parse with extractor version x"))
    printer.states["nlp_extractions"].started -= 4.0   # four seconds in
    printer.handle(_record("NLP progress: 2/10 documents, 300 tokens/s"))
    shown = stream.getvalue()
    assert "\r" in shown and not shown.endswith("\n"), "a running stage updates its line in place"
    assert re.search(r"parsed +2 of 10 documents, 0\.5 documents/s, 16\.0 s left", shown), shown
    quiet = StringIO()
    piped = ProgressPrinter(quiet, interactive=False)
    piped.handle(_record(event_type="STEP_START"))
    piped.handle(_record("NLP progress: 2/10 documents, 300 tokens/s"))
    assert quiet.getvalue() == "", "without a terminal only finished stages are printed"
