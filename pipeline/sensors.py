"""A sensor that requests a run when files in the inbox are added, changed or removed.

The cursor is the newest modification time seen plus a fingerprint of the listing (paths and sizes),
not the wall clock: a removed file changes the fingerprint without changing the newest time. The run
itself decides file by file from the ingest manifest, which it commits in one transaction, so a
crashed run counts nothing twice. So that a crash skips nothing either, the sensor requests the work
again when the latest run of the job failed (`run_recovery_sensor` marks a killed run as failed), at
most PIPELINE_SENSOR_MAX_RETRIES times in a row: a run that fails for good (a bad setting, a failed
integrity check) is not requested forever, only again when the inbox changes.
"""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from pipeline import run_recovery
from pipeline.inbox import newest_modification, scan_inbox
from pipeline.jobs import pipeline_job
from pipeline.settings import resolve_path, setting


def listing_state(directory) -> dict[str, object]:
    files = scan_inbox(directory)
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"{file.source_path}\0{file.size_bytes}\0".encode())
    return {"newest_mtime": newest_modification(files), "listing": digest.hexdigest()[:16], "files": len(files)}


def latest_run(instance: dg.DagsterInstance) -> dg.DagsterRun | None:
    runs = instance.get_runs(filters=dg.RunsFilter(job_name=pipeline_job.name), limit=1)
    return runs[0] if runs else None


FAILED = (dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED)


@dg.sensor(
    name="inbox_sensor",
    job=pipeline_job,
    minimum_interval_seconds=30,
    description="Requests a pipeline run when the inbox gains, changes or loses a file, and again "
    "after a failed run (at most PIPELINE_SENSOR_MAX_RETRIES times in a row).",
    default_status=dg.DefaultSensorStatus.STOPPED,
)
def inbox_sensor(context: dg.SensorEvaluationContext):
    state = listing_state(resolve_path(setting("PIPELINE_INBOX_DIR")))
    previous = json.loads(context.cursor) if context.cursor else {}
    max_retries = int(setting("PIPELINE_SENSOR_MAX_RETRIES"))
    changed = previous.get("newest_mtime") != state["newest_mtime"] or previous.get("listing") != state["listing"]
    last = latest_run(context.instance)
    failed_run = last.run_id if last is not None and last.status in FAILED else None
    retries = 0 if changed or failed_run is None else previous.get("retries", 0)
    cursor = {**state, "retried_run": previous.get("retried_run"), "retries": retries}
    if changed:
        cursor["retried_run"] = failed_run
        context.update_cursor(json.dumps(cursor, sort_keys=True))
        return dg.RunRequest(run_key=f"inbox-{state['listing']}-{state['newest_mtime']}",
                             tags={"trigger": "inbox_sensor"})
    if failed_run is None or failed_run == previous.get("retried_run"):
        context.update_cursor(json.dumps(cursor, sort_keys=True))
        return dg.SkipReason(f"inbox unchanged ({state['files']} files)")
    cursor["retried_run"] = failed_run
    if retries >= max_retries:
        context.update_cursor(json.dumps(cursor, sort_keys=True))
        return dg.SkipReason(
            f"run {failed_run} failed after {retries} retries (PIPELINE_SENSOR_MAX_RETRIES={max_retries}); "
            "waiting for a change in the inbox"
        )
    cursor["retries"] = retries + 1
    context.update_cursor(json.dumps(cursor, sort_keys=True))
    return dg.RunRequest(
        run_key=f"inbox-{state['listing']}-{state['newest_mtime']}-after-{failed_run}",
        tags={"trigger": "inbox_sensor", "retry_of": failed_run, "retry_number": str(retries + 1)},
    )


@dg.sensor(
    name="run_recovery_sensor",
    minimum_interval_seconds=30,
    description="Marks runs whose process died (killed, out of memory) as failed and frees their "
    "warehouse pool slots, so queued runs can start.",
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def run_recovery_sensor(context: dg.SensorEvaluationContext):
    recovered = run_recovery.recover_dead_runs(context.instance)
    for line in run_recovery.describe(recovered):
        context.log.warning(line)
    return dg.SkipReason("; ".join(run_recovery.describe(recovered)) or "no dead run")
