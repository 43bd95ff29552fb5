"""The NLP stage in shards on a local Dask cluster: the same tables as one step in process.

The hand-written holdout goes through the default run (one shard, in-process executor) and through
`PIPELINE_EXECUTOR=dask PIPELINE_NLP_SHARDS=2` (two shard steps on a LocalCluster of two single-threaded
workers, the results store beside the warehouse, one loader step). The public tables must be equal,
a second run with nothing new must parse nothing, and the loader must refuse another extractor
version's files and change nothing when it loads a shard twice. The bundled articles in 2 shards on
Dask, with the worker of one shard killed, give every public table of the default run, marts included.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from run_helpers import COMPARED, REPO_ROOT, dagster_home, pipeline_env

HOLDOUT = REPO_ROOT / "tests" / "data" / "holdout" / "articles"


def tables(warehouse: Path) -> dict[str, list[tuple]]:
    """The public tables of a warehouse that exist (a run stopped by a failed blocking check builds
    no marts), timestamps aside; core.extraction_state with its version and parse time besides."""
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        present = {row[0] for row in conn.execute(
            "select table_schema || '.' || table_name from information_schema.tables").fetchall()}
        state = {t: conn.execute(f"select {cols} from {t} order by all").fetchall()
                 for t, cols in COMPARED.items() if t in present}
        state["extraction_state"] = conn.execute(
            "select doc_id, extractor_version from core.extraction_state order by all").fetchall()
    return state


def dask_run(inbox: Path, warehouse: Path, log: Path, *arguments: str, **extra: str) -> subprocess.CompletedProcess:
    home = warehouse.parent / "dagster_home"
    env = pipeline_env(inbox, warehouse, PIPELINE_EXECUTOR="dask", PIPELINE_NLP_SHARDS="2",
                       PIPELINE_DASK_WORKERS="2",
                       DAGSTER_HOME=str(home if home.exists() else dagster_home(warehouse.parent)), **extra)
    env["PIPELINE_LOG_LEVEL"] = "INFO"
    with open(log, "w") as handle:
        return subprocess.run([sys.executable, "-m", "pipeline.cli", "run", *arguments], cwd=REPO_ROOT, env=env,
                              stdout=handle, stderr=subprocess.STDOUT, timeout=600)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    from pipeline.runner import run_pipeline

    root = tmp_path_factory.mktemp("sharded")
    inbox = root / "inbox"
    shutil.copytree(HOLDOUT, inbox)
    single = root / "single" / "warehouse.duckdb"
    single.parent.mkdir()
    in_process = run_pipeline(inbox_dir=inbox, warehouse_path=single, published_dir=single.parent / "published",
                              raise_on_error=False)
    sharded = root / "dask" / "warehouse.duckdb"
    sharded.parent.mkdir()
    first = dask_run(inbox, sharded, root / "dask-first.log")
    after_first = tables(sharded)
    # Forced: with nothing changed the command would start no run at all (pipeline.up_to_date).
    second = dask_run(inbox, sharded, root / "dask-second.log", "--force")
    return {
        "inbox": inbox, "single": single, "sharded": sharded, "in_process_success": in_process.success,
        "first": (first.returncode, (root / "dask-first.log").read_text()), "after_first": after_first,
        "second": (second.returncode, (root / "dask-second.log").read_text()),
    }


def test_two_shards_on_dask_give_the_tables_of_one_step_in_process(runs):
    code, log = runs["first"]
    assert "executor dask, 2 NLP shards" in log
    assert re.search(r"documents to parse with extractor version \w+ in 2 shards \(\d+, \d+\)", log), log[-3000:]
    # Both shard steps parsed, each its own part of the holdout.
    assert re.search(r"shard 0: \d+/\d+ documents parsed", log) and re.search(r"shard 1: \d+/\d+ documents parsed", log)
    # The same outcome as the in-process run (a blocking check that fails fails both, and both publish
    # nothing), and the same tables.
    assert (code == 0) == runs["in_process_success"], log[-3000:]
    expected, actual = tables(runs["single"]), runs["after_first"]
    assert set(actual) == set(expected)
    for table in expected:
        assert actual[table] == expected[table], table
    assert len(expected["core.mentions"]) > 100 and len(expected["extraction_state"]) == 12


def test_a_second_run_with_nothing_new_parses_nothing(runs):
    code, log = runs["second"]
    assert (code == 0) == runs["in_process_success"], log[-3000:]
    assert "0 documents to parse with extractor version" in log and "in 2 shards (0, 0)" in log
    assert not re.search(r"shard \d: \d+/\d+ documents parsed", log)
    assert tables(runs["sharded"]) == runs["after_first"]


def _batches(warehouse: Path) -> list[Path]:
    return sorted(p for p in (warehouse.parent / "results").iterdir() if p.is_dir())


def _documents_in(batch: Path) -> int:
    return sum(json.loads(manifest.read_text())["documents"] for manifest in batch.glob("*/v-*/_manifest.json"))


def _parsing_batch(warehouse: Path) -> Path:
    """The batch of the run that parsed: batches are named by run id, so their names say nothing of
    their order, and the second run (nothing new) leaves an empty one."""
    parsing = [batch for batch in _batches(warehouse) if _documents_in(batch) > 0]
    assert len(parsing) == 1, [(b.name, _documents_in(b)) for b in _batches(warehouse)]
    return parsing[0]


def test_results_store_holds_one_set_per_shard_and_version_without_the_texts(runs):
    first_batch = _parsing_batch(runs["sharded"])
    shards = sorted(first_batch.iterdir())
    assert [shard.name for shard in shards] == ["shard-000-of-002", "shard-001-of-002"]
    documents = 0
    for shard in shards:
        assert not (shard / "inputs.parquet").exists(), "the loader removes the texts once loaded"
        (version_dir,) = shard.iterdir()
        manifest = json.loads((version_dir / "_manifest.json").read_text())
        assert version_dir.name == f"v-{manifest['extractor_version']}"
        documents += manifest["documents"]
    assert documents == 12


def _location(batch: Path, shard: int):
    from pipeline.results import ShardLocation

    return ShardLocation(str(batch.parent), batch.name, shard, 2)


def _current_version() -> str:
    from pipeline.nlp.version import extractor_version
    from pipeline.settings import setting

    return extractor_version(setting("PIPELINE_SPACY_MODEL"))


def test_loading_a_shard_twice_changes_nothing(runs, tmp_path):
    from assets.nlp import load_shard
    from pipeline.warehouse import DOCUMENT_TABLES

    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(runs["sharded"], warehouse)
    batch = _parsing_batch(runs["sharded"])
    version = _current_version()
    manifest = json.loads((batch / "shard-000-of-002" / f"v-{version}" / "_manifest.json").read_text())
    assert manifest["documents"] > 0
    with duckdb.connect(str(warehouse)) as conn:
        full = {t: conn.execute(f"select * from {t} order by all").fetchall()
                for t in (*DOCUMENT_TABLES, "core.extraction_state", "raw.rejected_documents")}
        # Already loaded by the run: loading again is a no-op, parse times included.
        assert load_shard(conn, _location(batch, 0), version)["documents"] == 0
        # Shard 0's rows gone (as after a crash before the loader committed): one load brings them
        # back, the same to the parse time; a second load changes nothing.
        shard_docs = [row[0] for row in conn.execute(
            f"select doc_id from read_parquet('{batch}/shard-000-of-002/v-{version}/documents.parquet')").fetchall()]
        for table in (*DOCUMENT_TABLES, "core.extraction_state"):
            conn.execute(f"delete from {table} where doc_id in (select unnest(?::varchar[]))", [shard_docs])
        assert load_shard(conn, _location(batch, 0), version)["documents"] == len(shard_docs)
        once = {t: conn.execute(f"select * from {t} order by all").fetchall() for t in full}
        assert load_shard(conn, _location(batch, 0), version)["documents"] == 0
        twice = {t: conn.execute(f"select * from {t} order by all").fetchall() for t in full}
    assert once == full
    assert twice == once


def test_the_loader_refuses_another_extractor_versions_results(runs, tmp_path):
    from assets.nlp import load_shard
    from pipeline.results import ResultsVersionMismatch

    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(runs["sharded"], warehouse)
    version = _current_version()
    batch = tmp_path / "results" / "other-batch"
    source = _parsing_batch(runs["sharded"]) / "shard-001-of-002" / f"v-{version}"
    # A shard whose worker ran other code: its set is filed under, and says, another version.
    other = batch / "shard-001-of-002" / "v-0123456789abcdef"
    shutil.copytree(source, other)
    manifest = json.loads((other / "_manifest.json").read_text())
    (other / "_manifest.json").write_text(json.dumps({**manifest, "extractor_version": "0123456789abcdef"}))
    # A set filed under the current version whose manifest says another one.
    forged = tmp_path / "results" / "forged-batch" / "shard-001-of-002" / f"v-{version}"
    shutil.copytree(other, forged)
    with duckdb.connect(str(warehouse)) as conn:
        before = conn.execute("select * from core.extraction_state order by all").fetchall()
        with pytest.raises(ResultsVersionMismatch, match=rf"extractor version 0123456789abcdef.*current version {version}"):
            load_shard(conn, _location(batch, 1), version)
        with pytest.raises(ResultsVersionMismatch, match="0123456789abcdef"):
            load_shard(conn, _location(forged.parents[1], 1), version)
        assert conn.execute("select * from core.extraction_state order by all").fetchall() == before


def test_a_dask_worker_killed_during_a_shard_gives_the_tables_of_an_uninterrupted_run(seeded_run, tmp_path):
    """The bundled articles in 2 shards on Dask; the worker parsing shard 0 is SIGKILLed: Dask runs the
    shard again on a worker that lives, and every public table (marts included) equals the default
    in-process run's."""
    from run_helpers import public_state, start_run

    reference, _, result = seeded_run
    assert result.success
    inbox = tmp_path / "inbox"
    from corpus_files import copy_articles

    copy_articles(inbox)
    warehouse = tmp_path / "warehouse.duckdb"
    process = start_run(pipeline_env(inbox, warehouse, PIPELINE_EXECUTOR="dask", PIPELINE_NLP_SHARDS="2",
                                     PIPELINE_DASK_WORKERS="2", DAGSTER_HOME=str(dagster_home(tmp_path))))
    lines, worker, killed = [], None, False
    try:
        for line in process.stdout:
            lines.append(line)
            started = re.search(r" - (\d+) - nlp__shard_0 - STEP_START", line)
            if started and worker is None:
                worker = int(started.group(1))
            if worker and not killed and "documents to parse in shard 0" in line:
                # A worker of this run's cluster (the run's session), never the run's own process.
                assert worker != process.pid and os.getsid(worker) == process.pid
                os.kill(worker, signal.SIGKILL)
                killed = True
        process.wait(timeout=600)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    log = "".join(lines)
    assert killed, log[-3000:]
    assert process.returncode == 0, log[-3000:]
    assert len(re.findall(r"nlp__shard_0 - STEP_START", log)) == 2, "shard 0 ran again on another worker"
    assert public_state(warehouse) == public_state(reference)


