"""The inbox sensor: requests a run on new, changed and removed files, and after a failed run."""

from __future__ import annotations

import json

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
