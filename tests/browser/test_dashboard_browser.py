"""The dashboards/ project built from a real published copy and opened in headless Chromium.

`pipeline.dashboard` installs the npm project (`npm ci` from its package-lock.json) and builds it the
way `make dashboard` does; the build is served over HTTP on 127.0.0.1 and `dashboards/tests/
check-pages.mjs` (playwright-core driving /usr/bin/chromium) reports what each page shows. Every page
must draw its chart, show the warehouse's numbers, link each number to evidence that lists exactly that
many items, and log no console error. Marked `dashboard`: `make test` leaves it out, CI runs it once
(`make test-dashboard`).
"""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
import pytest

from pipeline import dashboard

pytestmark = [pytest.mark.dashboard, pytest.mark.timeout(1200)]

PAGES = ("index.html", "timeline.html", "meetings.html", "figures.html", "milestones.html")
LEVELS = ("head_of_state", "head_of_government", "deputy_head_of_government", "foreign_minister", "minister",
          "deputy_minister", "ambassador", "other_official", "non_state")


@pytest.fixture(scope="module")
def built(seeded_run, browser) -> Path:
    warehouse, _, result = seeded_run
    assert result.success
    published = Path(warehouse).parent / "published"
    dashboard.install()
    target = dashboard.build(published)
    assert (target / "index.html").exists()
    return published


@pytest.fixture(scope="module")
def seen(built, browser, artifacts_dir) -> dict:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built / "dashboard"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        completed = subprocess.run(
            ["node", "tests/check-pages.mjs", f"http://127.0.0.1:{server.server_address[1]}/", *PAGES,
             "--screenshots", str(artifacts_dir)],
            cwd=dashboard.PROJECT, env={**dashboard.node_env(), "CHROMIUM": browser.binary},
            capture_output=True, text=True, timeout=600, check=False,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)


@pytest.fixture(scope="module")
def db(built):
    with duckdb.connect(str(built / "warehouse.duckdb"), read_only=True) as conn:
        yield conn


def cells(page: dict, table: str) -> dict[str, dict]:
    return {row["key"]: row["cells"] for row in page["tables"][table]}


def test_every_page_renders_without_console_errors(seen):
    for path in PAGES:
        page = seen["pages"][path]
        assert page["errors"] == [], f"{path}: {page['errors']}"
        assert page["charts"], f"{path}: no chart"
        for chart, drawn in page["charts"].items():
            assert drawn["svgs"] > 0 and drawn["marks"] > 0, f"{path} {chart}: nothing drawn"
    for link, page in seen["evidence"].items():
        assert page["errors"] == [], f"{link}: {page['errors']}"


def test_pair_overview_shows_dyad_summary(seen, db):
    rows = db.execute(
        "select dyad, articles, undated_articles, interactions, undated_interactions, contact_intensity, "
        "milestones, figures from marts.dyad_summary").fetchall()
    shown = cells(seen["pages"]["index.html"], "pairs-table")
    assert set(shown) == {row[0] for row in rows}
    for dyad, articles, undated_articles, interactions, undated_interactions, intensity, milestones, figures in rows:
        row = shown[dyad]
        assert int(row["articles"]["text"]) == articles
        assert int(row["undated_articles"]["text"]) == undated_articles
        assert int(row["interactions"]["text"]) == interactions
        assert int(row["undated_interactions"]["text"]) == undated_interactions
        assert float(row["contact_intensity"]["text"]) == pytest.approx(intensity, abs=0.005)
        assert (int(row["milestones"]["text"]), int(row["figures"]["text"])) == (milestones, figures)
    by_level = db.execute(f"select sum({' + '.join(LEVELS)}) from marts.dyad_summary").fetchone()[0]
    assert by_level > 0 and seen["pages"]["index.html"]["charts"]["chart-pairs"]["marks"] > 0


def test_timeline_shows_dyad_monthly_by_level(seen, db):
    page = seen["pages"]["timeline.html"]
    dyad = db.execute("select dyad from marts.dyad_summary order by interactions desc, contact_intensity desc, "
                      "articles desc, dyad limit 1").fetchone()[0]
    rows = db.execute(f"select strftime(month, '%Y-%m'), articles, interactions, {', '.join(LEVELS)} "
                      "from marts.dyad_monthly where dyad = ? order by month", [dyad]).fetchall()
    shown = cells(page, "monthly-table")
    assert list(shown) == [row[0] for row in rows]
    for month, articles, interactions, *levels in rows:
        assert int(shown[month]["articles"]["text"]) == articles
        assert int(shown[month]["interactions"]["text"]) == interactions
        assert [int(shown[month][level]["text"]) for level in LEVELS] == levels
    nonzero = sum(1 for row in rows for value in row[3:] if value)
    assert page["charts"]["chart-timeline"]["marks"] == nonzero


def test_meetings_figures_and_milestones_show_the_marts(seen, db):
    dyad = db.execute("select dyad from marts.dyad_summary order by interactions desc, contact_intensity desc, "
                      "articles desc, dyad limit 1").fetchone()[0]
    meetings = db.execute(
        """with reports as (select d.interaction_id, d.event_key, unnest(i.participant_ids) as entity_id
                            from staging.stg_interaction_dyads d join core.interactions i using (interaction_id)
                            where d.dyad = ?)
           select count(*), sum(n) from (select a.entity_id, b.entity_id, count(distinct a.event_key) as n
               from reports a join reports b on b.interaction_id = a.interaction_id and a.entity_id < b.entity_id
               group by all)""", [dyad]).fetchone()
    shown = cells(seen["pages"]["meetings.html"], "meetings-table")
    assert (len(shown), sum(int(row["meetings"]["text"]) for row in shown.values())) == meetings
    figures = {row[0] for row in db.execute("select quantity_id from marts.economic_figures where dyad = ?",
                                            [dyad]).fetchall()}
    assert set(cells(seen["pages"]["figures.html"], "figures-table")) == figures
    assert seen["pages"]["figures.html"]["charts"]["chart-figures"]["marks"] == len(figures)
    milestones = db.execute("select level || '|' || milestone_key, milestone_date from marts.relationship_milestones "
                            "where dyad = ?", [dyad]).fetchall()
    assert set(cells(seen["pages"]["milestones.html"], "milestones-table")) == {row[0] for row in milestones}
    dated = sum(1 for _, day in milestones if day is not None)
    assert seen["pages"]["milestones.html"]["charts"]["chart-milestones"]["marks"] == dated


def test_each_number_links_to_evidence_of_that_many_items(seen):
    checked = 0
    for path in ("index.html", "timeline.html", "meetings.html"):
        for row in seen["pages"][path]["tables"].get(
                {"index.html": "pairs-table", "timeline.html": "monthly-table", "meetings.html": "meetings-table"}[path]):
            for column, cell in row["cells"].items():
                if not cell["href"] or "evidence.html" not in cell["href"] or not cell["text"].isdigit():
                    continue
                evidence = seen["evidence"][cell["href"]]["evidence"]
                query = parse_qs(urlparse(cell["href"]).query)
                assert evidence is not None, cell["href"]
                assert evidence["count"] == len(evidence["items"]) == int(cell["text"]), (path, column, cell)
                assert query["pair"][0] in row["key"] or path != "index.html"
                checked += 1
    assert checked >= 10