def _recorded_code_versions(home: Path) -> set[str]:
    """The code version each shard asset's latest materialization recorded in the instance."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(home)) as instance:
        return {
            instance.get_latest_materialization_event(dg.AssetKey(["nlp", f"shard_{shard}"]))
            .asset_materialization.tags["dagster/code_version"]
            for shard in range(2)
        }


def test_an_extractor_change_makes_every_shard_stale_and_the_next_run_parses_them_all(runs, tmp_path, monkeypatch):
    """The re-parse after an extractor change is the backfill of every shard: the shard assets' code
    version (the extractor version, which the UI compares with the one each materialization recorded)
    changes for all of them, and the next run parses the whole corpus again, split over both shards."""
    from assets.nlp import build_nlp_assets

    root = tmp_path / "dask"
    shutil.copytree(runs["sharded"].parent, root)
    warehouse = root / "warehouse.duckdb"
    before = _current_version()
    assert _recorded_code_versions(root / "dagster_home") == {before}
    # Parsing every sentence instead of the selected ones is part of the extractor version.
    monkeypatch.setenv("PIPELINE_SELECTIVE_PARSE", "0")
    monkeypatch.setenv("PIPELINE_NLP_SHARDS", "2")
    after = _current_version()
    assert after != before
    shard_versions = {spec.key.path[-1]: asset.code_versions_by_key[spec.key]
                      for asset in build_nlp_assets() for spec in asset.specs if re.fullmatch(r"shard_\d+", spec.key.path[-1])}
    assert shard_versions == {"shard_0": after, "shard_1": after}

    code = dask_run(runs["inbox"], warehouse, tmp_path / "reparse.log", PIPELINE_SELECTIVE_PARSE="0").returncode
    log = (tmp_path / "reparse.log").read_text()
    assert (code == 0) == runs["in_process_success"], log[-3000:]
    counts = re.search(rf"12 documents to parse with extractor version {after} in 2 shards \((\d+), (\d+)\)", log)
    assert counts and all(int(count) > 0 for count in counts.groups()), log[-3000:]
    assert re.search(r"shard 0: \d+/\d+ documents parsed", log) and re.search(r"shard 1: \d+/\d+ documents parsed", log)
    assert tables(warehouse)["extraction_state"] == [(doc_id, after) for doc_id, _ in runs["after_first"]["extraction_state"]]
    assert _recorded_code_versions(root / "dagster_home") == {after}
