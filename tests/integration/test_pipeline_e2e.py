"""The full graph on the five bundled articles, checked against the hand-made annotations."""

from __future__ import annotations

import datetime as dt
import json

from corpus_files import GOLD


def _person_id(conn, name):
    row = conn.execute(
        "select entity_id from core.entities where entity_type = 'person' and canonical_name = ?", [name]
    ).fetchone()
    assert row, f"{name} is not an entity"
    return row[0]


def test_run_succeeds_and_every_check_passes(seeded_run):
    _, _, result = seeded_run
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert evaluations, "asset checks must run with the job"
    failed = [e.check_name for e in evaluations if not e.passed]
    assert failed == []


def test_without_the_command_line_the_ingest_step_starts_the_parser(seeded_run):
    _, _, result = seeded_run
    [entities] = [event.materialization for event in result.get_asset_materialization_events()
                  if event.asset_key.path == ["core", "entities"]]
    assert entities.metadata["nlp_parser_started"].value == "the ingest step"


def test_documents_have_outlets_and_dates_with_provenance(seeded_db):
    gold = json.loads(GOLD.read_text())
    rows = {
        path: (outlet, published, source)
        for path, outlet, published, source in seeded_db.execute(
            "select source_path, outlet, published_date, published_date_source from core.documents"
        ).fetchall()
    }
    assert len(rows) == 5
    for document in gold["documents"]:
        outlet, published, source = rows[document["file"]]
        assert outlet == document["outlet"]
        acceptable = [document["published_date"], *document.get("published_date_acceptable", [])]
        assert (published.isoformat() if published else None) in acceptable
        if published is not None:
            assert source in {"header", "dateline", "byline", "inferred"}
    # The Trend article's dateline gives no year: never a silently assumed one.
    published, source = seeded_db.execute(
        "select published_date, published_date_source from core.documents where source_path like '001_%'"
    ).fetchone()
    assert published is None or (published == dt.date(2026, 1, 28) and source == "inferred")


def test_head_of_state_meeting_in_beijing(seeded_db):
    president = _person_id(seeded_db, "Ilham Aliyev")
    premier = _person_id(seeded_db, "Li Qiang")
    rows = seeded_db.execute(
        """select event_date, place, country_codes from core.interactions i
           join core.documents d using (doc_id)
           where d.source_path like '003_%' and list_contains(participant_ids, ?)
             and list_contains(participant_ids, ?)""",
        [president, premier],
    ).fetchall()
    assert rows, "the Aliyev - Li Qiang meeting is missing"
    event_date, place, countries = rows[0]
    assert event_date == dt.date(2025, 4, 23)
    assert place == "Beijing"
    assert sorted(countries) == ["AZE", "CHN"]


def test_trade_turnover_figure(seeded_db):
    rows = seeded_db.execute(
        "select text, value, unit, period from core.quantities where kind = 'money'"
    ).fetchall()
    figures = {text: (value, unit, period) for text, value, unit, period in rows}
    assert any("3.7 billion" in text for text in figures)
    value, unit, period = next(v for t, v in figures.items() if "3.7 billion" in t)
    assert value == 3.7e9 and unit == "USD" and period == "2024"
    percents = {text for (text,) in seeded_db.execute("select text from core.quantities where kind = 'percent'").fetchall()}
    assert any("20 percent" in p for p in percents) and any("40 percent" in p for p in percents)


def test_foreign_minister_of_china(seeded_db):
    minister = _person_id(seeded_db, "Wang Yi")
    rows = seeded_db.execute(
        "select title, rank, country_code from core.person_roles where entity_id = ?", [minister]
    ).fetchall()
    assert rows
    assert {(rank, country) for _, rank, country in rows} == {("foreign_minister", "CHN")}


def test_bad_files_are_rejected_and_the_run_goes_on(tmp_path):
    from corpus_files import copy_articles
    from pipeline.runner import run_pipeline
    import duckdb

    inbox = copy_articles(tmp_path / "inbox")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inbox / "german.txt").write_text(
        "Die Außenminister beider Länder trafen sich am Mittwoch in Berlin, um über die Zusammenarbeit "
        "in den Bereichen Handel, Energie und Verkehr zu sprechen. Beide Seiten betonten die Bedeutung "
        "der strategischen Partnerschaft und vereinbarten weitere Treffen im kommenden Jahr.",
        encoding="utf-8",
    )
    warehouse = tmp_path / "warehouse.duckdb"
    result = run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        reasons = dict(conn.execute("select source_path, reason from raw.rejected_documents").fetchall())
        ok = conn.execute("select count(*) from core.documents where status = 'ok'").fetchone()[0]
        statuses = dict(conn.execute("select source_path, status from core.documents").fetchall())
    assert set(reasons) == {"empty.txt", "picture.txt", "german.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["picture.txt"]
    assert "English" in reasons["german.txt"] and "de" in reasons["german.txt"]
    assert ok == 5
    assert statuses["german.txt"] == "rejected"
