"""The Dagster instance storage of `dagster_home/dagster.yaml` (pipeline.instance_storage): Dagster's
SQLite files, written through connections kept open."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

from pipeline import instance_storage
from pipeline.instance_storage import RUN_DATABASES_KEPT_OPEN, PooledSqliteEventLogStorage
from run_helpers import dagster_home


@dg.asset
def greeting() -> str:
    return "hello"


@dg.asset_check(asset=greeting)
def greeting_is_short() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


JOB = dg.Definitions(assets=[greeting], asset_checks=[greeting_is_short]).resolve_implicit_global_asset_job_def()


@pytest.fixture()
def home(tmp_path, monkeypatch) -> Path:
    path = dagster_home(tmp_path)
    monkeypatch.setenv("DAGSTER_HOME", str(path))
    return path


def _default_storage_instance(home: Path) -> dg.DagsterInstance:
    """The same directory through Dagster's own SQLite storage (a dagster.yaml without `storage`)."""
    other = home.parent / "default_home"
    other.mkdir()
    (other / "dagster.yaml").write_text(f"telemetry:\n  enabled: false\nstorage:\n  sqlite:\n    base_dir: {home}\n")
    return dg.DagsterInstance.from_config(str(other))


def test_the_repository_instance_uses_the_pooled_storage_and_dagster_reads_its_files(home):
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.event_log_storage, PooledSqliteEventLogStorage)
        first = JOB.execute_in_process(instance=instance)
        second = JOB.execute_in_process(instance=instance)
        assert first.success and second.success

    with _default_storage_instance(home) as default:
        assert not isinstance(default.event_log_storage, PooledSqliteEventLogStorage)
        assert {run.run_id for run in default.get_runs()} == {first.run_id, second.run_id}
        latest = default.get_latest_materialization_event(dg.AssetKey("greeting"))
        assert latest is not None and latest.run_id == second.run_id
        check = default.event_log_storage.get_latest_asset_check_execution_by_key(
            [dg.AssetCheckKey(dg.AssetKey("greeting"), "greeting_is_short")])
        assert check[dg.AssetCheckKey(dg.AssetKey("greeting"), "greeting_is_short")].run_id == second.run_id
        # and the other way round: a run written by Dagster's storage is read back through the pool
        third = JOB.execute_in_process(instance=default)
    with dg.DagsterInstance.get() as instance:
        assert len(instance.all_logs(third.run_id)) > 10
        assert instance.get_latest_materialization_event(dg.AssetKey("greeting")).run_id == third.run_id


def test_an_instance_keeps_its_history_in_its_own_directory_whatever_dagster_home_says(home, tmp_path):
    other_home = dagster_home(tmp_path / "elsewhere")
    with dg.DagsterInstance.from_config(str(other_home)) as other:
        assert isinstance(other.event_log_storage, PooledSqliteEventLogStorage)
        result = JOB.execute_in_process(instance=other)
    assert (other_home / "history" / "runs" / f"{result.run_id}.db").exists()
    with dg.DagsterInstance.get() as instance:
        assert instance.get_run_by_id(result.run_id) is None


def test_a_run_builds_one_engine_per_database_instead_of_one_per_statement(home, monkeypatch):
    built = []
    real_create_engine = instance_storage.create_engine
    monkeypatch.setattr(instance_storage, "create_engine",
                        lambda url, **kwargs: built.append(url) or real_create_engine(url, **kwargs))
    with dg.DagsterInstance.get() as instance:
        result = JOB.execute_in_process(instance=instance)
        events = len(instance.all_logs(result.run_id))
    assert result.success and events > 15
    assert sorted(Path(url.removeprefix("sqlite:///")).name for url in built) == sorted(
        ["runs.db", "index.db", f"{result.run_id}.db"])


