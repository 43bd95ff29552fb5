"""The relationship report built from the bundled articles: offline, complete, and equal to the marts."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import dagster as dg
import duckdb
import plotly.offline
import polars as pl
import pytest

from assets.report import PAIR_VARIABLE, relationship_report
from pipeline.report import load_report, render_report
from pipeline.report.queries import normalise_pair
from pipeline.resources import WarehouseResource


@pytest.fixture(scope="module")
def report_run(seeded_run):
    warehouse, _, _ = seeded_run
    published = warehouse.parent / "published"
    result = dg.materialize(
        [relationship_report],
        resources={"warehouse": WarehouseResource(database=str(warehouse), published_dir=str(published))},
    )
    return published, result


@pytest.fixture(scope="module")
def page(report_run) -> str:
    published, _ = report_run
    return (published / "report.html").read_text(encoding="utf-8")


@pytest.fixture()
def published_db(report_run):
    published, _ = report_run
    with duckdb.connect(str(published / "warehouse.duckdb"), read_only=True) as conn:
        yield conn


def kpi(page: str, name: str) -> str:
    match = re.search(rf'id="kpi-{name}" data-value="([^"]*)"', page)
    assert match, f"key number {name} missing"
    return match.group(1)


def test_asset_writes_the_page_with_path_and_preview_metadata(report_run):
    published, result = report_run
    assert result.success
    materialization = result.asset_materializations_for_node("published__report")[0]
    assert materialization.asset_key == dg.AssetKey(["published", "report"])
    metadata = materialization.metadata
    assert Path(metadata["path"].value) == published / "report.html"
    assert (published / "report.html").stat().st_size > 100_000
    preview = metadata["preview"].value
    assert "interactions" in preview and "Top topics" in preview and "Milestones" in preview


def test_page_is_self_contained(page):
    external = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["\']?(?:https?:)?//', page, re.I)
    assert external == []
    # The bundle itself mentions URLs (e.g. for map data the report never draws); outside it, none.
    outside_bundle = page.replace(plotly.offline.get_plotlyjs(), "")
    assert "cdn.plot.ly" not in outside_bundle and "fonts.googleapis" not in outside_bundle
    assert re.findall(r'(?:src|href)\s*=\s*["\']?https?:', outside_bundle, re.I) == []
    assert len(re.findall(r"\* plotly\.js v\d", page)) == 1, "the plotly bundle must be inlined exactly once"
    assert page.count('<pre id="console-errors"') == 1
    for chart in ("chart-timeline", "chart-quad", "chart-topics", "chart-network"):
        assert f'id="{chart}"' in page


def test_default_pair_is_the_one_with_most_interactions_and_is_named(page, published_db):
    top = published_db.execute(
        "select dyad, country_a_name, country_b_name, interactions "
        "from marts.dyad_summary order by interactions desc, contact_intensity desc, articles desc, dyad limit 1"
    ).fetchone()
    assert f'data-dyad="{top[0]}"' in page
    assert top[1] in page and top[2] in page
    assert f"<title>Relationship report: {top[1]} – {top[2]}</title>" in page


def test_key_numbers_equal_the_marts(page, published_db):
    dyad = re.search(r'<body data-dyad="([^"]+)"', page).group(1)
    articles, interactions, intensity, undated_articles, undated_interactions = published_db.execute(
        "select articles, interactions, contact_intensity, undated_articles, undated_interactions "
        "from marts.dyad_summary where dyad = ?",
        [dyad],
    ).fetchone()
    assert int(kpi(page, "interactions")) == interactions > 0
    assert int(kpi(page, "articles")) == articles > 0
    assert int(kpi(page, "undated-articles")) == undated_articles
    assert int(kpi(page, "undated-interactions")) == undated_interactions
    assert float(kpi(page, "intensity")) == pytest.approx(intensity, abs=1e-4)
    milestones = published_db.execute("select count(*) from marts.relationship_milestones where dyad = ?",
                                  [dyad]).fetchone()[0]
    figures = published_db.execute("select count(*) from marts.economic_figures where dyad = ?", [dyad]).fetchone()[0]
    assert int(kpi(page, "milestones")) == milestones
    assert int(kpi(page, "figures")) == figures


def test_monthly_and_overview_tables_equal_the_marts(page, published_db):
    dyad = re.search(r'<body data-dyad="([^"]+)"', page).group(1)
    rows = published_db.execute(
        "select strftime(month, '%Y-%m'), articles, interactions from marts.dyad_monthly where dyad = ? order by month",
        [dyad],
    ).fetchall()
    shown = re.findall(
        r'<tr data-month="([^"]+)"><td>[^<]+</td><td class="num" data-col="articles">(\d+)</td>'
        r'<td class="num" data-col="interactions">(\d+)</td>', page)
    assert [(m, int(a), int(i)) for m, a, i in shown] == rows
    pairs = published_db.execute("select count(*) from marts.dyad_summary").fetchone()[0]
    assert len(re.findall(r'<tr data-dyad="', page)) == pairs


def test_cooperation_conflict_and_directed_acts_equal_the_marts(page, published_db):
    dyad = re.search(r'<body data-dyad="([^"]+)"', page).group(1)
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    monthly = published_db.execute(
        f"select strftime(month, '%Y-%m'), {', '.join(quads)}, goldstein_mean "
        "from marts.dyad_monthly where dyad = ? order by month", [dyad]).fetchall()
    cells = "".join(rf'<td class="num" data-col="{quad}">(\d+)</td>' for quad in quads)
    shown = re.findall(rf'<tr data-quad-month="([^"]+)"><td>[^<]+</td>{cells}'
                       r'<td class="num" data-col="goldstein-mean" data-value="([^"]*)">', page)
    assert [(m, *map(int, counts)) for m, *counts, _ in shown] == [row[:-1] for row in monthly]
    for (*_, mean_shown), row in zip(shown, monthly):
        assert (mean_shown == "—") if row[-1] is None else float(mean_shown) == pytest.approx(row[-1])
    assert sum(sum(row[1:-1]) for row in monthly) > 0, "the bundled pair has coded events"
    mean, share = published_db.execute(
        "select goldstein_mean, cooperation_share from marts.dyad_summary where dyad = ?", [dyad]).fetchone()
    assert float(kpi(page, "goldstein-mean")) == pytest.approx(mean)
    assert float(kpi(page, "cooperation-share")) == pytest.approx(share)

    a, b = dyad.split("-")
    directed = published_db.execute(
        """select source_country || '|' || target_country || '|' || strftime(month, '%Y-%m') || '|' || root_code,
                  events, sentence
           from marts.directed_events_monthly
           where (source_country = ? and target_country = ?) or (source_country = ? and target_country = ?)
           order by month, source_country, root_code, target_country""", [a, b, b, a]).fetchall()
    assert directed, "the bundled articles report acts between the pair"
    rows = re.findall(r'<tr data-directed="([^"]+)">(.*?)</tr>', page, re.S)
    assert [key for key, _ in rows] == [key for key, _, _ in directed]
    for (key, row_html), (_, events, sentence) in zip(rows, directed):
        assert int(re.search(r'data-col="events">(\d+)<', row_html).group(1)) == events, key
        assert html.escape(sentence) in row_html, key


def test_every_figure_and_milestone_links_to_its_sentence_and_source(page, published_db):
    dyad = re.search(r'<body data-dyad="([^"]+)"', page).group(1)
    figures = published_db.execute(
        "select f.quantity_id, d.source_path from marts.economic_figures f "
        "join core.documents d on d.doc_id = f.doc_id where f.dyad = ?", [dyad]).fetchall()
    assert figures, "the bundled articles state trade figures"
    for quantity_id, source_path in figures:
        assert f'href="#evidence-{quantity_id}"' in page
        item = re.search(rf'<li id="evidence-{quantity_id}">(.*?)</li>', page, re.S).group(1)
        assert source_path in item
    interactions = published_db.execute(
        "select interaction_id from staging.stg_interaction_dyads where dyad = ?", [dyad]).fetchall()
    for (interaction_id,) in interactions:
        assert f'<li id="evidence-{interaction_id}">' in page
    linked = set(re.findall(r'href="#(evidence-[^"]+|doc-[^"]+)"', page))
    anchors = set(re.findall(r' id="((?:evidence|doc)-[^"]+)"', page))
    assert linked <= anchors, f"dangling links: {sorted(linked - anchors)}"


def test_pair_setting_accepts_either_order_and_rejects_unknown_pairs(report_run, monkeypatch):
    published, _ = report_run
    with duckdb.connect(str(published / "warehouse.duckdb"), read_only=True) as conn:
        default = load_report(conn)
        a, b = default.dyad.split("-")
        assert load_report(conn, f"{b.lower()}-{a}").dyad == default.dyad
        with pytest.raises(ValueError, match="no row in marts.dyad_summary"):
            load_report(conn, "ISL-NZL")
    assert normalise_pair("nzl/isl") == "ISL-NZL"
    with pytest.raises(ValueError):
        normalise_pair("ISL")
    monkeypatch.setenv(PAIR_VARIABLE, "ISL-NZL")
    failed = dg.materialize(
        [relationship_report], raise_on_error=False,
        resources={"warehouse": WarehouseResource(database=str(published.parent / "warehouse.duckdb"),
                                                  published_dir=str(published))},
    )
    assert not failed.success


def test_text_from_the_data_is_escaped(report_run):
    published, _ = report_run
    with duckdb.connect(str(published / "warehouse.duckdb"), read_only=True) as conn:
        report = load_report(conn)
    hostile = "<script>alert('x')</script> & <b>"
    tampered = dataclasses.replace(
        report,
        milestones=report.milestones.with_columns(pl.lit(hostile).alias("description")),
        figures=report.figures.with_columns(pl.lit(hostile).alias("sentence")),
    )
    page = render_report(tampered)
    assert hostile not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in page
