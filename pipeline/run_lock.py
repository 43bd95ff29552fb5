"""The run lock: one run at a time writes a warehouse, a later one waits for it, within a limit.

DuckDB admits one writing process per file. A run holds an exclusive `flock` on `<warehouse>.lock`
from its first step to its last and writes who it is into the file, so a run that has to wait can
say which run it waits for. The kernel releases the lock when the holder's process ends, however it
ends, so a killed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from datetime import datetime
from pathlib import Path
from typing import IO, Callable

# How often a waiting run tries the lock again, and how often it repeats whom it waits for.
POLL_SECONDS = 1.0
REPEAT_SECONDS = 60.0


class WarehouseBusy(RuntimeError):
    """Another run held the warehouse for longer than this run was willing to wait."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def read_holder(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def describe_holder(holder: dict) -> str:
    if not holder.get("pid"):
        return "another process"
    run = f"run {holder['run_id']}" if holder.get("run_id") else "a run"
    return f"{run} (pid {holder['pid']} on {holder.get('host', '?')}, since {holder.get('since', '?')})"


def acquire(warehouse: Path, run_id: str | None, wait_seconds: float, log: Callable[[str], None]) -> IO:
    """Take the run lock of `warehouse`, waiting at most `wait_seconds` for the run that holds it."""
    path = lock_path(warehouse)
    handle = open(path, "a+", encoding="utf-8")
    deadline = time.monotonic() + wait_seconds
    announced_at: float | None = None
    announced_holder: dict | None = None
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = read_holder(path)
            now = time.monotonic()
            if now >= deadline:
                handle.close()
                raise WarehouseBusy(
                    f"gave up after waiting {wait_seconds:g} s for {warehouse}: {describe_holder(holder)} "
                    "still holds it (PIPELINE_WAIT_SECONDS sets how long a run waits)"
                ) from None
            if holder != announced_holder or announced_at is None or now - announced_at >= REPEAT_SECONDS:
                if run_id is not None and holder.get("run_id") == run_id:
                    # A multi-process executor: another step of this run (its own process) writes.
                    log(f"another step of this run is writing {warehouse} (pid {holder.get('pid')}); waiting for it")
                else:
                    log(f"another run is writing {warehouse}; waiting for it to finish: {describe_holder(holder)} "
                        f"holds it; giving up in {deadline - now:.0f} s")
                announced_holder, announced_at = holder, now
            time.sleep(min(POLL_SECONDS, max(deadline - now, 0.0)))
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps({"run_id": run_id, "pid": os.getpid(), "host": socket.gethostname(),
                             "since": datetime.now().isoformat(timespec="seconds")}))
    handle.flush()
    return handle


def release(handle: IO) -> None:
    handle.seek(0)
    handle.truncate()
    handle.flush()
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()


def is_held(warehouse: Path) -> bool:
    """Whether a run holds the warehouse now (a moment's probe; nothing is waited for)."""
    path = lock_path(warehouse)
    if not path.exists():
        return False
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False
