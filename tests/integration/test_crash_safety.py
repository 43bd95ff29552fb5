"""SIGKILL during the NLP stage and during the SQL models: the next run completes and the public
tables equal those of a run that was never interrupted. Two runs started together both finish."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.runner import run_pipeline

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPARED = {
    "core.documents": "doc_id, source_path, content_hash, title, outlet, published_date, published_date_source, "
    "language, word_count, status, reason, story_id",
    "core.entities": "*", "core.mentions": "*", "core.person_roles": "*", "core.document_topics": "*",
    "core.interactions": "*", "core.quantities": "*", "core.milestones": "*", "raw.rejected_documents":
    "source_path, content_hash, reason, language",
    "marts.dyad_summary": "*", "marts.dyad_monthly": "*", "marts.entity_cooccurrence": "*", "marts.topic_trends": "*",
    "marts.actor_profiles": "*", "marts.economic_figures": "*", "marts.relationship_milestones": "*",
}


def public_state(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return {t: conn.execute(f"select {cols} from {t} order by all").fetchall() for t, cols in COMPARED.items()}


def pipeline_env(inbox: Path, warehouse: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    # These tests watch the run's event log, so it goes to the console (PIPELINE_LOG_LEVEL).
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


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from benchmarks.corpus import generate_corpus

    root = tmp_path_factory.mktemp("crash")
    generate_corpus(40, seed=5, out_dir=root / "corpus")
    reference = root / "reference" / "warehouse.duckdb"
    reference.parent.mkdir()
    assert run_pipeline(inbox_dir=root / "corpus" / "articles", warehouse_path=reference).success
    return root / "corpus" / "articles", public_state(reference)


def test_kill_during_nlp_then_rerun_equals_uninterrupted(corpus, tmp_path):
    inbox, expected = corpus
    warehouse = tmp_path / "warehouse.duckdb"
    log = kill_when(start_run(pipeline_env(inbox, warehouse, PIPELINE_NLP_CHUNK_SIZE="5")),
                    lambda line: "NLP progress: 10/" in line)
    assert "NLP progress: 5/" in log
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        done = conn.execute("select count(*) from core.extraction_state").fetchone()[0]
    assert 5 <= done < 40, "the kill must land in the middle of the NLP stage, after committed chunks"
    assert run_pipeline(inbox_dir=inbox, warehouse_path=warehouse).success
    assert public_state(warehouse) == expected


def test_kill_during_sql_models_then_rerun_equals_uninterrupted(corpus, tmp_path):
    inbox, expected = corpus
    warehouse = tmp_path / "warehouse.duckdb"
    kill_when(start_run(pipeline_env(inbox, warehouse)),
              lambda line: "built marts." in line)
    assert run_pipeline(inbox_dir=inbox, warehouse_path=warehouse).success
    assert public_state(warehouse) == expected


def test_two_runs_started_together_both_finish(corpus, tmp_path):
    inbox, expected = corpus
    warehouse = tmp_path / "warehouse.duckdb"
    env = pipeline_env(inbox, warehouse)
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    # Each run logs to a file: a pipe nobody drains would stall the run that holds the lock.
    processes = []
    for log in logs:
        with open(log, "w") as handle:
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "pipeline.cli", "run"], cwd=REPO_ROOT, env=env,
                stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
            ))
    try:
        codes = [process.wait(timeout=600) for process in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
    outputs = [log.read_text() for log in logs]
    assert codes == [0, 0], outputs[0][-3000:] + outputs[1][-3000:]
    assert not any("Could not set lock" in output for output in outputs)
    assert any("waiting for it to finish" in output for output in outputs)
    assert public_state(warehouse) == expected
