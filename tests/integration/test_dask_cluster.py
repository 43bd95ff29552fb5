"""The pipeline on an existing Dask cluster (`PIPELINE_DASK_SCHEDULER`) whose workers are not all where
the warehouse is: a scheduler and two worker processes started as a user starts them on two machines,
only one of them with the `warehouse` resource.

Without a warehouse worker the run fails at once and says how to start one; with one, every step
that opens the DuckDB file runs on it, the shards run on either worker, and the public tables equal
the default in-process run's.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_files import copy_articles
from run_helpers import REPO_ROOT, dagster_home, pipeline_env, public_state

DASK = Path(sys.executable).parent / "dask"
# The steps that open the warehouse or its published copy (the others are the shards).
WAREHOUSE_STEPS = {"raw_documents", "reference_tables", "core__documents", "nlp__shard_inputs", "nlp_extractions",
                   "sql_models", "published__warehouse", "published__report"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(arguments: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([str(DASK), *arguments], cwd=REPO_ROOT, env=env, stdout=open(log, "w"),
                            stderr=subprocess.STDOUT)


def wait_for_workers(address: str, count: int) -> None:
    from dask.distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(count, timeout=120)


def run(env: dict[str, str], log: Path) -> tuple[int, str]:
    with open(log, "w") as handle:
        code = subprocess.run([sys.executable, "-m", "pipeline.cli", "run"], cwd=REPO_ROOT, env=env,
                              stdout=handle, stderr=subprocess.STDOUT, timeout=600).returncode
    return code, log.read_text()


def step_processes(log: str) -> dict[str, set[int]]:
    """The processes each step started in, from event log lines (`- <pid> - <step> - STEP_START`)."""
    steps: dict[str, set[int]] = {}
    for pid, step in re.findall(r" - (\d+) - (\S+) - STEP_START", log):
        steps.setdefault(step, set()).add(int(pid))
    return steps


@pytest.fixture()
def cluster(tmp_path):
    """A scheduler and a worker without the warehouse resource; `add_warehouse_worker` starts the other."""
    inbox = copy_articles(tmp_path / "inbox")
    warehouse = tmp_path / "warehouse.duckdb"
    address = f"tcp://127.0.0.1:{free_port()}"
    env = pipeline_env(inbox, warehouse, PIPELINE_EXECUTOR="dask", PIPELINE_NLP_SHARDS="2",
                       PIPELINE_DASK_SCHEDULER=address, DAGSTER_HOME=str(dagster_home(tmp_path)))
    processes = [start(["scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
                       env, tmp_path / "scheduler.log")]
    worker = ["worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard"]
    processes.append(start(worker, env, tmp_path / "worker-elsewhere.log"))
    wait_for_workers(address, 1)

    def add_warehouse_worker() -> int:
        processes.append(start([*worker, "--resources", "warehouse=1"], env, tmp_path / "worker-warehouse.log"))
        wait_for_workers(address, 2)
        return processes[-1].pid

    try:
        yield {"env": env, "warehouse": warehouse, "elsewhere": processes[1].pid, "add_warehouse_worker": add_warehouse_worker}
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_writer_steps_run_only_on_the_warehouse_worker(cluster, seeded_run, tmp_path):
    started = time.monotonic()
    code, log = run(cluster["env"], tmp_path / "no-warehouse-worker.log")
    assert code != 0 and time.monotonic() - started < 120, log[-3000:]
    assert "offers the 'warehouse' resource" in log and "--resources warehouse=1" in log, log[-3000:]
    assert "STEP_START" not in log, "no step ran"

    warehouse_worker = cluster["add_warehouse_worker"]()
    code, log = run(cluster["env"], tmp_path / "run.log")
    assert code == 0, log[-3000:]
    # A step logs to the console of the worker that runs it.
    steps = step_processes("".join(path.read_text() for path in tmp_path.glob("worker-*.log")))
    assert set(steps) == WAREHOUSE_STEPS | {"nlp__shard_0", "nlp__shard_1"}, sorted(steps)
    assert {step: pids for step, pids in steps.items() if step in WAREHOUSE_STEPS} == {
        step: {warehouse_worker} for step in WAREHOUSE_STEPS}
    assert steps["nlp__shard_0"] | steps["nlp__shard_1"] <= {warehouse_worker, cluster["elsewhere"]}
    reference, _, result = seeded_run
    assert result.success
    assert public_state(cluster["warehouse"]) == public_state(reference)
