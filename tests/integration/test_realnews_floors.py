"""The real-news development set (tests/data/realnews/: 119 openly licensed texts, 45 of them with no
act between states) through the whole pipeline, scored against its hand-made gold.

The directed events, the persons, the meetings and their dates are held to the product's targets for
them; the other floors are what the extraction reaches today, a little below the measured value so that
a change that loses ground fails here (their targets, listed under the README's results table, are
higher and not yet met).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.evaluate import score_warehouse
from pipeline.runner import run_pipeline

REALNEWS = Path(__file__).resolve().parents[1] / "data" / "realnews"


@pytest.fixture(scope="module")
def realnews_metrics(tmp_path_factory):
    root = tmp_path_factory.mktemp("realnews")
    inbox = root / "inbox"
    shutil.copytree(REALNEWS / "articles", inbox)
    warehouse = root / "warehouse.duckdb"
    run_pipeline(inbox_dir=inbox, warehouse_path=warehouse, published_dir=root / "published")
    return score_warehouse(warehouse, REALNEWS / "gold.json").metrics


def test_persons_and_organisations_meet_their_targets(realnews_metrics):
    assert realnews_metrics["persons"].f1 >= 0.95
    assert realnews_metrics["organizations"].f1 >= 0.80
    assert realnews_metrics["person_country"].accuracy >= 0.90


def test_entities_hold_their_ground(realnews_metrics):
    assert realnews_metrics["countries"].f1 >= 0.96


def test_contacts_hold_their_ground(realnews_metrics):
    metrics = realnews_metrics
    assert metrics["meetings"].f1 >= 0.85
    assert metrics["meeting_dates"].accuracy >= 0.90


def test_general_news_yields_no_interactions(realnews_metrics):
    rate = realnews_metrics["false_interactions"]
    assert rate.documents >= 40
    assert rate.per_100 <= 2.0, rate.items


def test_directed_events_meet_their_targets(realnews_metrics):
    metrics = realnews_metrics
    assert metrics["events"].recall >= 0.70
    assert metrics["events"].precision >= 0.80
    assert metrics["conflict_events"].recall >= 0.60
    assert metrics["event_direction"].accuracy >= 0.90
    assert metrics["event_quad"].accuracy >= 0.90


def test_money_and_percent_figures_hold_their_ground(realnews_metrics):
    # Many of the set's figures are written in words, as broadcast scripts write them.
    assert realnews_metrics["money"].precision >= 0.95
    assert realnews_metrics["money"].f1 >= 0.90
    assert realnews_metrics["percents"].f1 >= 0.95


def test_general_news_keeps_only_its_leading_topics(realnews_metrics):
    # Without relations between states a topic met in passing is dropped: precision rises, recall stays high.
    assert realnews_metrics["topics"].precision >= 0.49
    assert realnews_metrics["topics"].recall >= 0.88
    assert realnews_metrics["topics"].f1 >= 0.63


def test_milestones_hold_their_ground(realnews_metrics):
    # Anniversaries of diplomatic relations in several wordings; a level only where the text sets one.
    assert realnews_metrics["milestones"].precision >= 0.90
    assert realnews_metrics["milestones"].f1 >= 0.45
