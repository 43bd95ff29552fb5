"""Garbage-collector settings for the processes that run the pipeline.

A run holds a few million long-lived objects: imported modules, Dagster's definitions and event
machinery, the spaCy model. With CPython's default thresholds the cyclic collector walks all of them
on every full collection during the run, and once more when the interpreter exits. On a re-run after
a handful of new articles that was about 1.3 s of 7 s (BENCHMARKS.md).

Objects alive once start-up is done are frozen: they live until the process ends anyway, so the
collector stops visiting them. Reference counting still frees everything else as soon as it is
dropped; only cyclic garbage waits a little longer for the (rarer) collections.
"""

from __future__ import annotations

import gc

# Collect the youngest generation every 50,000 net allocations instead of 700: a run allocates
# millions of short-lived objects that reference counting frees on its own.
THRESHOLDS = (50_000, 20, 20)


def settle() -> None:
    """Exempt every object alive now from future collections (modules, definitions, models)."""
    gc.freeze()


def configure_for_runs() -> None:
    """Fewer collections, and none over what start-up has built."""
    gc.set_threshold(*THRESHOLDS)
    settle()
