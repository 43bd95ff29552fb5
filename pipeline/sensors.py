"""A sensor that requests a run when files in the inbox are added, changed or removed.

The cursor is the newest modification time seen plus a fingerprint of the listing (paths and sizes),
not the wall clock: a removed file changes the fingerprint without changing the newest time. The run
itself decides file by file from the ingest manifest, which it commits in one transaction, so a
crashed run counts nothing twice. So that a crash skips nothing either, the sensor requests the work
again when the latest run of the job failed (run monitoring marks a killed run as failed).
"""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from pipeline.inbox import newest_modification, scan_inbox
from pipeline.jobs import pipeline_job
from pipeline.settings import resolve_path, setting


def listing_state(directory) -> dict[str, object]:
    files = scan_inbox(directory)
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"{file.source_path}\0{file.size_bytes}\0".encode())
    return {"newest_mtime": newest_modification(files), "listing": digest.hexdigest()[:16], "files": len(files)}


def latest_failed_run_id(instance: dg.DagsterInstance) -> str | None:
    runs = instance.get_runs(filters=dg.RunsFilter(job_name=pipeline_job.name), limit=1)
    if runs and runs[0].status in (dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED):
        return runs[0].run_id
    return None


@dg.sensor(
    name="inbox_sensor",
    job=pipeline_job,
    minimum_interval_seconds=30,
    description="Requests a pipeline run when the inbox gains, changes or loses a file, and again "
    "after a failed run.",
    default_status=dg.DefaultSensorStatus.STOPPED,
)
def inbox_sensor(context: dg.SensorEvaluationContext):
    state = listing_state(resolve_path(setting("PIPELINE_INBOX_DIR")))
    previous = json.loads(context.cursor) if context.cursor else {}
    failed_run = latest_failed_run_id(context.instance)
    changed = previous.get("newest_mtime") != state["newest_mtime"] or previous.get("listing") != state["listing"]
    retry = failed_run is not None and failed_run != previous.get("retried_run")
    if not changed and not retry:
        return dg.SkipReason(f"inbox unchanged ({state['files']} files)")
    context.update_cursor(json.dumps({**state, "retried_run": failed_run}, sort_keys=True))
    run_key = f"inbox-{state['listing']}-{state['newest_mtime']}" + (f"-after-{failed_run}" if retry else "")
    return dg.RunRequest(run_key=run_key, tags={"trigger": "inbox_sensor"})
