"""A corpus in which no article is dated still yields relationship metrics (marts.dyad_summary).

marts.dyad_monthly is a monthly series and has no row for work whose month is unknown; the pair-level
summary counts it, and the report and the run summary read the summary.
"""

from __future__ import annotations

import re

import duckdb
import pytest

from pipeline.cli import print_summary
from pipeline.runner import run_pipeline

UNDATED_ARTICLES = {
    "talks.txt": (
        "Azerbaijan and China discuss cooperation\n\n"
        "Azerbaijani Deputy Foreign Minister Elnur Mammadov held talks with Chinese Assistant Foreign "
        "Minister Liu Bin in Beijing. The sides discussed cooperation in trade, energy, transport and "
        "logistics, and highlighted the importance of high level reciprocal visits between Azerbaijan "
        "and China.\n"
    ),
    "visit.txt": (
        "Chinese minister visits Baku\n\n"
        "Chinese Minister of Commerce Wang Wentao met Azerbaijani Minister of Economy Mikayil Jabbarov "
        "in Baku. The ministers discussed trade and investment between China and Azerbaijan and agreed "
        "to expand cooperation in transport and green energy.\n"
    ),
}


@pytest.fixture(scope="module")
def undated_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("undated")
    inbox = root / "inbox"
    inbox.mkdir()
    for name, text in UNDATED_ARTICLES.items():
        (inbox / name).write_text(text, encoding="utf-8")
    result = run_pipeline(inbox_dir=inbox, warehouse_path=root / "warehouse.duckdb")
    assert result.success
    return root / "published"


def test_no_article_is_dated_and_the_monthly_series_is_empty(undated_run):
    with duckdb.connect(str(undated_run / "warehouse.duckdb"), read_only=True) as conn:
        assert conn.execute("select count(*) from core.documents where published_date is not null").fetchone()[0] == 0
        assert conn.execute("select count(*) from core.interactions").fetchone()[0] > 0
        assert conn.execute("select count(*) from marts.dyad_monthly").fetchone()[0] == 0


def test_the_pair_summary_counts_undated_articles_and_interactions(undated_run):
    with duckdb.connect(str(undated_run / "warehouse.duckdb"), read_only=True) as conn:
        row = conn.execute(
            "select articles, undated_articles, interactions, undated_interactions, contact_intensity, "
            "first_month, last_month, undated_share from marts.dyad_summary where dyad = 'AZE-CHN'"
        ).fetchone()
    assert row is not None
    articles, undated_articles, interactions, undated_interactions, intensity, first, last, share = row
    assert articles == undated_articles == 2
    assert interactions == undated_interactions >= 1
    assert intensity > 0
    assert first is None and last is None
    assert share == 1.0


def test_report_and_run_summary_show_the_undated_pair(undated_run, capsys):
    page = (undated_run / "report.html").read_text(encoding="utf-8")
    assert 'data-dyad="AZE-CHN"' in page
    assert re.search(r'id="kpi-articles" data-value="2"', page)
    assert re.search(r'id="kpi-undated-articles" data-value="2"', page)
    print_summary(undated_run / "warehouse.duckdb")
    printed = capsys.readouterr().out
    assert re.search(r"Azerbaijan - China\s+\d+ \(\d+\)\s+2 \(2\)", printed), printed
