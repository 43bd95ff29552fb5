"""Running the pipeline as a user does, in a subprocess, and reading what it left (for tests)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parents[1]
COMPARED = {
    "core.documents": "doc_id, source_path, content_hash, title, outlet, published_date, published_date_source, "
    "language, word_count, status, reason, story_id",
    "core.entities": "*", "core.mentions": "*", "core.person_roles": "*", "core.document_topics": "*",
    "core.interactions": "*", "core.quantities": "*", "core.milestones": "*", "raw.rejected_documents":
    "source_path, content_hash, reason, language",
    "marts.dyad_summary": "*", "marts.dyad_monthly": "*", "marts.entity_cooccurrence": "*", "marts.topic_trends": "*",
    "marts.actor_profiles": "*", "marts.economic_figures": "*", "marts.relationship_milestones": "*",
}


def copy_code(target: Path) -> Path:
    """A checkout of everything a run reads as code (pipeline.up_to_date.CODE_INPUTS), without bytecode."""
    from pipeline.up_to_date import CODE_INPUTS

    for name in CODE_INPUTS:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def public_state(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return {t: conn.execute(f"select {cols} from {t} order by all").fetchall() for t, cols in COMPARED.items()}


def pipeline_env(inbox: Path, warehouse: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    # These runs are watched through their event log, so it goes to the console (PIPELINE_LOG_LEVEL).
    env.update(PIPELINE_INBOX_DIR=str(inbox), PIPELINE_WAREHOUSE_PATH=str(warehouse),
               PIPELINE_PUBLISHED_DIR=str(warehouse.parent / "published"), PIPELINE_LOG_LEVEL="DEBUG", **extra)
    return env


def start_run(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "run"], cwd=REPO_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )


def kill_when(process: subprocess.Popen, marker, timeout: float = 300) -> str:
    """Read the run's log until `marker(line)` holds, then SIGKILL the whole process group."""
    seen = []
    deadline = time.monotonic() + timeout
    for line in process.stdout:
        seen.append(line)
        if marker(line):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return "".join(seen)
        if time.monotonic() > deadline:
            break
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    raise AssertionError("the marker never appeared:\n" + "".join(seen[-40:]))


def dagster_home(root: Path) -> Path:
    """A DAGSTER_HOME with the repository's own instance settings (pools, run queue, monitoring)."""
    home = root / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    return home


def session_processes(session_id: int, settle_seconds: float = 5.0) -> list[int]:
    """Processes of a session still running after `settle_seconds` (the run, its parser process,
    spaCy workers, log tails); exited ones waiting to be reaped (zombies) do not count."""
    deadline = time.monotonic() + settle_seconds
    while True:
        alive = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if os.getsid(int(entry.name)) == session_id and state != "Z":
                    alive.append(int(entry.name))
            except (OSError, IndexError):
                continue
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)
