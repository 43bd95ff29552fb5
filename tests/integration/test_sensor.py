"""The inbox sensor: requests a run on new, changed and removed files, and after a failed run."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import dagster as dg

from corpus_files import copy_articles
from pipeline.sensors import inbox_sensor


def evaluate(instance, cursor):
    context = dg.build_sensor_context(instance=instance, cursor=cursor)
    result = inbox_sensor(context)
    return result, context.cursor


def test_sensor_follows_the_inbox_and_retries_after_a_failure(tmp_path, monkeypatch):
    inbox = copy_articles(tmp_path / "inbox")
    monkeypatch.setenv("PIPELINE_INBOX_DIR", str(inbox))
    instance = dg.DagsterInstance.ephemeral()

    first, cursor = evaluate(instance, None)
    assert isinstance(first, dg.RunRequest)
    assert json.loads(cursor)["files"] == 5

    again, same_cursor = evaluate(instance, cursor)
    assert isinstance(again, dg.SkipReason) and same_cursor == cursor

    (inbox / "new.txt").write_text("ASTANA, May 3, 2024 -- Kazakh and Indian ministers met.", encoding="utf-8")
    added, cursor = evaluate(instance, cursor)
    assert isinstance(added, dg.RunRequest) and json.loads(cursor)["files"] == 6

    (inbox / "new.txt").unlink()
    removed, cursor = evaluate(instance, cursor)
    assert isinstance(removed, dg.RunRequest) and json.loads(cursor)["files"] == 5

    # A run that fails (here: the warehouse path is a folder) is requested again, once.
    from pipeline.runner import run_pipeline

    broken = tmp_path / "not-a-file"
    broken.mkdir()
    failed = run_pipeline(inbox_dir=inbox, warehouse_path=broken, instance=instance, raise_on_error=False)
    assert not failed.success
    retried, cursor = evaluate(instance, cursor)
    assert isinstance(retried, dg.RunRequest) and failed.run_id in retried.run_key
    settled, _ = evaluate(instance, cursor)
    assert isinstance(settled, dg.SkipReason)


def test_sensor_retries_a_failing_run_a_bounded_number_of_times(tmp_path, monkeypatch):
    from pipeline.runner import run_pipeline

    inbox = copy_articles(tmp_path / "inbox")
    monkeypatch.setenv("PIPELINE_INBOX_DIR", str(inbox))
    monkeypatch.setenv("PIPELINE_SENSOR_MAX_RETRIES", "2")
    instance = dg.DagsterInstance.ephemeral()
    broken = tmp_path / "not-a-file"  # every run fails: the warehouse path is a folder
    broken.mkdir()

    def failing_run() -> str:
        result = run_pipeline(inbox_dir=inbox, warehouse_path=broken, instance=instance, raise_on_error=False)
        assert not result.success
        return result.run_id

    first, cursor = evaluate(instance, None)
    assert isinstance(first, dg.RunRequest)
    for attempt in (1, 2):
        failed = failing_run()
        retried, cursor = evaluate(instance, cursor)
        assert isinstance(retried, dg.RunRequest) and failed in retried.run_key
        assert retried.tags["retry_number"] == str(attempt)
    failing_run()
    gave_up, cursor = evaluate(instance, cursor)
    assert isinstance(gave_up, dg.SkipReason) and "after 2 retries" in gave_up.skip_message
    still, cursor = evaluate(instance, cursor)
    assert isinstance(still, dg.SkipReason)

    (inbox / "new.txt").write_text("ASTANA, May 3, 2024 -- Kazakh and Indian ministers met.", encoding="utf-8")
    changed, cursor = evaluate(instance, cursor)
    assert isinstance(changed, dg.RunRequest)  # a change in the inbox is worth another try
    failing_run()
    retried, _ = evaluate(instance, cursor)
    assert isinstance(retried, dg.RunRequest) and retried.tags["retry_number"] == "1"


def test_recovery_sensor_fails_a_run_whose_process_is_gone(tmp_path):
    from pipeline import run_recovery
    from pipeline.sensors import run_recovery_sensor

    instance = dg.DagsterInstance.ephemeral()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    tags = {run_recovery.HOST_TAG: socket.gethostname(), run_recovery.PID_TAG: str(dead.pid),
            run_recovery.PROCESS_START_TAG: "1"}
    alive_tags = run_recovery.process_tags()
    runs = []
    for run_tags in (tags, alive_tags):
        run = instance.create_run_for_job(job_def=dg.define_asset_job("job").resolve(asset_graph=dg.Definitions(
            assets=[dg.AssetSpec("a")]).resolve_asset_graph()), tags=run_tags)
        instance.handle_run_event(run.run_id, dg.DagsterEvent(
            event_type_value=dg.DagsterEventType.RUN_START.value, job_name=run.job_name))
        runs.append(run.run_id)
    result = run_recovery_sensor(dg.build_sensor_context(instance=instance))
    assert isinstance(result, dg.SkipReason) and runs[0] in result.skip_message
    assert instance.get_run_by_id(runs[0]).status == dg.DagsterRunStatus.FAILURE
    assert instance.get_run_by_id(runs[1]).status == dg.DagsterRunStatus.STARTED  # this process lives
