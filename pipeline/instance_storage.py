"""Dagster's SQLite instance storage, keeping its database connections open between writes.

Dagster's own SQLite storage builds a SQLAlchemy engine and opens a new SQLite connection for every
statement it runs, and closes it again; closing the last connection to a database in WAL mode
checkpoints and removes its write-ahead log. A run of the pipeline writes about 240 events and opens
about 840 such connections (the run's own database, the cross-run index, the runs table), 3-5 ms each.
These classes keep one engine per database file and let SQLAlchemy pool its connections. The files,
tables and schema migrations are Dagster's own, unchanged: an instance configured with the default
SQLite storage reads the same directory.

`dagster_home/dagster.yaml` names `PipelineInstance` as its `instance_class`: an instance whose default
storage is `PooledSqliteStorage` in the instance's own directory (where Dagster's default SQLite storage
would be), so `DagsterInstance.get()`, `DagsterInstance.from_config(some_dir)`, the UI, the daemon and
the run processes they launch all use it. A forked child process never uses a connection of its
parent; a long-lived process (the UI, the daemon) keeps engines for a few run databases at a time.
These classes extend Dagster's SQLite storage classes (Dagster 1.13, pinned in uv.lock);
tests/unit/test_instance_storage.py checks them against Dagster's own storage.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import dagster as dg
import yaml
from dagster._core.instance.ref import InstanceRef
from dagster._core.storage.event_log.sqlite.sqlite_event_log import INDEX_SHARD_NAME, SqliteEventLogStorage
from dagster._core.storage.runs.sqlite.sqlite_run_storage import SqliteRunStorage
from dagster._core.storage.schedules.sqlite.sqlite_schedule_storage import SqliteScheduleStorage
from dagster._core.storage.sql import create_engine
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._core.storage.sqlite_storage import (
    DagsterSqliteStorage,
    _event_logs_directory,
    _runs_directory,
    _schedule_directory,
)
from dagster._serdes import ConfigurableClassData
from sqlalchemy.engine import Connection, Engine

# Engines kept for run databases; a run writes to one, the UI reads a few at a time.
RUN_DATABASES_KEPT_OPEN = 8


class EngineCache:
    """One SQLAlchemy engine per database URL, for this process only; beyond `capacity` engines the
    least recently used one is closed."""

    def __init__(self, capacity: int | None = None):
        self._capacity = capacity
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._pid = os.getpid()
        self._lock = threading.Lock()

    def engine(self, url: str) -> Engine:
        with self._lock:
            if self._pid != os.getpid():
                # Connections opened by the parent are not this process's to use or to close.
                for engine in self._engines.values():
                    engine.dispose(close=False)
                self._engines.clear()
                self._pid = os.getpid()
            engine = self._engines.get(url)
            if engine is None:
                engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
                self._engines[url] = engine
            self._engines.move_to_end(url)
            while self._capacity is not None and len(self._engines) > self._capacity:
                self._engines.popitem(last=False)[1].dispose()
            return engine

    def engines(self) -> list[Engine]:
        return list(self._engines.values())

    def dispose(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()


class PooledSqliteRunStorage(SqliteRunStorage):
    """The runs table (`history/runs.db`), through one engine."""

    def __init__(self, conn_string: str, inst_data: ConfigurableClassData | None = None):
        super().__init__(conn_string, inst_data)
        self._engines = EngineCache()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self._engines.engine(self._conn_string).connect() as conn:
            with conn.begin():
                yield conn

    def dispose(self) -> None:
        super().dispose()
        self._engines.dispose()


class PooledSqliteEventLogStorage(SqliteEventLogStorage):
    """The event log: one database per run plus the cross-run index (`history/runs/`)."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None):
        self._index_engine = EngineCache()
        self._run_engines = EngineCache(capacity=RUN_DATABASES_KEPT_OPEN)
        super().__init__(base_dir, inst_data)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            cache = self._index_engine if shard == INDEX_SHARD_NAME else self._run_engines
            engine = cache.engine(self.conn_string_for_shard(shard))
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn:
                with conn.begin():
                    yield conn
                if shard != INDEX_SHARD_NAME:
                    # The UI follows a run by watching its database file, which a write to the
                    # write-ahead log alone leaves untouched: move the new events into the file now.
                    # The pragma answers a row: read it, so that no statement stays open on a pooled
                    # connection (its next commit would fail with "SQL statements in progress").
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def engines(self) -> list[Engine]:
        """The engines this process holds (the index's and the recently used run databases')."""
        return self._index_engine.engines() + self._run_engines.engines()

    def wipe(self) -> None:
        # The run databases are deleted: no pooled connection may keep writing to a deleted file.
        with self._db_lock:
            self._run_engines.dispose()
        super().wipe()

    def dispose(self) -> None:
        super().dispose()
        self._index_engine.dispose()
        self._run_engines.dispose()


class PooledSqliteStorage(DagsterSqliteStorage):
    """Dagster's SQLite instance storage with pooled connections to the runs and event databases.

    The same directory layout as `DagsterSqliteStorage` under `base_dir` (the instance's home);
    schedules and sensor ticks are written seldom and keep Dagster's own storage.
    """

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None):
        self.base_dir = base_dir
        self._run_storage = PooledSqliteRunStorage.from_local(_runs_directory(base_dir))
        self._event_log_storage = PooledSqliteEventLogStorage(_event_logs_directory(base_dir))
        self._schedule_storage = SqliteScheduleStorage.from_local(_schedule_directory(base_dir))
        self._inst_data = inst_data
        super(DagsterSqliteStorage, self).__init__()

    @classmethod
    def from_config_value(cls, inst_data: ConfigurableClassData, config_value) -> PooledSqliteStorage:
        return cls.from_local(inst_data=inst_data, **config_value)


class PipelineInstance(dg.DagsterInstance):
    """A Dagster instance whose storage, unless its dagster.yaml configures one, is `PooledSqliteStorage`
    in the instance's directory."""

    @classmethod
    def config_schema(cls) -> dict:
        return {}

    @staticmethod
    def config_defaults(base_dir: str) -> Mapping[str, ConfigurableClassData | None]:
        return {
            **InstanceRef.config_defaults(base_dir),
            "storage": ConfigurableClassData(
                __name__, PooledSqliteStorage.__name__, yaml.dump({"base_dir": base_dir}, default_flow_style=False)),
        }
