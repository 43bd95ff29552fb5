"""Ctrl-C, SIGTERM and a closed terminal end a command-line run as CANCELED, not as a crash.

Dagster records a run as canceled only when the run was asked to stop (status CANCELING) before the
interrupt reaches it; an interrupt it did not expect is recorded as a failure. The UI does it in that
order; this module does the same for `make run`: the run executes in a worker thread, the main
thread takes the signal, marks the run CANCELING and only then interrupts the worker. The worker
unwinds as from Ctrl-C: resources are torn down (the run lock, the parser process and its spaCy
workers), the pool slots are freed, the chunk in flight is rolled back.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

import dagster as dg

HANDLED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@dataclass
class Outcome:
    result: Any = None
    error: BaseException | None = None
    signals: list[int] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        # The shell's convention for a process ended by a signal.
        return 128 + self.signals[0] if self.signals else 0


def interrupt_thread(thread: threading.Thread) -> None:
    """Raise KeyboardInterrupt in `thread` at its next Python instruction."""
    if thread.ident is not None and thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(KeyboardInterrupt))


def request_cancel(instance: dg.DagsterInstance, run_id: str, signum: int) -> None:
    run = instance.get_run_by_id(run_id)
    if run is not None and not run.is_finished and run.status != dg.DagsterRunStatus.CANCELING:
        instance.report_run_canceling(run, message=f"{signal.Signals(signum).name} received: canceling the run")


def run_cancellable(start: Callable[[], Any], instance: dg.DagsterInstance, run_id: str) -> Outcome:
    """Run `start()` (which executes the run `run_id`) so that a signal cancels the run cleanly."""
    outcome = Outcome()

    def work() -> None:
        try:
            outcome.result = start()
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            outcome.error = error

    worker = threading.Thread(target=work, name="pipeline-run")

    def on_signal(signum: int, _frame) -> None:
        first = not outcome.signals
        outcome.signals.append(signum)
        if first:
            request_cancel(instance, run_id, signum)
            interrupt_thread(worker)

    previous = {signum: signal.signal(signum, on_signal) for signum in HANDLED_SIGNALS}
    try:
        worker.start()
        while worker.is_alive():
            worker.join(0.5)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return outcome
