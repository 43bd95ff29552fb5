"""The Dagster UI as `make ui` starts it (`dg dev`): it lists every asset, check, sensor and schedule of the
code location, and a run launched from it (through the run queue, the daemon and a run process of its
own, as the schedule and the sensor start runs) completes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from corpus_files import copy_articles

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 120
SHUTDOWN_TIMEOUT_S = 60

ASSETS_QUERY = """
{
  assetNodes {
    assetKey { path }
    assetChecksOrError { __typename ... on AssetChecks { checks { name } } }
  }
}
"""

REPOSITORIES_QUERY = """
{
  repositoriesOrError {
    __typename
    ... on RepositoryConnection { nodes { name location { name } sensors { name } schedules { name } } }
  }
}
"""

LAUNCH_MUTATION = """
mutation Launch($executionParams: ExecutionParams!) {
  launchPipelineExecution(executionParams: $executionParams) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on RunConfigValidationInvalid { errors { message } }
  }
}
"""

RUN_QUERY = """
query Run($runId: ID!) {
  runOrError(runId: $runId) {
    __typename
    ... on Run {
      status
      eventConnection { events { __typename ... on MaterializationEvent { assetKey { path } } } }
    }
  }
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _new_session_with_default_signals() -> None:
    # A shell without job control starts background commands with SIGINT ignored, and `dagster dev`
    # maps SIGTERM onto the SIGINT handler: reset both so SIGTERM really shuts it down.
    os.setsid()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def get_json(url: str, timeout: float = 10) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


def graphql(base_url: str, query: str, variables: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"{base_url}/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        payload = json.loads(response.read())
    assert not payload.get("errors"), payload["errors"]
    return payload["data"]


def wait_until_serving(base_url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"dagster dev exited with {process.returncode}:\n{log_path.read_text()[-4000:]}")
        try:
            if "dagster_webserver_version" in get_json(f"{base_url}/server_info", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
            pass
        time.sleep(1)
    pytest.fail(f"dagster dev did not answer within {STARTUP_TIMEOUT_S}s:\n{log_path.read_text()[-4000:]}")


def wait_until_location_loaded(base_url: str) -> dict:
    # The webserver answers before the code location has loaded; retry until the repository shows up.
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        data = graphql(base_url, REPOSITORIES_QUERY)["repositoriesOrError"]
        if data["__typename"] == "RepositoryConnection" and data["nodes"]:
            return data
        if time.monotonic() > deadline:
            pytest.fail(f"code location did not load: {data}")
        time.sleep(2)


def process_group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture()
def dagster_ui(tmp_path):
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", dagster_home / "dagster.yaml")
    port = free_port()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(dagster_home),
        "PIPELINE_INBOX_DIR": str(tmp_path / "inbox"),
        "PIPELINE_WAREHOUSE_PATH": str(tmp_path / "warehouse.duckdb"),
        "PIPELINE_PUBLISHED_DIR": str(tmp_path / "published"),
    }
    (tmp_path / "inbox").mkdir()
    log_path = tmp_path / "dagster-dev.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(REPO_ROOT / ".venv" / "bin" / "dg"), "dev",
             "-p", str(port), "-h", "127.0.0.1"],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            preexec_fn=_new_session_with_default_signals,
        )
    pgid = process.pid  # setsid made it the leader of its own process group
    try:
        yield f"http://127.0.0.1:{port}", process, log_path
    finally:
        if process_group_alive(pgid):
            os.killpg(pgid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.mark.timeout(400)
def test_ui_lists_every_asset_check_sensor_and_schedule(dagster_ui):
    from pipeline.definitions import defs

    base_url, process, log_path = dagster_ui
    repository = defs.get_repository_def()
    wait_until_serving(base_url, process, log_path)

    repositories = wait_until_location_loaded(base_url)["nodes"]
    # `dagster dev` prints "dev_command is superseded, use dg dev"; `make ui` runs `dg dev`.
    assert "superseded" not in log_path.read_text(errors="replace")
    listed_sensors = {s["name"] for repo in repositories for s in repo["sensors"]}
    listed_schedules = {s["name"] for repo in repositories for s in repo["schedules"]}
    expected_sensors = {s.name for s in repository.sensor_defs}
    expected_schedules = {s.name for s in repository.schedule_defs}
    assert expected_sensors and expected_schedules
    assert expected_sensors - listed_sensors == set(), f"sensors missing from the UI: {expected_sensors - listed_sensors}"
    assert expected_schedules - listed_schedules == set(), (
        f"schedules missing from the UI: {expected_schedules - listed_schedules}"
    )

    nodes = graphql(base_url, ASSETS_QUERY)["assetNodes"]
    listed_assets = {tuple(node["assetKey"]["path"]) for node in nodes}
    listed_checks = {
        (tuple(node["assetKey"]["path"]), check["name"])
        for node in nodes
        if node["assetChecksOrError"]["__typename"] == "AssetChecks"
        for check in node["assetChecksOrError"]["checks"]
    }
    expected_assets = {tuple(key.path) for key in repository.asset_graph.get_all_asset_keys()}
    expected_checks = {(tuple(key.asset_key.path), key.name) for key in repository.asset_graph.asset_check_keys}
    assert expected_assets and expected_checks
    assert sorted(expected_assets - listed_assets) == [], "assets missing from the UI"
    assert sorted(expected_checks - listed_checks) == [], "asset checks missing from the UI"

    # A clean stop: SIGTERM to the whole group, and every process of it exits by itself.
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=SHUTDOWN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"dagster dev ignored SIGTERM for {SHUTDOWN_TIMEOUT_S}s:\n{log_path.read_text()[-4000:]}")
    deadline = time.monotonic() + SHUTDOWN_TIMEOUT_S
    while process_group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not process_group_alive(process.pid), "dagster dev left child processes running after SIGTERM"


@pytest.mark.timeout(900)
def test_a_run_launched_from_the_ui_completes_and_its_events_are_listed(dagster_ui, tmp_path):
    base_url, process, log_path = dagster_ui
    copy_articles(tmp_path / "inbox")
    wait_until_serving(base_url, process, log_path)
    repository = wait_until_location_loaded(base_url)["nodes"][0]

    launched = graphql(base_url, LAUNCH_MUTATION, {"executionParams": {
        "selector": {"repositoryLocationName": repository["location"]["name"],
                     "repositoryName": repository["name"], "pipelineName": "pipeline_job"},
        "runConfigData": {},
        "mode": "default",
    }})["launchPipelineExecution"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]

    deadline = time.monotonic() + 600
    while True:
        run = graphql(base_url, RUN_QUERY, {"runId": run_id})["runOrError"]
        if run["status"] in {"SUCCESS", "FAILURE", "CANCELED"} or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert run["status"] == "SUCCESS", log_path.read_text(errors="replace")[-4000:]
    materialized = {tuple(event["assetKey"]["path"]) for event in run["eventConnection"]["events"]
                    if event["__typename"] == "MaterializationEvent"}
    assert ("published", "warehouse") in materialized and ("core", "documents") in materialized
    assert (tmp_path / "warehouse.duckdb").exists()
