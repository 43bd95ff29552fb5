"""What `make run` shows: one progress line per stage, the full Dagster event log in a file.

Two Dagster loggers replace the default console logger of the run:

- `run_log` writes every event (DEBUG and up, as the console logger would print it) to a file;
- `progress` reads the same events and prints one line per stage: documents read, cleaned, parsed
  (of the total, with the rate and the time left while it runs), SQL models built, published.

PIPELINE_LOG_LEVEL (DEBUG, INFO, WARNING, ...) or `-v` puts Dagster's own console logger back, at that
level (DEBUG for `-v`), in place of the progress lines.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

import dagster as dg

LINE_FORMAT = "%(asctime)s - %(levelname)s - %(message)s"

# Stages in the order they run, keyed by the step that does the work.
STAGES: dict[str, str] = {
    "raw_documents": "read",
    "core__documents": "cleaned",
    "nlp_extractions": "parsed",
    "sql_models": "models",
    "published__warehouse": "published",
    "published__report": "report",
}
TO_PARSE = re.compile(r"^(\d+) documents to parse")
PARSED = re.compile(r"^NLP progress: (\d+)/(\d+) documents")


def log_path_for(warehouse: Path, started: datetime | None = None) -> Path:
    """`<warehouse folder>/logs/<warehouse name>-<YYYYmmdd-HHMMSS>.log`."""
    stamp = (started or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return warehouse.parent / "logs" / f"{warehouse.stem}-{stamp}.log"


def _metadata(event: Any) -> dict[str, Any]:
    data = event.step_materialization_data.materialization
    return {key: getattr(value, "value", value) for key, value in data.metadata.items()}


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if value < 90 else f"{value / 60:.1f} min"


@dataclass
class StageState:
    started: float | None = None
    seconds: float | None = None
    materialized: dict[str, dict[str, Any]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    checks_passed: int = 0
    checks_failed: list[str] = field(default_factory=list)
    skipped: bool = False
    failed: str | None = None
    total: int | None = None
    done: int = 0


class ProgressPrinter:
    """Turns the run's Dagster events into one line per stage (updated in place on a terminal)."""

    def __init__(self, stream: TextIO | None = None, interactive: bool | None = None) -> None:
        self.stream = stream or sys.stdout
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.states: dict[str, StageState] = {}
        self.open_line = False

    # -- event intake -------------------------------------------------------------------------

    def handle(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        step = meta.get("step_key")
        event = meta.get("dagster_event")
        if event is None and (meta.get("resource_name") or record.levelno >= logging.WARNING):
            # What resources say (another run holds the warehouse, a dead run was marked failed) and
            # every warning reach the console too.
            self.note(str(meta.get("orig_message") or record.getMessage()))
        if step not in STAGES:
            return
        state = self.states.setdefault(step, StageState())
        if event is None:
            self._message(step, state, str(meta.get("orig_message", "")))
            return
        kind = event.event_type_value
        if kind == "STEP_START":
            state.started = time.perf_counter()
            if step == "nlp_extractions":
                self._show(step, final=False)
        elif kind == "ASSET_MATERIALIZATION":
            state.materialized["/".join(event.asset_key.path)] = _metadata(event)
        elif kind == "ASSET_CHECK_EVALUATION":
            evaluation = event.asset_check_evaluation_data
            if evaluation.passed:
                state.checks_passed += 1
            else:
                state.checks_failed.append(f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}")
        elif kind == "STEP_SKIPPED":
            state.skipped = True
            self._show(step, final=True)
        elif kind == "STEP_FAILURE":
            error = event.step_failure_data.error
            state.failed = (error.message.strip().splitlines() or ["failed"])[-1] if error else "failed"
            self._finish(step, state)
        elif kind == "STEP_SUCCESS":
            self._finish(step, state)

    def _message(self, step: str, state: StageState, message: str) -> None:
        state.messages.append(message)
        if step != "nlp_extractions":
            return
        if match := TO_PARSE.match(message):
            state.total = int(match.group(1))
        elif match := PARSED.match(message):
            state.done, state.total = int(match.group(1)), int(match.group(2))
            self._show(step, final=False)

    def _finish(self, step: str, state: StageState) -> None:
        if state.started is not None:
            state.seconds = time.perf_counter() - state.started
        self._show(step, final=True)

    # -- lines --------------------------------------------------------------------------------

    def note(self, message: str) -> None:
        prefix = "\r\033[K" if self.open_line else ""
        self.stream.write(f"{prefix}  note: {message}\n")
        self.open_line = False
        self.stream.flush()

    def _show(self, step: str, final: bool) -> None:
        text = self.line(step)
        if text is None:
            return
        if not final and not self.interactive:
            return
        if self.interactive:
            self.stream.write("\r\033[K" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.open_line = self.interactive and not final
        self.stream.flush()

    def line(self, step: str) -> str | None:
        state = self.states.get(step) or StageState()
        stage = STAGES[step]
        took = f"  ({_seconds(state.seconds)})" if state.seconds is not None else ""
        if state.failed:
            return f"  {stage:<10} FAILED: {state.failed}"
        if stage == "read":
            facts = state.materialized.get("raw/documents", {})
            if not facts:
                return None
            return (f"  {stage:<10} {facts.get('files_listed', 0)} files: {facts.get('new', 0)} new, "
                    f"{facts.get('changed', 0)} changed, {facts.get('unchanged', 0)} unchanged, "
                    f"{facts.get('removed', 0)} removed, {facts.get('rejected', 0)} rejected{took}")
        if stage == "cleaned":
            facts = state.materialized.get("core/documents", {})
            if not facts:
                return None
            return (f"  {stage:<10} {facts.get('cleaned_this_run', 0)} documents this run; "
                    f"{facts.get('ok', 0)} usable, {facts.get('duplicate', 0)} duplicates, "
                    f"{facts.get('stories', 0)} stories{took}")
        if stage == "parsed":
            return self._parse_line(state, took)
        if stage == "models":
            if state.skipped:
                return f"  {stage:<10} skipped"
            built = len(state.materialized)
            if built == 0 and state.seconds is not None:
                return f"  {stage:<10} unchanged: inputs and SQL as at the last published build{took}"
            checks = f", {state.checks_passed} checks passed"
            if state.checks_failed:
                checks += f", {len(state.checks_failed)} FAILED ({', '.join(state.checks_failed[:5])})"
            return f"  {stage:<10} {built} SQL models built{checks}{took}" if state.seconds is not None else None
        if stage == "published":
            if state.skipped:
                return f"  {stage:<10} unchanged (nothing new to publish)"
            facts = state.materialized.get("published/warehouse", {})
            if not facts:
                return None
            return (f"  {stage:<10} {facts.get('tables', 0)} tables and their Parquet files, DuckDB storage "
                    f"{facts.get('storage_version', '?')}{took}")
        if stage == "report":
            if state.skipped:
                return None
            facts = state.materialized.get("published/report", {})
            if not facts:
                return None
            return f"  {stage:<10} pair {facts.get('pair') or '(none)'}{took}"
        return None

    def _parse_line(self, state: StageState, took: str) -> str:
        stage = "parsed"
        total = state.total
        if state.seconds is not None:
            facts = next(iter(state.materialized.values()), {})
            parsed = int(facts.get("documents_parsed", state.done) or 0)
            if parsed == 0:
                return f"  {stage:<10} nothing new to parse{took}"
            seconds = float(facts.get("nlp_seconds") or state.seconds or 0.0)
            rate = parsed / seconds if seconds else 0.0
            return f"  {stage:<10} {parsed} of {parsed} documents, {rate:.1f} documents/s{took}"
        if total is None:
            return f"  {stage:<10} loading the language model ..."
        elapsed = time.perf_counter() - (state.started or time.perf_counter())
        rate = state.done / elapsed if elapsed > 0 and state.done else 0.0
        left = f", {_seconds((total - state.done) / rate)} left" if rate else ""
        return f"  {stage:<10} {state.done} of {total} documents, {rate:.1f} documents/s{left}"


class _ProgressHandler(logging.Handler):
    def __init__(self, printer: ProgressPrinter) -> None:
        super().__init__(logging.DEBUG)
        self.printer = printer
        self.reader_gone = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.reader_gone:
            return
        try:
            self.printer.handle(record)
        except BrokenPipeError:  # the console's reader went away (`make run | head`): the run goes on
            self.reader_gone = True
        except Exception:  # a display problem must never fail the run
            self.handleError(record)


def run_loggers(log_path: Path, printer: ProgressPrinter | None) -> dict[str, dg.LoggerDefinition]:
    """The `run_log` file logger and, unless None, the `progress` logger of one run."""
    log_path.parent.mkdir(parents=True, exist_ok=True)

    def file_logger(_init_context) -> logging.Logger:
        logger = logging.Logger("dagster.run_log", logging.DEBUG)
        handler = logging.FileHandler(log_path, encoding="utf-8")
        handler.setFormatter(logging.Formatter(LINE_FORMAT))
        logger.addHandler(handler)
        return logger

    loggers = {"run_log": dg.LoggerDefinition(file_logger, description=f"every event of the run to {log_path}")}
    if printer is not None:
        def progress_logger(_init_context) -> logging.Logger:
            logger = logging.Logger("dagster.progress", logging.DEBUG)
            logger.addHandler(_ProgressHandler(printer))
            return logger

        loggers["progress"] = dg.LoggerDefinition(progress_logger, description="one line per stage")
    return loggers
