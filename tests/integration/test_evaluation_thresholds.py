"""The built-in evaluation on the bundled articles, with the product's quality thresholds."""

from __future__ import annotations

from corpus_files import GOLD
from pipeline.evaluate import score_warehouse


def test_bundled_articles_meet_the_quality_thresholds(seeded_run):
    warehouse, _, _ = seeded_run
    metrics = score_warehouse(warehouse, GOLD).metrics
    assert metrics["persons"].f1 >= 0.95
    assert metrics["person_country"].accuracy >= 0.95
    assert metrics["countries"].f1 >= 0.95
    assert metrics["organizations"].f1 >= 0.85
    assert metrics["meetings"].f1 >= 0.85
    assert metrics["meeting_dates"].accuracy >= 0.8
    assert (metrics["published_dates"].correct, metrics["published_dates"].total) == (5, 5)
    assert metrics["topics"].f1 >= 0.8
    assert metrics["money"].recall == 1.0 and metrics["percents"].recall == 1.0
