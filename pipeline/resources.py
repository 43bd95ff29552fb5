"""Dagster resources: the DuckDB warehouse, the inbox folder and the spaCy pipeline."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipeline import early_parser, run_lock, run_recovery
from pipeline.early_parser import ParserSettings
from pipeline.nlp.parser_process import ParserProcess, load_pipeline
from pipeline.settings import executor_name, resolve_path
from pipeline.warehouse import ensure_schema


class WarehouseResource(DuckDBResource):
    """The live DuckDB file. Only the pipeline writes it; readers use the published copy.

    DuckDB admits one writing process per file. A run holds an exclusive lock on `<file>.lock` from
    its first step to its last, so a second run (a schedule firing while a manual run is going, or
    `make run` beside the UI) waits for the first instead of failing with "Could not set lock", for
    at most `wait_seconds`. Before it takes the lock, a run marks runs whose process died as failed
    and frees their pool slots (`pipeline.run_recovery`): a killed run never blocks the next one.
    """

    published_dir: str = "data/published"
    wait_seconds: int = 3600
    _run_lock: IO | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        log = context.log.info if context.log else (lambda message: None)
        instance, run = context.instance, context.run
        run_id = run.run_id if run is not None else None
        if instance is not None and run is not None:
            # Always this process: a re-executed run inherits the tags of the run it repeats. Under a
            # multi-process executor a step's process is not the run's (the launching process tagged it).
            if executor_name() == "in_process":
                run_recovery.register_run_process(instance, run.run_id)
            for line in run_recovery.describe(run_recovery.recover_dead_runs(instance, exclude_run_id=run_id)):
                if context.log:
                    context.log.warning(line)
        self._run_lock = run_lock.acquire(self.path, run_id, self.wait_seconds, log)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._run_lock is not None:
            handle, self._run_lock = self._run_lock, None
            run_lock.release(handle)

    @property
    def path(self) -> Path:
        return resolve_path(self.database)

    @property
    def published_path(self) -> Path:
        return resolve_path(self.published_dir)

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = duckdb.connect(str(self.path), config={"custom_user_agent": "relations-pipeline"})
        try:
            ensure_schema(conn)
            yield conn
        finally:
            conn.close()


class InboxResource(dg.ConfigurableResource):
    """The folder where raw articles land."""

    path: str
    max_file_bytes: int = 5 * 1024 * 1024
    max_text_chars: int = 200_000

    @property
    def directory(self) -> Path:
        return resolve_path(self.path)


class NlpResource(dg.ConfigurableResource):
    """The spaCy pipeline: built once per process, and used by the NLP stage in a parser process.

    `warm_up` starts the parser process before the NLP stage needs it, so the model loads on another
    core while the inbox is read and cleaned; it adopts the one the command line started before the
    run (`pipeline.early_parser`) if that has the resource's settings.
    """

    model_name: str
    batch_size: int = 64
    n_process: int = 1
    chunk_size: int = 500  # documents read and committed together
    _parser: ParserProcess | None = PrivateAttr(default=None)
    _parser_started: str = PrivateAttr(default="")

    def load(self):
        """The pipeline in this process (evaluation, benchmarks); runs parse in `parser()`."""
        return load_pipeline(self.model_name)

    def extractor_version(self) -> str:
        from pipeline.nlp.version import extractor_version

        return extractor_version(self.model_name)

    def warm_up(self, step: str) -> None:
        """Start the parser process now, from `step` (recorded as `parser_started`); it builds the
        pipeline and waits for its job."""
        if self._parser is None:
            settings = ParserSettings(self.model_name, self.batch_size, self.n_process, self.chunk_size)
            early = early_parser.adopt(settings)
            self._parser, self._parser_started = (early, "before the run") if early else (settings.start(), step)

    def parser(self) -> ParserProcess:
        """The parser process of this run (the warm one if `warm_up` started it)."""
        self.warm_up("the NLP step")
        return self._parser

    @property
    def parser_started(self) -> str:
        """Where this run's parser was started: before the run, in the ingest step or in the NLP step."""
        return self._parser_started

    def close_parser(self) -> None:
        if self._parser is not None:
            parser, self._parser = self._parser, None
            parser.close()

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        self.close_parser()
