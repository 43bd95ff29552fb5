"""Quad class counts, Goldstein means, cooperation shares and directed rows on hand-written acts.

The documents, people and topics are those of test_marts.py; the interactions are replaced by
invented acts of every quad class between its states (no named participants, so reports of one act
share an event through their country set):
- d1 (5 Mar): Kazakhstan criticised India on 4 Mar (CAMEO 111).
- d2 (6 Mar): the same criticism, with its sides read the wrong way round (India as the actor);
  India sanctioned Kazakhstan on 2 Mar (no code or class of its own: both come from ref.event_codes);
  the two sides met on 4 Mar.
- d5 (10 Apr): Kazakhstan sent humanitarian aid to India on 9 Apr (code 0731, absent from the
  reference: its class comes from its root 07); Kazakhstan and Uzbekistan signed an agreement that
  day; India's undated earlier accusation of Kazakhstan is recalled; Uzbekistan criticised the
  European Union, a body rather than a state.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from pipeline.sql_models import evaluate_checks, load_sql_models

try:  # the hand-made warehouse rows live beside the mart tests
    from tests.unit.test_marts import SQL_DIR, build_warehouse, rows
except ImportError:  # pytest's default import mode puts this folder, not the root, on sys.path
    from test_marts import SQL_DIR, build_warehouse, rows

MARCH_2, MARCH_4, APRIL_9 = date(2024, 3, 2), date(2024, 3, 4), date(2024, 4, 9)
MARCH, APRIL = date(2024, 3, 1), date(2024, 4, 1)
EU = "European Union"

EVENT_CODES = [
    ("meeting", "040", "CONSULT", "Consult", 1.0, "verbal_cooperation"),
    ("diplomatic_cooperation", "050", "COOPERATE", "Engage in diplomatic cooperation", 3.5, "verbal_cooperation"),
    ("agreement_signed", "057", "AGREE", "Sign formal agreement", 8.0, "verbal_cooperation"),
    ("aid", "070", "AID", "Provide aid", 7.0, "material_cooperation"),
    ("disapproval", "110", "ACCUSE", "Disapprove", -2.0, "verbal_conflict"),
    ("criticism", "111", "ACCUSE", "Criticize or denounce", -2.0, "verbal_conflict"),
    ("accusation", "112", "ACCUSE", "Accuse", -2.0, "verbal_conflict"),
    ("reduced_relations", "160", "REDUCE", "Reduce relations", -4.0, "material_conflict"),
    ("sanctions", "163", "SANCTION", "Impose embargo boycott or sanctions", -8.0, "material_conflict"),
]


def _act(interaction_id, doc_id, interaction_type, code, goldstein, when, countries, source, target, quad,
         sentence_index=0, recalled=False):
    return (interaction_id, doc_id, interaction_type, code, goldstein, when, "day" if when else None, None, [],
            countries, recalled, f"sentence {interaction_id}", sentence_index, False, source, target, quad)


INTERACTIONS = [
    _act("a1", "d1", "criticism", "111", -2.0, MARCH_4, ["KAZ", "IND"], "KAZ", "IND", "verbal_conflict"),
    _act("a2", "d2", "criticism", "111", -2.0, MARCH_4, ["IND", "KAZ"], "IND", "KAZ", "verbal_conflict"),
    _act("a3", "d2", "sanctions", None, -8.0, MARCH_2, ["IND", "KAZ"], "IND", "KAZ", None, 1),
    _act("a4", "d2", "meeting", "040", 1.0, MARCH_4, ["IND", "KAZ"], "IND", "KAZ", "verbal_cooperation", 2),
    _act("a5", "d5", "aid", "0731", 7.4, APRIL_9, ["KAZ", "IND"], "KAZ", "IND", None),
    _act("a6", "d5", "agreement_signed", "057", 8.0, APRIL_9, ["KAZ", "UZB"], "KAZ", "UZB", "verbal_cooperation", 1),
    _act("a7", "d5", "accusation", "112", -2.0, None, ["IND", "KAZ"], "IND", "KAZ", "verbal_conflict", 2, True),
    _act("a8", "d5", "criticism", "111", -2.0, APRIL_9, ["UZB"], "UZB", EU, "verbal_conflict", 3),
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("quad") / "warehouse.duckdb"
    conn = duckdb.connect(str(path))
    build_warehouse(conn, {"core.interactions": INTERACTIONS, "ref.event_codes": EVENT_CODES})
    yield conn
    conn.close()


QUAD_COLUMNS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def _quads(row: dict) -> tuple[int, ...]:
    return tuple(row[column] for column in QUAD_COLUMNS)


def test_staging_fills_quad_class_and_root_from_the_reference(warehouse):
    staged = {r["interaction_id"]: r for r in rows(warehouse, "select * from staging.stg_interactions")}
    # a3 has neither code nor class: its type's code 163; a5's code 0731 is unknown, its root 07 is not.
    assert (staged["a3"]["quad_class"], staged["a3"]["root_code"], staged["a3"]["root_label"]) == (
        "material_conflict", "16", "Reduce relations")
    assert (staged["a5"]["quad_class"], staged["a5"]["root_code"], staged["a5"]["root_label"]) == (
        "material_cooperation", "07", "Provide aid")
    assert (staged["a1"]["event_quad_class"], staged["a1"]["root_label"]) == ("verbal_conflict", "Disapprove")
    assert staged["a1"]["event_key"] == staged["a2"]["event_key"]
    dyads = rows(warehouse, "select * from staging.stg_interaction_dyads where interaction_id = 'a3'")
    assert [(d["dyad"], d["source_country"], d["target_country"], d["quad_class"], d["root_code"]) for d in dyads] == [
        ("IND-KAZ", "IND", "KAZ", "material_conflict", "16")]


def test_dyad_monthly_counts_events_per_quad_class(warehouse):
    monthly = {(r["dyad"], r["month"]): r for r in rows(warehouse, "select * from marts.dyad_monthly")}
    march = monthly[("IND-KAZ", MARCH)]
    # The criticism reported twice is one event; the sanction and the meeting are two more.
    assert march["interactions"] == 3
    assert _quads(march) == (1, 0, 1, 1)
    assert march["goldstein_total"] == pytest.approx(-2.0 - 8.0 + 1.0)
    assert march["goldstein_mean"] == pytest.approx(-9.0 / 3)
    assert march["cooperation_share"] == pytest.approx(1 / 3)
    april = monthly[("IND-KAZ", APRIL)]
    # The recalled undated accusation has no month: dyad_summary counts it, dyad_monthly does not.
    assert (april["interactions"], _quads(april)) == (1, (0, 1, 0, 0))
    assert (april["goldstein_mean"], april["cooperation_share"]) == (pytest.approx(7.4), 1.0)
    agreement = monthly[("KAZ-UZB", APRIL)]
    assert (_quads(agreement), agreement["goldstein_mean"], agreement["cooperation_share"]) == (
        (1, 0, 0, 0), 8.0, 1.0)
    # A month with articles and no event has no mean and no share, not zero.
    articles_only = monthly[("IND-UZB", APRIL)]
    assert (articles_only["interactions"], _quads(articles_only)) == (0, (0, 0, 0, 0))
    assert articles_only["goldstein_mean"] is None and articles_only["cooperation_share"] is None
    assert articles_only["goldstein_total"] == 0


def test_dyad_summary_counts_undated_events_per_quad_class(warehouse):
    summary = rows(warehouse, "select * from marts.dyad_summary where dyad = 'IND-KAZ'")[0]
    assert (summary["interactions"], summary["undated_interactions"]) == (5, 1)
    assert _quads(summary) == (1, 1, 2, 1)
    assert summary["goldstein_total"] == pytest.approx(-2.0 - 8.0 + 1.0 + 7.4 - 2.0)
    assert summary["goldstein_mean"] == pytest.approx((-2.0 - 8.0 + 1.0 + 7.4 - 2.0) / 5)
    assert summary["cooperation_share"] == pytest.approx(2 / 5)
    no_events = rows(warehouse, "select * from marts.dyad_summary where dyad = 'IND-UZB'")[0]
    assert no_events["cooperation_share"] is None and no_events["goldstein_mean"] is None


def test_directed_events_monthly_rows(warehouse):
    directed = {
        (r["source_country"], r["target_country"], r["month"], r["root_code"]): r
        for r in rows(warehouse, "select * from marts.directed_events_monthly")
    }
    assert set(directed) == {
        ("KAZ", "IND", MARCH, "11"),   # the criticism, in the direction of its earliest report (d1)
        ("IND", "KAZ", MARCH, "16"),
        ("IND", "KAZ", MARCH, "04"),
        ("KAZ", "IND", APRIL, "07"),
        ("KAZ", "UZB", APRIL, "05"),
        ("UZB", EU, APRIL, "11"),
    }
    criticism = directed[("KAZ", "IND", MARCH, "11")]
    assert (criticism["source_name"], criticism["target_name"]) == ("Kazakhstan", "India")
    assert (criticism["root_label"], criticism["quad_class"], criticism["events"]) == (
        "Disapprove", "verbal_conflict", 1)
    assert (criticism["goldstein_total"], criticism["goldstein_mean"]) == (-2.0, -2.0)
    assert criticism["sentence"] == "sentence a1"
    assert criticism["doc_ids"] == ["d1", "d2"]
    sanction = directed[("IND", "KAZ", MARCH, "16")]
    assert (sanction["root_label"], sanction["quad_class"], sanction["goldstein_total"], sanction["doc_ids"]) == (
        "Reduce relations", "material_conflict", -8.0, ["d2"])
    aid = directed[("KAZ", "IND", APRIL, "07")]
    assert (aid["quad_class"], aid["events"], aid["goldstein_mean"]) == ("material_cooperation", 1, pytest.approx(7.4))
    body = directed[("UZB", EU, APRIL, "11")]
    assert (body["source_name"], body["target_name"]) == ("Uzbekistan", EU)
    # Every directed event between two states is one of the pair's events of that month.
    for (source, target, month, _), row in directed.items():
        if target == EU:
            continue
        dyad = "-".join(sorted((source, target)))
        counted = warehouse.execute(
            "select interactions from marts.dyad_monthly where dyad = ? and month = ?", [dyad, month]).fetchone()[0]
        assert row["events"] <= counted


def test_the_new_marts_pass_their_declared_checks(warehouse):
    for name in ("marts.dyad_monthly", "marts.dyad_summary", "marts.directed_events_monthly"):
        model = next(m for m in load_sql_models(SQL_DIR) if m.qualified_name == name)
        failed = [o.name for o in evaluate_checks(warehouse, model) if not o.passed]
        assert failed == [], name
