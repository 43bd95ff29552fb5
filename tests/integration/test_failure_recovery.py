"""After a failure, the user's next command works: a killed run, a signal, a busy warehouse.

Each test runs `python -m pipeline.cli run` as the user does, with the repository's dagster.yaml in a
DAGSTER_HOME kept across the failed run and the next one, and a time limit on the next one.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipeline import run_lock
from run_helpers import REPO_ROOT, dagster_home, kill_when, pipeline_env, public_state, session_processes, start_run

NEXT_RUN_LIMIT = 600  # seconds: a next run that hangs on a dead run's slot fails the test instead


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from benchmarks.corpus import generate_corpus
    from pipeline.runner import run_pipeline

    root = tmp_path_factory.mktemp("recovery")
    generate_corpus(30, seed=11, out_dir=root / "corpus")
    reference = root / "reference" / "warehouse.duckdb"
    reference.parent.mkdir()
    assert run_pipeline(inbox_dir=root / "corpus" / "articles", warehouse_path=reference).success
    return root / "corpus" / "articles", public_state(reference)


def instance_at(home: Path) -> dg.DagsterInstance:
    return dg.DagsterInstance.from_config(str(home))


def run_cli(env: dict[str, str], timeout: float = NEXT_RUN_LIMIT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "run"], cwd=REPO_ROOT, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)


def claimed_slots(instance: dg.DagsterInstance) -> list:
    return list(instance.event_log_storage.get_concurrency_info("warehouse").claimed_slots)


def test_killed_run_is_marked_failed_and_the_next_run_finishes(corpus, tmp_path):
    inbox, expected = corpus
    warehouse = tmp_path / "warehouse.duckdb"
    home = dagster_home(tmp_path)
    env = pipeline_env(inbox, warehouse, DAGSTER_HOME=str(home), PIPELINE_NLP_CHUNK_SIZE="5")
    kill_when(start_run(env), lambda line: "NLP progress: 10/" in line)  # SIGKILL to the process group

    instance = instance_at(home)
    [killed] = instance.get_runs()
    assert killed.status == dg.DagsterRunStatus.STARTED  # what a killed run leaves behind
    assert claimed_slots(instance), "the killed run should still hold its warehouse slot"

    second = run_cli(env)
    assert second.returncode == 0, second.stdout[-3000:]
    assert f"run {killed.run_id} (STARTED)" in second.stdout and "is gone" in second.stdout
    killed = instance.get_run_by_id(killed.run_id)
    assert killed.status == dg.DagsterRunStatus.FAILURE
    failure = instance.get_records_for_run(killed.run_id, of_type=dg.DagsterEventType.RUN_FAILURE).records
    assert "process" in failure[-1].event_log_entry.dagster_event.message
    assert claimed_slots(instance) == []
    assert public_state(warehouse) == expected


def test_a_killed_sharded_run_on_dask_is_finished_by_the_next_run(corpus, tmp_path):
    """The whole run (its process, the LocalCluster's workers) SIGKILLed while the shards parse: the
    loader never ran, so the next run plans every document again and ends with the tables of a run
    never interrupted, marking the dead run failed and freeing its slot."""
    inbox, expected = corpus
    warehouse = tmp_path / "warehouse.duckdb"
    home = dagster_home(tmp_path)
    env = pipeline_env(inbox, warehouse, DAGSTER_HOME=str(home), PIPELINE_EXECUTOR="dask", PIPELINE_NLP_SHARDS="2",
                       PIPELINE_DASK_WORKERS="2", PIPELINE_NLP_CHUNK_SIZE="5")
    process = start_run(env)
    kill_when(process, lambda line: re.search(r"shard \d: \d+/\d+ documents parsed", line) is not None)
    assert session_processes(process.pid) == [], "a Dask worker outlived its killed run"
    instance = instance_at(home)
    [killed] = instance.get_runs()
    assert killed.status == dg.DagsterRunStatus.STARTED

    second = run_cli(env)
    assert second.returncode == 0, second.stdout[-3000:]
    assert re.search(r"[1-9]\d* documents to parse with extractor version \w+ in 2 shards", second.stdout), second.stdout[-3000:]
    assert instance.get_run_by_id(killed.run_id).status == dg.DagsterRunStatus.FAILURE
    assert claimed_slots(instance) == []
    assert public_state(warehouse) == expected


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_cancels_the_run_and_releases_everything(corpus, tmp_path, signum):
    inbox, expected = corpus
    warehouse = tmp_path / "warehouse.duckdb"
    home = dagster_home(tmp_path)
    env = pipeline_env(inbox, warehouse, DAGSTER_HOME=str(home), PIPELINE_NLP_CHUNK_SIZE="5")
    process = start_run(env)
    seen = []
    for line in process.stdout:
        seen.append(line)
        if "NLP progress: 10/" in line:
            os.killpg(process.pid, signum)  # as Ctrl-C or a terminating service manager does
            break
    seen.extend(process.stdout)
    assert process.wait(timeout=120) == 128 + signum, "".join(seen[-40:])

    instance = instance_at(home)
    [run] = instance.get_runs()
    assert run.status == dg.DagsterRunStatus.CANCELED, "".join(seen[-40:])
    assert claimed_slots(instance) == []
    assert not run_lock.is_held(warehouse)
    assert session_processes(process.pid) == [], "the parser process or its spaCy workers outlived the run"

    again = run_cli(env)
    assert again.returncode == 0, again.stdout[-3000:]
    assert public_state(warehouse) == expected


def test_a_waiting_run_names_the_holder_and_gives_up_after_the_limit(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    warehouse = tmp_path / "warehouse.duckdb"
    holder = run_lock.acquire(warehouse, "holder-run-42", 1, lambda message: None)
    try:
        env = pipeline_env(inbox, warehouse, DAGSTER_HOME=str(dagster_home(tmp_path)), PIPELINE_WAIT_SECONDS="3")
        waiting = run_cli(env, timeout=300)
    finally:
        run_lock.release(holder)
    assert waiting.returncode == 1
    assert "waiting for it to finish: run holder-run-42" in waiting.stdout
    assert "gave up after waiting 3 s" in waiting.stdout and f"pid {os.getpid()}" in waiting.stdout
    # The holder has gone: the same command now goes through.
    assert run_cli(env).returncode == 0
