"""SIGKILL during the NLP stage and during the SQL models: the next run completes and the public
tables equal those of a run that was never interrupted. Two runs started together both finish."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import duckdb
import pytest

from pipeline.runner import run_pipeline
from run_helpers import REPO_ROOT, kill_when, pipeline_env, public_state, start_run


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
