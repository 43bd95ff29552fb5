"""Run the whole graph from Python (the one-command run, the evaluation, the tests)."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipeline import run_recovery
from pipeline.settings import apply_defaults, derive_published_dir, executor_name

OVERRIDES = {
    "inbox_dir": "PIPELINE_INBOX_DIR",
    "warehouse_path": "PIPELINE_WAREHOUSE_PATH",
    "published_dir": "PIPELINE_PUBLISHED_DIR",
    "model_name": "PIPELINE_SPACY_MODEL",
}


def instance_for_runs() -> dg.DagsterInstance:
    # With DAGSTER_HOME set the run is recorded where `make ui` shows it; otherwise it is ephemeral.
    return dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()


def run_pipeline(
    inbox_dir: str | Path | None = None,
    warehouse_path: str | Path | None = None,
    published_dir: str | Path | None = None,
    model_name: str | None = None,
    instance: dg.DagsterInstance | None = None,
    raise_on_error: bool = True,
    run_id: str | None = None,
    loggers: dict[str, dg.LoggerDefinition] | None = None,
    console_log_level: str | None = None,
) -> dg.ExecuteInProcessResult:
    """Materialize every asset and run every check; arguments override the environment variables.

    The run is tagged with this process, so that a later run can tell whether it is still alive
    (`pipeline.run_recovery`). `loggers` replace Dagster's console logger (see `with_loggers`);
    `console_log_level` keeps it too.
    """
    given = {"inbox_dir": inbox_dir, "warehouse_path": warehouse_path, "published_dir": published_dir,
             "model_name": model_name}
    for argument, variable in OVERRIDES.items():
        if given[argument] is not None:
            os.environ[variable] = str(given[argument])
    if warehouse_path is not None and published_dir is None:
        derive_published_dir(warehouse_path)
    apply_defaults()
    from pipeline.definitions import defs

    instance = instance or instance_for_runs()
    if executor_name() != "in_process":
        return execute_distributed(instance, raise_on_error, run_id, console_log_level)
    job, run_config = with_loggers(defs.resolve_job_def("pipeline_job"), loggers, console_log_level)
    return job.execute_in_process(run_config=run_config, instance=instance, raise_on_error=raise_on_error,
                                  run_id=run_id, tags=run_recovery.process_tags())


def resolved_pipeline_job() -> dg.JobDefinition:
    """`pipeline_job` with its resources: what every step process (a Dask worker too) rebuilds."""
    from pipeline.definitions import defs

    return defs.resolve_job_def("pipeline_job")


def execute_distributed(instance: dg.DagsterInstance, raise_on_error: bool, run_id: str | None,
                        console_log_level: str | None):
    """Run `pipeline_job` with a multi-process executor (multiprocess, dask): each step in its own
    process, rebuilt from `resolved_pipeline_job`. Such executors need a persistent instance: without
    DAGSTER_HOME the run is recorded in a temporary one. Dagster's console logger prints the events
    (at `console_log_level`, INFO by default): the progress lines and the log file of an in-process
    run need every event in this process."""
    import tempfile

    from dagster._core.execution.api import _job_with_repository_load_data, execute_run

    if not instance.is_persistent:
        instance = dg.DagsterInstance.local_temp(tempfile.mkdtemp(prefix="pipeline-dagster-"),
                                                 overrides={"telemetry": {"enabled": False}})
    recon_job, repository_load_data = _job_with_repository_load_data(dg.reconstructable(resolved_pipeline_job))
    run_config = {"loggers": {"console": {"config": {"log_level": (console_log_level or "INFO").upper()}}}}
    run = instance.create_run_for_job(
        job_def=recon_job.get_definition(), run_id=run_id, run_config=run_config,
        tags=run_recovery.process_tags(), job_code_origin=recon_job.get_python_origin(),
        repository_load_data=repository_load_data,
    )
    return execute_run(recon_job, run, instance, raise_on_error=raise_on_error)


def with_loggers(
    job: dg.JobDefinition, loggers: dict[str, dg.LoggerDefinition] | None, console_log_level: str | None
) -> tuple[dg.JobDefinition, dict | None]:
    """The job with `loggers` in place of the console logger (kept at `console_log_level` if given)."""
    if not loggers:
        return job, None
    definitions = dict(loggers)
    config: dict[str, dict] = {name: {} for name in definitions}
    if console_log_level:
        definitions["console"] = dg.colored_console_logger
        config["console"] = {"config": {"log_level": console_log_level.upper()}}
    return job.with_logger_defs(definitions), {"loggers": config}
