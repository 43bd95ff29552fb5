"""Runs whose process died: recognised, marked failed, and their pool slots freed.

A run that is killed (SIGKILL, out of memory, a closed terminal) cannot record its own end: it stays
STARTED in the instance and keeps its slot of the `warehouse` pool, so every later run would wait for
it forever. Dagster's run monitoring cannot tell, because the default run launcher does not report on
its workers. So each run tags itself with its process (host, pid and the process's start time, which
tells a reused pid from the original), and before a run starts, and from the daemon every half
minute (`run_recovery_sensor`), runs of this host whose process is gone are marked failed with a
reason and their slots are freed.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

import dagster as dg

HOST_TAG = "relations/host"
PID_TAG = "relations/pid"
PROCESS_START_TAG = "relations/process_start"

ACTIVE_STATUSES = (
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
    dg.DagsterRunStatus.CANCELING,
)


def process_start_time(pid: int) -> str | None:
    """The kernel's start time of a process (clock ticks since boot), or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            # The command name (field 2) may hold spaces and parentheses: split after its last ')'.
            return handle.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def process_tags(pid: int | None = None) -> dict[str, str]:
    pid = pid or os.getpid()
    return {HOST_TAG: socket.gethostname(), PID_TAG: str(pid), PROCESS_START_TAG: process_start_time(pid) or ""}


def register_run_process(instance: dg.DagsterInstance, run_id: str) -> None:
    """Tag the run with the process executing it, so a later run can tell whether it is alive."""
    instance.add_run_tags(run_id, process_tags())


def process_is_alive(tags: dict[str, str]) -> bool:
    try:
        pid = int(tags[PID_TAG])
    except (KeyError, ValueError):
        return True  # not ours to judge
    started = process_start_time(pid)
    return started is not None and started == tags.get(PROCESS_START_TAG, started)


@dataclass(frozen=True)
class RecoveredRun:
    run_id: str
    pid: str
    previous_status: str
    reason: str


def recover_dead_runs(instance: dg.DagsterInstance, exclude_run_id: str | None = None) -> list[RecoveredRun]:
    """Mark runs of this host whose process is gone as failed (or canceled, when a cancel was under way)
    and free every pool slot they, or any finished run, still hold."""
    host = socket.gethostname()
    recovered: list[RecoveredRun] = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=list(ACTIVE_STATUSES))):
        tags = dict(run.tags)
        if run.run_id == exclude_run_id or tags.get(HOST_TAG) != host or process_is_alive(tags):
            continue
        reason = (
            f"the run's process (pid {tags.get(PID_TAG)} on {host}) is gone: it was killed or crashed "
            "without recording its end"
        )
        if run.status == dg.DagsterRunStatus.CANCELING:
            instance.report_run_canceled(run, message=f"Canceled: {reason}.")
        else:
            instance.report_run_failed(run, message=f"Marked failed: {reason}.")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        recovered.append(RecoveredRun(run.run_id, tags.get(PID_TAG, "?"), run.status.value, reason))
    free_slots_of_finished_runs(instance)
    return recovered


def free_slots_of_finished_runs(instance: dg.DagsterInstance) -> None:
    """Slots still held by runs that have ended (a run killed after recording its end)."""
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return
    holders = storage.get_concurrency_run_ids()
    if not holders:
        return
    for run in instance.get_runs(filters=dg.RunsFilter(run_ids=list(holders))):
        if run.is_finished:
            storage.free_concurrency_slots_for_run(run.run_id)


def describe(recovered: list[RecoveredRun]) -> list[str]:
    return [f"run {run.run_id} ({run.previous_status}): {run.reason}; marked ended, pool slots freed"
            for run in recovered]
