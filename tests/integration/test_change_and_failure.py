"""Correct after change and failure: odd file names, one bad item, a change to the cleaning code, a
failed integrity check, a crash inside a chunk, a crash while publishing, and runs with nothing new.

Every test repeats the user's next command on the state the previous one left.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from corpus_files import copy_articles
from pipeline.runner import run_pipeline
from run_helpers import copy_code, pipeline_env, public_state

UNDATED_MEETING = (
    "Kazakh Foreign Minister Arman Seitkali met Indian Foreign Minister Rohan Mehta in Astana to discuss "
    "trade and energy.\n\nThe ministers agreed to expand cooperation in transport and agriculture.\n"
)


def parsed_count(result) -> int:
    for event in result.get_asset_materialization_events():
        if "documents_parsed" in event.materialization.metadata:
            return event.materialization.metadata["documents_parsed"].value
    raise AssertionError("the NLP asset reported no documents_parsed")


def materialized(result) -> set[str]:
    return {event.asset_key.to_user_string() for event in result.get_asset_materialization_events()}


def query(warehouse: Path, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture()
def workspace(tmp_path):
    return copy_articles(tmp_path / "inbox"), tmp_path / "warehouse.duckdb", tmp_path / "published"


def run(workspace, **kwargs):
    inbox, warehouse, published = workspace
    return run_pipeline(inbox_dir=inbox, warehouse_path=warehouse, published_dir=published, **kwargs)


# --- file names --------------------------------------------------------------------------------


def test_file_names_that_are_not_utf8_are_stored_escaped_and_the_others_go_on(workspace):
    inbox, warehouse, _ = workspace
    latin1 = os.fsdecode(b"caf\xe9_news.txt")  # as a Windows zip unpacks "café_news.txt"
    (inbox / latin1).write_text(UNDATED_MEETING, encoding="utf-8")
    (inbox / "back\\slash.txt").write_text(UNDATED_MEETING.replace("Astana", "Almaty"), encoding="utf-8")
    assert run(workspace).success
    paths = {row[0] for row in query(warehouse, "select source_path from raw.documents")}
    assert {"caf\\xe9_news.txt", "back\\\\slash.txt"} <= paths and len(paths) == 7
    assert query(warehouse, "select count(*) from core.documents where status = 'ok'")[0][0] == 7

    from pipeline.sensors import listing_state

    assert listing_state(inbox)["files"] == 7  # the sensor lists them too
    again = run(workspace)  # the next run reads none of them again
    [ingest] = [e for e in again.get_asset_materialization_events() if e.asset_key.path == ["raw", "documents"]]
    assert ingest.materialization.metadata["unchanged"].value == 7


# --- one bad item never fails a step -------------------------------------------------------------


def test_a_text_the_cleaning_fails_on_is_rejected_with_the_reason(workspace, monkeypatch):
    inbox, warehouse, _ = workspace
    (inbox / "undated.txt").write_text(UNDATED_MEETING, encoding="utf-8")
    import assets.clean

    real_clean = assets.clean.clean_document

    def failing_clean(raw_text, reference):
        if "Seitkali" in raw_text:
            raise ValueError("unbalanced quotation")
        return real_clean(raw_text, reference)

    monkeypatch.setattr(assets.clean, "clean_document", failing_clean)
    assert run(workspace).success
    [(reason, stage)] = query(warehouse, "select reason, stage from raw.rejected_documents where source_path = 'undated.txt'")
    assert stage == "clean" and "ValueError: unbalanced quotation" in reason
    assert query(warehouse, "select status from core.documents where source_path = 'undated.txt'") == [("rejected",)]
    assert query(warehouse, "select count(*) from core.documents where status = 'ok'")[0][0] == 5

    monkeypatch.setattr(assets.clean, "clean_document", real_clean)  # the cleaning is fixed
    assert run(workspace).success
    assert query(warehouse, "select count(*) from raw.rejected_documents") == [(0,)]
    assert query(warehouse, "select status from core.documents where source_path = 'undated.txt'") == [("ok",)]


def test_a_document_the_extractors_fail_on_is_listed_and_the_others_are_parsed(workspace, monkeypatch):
    inbox, warehouse, _ = workspace
    (inbox / "undated.txt").write_text(UNDATED_MEETING, encoding="utf-8")
    import pipeline.nlp.extract

    real_extract = pipeline.nlp.extract.extract_document

    def failing_extract(doc, doc_id, published, reference, *context):
        if doc_id != "warm-up" and "Seitkali" in doc.text:
            raise KeyError("no such sentence")
        return real_extract(doc, doc_id, published, reference, *context)

    # The parser process is forked from this one, so it inherits the patch.
    monkeypatch.setattr(pipeline.nlp.extract, "extract_document", failing_extract)
    first = run(workspace)
    assert first.success and parsed_count(first) == 6
    [(reason, stage)] = query(warehouse, "select reason, stage from raw.rejected_documents")
    assert stage == "extract" and "KeyError" in reason and "no such sentence" in reason
    counts = dict(query(warehouse, """select d.source_path, count(m.doc_id) from core.documents d
                                      left join core.mentions m using (doc_id) group by 1"""))
    assert counts.pop("undated.txt") == 0 and all(n > 0 for n in counts.values())

    second = run(workspace)  # the next run does not retry it: the extractors have not changed
    assert second.success and parsed_count(second) == 0
    assert query(warehouse, "select stage from raw.rejected_documents") == [("extract",)]


# --- the cleaning code is part of the extractor version --------------------------------------------

CLEANING_CHANGE = '''

_clean_document_before_change = clean_document


def clean_document(raw_text, reference):
    import dataclasses

    cleaned = _clean_document_before_change(raw_text, reference)
    return dataclasses.replace(cleaned, text="Filed by our correspondent.\\n\\n" + cleaned.text)
'''


def test_a_change_to_the_cleaning_code_parses_every_document_again(tmp_path):
    checkout = copy_code(tmp_path / "checkout")
    inbox = copy_articles(tmp_path / "inbox")
    warehouse = tmp_path / "warehouse.duckdb"
    env = pipeline_env(inbox, warehouse)

    def cli_run() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pipeline.cli", "run"], cwd=checkout, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)

    assert cli_run().returncode == 0
    versions_before = {row[0] for row in query(warehouse, "select extractor_version from core.extraction_state")}
    with open(checkout / "pipeline" / "text" / "clean.py", "a", encoding="utf-8") as handle:
        handle.write(CLEANING_CHANGE)
    second = cli_run()
    assert second.returncode == 0, second.stdout[-3000:]
    assert "5 documents to parse" in second.stdout
    versions_after = {row[0] for row in query(warehouse, "select extractor_version from core.extraction_state")}
    assert len(versions_after) == 1 and versions_after.isdisjoint(versions_before)
    texts = [row[0] for row in query(warehouse, "select text from core.documents where status = 'ok'")]
    assert len(texts) == 5 and all(text.startswith("Filed by our correspondent.") for text in texts)
    misplaced = query(warehouse, """select count(*) from core.mentions m join core.documents d using (doc_id)
                                    where substr(d.text, m.start_char + 1, m.end_char - m.start_char) <> m.text""")
    assert misplaced == [(0,)] and query(warehouse, "select count(*) from core.mentions")[0][0] > 100


# --- integrity checks block publishing -------------------------------------------------------------


def test_a_failed_integrity_check_keeps_the_last_published_copy(workspace):
    inbox, warehouse, published = workspace
    assert run(workspace).success
    copy = published / "warehouse.duckdb"
    before = (copy.stat().st_mtime_ns, (published / "report.html").read_bytes())
    with duckdb.connect(str(warehouse)) as conn:  # a bug that writes one interaction twice
        conn.execute("insert into core.interactions select * from core.interactions limit 1")
    (inbox / "undated.txt").write_text(UNDATED_MEETING, encoding="utf-8")

    failed = run(workspace, raise_on_error=False)
    assert not failed.success
    [failure] = [e for e in failed.all_events if e.is_step_failure]
    message = failure.event_specific_data.error.message
    assert "staging.stg_interactions integrity: unique (interaction_id)" in message and "rows" in message
    assert (copy.stat().st_mtime_ns, (published / "report.html").read_bytes()) == before
    checks = {(e.asset_check_evaluation_data.asset_key.to_user_string(), e.asset_check_evaluation_data.passed)
              for e in failed.all_events if e.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION}
    assert ("staging/stg_interactions", False) in checks

    # Nothing changed, but the build was never published: the next run fails the same way instead of
    # skipping the models as up to date.
    assert not run(workspace, raise_on_error=False).success
    assert copy.stat().st_mtime_ns == before[0]


def test_undated_interactions_pass_the_checks_and_stay_out_of_monthly_counts(workspace):
    inbox, warehouse, _ = workspace
    (inbox / "undated.txt").write_text(UNDATED_MEETING, encoding="utf-8")
    assert run(workspace).success
    undated = query(warehouse, """select count(*) from staging.stg_interactions i
                                  join core.documents d using (doc_id)
                                  where d.source_path = 'undated.txt' and i.event_month is null""")
    assert undated[0][0] >= 1
    assert query(warehouse, "select count(*) from marts.dyad_monthly where month is null") == [(0,)]


# --- what the tests of crashes and no-op runs must notice -----------------------------------------


def test_a_file_with_unchanged_size_and_time_is_not_read_again(workspace):
    inbox, warehouse, _ = workspace
    assert run(workspace).success
    target = sorted(inbox.glob("002_*.txt"))[0]
    stat = target.stat()
    original = target.read_bytes()
    target.write_bytes(original.replace(b"a", b"e", 1))  # same size, other bytes
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert run(workspace).success
    stored = query(warehouse, "select raw_text from raw.documents where source_path = ?", [target.name])[0][0]
    assert stored == original.decode("utf-8")


def test_a_run_with_nothing_new_rebuilds_and_republishes_nothing(workspace):
    _, _, published = workspace
    assert run(workspace).success
    copy = published / "warehouse.duckdb"
    before = copy.stat().st_mtime_ns
    second = run(workspace)
    assert second.success and parsed_count(second) == 0
    assert not {key for key in materialized(second) if key.startswith(("staging/", "marts/", "published/"))}
    assert copy.stat().st_mtime_ns == before


def test_a_crash_inside_a_chunk_loses_only_that_chunk(tmp_path, monkeypatch):
    from benchmarks.corpus import generate_corpus

    generate_corpus(12, seed=3, out_dir=tmp_path / "corpus")
    inbox = tmp_path / "corpus" / "articles"
    reference = tmp_path / "reference" / "warehouse.duckdb"
    assert run_pipeline(inbox_dir=inbox, warehouse_path=reference).success
    expected = public_state(reference)

    import assets.nlp

    real_insert = assets.nlp.insert_frame
    calls = {"mentions": 0}

    def crashing_insert(conn, table, frame):
        if table == "core.mentions":
            calls["mentions"] += 1
            if calls["mentions"] == 2:  # the second chunk dies half-written
                raise RuntimeError("simulated crash while writing a chunk")
        return real_insert(conn, table, frame)

    monkeypatch.setenv("PIPELINE_NLP_CHUNK_SIZE", "4")
    monkeypatch.setattr(assets.nlp, "insert_frame", crashing_insert)
    warehouse = tmp_path / "warehouse.duckdb"
    assert not run_pipeline(inbox_dir=inbox, warehouse_path=warehouse, raise_on_error=False).success
    assert query(warehouse, "select count(*) from core.extraction_state") == [(4,)]
    monkeypatch.setattr(assets.nlp, "insert_frame", real_insert)
    rerun = run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)
    assert parsed_count(rerun) == 8
    assert public_state(warehouse) == expected


def test_a_crash_while_publishing_is_published_by_the_next_run(workspace, monkeypatch):
    inbox, _, published = workspace
    assert run(workspace).success
    (inbox / "undated.txt").write_text(UNDATED_MEETING, encoding="utf-8")
    import assets.publish

    real_publish = assets.publish.publish

    def crashing_publish(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(assets.publish, "publish", crashing_publish)
    assert not run(workspace, raise_on_error=False).success
    monkeypatch.setattr(assets.publish, "publish", real_publish)
    assert run(workspace).success
    assert query(published / "warehouse.duckdb",
                 "select count(*) from core.documents where source_path = 'undated.txt'") == [(1,)]
