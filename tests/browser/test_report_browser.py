"""The report opened from disk in headless Chromium: every chart draws, no script error, right numbers."""

from __future__ import annotations

import html
import re
from pathlib import Path

import duckdb
import pytest
from bs4 import BeautifulSoup

CHART_IDS = ("chart-timeline", "chart-quad", "chart-topics", "chart-network")


@pytest.fixture(scope="module")
def rendered(browser, published_report) -> BeautifulSoup:
    dom = browser.dump_dom(published_report.as_uri())
    assert "<body" in dom, "Chromium returned no DOM"
    return BeautifulSoup(dom, "html.parser")


def drawn_marks(chart) -> int:
    """Marks plotly drew in a chart: bar/line/marker paths with geometry and heat-map images."""
    paths = [p for p in chart.select("g.trace path") if (p.get("d") or "").strip() not in ("", "M0,0Z")]
    images = chart.select("g.hm image")
    return len(paths) + len(images)


def test_every_chart_is_drawn(rendered):
    for chart_id in CHART_IDS:
        chart = rendered.find(id=chart_id)
        assert chart is not None, f"{chart_id} missing"
        assert chart.select("svg.main-svg"), f"{chart_id}: plotly did not render"
        assert chart.select("g.trace, g.hm"), f"{chart_id}: no trace group"
        assert drawn_marks(chart) > 0, f"{chart_id}: no mark drawn"


def test_no_console_errors(rendered):
    errors = rendered.find(id="console-errors")
    assert errors is not None
    assert errors.get_text().strip() == ""


def test_page_names_the_pair_and_shows_the_marts_numbers(rendered, published_report: Path):
    dyad = rendered.body["data-dyad"]
    with duckdb.connect(str(published_report.parent / "warehouse.duckdb"), read_only=True) as conn:
        names, articles, interactions, intensity = conn.execute(
            "select country_a_name || ' – ' || country_b_name, articles, interactions, contact_intensity "
            "from marts.dyad_summary where dyad = ?", [dyad],
        ).fetchone()
    heading = rendered.find("h1").get_text(" ", strip=True)
    assert names in heading and dyad in heading
    assert rendered.find(id="kpi-articles").get_text(strip=True) == str(articles)
    assert rendered.find(id="kpi-interactions").get_text(strip=True) == str(interactions)
    assert rendered.find(id="kpi-intensity").get_text(strip=True) == f"{intensity:.2f}"
    timeline_text = html.unescape(str(rendered.find(id="chart-timeline")))
    assert re.search(r"Head of state|Minister|minister|Ambassador|official", timeline_text)


def test_screenshot_is_kept(browser, published_report, artifacts_dir):
    target = browser.screenshot(published_report.as_uri(), artifacts_dir / "report.png")
    assert target.stat().st_size > 20_000, "screenshot looks blank"
    print(f"screenshot: {target}")