def test_a_long_lived_process_keeps_engines_for_a_few_run_databases_only(tmp_path):
    storage = PooledSqliteEventLogStorage(str(tmp_path / "runs"))
    run_ids = [f"run-{number}" for number in range(RUN_DATABASES_KEPT_OPEN + 4)]
    for run_id in run_ids:
        with storage.run_connection(run_id) as conn:
            conn.exec_driver_sql("select 1")
        with storage.index_connection() as conn:
            conn.exec_driver_sql("select 1")
    assert len(storage.engines()) == RUN_DATABASES_KEPT_OPEN + 1  # and the index
    assert set(storage.get_all_run_ids()) == set(run_ids)
    storage.dispose()
    assert storage.engines() == []


def test_a_watcher_of_the_run_database_sees_each_event_as_it_is_written(home):
    # The UI follows a running run by watching the run's database file for changes (another storage
    # object here, as in the UI's process).
    with dg.DagsterInstance.get() as instance:
        run = instance.create_run_for_job(JOB)
        instance.report_engine_event("before watching", run)
        watcher = SqliteEventLogStorage(str(home / "history" / "runs"))
        seen = []
        watcher.watch(run.run_id, None, lambda event, cursor: seen.append(event.message))
        try:
            time.sleep(0.5)
            for number in range(3):
                instance.report_engine_event(f"event {number}", run)
            deadline = time.monotonic() + 10
            while "event 2" not in seen and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            watcher.end_watch(run.run_id, None)
            watcher.dispose()
    assert seen[-4:] == ["before watching", "event 0", "event 1", "event 2"]


def _report_from_child(instance: dg.DagsterInstance, run_id: str) -> None:
    inherited = instance.event_log_storage.engines()
    instance.report_engine_event("from the child", instance.get_run_by_id(run_id))  # the run's database
    instance.get_latest_materialization_event(dg.AssetKey("greeting"))  # and the index
    if any(engine is old for engine in instance.event_log_storage.engines() for old in inherited):
        raise SystemExit("the child wrote through an engine of its parent")


def test_a_forked_process_opens_its_own_connections(home):
    with dg.DagsterInstance.get() as instance:
        run = instance.create_run_for_job(JOB)
        instance.report_engine_event("from the parent", run)
        child = multiprocessing.get_context("fork").Process(target=_report_from_child, args=(instance, run.run_id))
        child.start()
        child.join(60)
        assert child.exitcode == 0
        instance.report_engine_event("from the parent again", run)
        messages = [event.message for event in instance.all_logs(run.run_id)]
    assert messages[-3:] == ["from the parent", "from the child", "from the parent again"]


def test_events_written_after_a_wipe_go_to_a_new_database_file(home):
    with dg.DagsterInstance.get() as instance:
        run = instance.create_run_for_job(JOB)
        instance.report_engine_event("before the wipe", run)
        instance.event_log_storage.wipe()
        assert not (home / "history" / "runs" / f"{run.run_id}.db").exists()
        instance.report_engine_event("after the wipe", run)
    with _default_storage_instance(home) as default:
        assert [event.message for event in default.all_logs(run.run_id)] == ["after the wipe"]


def test_no_statement_stays_open_on_a_pooled_connection(tmp_path, monkeypatch):
    """A pooled connection is used again: a statement left unread on it (the checkpoint pragma's
    answer, while anything still holds its result) makes a later commit on it fail with "SQL
    statements in progress". Every result is kept alive here, as a delayed garbage collection would."""
    from sqlalchemy.engine import Connection

    results = []
    execute = Connection.exec_driver_sql

    def recording(self, *args, **kwargs):
        result = execute(self, *args, **kwargs)
        results.append(result)
        return result

    monkeypatch.setattr(Connection, "exec_driver_sql", recording)
    storage = PooledSqliteEventLogStorage(str(tmp_path))
    for _ in range(3):
        with storage.run_connection("run-1") as conn:
            conn.exec_driver_sql("create table if not exists kept (x integer)")
            conn.exec_driver_sql("insert into kept values (1)")
    with storage.run_connection("run-1") as conn:
        assert conn.exec_driver_sql("select count(*) from kept").scalar() == 3
    assert len(results) >= 7
    storage.dispose()
