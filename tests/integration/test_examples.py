"""Every ready-made query under sql/examples/ answers on the published copy of a run over the bundled articles."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = REPO_ROOT / "sql" / "examples"

EXPECTED_COLUMNS = {
    "top_pairs_this_year.sql": [
        "year", "dyad", "country_a_name", "country_b_name", "interactions", "articles", "contact_intensity",
        "goldstein_total", "senior_meetings", "active_months", "last_month",
    ],
    "person_counterparts.sql": [
        "person", "person_country", "counterpart", "counterpart_country", "counterpart_titles", "events",
        "interaction_types", "first_date", "last_date", "most_senior_level",
    ],
    "pair_topic_trend.sql": [
        "dyad", "month", "topic", "topic_rank", "articles", "pair_articles", "share", "score_total",
    ],
    "trade_figures.sql": [
        "published_date", "dyad", "kind", "measure", "period", "value", "unit", "text", "sentence", "doc_ids",
    ],
    "who_did_what_to_whom.sql": [
        "source_name", "target_name", "root_label", "quad_class", "events", "goldstein_total", "last_month", "example",
    ],
    "evidence_for_month.sql": [
        "month", "event_date", "interaction_type", "level_label", "place", "participants", "countries",
        "is_recalled", "outlet", "published_date", "sentence", "doc_id",
    ],
}


@pytest.fixture()
def published_db(seeded_run):
    warehouse, _, _ = seeded_run
    published = warehouse.parent / "published" / "warehouse.duckdb"
    assert published.exists(), f"no published copy at {published}"
    with duckdb.connect(str(published), read_only=True) as conn:
        yield conn


def header_comment(sql: str) -> str:
    return "\n".join(line for line in sql.splitlines() if line.startswith("--"))


def test_every_example_file_is_listed():
    assert sorted(p.name for p in EXAMPLES_DIR.glob("*.sql")) == sorted(EXPECTED_COLUMNS)


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_example_returns_rows_with_expected_columns(published_db, name):
    sql = (EXAMPLES_DIR / name).read_text(encoding="utf-8")
    assert sql.startswith("--") and len(header_comment(sql)) > 40, f"{name} needs a header saying what it answers"
    result = published_db.sql(sql)
    rows = result.fetchall()
    assert result.columns == EXPECTED_COLUMNS[name]
    assert rows, f"{name} returned no rows on the bundled articles"


def test_latest_year_and_month_defaults_follow_the_data(published_db):
    top_pairs = published_db.sql((EXAMPLES_DIR / "top_pairs_this_year.sql").read_text()).fetchall()
    latest_year = published_db.execute("select max(year(month)) from marts.dyad_monthly").fetchall()[0][0]
    assert {row[0] for row in top_pairs} == {latest_year}

    evidence = published_db.sql((EXAMPLES_DIR / "evidence_for_month.sql").read_text()).fetchall()
    latest_month = published_db.execute("select max(event_month) from staging.stg_interactions").fetchall()[0][0]
    assert {row[0] for row in evidence} == {latest_month}


def test_parameters_can_be_set_with_variables(published_db):
    earliest_month = published_db.execute("select min(event_month) from staging.stg_interactions").fetchall()[0][0]
    published_db.execute("set variable month = ?", [earliest_month])
    evidence = published_db.sql((EXAMPLES_DIR / "evidence_for_month.sql").read_text()).fetchall()
    assert evidence and {row[0] for row in evidence} == {earliest_month}

    published_db.execute("set variable dyad = 'ZZZ-ZZZ'")
    assert published_db.sql((EXAMPLES_DIR / "pair_topic_trend.sql").read_text()).fetchall() == []


def test_directed_acts_can_be_narrowed_by_quad_class_and_source(published_db):
    published_db.execute("set variable quad = 'verbal_cooperation'")
    published_db.execute("set variable source = 'CHN'")
    rows = published_db.sql((EXAMPLES_DIR / "who_did_what_to_whom.sql").read_text()).fetchall()
    assert rows and {row[3] for row in rows} == {"verbal_cooperation"}
    assert {row[0] for row in rows} == {"China"}
    published_db.execute("reset variable quad")
    published_db.execute("reset variable source")
