"""Every mart against values computed by hand from the five bundled articles.

Reading the articles: eight contacts between named people, seven of them between an Azerbaijani and
a Chinese official (the meeting with the SCO Secretary-General involves one state only):
  2024-01 ambassador and institute director (004, undated; month of publication)       ambassador 0.3
  2024-07 the two presidents, recalled with its date July 3, 2024 (000)                  head of state 1.0
  2024-11 vice premier and deputy prime minister "on Wednesday" (002)                    deputy head of government 0.7
  2025-03 deputy foreign minister with the assistant foreign minister (000, undated)     deputy minister 0.4
  2025-03 deputy foreign minister with a vice minister "Thursday" (000)                  deputy minister 0.4
  2025-04 the president and the premier in Beijing on April 23 (003)                     head of state 1.0
  2026-01 the two foreign ministers (001, dated only by the inferred publication date)   foreign minister 0.7
"""

from __future__ import annotations

import datetime as dt

import pytest

AZE_CHN = "AZE-CHN"


@pytest.fixture()
def marts(seeded_db):
    return seeded_db


def test_dyad_monthly_counts_levels_and_intensity(marts):
    rows = marts.execute(
        """select month, interactions, head_of_state, deputy_head_of_government, foreign_minister,
                  deputy_minister, ambassador, contact_intensity
           from marts.dyad_monthly where dyad = ? order by month""",
        [AZE_CHN],
    ).fetchall()
    by_month = {month: row for month, *row in rows}
    # Every act between the two states counts, contacts and statements alike, each at the level of
    # its most senior named participant (other_official when it names none):
    expected = {
        dt.date(2024, 1, 1): (1, 0, 0, 0, 0, 1, 0.3),  # the ambassador's meeting at the Academy
        dt.date(2024, 7, 1): (1, 1, 0, 0, 0, 0, 1.0),  # the presidents' meeting the articles recall
        # the vice premiers' talks and five statements of the Chinese side in them (willingness,
        # seeking, noting, connectivity, a call); one names no one
        dt.date(2024, 11, 1): (6, 0, 5, 0, 0, 0, 3.7),
        dt.date(2025, 3, 1): (2, 0, 0, 0, 2, 0, 0.8),  # the deputy foreign minister's two meetings
        # the president's meeting with the premier, the sides' two shared statements and the premier's
        # readiness to help; the support stated in the passive names no one
        dt.date(2025, 4, 1): (4, 3, 0, 0, 0, 0, 3.2),
        dt.date(2026, 1, 1): (1, 0, 0, 1, 0, 0, 0.7),  # the foreign ministers' meeting
    }
    assert set(by_month) == set(expected)
    for month, values in expected.items():
        *counts, intensity = by_month[month]
        assert tuple(counts) == values[:-1], month
        assert intensity == pytest.approx(values[-1]), month
    total = marts.execute("select sum(interactions), sum(contact_intensity) from marts.dyad_monthly where dyad = ?",
                          [AZE_CHN]).fetchone()
    assert total[0] == 15 and total[1] == pytest.approx(9.7)


def test_actor_profiles_counterparts(marts):
    row = marts.execute(
        "select country_code, interactions, counterparts from marts.actor_profiles where name = 'Elnur Mammadov'"
    ).fetchone()
    assert row[0] == "AZE" and row[1] == 3
    assert sorted(row[2]) == ["Chen Zhou", "Liu Bin", "Nurlan Yermekbayev"]


def test_economic_figures_trade_turnover(marts):
    rows = marts.execute(
        "select kind, value, unit, period, topic, dyad from marts.economic_figures order by kind, value"
    ).fetchall()
    assert len(rows) == 3
    money = [row for row in rows if row[0] == "money"]
    assert money == [("money", 3.7e9, "USD", "2024", "trade", AZE_CHN)]
    assert sorted(row[1] for row in rows if row[0] == "percent") == [20.0, 40.0]


def test_topic_trends_shares(marts):
    share, articles = marts.execute(
        "select share, articles from marts.topic_trends where dyad = ? and month = '2025-04-01' and topic = 'trade'",
        [AZE_CHN],
    ).fetchone()
    assert (share, articles) == (1.0, 1)
    months = marts.execute(
        "select count(distinct month) from marts.topic_trends where dyad = ?", [AZE_CHN]
    ).fetchone()[0]
    assert months == 5  # the five articles were published in five different months


def test_entity_cooccurrence_of_the_two_states(marts):
    articles = marts.execute(
        """select article_count from marts.entity_cooccurrence
           where least(entity_a_name, entity_b_name) = 'Azerbaijan' and greatest(entity_a_name, entity_b_name) = 'China'"""
    ).fetchone()[0]
    assert articles == 5


def test_relationship_milestones(marts):
    rows = marts.execute(
        "select level, milestone_date, reports from marts.relationship_milestones where dyad = ?", [AZE_CHN]
    ).fetchall()
    levels = {(level, date) for level, date, _ in rows}
    assert ("comprehensive_strategic_partnership", dt.date(2025, 4, 23)) in levels
    strategic = [reports for level, date, reports in rows if level == "strategic_partnership" and date == dt.date(2024, 7, 3)]
    assert strategic and strategic[0] >= 2, "the July 2024 declaration is reported by several articles"


