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
    expected = {
        dt.date(2024, 1, 1): (1, 0, 0, 0, 0, 1, 0.3),
        dt.date(2024, 7, 1): (1, 1, 0, 0, 0, 0, 1.0),
        dt.date(2024, 11, 1): (1, 0, 1, 0, 0, 0, 0.7),
        dt.date(2025, 3, 1): (2, 0, 0, 0, 2, 0, 0.8),
        dt.date(2025, 4, 1): (1, 1, 0, 0, 0, 0, 1.0),
        dt.date(2026, 1, 1): (1, 0, 0, 1, 0, 0, 0.7),
    }
    assert set(by_month) == set(expected)
    for month, values in expected.items():
        *counts, intensity = by_month[month]
        assert tuple(counts) == values[:-1], month
        assert intensity == pytest.approx(values[-1]), month
    total = marts.execute("select sum(interactions), sum(contact_intensity) from marts.dyad_monthly where dyad = ?",
                          [AZE_CHN]).fetchone()
    assert total[0] == 7 and total[1] == pytest.approx(4.5)


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
