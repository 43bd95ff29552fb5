"""A sensor that requests a run when files in the inbox are added, changed or removed.

The cursor is the newest modification time seen plus a fingerprint of the listing (paths and sizes),
not the wall clock: a removed file changes the fingerprint without changing the newest time. The run
itself decides file by file from the ingest manifest, so a crashed run skips nothing and counts
nothing twice; the next request (or the daily schedule) picks the work up.
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


@dg.sensor(
    name="inbox_sensor",
    job=pipeline_job,
    minimum_interval_seconds=30,
    description="Requests a pipeline run when the inbox gains, changes or loses a file.",
    default_status=dg.DefaultSensorStatus.STOPPED,
)
def inbox_sensor(context: dg.SensorEvaluationContext):
    state = listing_state(resolve_path(setting("PIPELINE_INBOX_DIR")))
    previous = json.loads(context.cursor) if context.cursor else {}
    if previous.get("newest_mtime") == state["newest_mtime"] and previous.get("listing") == state["listing"]:
        return dg.SkipReason(f"inbox unchanged ({state['files']} files)")
    context.update_cursor(json.dumps(state, sort_keys=True))
    return dg.RunRequest(
        run_key=f"inbox-{state['listing']}-{state['newest_mtime']}",
        tags={"trigger": "inbox_sensor"},
    )
