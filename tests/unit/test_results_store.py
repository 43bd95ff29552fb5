"""The results store of the sharded NLP stage and its loader, on an fsspec URL (memory://), with no spaCy."""

from __future__ import annotations

import datetime as dt
import uuid

import duckdb
import pytest

from pipeline import settings
from pipeline.results import (ResultsNotFinished, ResultsVersionMismatch, ShardLocation, read_inputs, read_results,
                              shard_of, write_inputs, write_results)
from pipeline.warehouse import ensure_schema


def test_shards_are_a_stable_split_of_doc_ids():
    doc_ids = [uuid.uuid4().hex[:16] for _ in range(2000)]
    assert {shard_of(doc_id, 1) for doc_id in doc_ids} == {0}
    counts = [sum(shard_of(doc_id, 4) == shard for doc_id in doc_ids) for shard in range(4)]
    assert all(400 < count < 600 for count in counts), counts
    assert shard_of("00000000000000ff", 4) == shard_of("00000000000000ff", 4) == 0xff % 4


def test_settings_validate_executor_and_shards(monkeypatch):
    monkeypatch.setenv("PIPELINE_EXECUTOR", "Dask")
    monkeypatch.setenv("PIPELINE_NLP_SHARDS", "1")
    assert settings.executor_name() == "dask" and settings.sharded_nlp()
    monkeypatch.setenv("PIPELINE_EXECUTOR", "in_process")
    assert not settings.sharded_nlp()
    monkeypatch.setenv("PIPELINE_NLP_SHARDS", "3")
    assert settings.sharded_nlp()
    monkeypatch.setenv("PIPELINE_EXECUTOR", "spark")
    with pytest.raises(ValueError, match="in_process, multiprocess, dask"):
        settings.executor_name()
    monkeypatch.setenv("PIPELINE_NLP_SHARDS", "0")
    with pytest.raises(ValueError, match="PIPELINE_NLP_SHARDS"):
        settings.nlp_shards()


def test_results_store_default_is_beside_the_warehouse(monkeypatch, tmp_path):
    monkeypatch.delenv("PIPELINE_RESULTS_URL", raising=False)
    monkeypatch.setenv("PIPELINE_WAREHOUSE_PATH", str(tmp_path / "warehouse.duckdb"))
    assert settings.results_url() == str(tmp_path / "results")
    monkeypatch.setenv("PIPELINE_WAREHOUSE_PATH", str(tmp_path / "other.duckdb"))
    assert settings.results_url() == str(tmp_path / "other.results")
    monkeypatch.setenv("PIPELINE_RESULTS_URL", "memory://bucket/prefix")
    assert settings.results_url() == "memory://bucket/prefix"


ROWS = {
    "core.interactions": [{"interaction_id": "i1", "doc_id": "d1", "interaction_type": "meeting",
                           "event_date": dt.date(2024, 5, 1), "participant_ids": ["e1", "e2"],
                           "country_codes": ["AAA", "BBB"], "is_recalled": False, "goldstein": 1.5}],
    "core.document_entities": [{"doc_id": "d1", "entity_id": "e1", "canonical_name": "One", "entity_type": "person",
                                "country_code": None}],
}


@pytest.fixture()
def warehouse(tmp_path):
    conn = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    ensure_schema(conn)
    for doc_id in ("d1", "d2"):
        conn.execute("insert into core.documents (doc_id, source_path, status, text) values (?, ?, 'ok', 'text')",
                     [doc_id, f"{doc_id}.txt"])
    yield conn
    conn.close()


def _location(shard: int = 0) -> ShardLocation:
    return ShardLocation(f"memory://store-{uuid.uuid4().hex[:8]}", "run-1", shard, 2)


def test_inputs_and_results_round_trip_through_an_fsspec_url():
    location = _location()
    items = [("d1", "text one", dt.date(2024, 5, 2), "Outlet", "header", "ASTANA, May 2"),
             ("d2", "text two", None, None, None, None)]
    write_inputs(location, items)
    assert read_inputs(location) == items
    with pytest.raises(ResultsNotFinished):
        read_results(location, "v1")
    write_results(location, "v1", [{"doc_id": "d1", "words": 3, "error": None}], ROWS, "2026-12-02 10:00:00.000001")
    results = read_results(location, "v1")
    assert results.manifest["documents"] == 1 and results.manifest["tables"] == {t: 1 for t in ROWS}
    assert results.tables["core.interactions"].row(0, named=True)["participant_ids"] == ["e1", "e2"]


def test_loader_loads_once_and_refuses_another_version(warehouse):
    from assets.nlp import load_shard

    location = _location()
    documents = [{"doc_id": "d1", "words": 3, "error": None}, {"doc_id": "d2", "words": 2, "error": "extraction failed (X)"},
                 {"doc_id": "gone", "words": 1, "error": None}]
    write_results(location, "v1", documents, ROWS, "2026-12-02 10:00:00.000001")
    assert load_shard(warehouse, location, "v1") == {"documents": 2, "words": 5, "failed": 1}
    state = warehouse.execute("select * from core.extraction_state order by all").fetchall()
    assert state == [("d1", "v1", dt.datetime(2026, 12, 2, 10, 0, 0, 1)), ("d2", "v1", dt.datetime(2026, 12, 2, 10, 0, 0, 1))]
    assert warehouse.execute("select participant_ids from core.interactions").fetchall() == [(["e1", "e2"],)]
    assert warehouse.execute("select source_path, stage from raw.rejected_documents").fetchall() == [("d2.txt", "extract")]
    assert load_shard(warehouse, location, "v1")["documents"] == 0
    with pytest.raises(ResultsVersionMismatch, match="extractor version v1, not of the current version v2"):
        load_shard(warehouse, location, "v2")