# ---------------------------------------------------------------------------------------------
# Quad classes and directed events, recomputed here from core.interactions and ref.event_codes.
# Which reports are one event is staging's definition (event_key, tested in tests/unit/test_marts.py);
# the quad class, Goldstein weight, date and direction of every event are read from the core rows.

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def _core_events(conn) -> dict[str, dict]:
    """event_key -> the event's month (None when dyad_monthly cannot place it), quad class, Goldstein
    weight, country set and direction, each taken from its earliest report as the marts do."""
    reference = {}
    for code, quad in conn.execute("select trim(cameo_code), quad_class from ref.event_codes").fetchall():
        reference.setdefault(code, quad)
    type_codes = dict(conn.execute("select interaction_type, min(cameo_code) from ref.event_codes group by 1").fetchall())
    reports = conn.execute(
        """select s.event_key, s.event_month, s.resolved_event_date, i.is_recalled, i.quad_class, i.event_code,
                  i.interaction_type, i.goldstein, i.country_codes, i.source_country, i.target_country,
                  i.sentence, i.doc_id, d.published_date, i.sentence_index, i.interaction_id
           from core.interactions as i
           join core.documents as d on d.doc_id = i.doc_id and d.status = 'ok'
           join staging.stg_interactions as s on s.interaction_id = i.interaction_id"""
    ).fetchall()
    events: dict[str, dict] = {}
    for (key, month, resolved, recalled, quad, code, kind, goldstein, countries, source, target, sentence, doc_id,
         published, sentence_index, interaction_id) in sorted(
            reports, key=lambda r: (str(r[13]), r[12], r[14], r[15])):
        code = (code or "").strip() or type_codes.get(kind)
        quad = quad or reference.get(code) or reference.get(code[:2] + "0")
        dated = month is not None and (not recalled or resolved is not None)
        event = events.setdefault(key, {"month": None, "quad": quad, "goldstein": goldstein, "countries": set(),
                                        "direction": None, "docs": set(), "sentence": None})
        event["countries"] |= set(countries)
        if dated:
            event["month"] = month
            event["docs"].add(doc_id)
            if event["direction"] is None and source and target and source != target:
                event["direction"] = (source, target, code[:2])
                event["sentence"] = sentence
    return events


def _pair_events(events: dict[str, dict], dated_only: bool) -> dict[tuple, list[dict]]:
    pairs: dict[tuple, list[dict]] = {}
    for event in events.values():
        if dated_only and event["month"] is None:
            continue
        codes = sorted(event["countries"])
        for i, a in enumerate(codes):
            for b in codes[i + 1:]:
                pairs.setdefault((f"{a}-{b}", event["month"] if dated_only else None), []).append(event)
    return pairs


def _quad_numbers(events: list[dict]) -> dict:
    classified = [e for e in events if e["quad"]]
    weights = [e["goldstein"] for e in events if e["goldstein"] is not None]
    return {
        **{quad: sum(1 for e in events if e["quad"] == quad) for quad in QUADS},
        "goldstein_total": sum(weights),
        "goldstein_mean": sum(weights) / len(weights) if weights else None,
        "cooperation_share": (sum(1 for e in classified if e["quad"].endswith("_cooperation")) / len(classified)
                              if classified else None),
    }


def _assert_quad_numbers(row: dict, expected: dict, where: object) -> None:
    for column in QUADS:
        assert row[column] == expected[column], (where, column)
    for column in ("goldstein_total", "goldstein_mean", "cooperation_share"):
        if expected[column] is None:
            assert row[column] is None, (where, column)
        else:
            assert row[column] == pytest.approx(expected[column]), (where, column)


def _rows(conn, sql: str) -> list[dict]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_dyad_monthly_quad_classes_agree_with_core_interactions(marts):
    expected = _pair_events(_core_events(marts), dated_only=True)
    monthly = _rows(marts, "select * from marts.dyad_monthly")
    assert {(r["dyad"], r["month"]) for r in monthly if r["interactions"]} == set(expected)
    for row in monthly:
        events = expected.get((row["dyad"], row["month"]), [])
        _assert_quad_numbers(row, _quad_numbers(events), (row["dyad"], row["month"]))
        assert sum(row[quad] for quad in QUADS) == row["interactions"], "every bundled event has a quad class"
    assert sum(r["verbal_cooperation"] for r in monthly if r["dyad"] == AZE_CHN) > 0


def test_dyad_summary_quad_classes_agree_with_core_interactions(marts):
    expected = _pair_events(_core_events(marts), dated_only=False)
    summary = _rows(marts, "select * from marts.dyad_summary")
    assert {r["dyad"] for r in summary if r["interactions"]} == {dyad for dyad, _ in expected}
    for row in summary:
        _assert_quad_numbers(row, _quad_numbers(expected.get((row["dyad"], None), [])), row["dyad"])


def test_directed_events_monthly_agrees_with_core_interactions(marts):
    expected: dict[tuple, list[dict]] = {}
    for event in _core_events(marts).values():
        if event["month"] is not None and event["direction"]:
            source, target, root = event["direction"]
            expected.setdefault((source, target, event["month"], root), []).append(event)
    directed = _rows(marts, "select * from marts.directed_events_monthly")
    assert {(r["source_country"], r["target_country"], r["month"], r["root_code"]) for r in directed} == set(expected)
    # The bundled articles have acts in both directions and of several CAMEO roots.
    assert {(r["source_country"], r["target_country"]) for r in directed} == {("AZE", "CHN"), ("CHN", "AZE")}
    assert len({r["root_code"] for r in directed}) > 1
    names = dict(marts.execute("select iso3, name from ref.countries").fetchall())
    for row in directed:
        events = expected[(row["source_country"], row["target_country"], row["month"], row["root_code"])]
        assert row["events"] == len(events)
        assert row["goldstein_total"] == pytest.approx(sum(e["goldstein"] or 0 for e in events))
        assert row["quad_class"] in {e["quad"] for e in events}
        assert row["doc_ids"] == sorted(set().union(*(e["docs"] for e in events)))
        assert row["sentence"] in {e["sentence"] for e in events}
        assert (row["source_name"], row["target_name"]) == (names[row["source_country"]], names[row["target_country"]])
        assert row["root_label"]
