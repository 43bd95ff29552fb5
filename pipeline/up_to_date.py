"""Whether a run would change anything: the command line's check before it starts Dagster.

Starting Dagster, loading the definitions and recording a run take several seconds before the first
file is read; on an inbox that has not changed since the last successful run every step of that run
finds nothing to do. So the command line records, after each successful run, what that run read and
what it left behind, and the next run starts Dagster only when one of them differs:

- the inbox: every file's path, size and modification time (a touched file counts as changed; the
  ingest step then decides by content whether anything is new);
- the code and reference data the run reads (`pipeline/`, `assets/`, `sql/`, `seeds/reference/`,
  the lock file): every file's path, size and modification time;
- the installed model and the packages whose output the tables hold;
- every `PIPELINE_*` setting but those of the console and of waiting, and `DAGSTER_HOME`;
- the warehouse, its write-ahead log and the published folder, as the run left them: a warehouse that
  something else wrote, a deleted report or Parquet file, or a run of the Dagster UI or the inbox
  sensor in between makes the next run a real one.

A run that another run holds the warehouse for is never skipped (it waits, as before). The inbox
sensor applies the same idea inside Dagster (`pipeline.sensors`); `run --force` always runs.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

from pipeline.inbox import scan_inbox
from pipeline.settings import DEFAULTS, REPO_ROOT, setting

CODE_INPUTS = ("pipeline", "assets", "sql", "seeds/reference", "uv.lock", "pyproject.toml")
# Packages whose code decides what the tables hold (the model's version is read from its meta.json).
OUTPUT_PACKAGES = ("dagster", "duckdb", "polars", "spacy", "thinc", "py3langid", "charset-normalizer", "datasketch",
                   "pycountry", "beautifulsoup4")
# The dashboard is built by its own command, not by a run.
PUBLISHED_IGNORED = ("dashboard",)
RECORD_VERSION = 1


def _file_stats(paths, root: Path) -> list[str]:
    """One line per file: path relative to `root`, size, modification time in nanoseconds."""
    lines = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        lines.append(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return lines


def _tree_files(folder: Path, ignored: tuple[str, ...] = ()) -> list[Path]:
    if folder.is_file():
        return [folder]
    files = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if f != "__pycache__" and f not in ignored)
        files += [Path(root) / name for name in sorted(names) if not name.endswith(".pyc")]
    return files


def _digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8", errors="surrogateescape")).hexdigest()[:20]


def inbox_state(inbox: Path) -> dict[str, object]:
    files = scan_inbox(inbox)
    lines = [f"{file.source_path}\0{file.size_bytes}\0{file.modified_at.isoformat()}" for file in files]
    return {"inbox": _digest(lines), "inbox_files": len(files)}


def code_state(repo_root: Path = REPO_ROOT) -> str:
    lines = []
    for name in CODE_INPUTS:
        lines += _file_stats(_tree_files(repo_root / name), repo_root)
    return _digest(lines)


def packages_state(model_name: str) -> str:
    from importlib import metadata

    from pipeline.nlp.version import model_version

    versions = [model_version(model_name)]
    for package in OUTPUT_PACKAGES:
        try:
            versions.append(f"{package}=={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} missing")
    return _digest(versions)


# Settings that change what the console shows or how long a run waits, not what it writes.
CONSOLE_SETTINGS = ("PIPELINE_LOG_LEVEL", "PIPELINE_WAIT_SECONDS", "PIPELINE_SENSOR_MAX_RETRIES")


def settings_state() -> str:
    names = sorted({*DEFAULTS, "DAGSTER_HOME", *(n for n in os.environ if n.startswith("PIPELINE_"))}
                   - set(CONSOLE_SETTINGS))
    return _digest([f"{name}={os.environ.get(name, '')}" for name in names])


def inputs_state(inbox: Path) -> dict[str, object]:
    """What a run reads: taken before the run, so that a file changed while it ran makes the next
    run a real one."""
    return {
        **inbox_state(inbox),
        "code": code_state(),
        "packages": packages_state(setting("PIPELINE_SPACY_MODEL")),
        "settings": settings_state(),
    }


def outputs_state(warehouse: Path, published: Path) -> str:
    """What a run leaves behind: the warehouse, its write-ahead log, the published folder."""
    # _file_stats skips a file that is not there (no write-ahead log after a clean close).
    lines = [f"warehouse {line}" for line in _file_stats(
        (warehouse, warehouse.with_name(warehouse.name + ".wal")), warehouse.parent)]
    if not published.is_dir():
        return _digest([*lines, "no published folder"])
    return _digest([*lines, *_file_stats(_tree_files(published, PUBLISHED_IGNORED), published)])


def record_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".last-run.json")


def record_run(warehouse: Path, published: Path, inputs: dict[str, object], run_id: str) -> None:
    """After a successful run: what it read (taken before it started) and what it left."""
    record = {"version": RECORD_VERSION, "run_id": run_id, "finished_at": datetime.now().isoformat(timespec="seconds"),
              "inputs": inputs, "outputs": outputs_state(warehouse, published)}
    path = record_path(warehouse)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    partial.replace(path)


def forget_run(warehouse: Path) -> None:
    """Before a run: until it succeeds, nothing vouches for the warehouse."""
    record_path(warehouse).unlink(missing_ok=True)


def last_run(warehouse: Path) -> dict | None:
    """The record of the last successful run, if there is one this code can read."""
    try:
        record = json.loads(record_path(warehouse).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("version") == RECORD_VERSION else None


def inbox_changed_since_last_run(warehouse: Path, inputs: dict[str, object]) -> bool:
    """Whether a file of the inbox was added, changed or touched since the last successful run (or
    there is no such run): the run will then most likely parse."""
    record = last_run(warehouse)
    return record is None or (record.get("inputs") or {}).get("inbox") != inputs["inbox"]


def unchanged_since_last_run(warehouse: Path, published: Path, inputs: dict[str, object]) -> dict | None:
    """The record of the last successful run when nothing it read or wrote has changed since; else None."""
    record = last_run(warehouse)
    if record is None or record.get("inputs") != inputs:
        return None
    if record.get("outputs") != outputs_state(warehouse, published):
        return None
    return record
