"""Hand-computed values of every mart on a tiny invented corpus about Kazakhstan, India and Uzbekistan.

The corpus:
- d1 (story d1, 5 Mar): the Kazakh foreign minister met the Indian ambassador on 4 Mar.
- d2 (story d2, 6 Mar, another outlet): the same meeting, reported as "talks", dated 4 Mar.
- d3 (story d2, 7 Mar): a reprint of d2 that calls it a visit and gives no date.
- a second file with d1's text (status 'duplicate') and a rejected file.
- d5 (story d5, 10 Apr): the Kazakh and Uzbek presidents and the Indian prime minister met on
  9 Apr, Kazakhstan and Uzbekistan signed an agreement that day, and the article recalls an
  undated earlier meeting of the foreign minister and the ambassador.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipeline.sql_models import load_sql_models, order_models, run_sql_model

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"

SOURCE_DDL = """
create schema if not exists raw;
create schema if not exists core;
create schema if not exists ref;
create table raw.documents(source_path varchar primary key, content_hash varchar, size_bytes bigint,
    modified_at timestamp, raw_text varchar, encoding varchar, decode_warnings varchar,
    first_seen_at timestamp, last_changed_at timestamp, deleted_at timestamp);
create table raw.rejected_documents(source_path varchar, content_hash varchar, size_bytes bigint,
    reason varchar, language varchar, detected_at timestamp);
create table core.documents(doc_id varchar, source_path varchar, content_hash varchar, title varchar,
    outlet varchar, published_date date, published_date_source varchar, language varchar,
    word_count integer, status varchar, reason varchar, dateline varchar, text varchar,
    story_id varchar, processed_at timestamp);
create table core.entities(entity_id varchar, canonical_name varchar, entity_type varchar, country_code varchar);
create table core.mentions(doc_id varchar, entity_id varchar, text varchar, label varchar,
    start_char integer, end_char integer, sentence_index integer);
create table core.person_roles(doc_id varchar, entity_id varchar, title varchar, rank varchar,
    country_code varchar, organization varchar, sentence_index integer, country_source varchar);
create table core.document_topics(doc_id varchar, topic varchar, score double, evidence varchar);
create table core.interactions(interaction_id varchar, doc_id varchar, interaction_type varchar,
    event_code varchar, goldstein double, event_date date, date_precision varchar, place varchar,
    participant_ids varchar[], country_codes varchar[], is_recalled boolean, sentence varchar,
    sentence_index integer, is_planned boolean, source_country varchar, target_country varchar,
    quad_class varchar, source_participant_id varchar, target_participant_id varchar);
create table core.quantities(quantity_id varchar, doc_id varchar, kind varchar, text varchar,
    value double, unit varchar, measure varchar, period varchar, topic varchar, sentence varchar,
    sentence_index integer);
create table core.milestones(milestone_id varchar, doc_id varchar, level varchar, description varchar,
    milestone_date date, date_precision varchar, country_codes varchar[], sentence varchar,
    sentence_index integer);
create table ref.ranks(rank varchar, label varchar, weight double, sort_order integer);
create table ref.countries(iso3 varchar, name varchar);
create table ref.event_codes(interaction_type varchar, cameo_code varchar, plover_type varchar,
    description varchar, goldstein double, quad_class varchar);
"""

RANKS = [
    ("head_of_state", "Head of state", 10.0, 1),
    ("head_of_government", "Head of government", 8.0, 2),
    ("deputy_head_of_government", "Deputy head of government", 6.0, 3),
    ("foreign_minister", "Foreign minister", 5.0, 4),
    ("minister", "Minister", 4.0, 5),
    ("deputy_minister", "Deputy minister", 3.0, 6),
    ("ambassador", "Ambassador", 2.0, 7),
    ("other_official", "Other official", 1.0, 8),
    ("non_state", "Non-state", 0.5, 9),
]
COUNTRIES = [("IND", "India"), ("KAZ", "Kazakhstan"), ("UZB", "Uzbekistan")]
EVENT_CODES = [
    ("meeting", "040", "CONSULT", "meet", 1.0, "verbal_cooperation"),
    ("talks", "040", "CONSULT", "hold talks", 1.5, "verbal_cooperation"),
    ("visit", "042", "CONSULT", "visit", 1.9, "verbal_cooperation"),
    ("agreement_signed", "057", "AGREE", "sign agreement", 3.0, "verbal_cooperation"),
]

KZ_FM, IN_AMB, IN_PM, KZ_PRES, UZ_PRES = "p_kz_fm", "p_in_amb", "p_in_pm", "p_kz_pres", "p_uz_pres"
ENTITIES = [
    ("c_ind", "India", "country", "IND"),
    ("c_kaz", "Kazakhstan", "country", "KAZ"),
    ("c_uzb", "Uzbekistan", "country", "UZB"),
    (IN_AMB, "Ravi Menon", "person", "IND"),
    (IN_PM, "Arjun Mehta", "person", "IND"),
    (KZ_FM, "Aidos Temirov", "person", "KAZ"),
    (KZ_FM, "Aidos Temirov", "person", None),  # a document that could not place him
    (KZ_PRES, "Nurlan Sadykov", "person", "KAZ"),
    (UZ_PRES, "Bakhtiyor Rashidov", "person", "UZB"),
]


def _document(doc_id, path, published, outlet, status="ok", story=None):
    return (doc_id, path, f"hash-{path}", f"Title {doc_id}", outlet, published, "header", "en", 120,
            status, None if status == "ok" else status, None, "text", story or doc_id, None)


DOCUMENTS = [
    _document("d1", "a/d1.txt", date(2024, 3, 5), "Steppe Wire"),
    _document("d2", "a/d2.txt", date(2024, 3, 6), "Delhi Ledger"),
    _document("d3", "a/d3.txt", date(2024, 3, 7), "Regional Digest", story="d2"),
    _document("d1", "a/copy_of_d1.txt", date(2024, 3, 5), "Steppe Wire", status="duplicate", story="d1"),
    _document("d9", "a/image.txt", None, None, status="rejected"),
    _document("d5", "a/d5.txt", date(2024, 4, 10), "Steppe Wire"),
]


def _mentions(doc_id, pairs):
    return [(doc_id, entity, entity, "X", 0, 1, sentence) for entity, sentence in pairs]


_FM_AMB_ARTICLE = [(KZ_FM, 0), (IN_AMB, 0), ("c_kaz", 1), ("c_ind", 1)]
MENTIONS = (
    _mentions("d1", _FM_AMB_ARTICLE + [("c_kaz", 2), ("c_ind", 2)])
    + _mentions("d2", _FM_AMB_ARTICLE)
    + _mentions("d3", _FM_AMB_ARTICLE)
    + _mentions("d5", [(KZ_PRES, 0), (UZ_PRES, 0), (IN_PM, 0), ("c_uzb", 1), ("c_kaz", 1),
                       ("c_uzb", 2), ("c_kaz", 2), (KZ_FM, 3), (IN_AMB, 3)])
)

PERSON_ROLES = [
    (doc, KZ_FM, "Foreign Minister", "foreign_minister", "KAZ", None, 0, "text") for doc in ("d1", "d2", "d3")
] + [
    (doc, IN_AMB, "Ambassador", "ambassador", "IND", None, 0, "text") for doc in ("d1", "d2", "d3")
] + [
    ("d5", KZ_PRES, "President", "head_of_state", "KAZ", None, 0, "text"),
    ("d5", UZ_PRES, "President", "head_of_state", "UZB", None, 0, "text"),
    ("d5", IN_PM, "Prime Minister", "head_of_government", "IND", None, 0, "text"),
    ("d5", KZ_FM, "Foreign Minister", "foreign_minister", "KAZ", None, 3, "text"),
    ("d5", IN_AMB, "Ambassador", "ambassador", "IND", None, 3, "text"),
]

DOCUMENT_TOPICS = [
    ("d1", "trade", 0.8, "trade"), ("d1", "energy", 0.4, "oil"),
    ("d2", "trade", 0.6, "trade"), ("d3", "trade", 0.7, "trade"),
    ("d5", "energy", 0.9, "gas"), ("d5", "transport", 0.5, "railway"),
]

MARCH_4 = date(2024, 3, 4)
APRIL_9 = date(2024, 4, 9)
INTERACTIONS = [
    # d2 tells the meeting from the Indian side; its earliest report (d1) sets its direction.
    ("i1", "d1", "meeting", "040", 1.0, MARCH_4, "day", "Astana", [KZ_FM, IN_AMB], ["KAZ", "IND"], False, "s", 0, False, "KAZ", "IND", None),
    ("i2", "d2", "talks", "040", 1.5, MARCH_4, "day", "Astana", [IN_AMB, KZ_FM], ["IND", "KAZ"], False, "s", 0, False, "IND", "KAZ", None),
    ("i3", "d3", "visit", "042", 1.9, None, None, None, [KZ_FM, IN_AMB], ["KAZ", "IND"], False, "s", 0, False, "KAZ", "IND", None),
    ("i4", "d5", "meeting", "040", 1.0, APRIL_9, "day", "Tashkent", [KZ_PRES, UZ_PRES, IN_PM],
     ["KAZ", "UZB", "IND"], False, "s", 0, False, None, None, None),
    ("i5", "d5", "agreement_signed", "057", 3.0, APRIL_9, "day", "Tashkent", ["c_kaz", "c_uzb"],
     ["KAZ", "UZB"], False, "s", 1, False, "KAZ", "UZB", None),
    ("i6", "d5", "meeting", "040", 1.0, None, None, None, [KZ_FM, IN_AMB], ["KAZ", "IND"], True, "s", 3, False, "KAZ", "IND", None),
]

_TRADE_SENTENCE = "Trade turnover reached USD 500 million in 2023."
QUANTITIES = [
    (q, doc, "money", "USD 500 million", 5e8, "USD", "trade turnover", "2023", "trade", _TRADE_SENTENCE, 2)
    for q, doc in (("q1", "d1"), ("q2", "d2"), ("q3", "d3"))
] + [("q4", "d5", "percent", "12%", 12.0, "%", "trade growth", None, "trade", "Trade grew by 12%.", 4)]

MILESTONES = [
    (m, doc, "strategic partnership", "agreed on a strategic partnership", MARCH_4, "day", codes,
     f"sentence of {doc}", 1)
    for m, doc, codes in (("m1", "d1", ["KAZ", "IND"]), ("m2", "d2", ["IND", "KAZ"]), ("m3", "d3", ["IND", "KAZ"]))
] + [
    ("m4", "d5", "comprehensive strategic partnership", "plans an upgrade", None, None, ["UZB"], "upgrade", 5),
    ("m5", "d5", "good neighbourliness", "signed a declaration", APRIL_9, "day", ["UZB", "IND", "KAZ"], "decl", 6),
    # "last March" and "in 2024": the same strategic partnership at coarser precision.
    ("m6", "d5", "strategic partnership", "recalled the partnership", date(2024, 3, 1), "month", ["KAZ", "IND"], "m", 7),
    ("m7", "d2", "strategic partnership", "partnership of 2024", date(2024, 1, 1), "year", ["IND", "KAZ"], "y", 2),
    ("m8", "d1", None, "anniversary of diplomatic relations", date(2026, 1, 1), "year", ["KAZ", "IND"], "a", 3),
]

SOURCE_ROWS: dict[str, list[tuple]] = {
    "core.documents": DOCUMENTS,
    "core.entities": ENTITIES,
    "core.mentions": MENTIONS,
    "core.person_roles": PERSON_ROLES,
    "core.document_topics": DOCUMENT_TOPICS,
    "core.interactions": INTERACTIONS,
    "core.quantities": QUANTITIES,
    "core.milestones": MILESTONES,
    "ref.ranks": RANKS,
    "ref.countries": COUNTRIES,
    "ref.event_codes": EVENT_CODES,
}


def create_source_tables(conn: duckdb.DuckDBPyConnection, replaced: dict[str, list[tuple]] | None = None) -> None:
    """The source tables with SOURCE_ROWS, or the `replaced` tables' rows instead; a row shorter
    than its table leaves the last columns (added since the row was written) NULL."""
    conn.execute(SOURCE_DDL)
    for table, rows in {**SOURCE_ROWS, **(replaced or {})}.items():
        schema, name = table.split(".")
        [(width,)] = conn.execute(
            "select count(*) from information_schema.columns where table_schema = ? and table_name = ?", [schema, name]
        ).fetchall()
        placeholders = ", ".join("?" * width)
        conn.executemany(f"insert into {table} values ({placeholders})", [(*row, *[None] * (width - len(row))) for row in rows])


def build_warehouse(conn: duckdb.DuckDBPyConnection, replaced: dict[str, list[tuple]] | None = None) -> None:
    create_source_tables(conn, replaced)
    for model in order_models(load_sql_models(SQL_DIR)):
        run_sql_model(conn, model)


def rows(conn: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


@pytest.fixture(scope="module")
def warehouse():
    conn = duckdb.connect()
    build_warehouse(conn)
    yield conn
    conn.close()


# ---------------------------------------------------------------------------------------------
# staging


def test_staging_documents_keep_only_live_unique_documents(warehouse):
    docs = rows(warehouse, "select doc_id, story_id, month from staging.stg_documents order by doc_id")
    assert [(d["doc_id"], d["story_id"]) for d in docs] == [("d1", "d1"), ("d2", "d2"), ("d3", "d2"), ("d5", "d5")]
    assert docs[0]["month"] == date(2024, 3, 1)


def test_entities_are_deduplicated_with_their_country(warehouse):
    fm = rows(warehouse, f"select * from staging.stg_entities where entity_id = '{KZ_FM}'")
    assert len(fm) == 1
    assert (fm[0]["country_code"], fm[0]["country_name"]) == ("KAZ", "Kazakhstan")


def test_reports_of_one_meeting_share_an_event_key(warehouse):
    keys = dict(warehouse.execute("select interaction_id, event_key from staging.stg_interactions").fetchall())
    # i1 says "meeting", i2 "talks", i3 "visit" (one in-person contact); i3 is undated and borrows 4 March.
    assert keys["i1"] == keys["i2"] == keys["i3"]
    # The recalled meeting of April's article has no date near its publication: its own event.
    assert keys["i6"] != keys["i1"]
    assert len({keys["i4"], keys["i5"], keys["i6"]}) == 3


def test_interaction_levels_and_weights(warehouse):
    levels = {
        r["interaction_id"]: r
        for r in rows(warehouse, "select * from staging.stg_interactions")
    }
    assert (levels["i1"]["level"], levels["i1"]["level_weight"]) == ("foreign_minister", 5.0)
    assert levels["i3"]["resolved_event_date"] == MARCH_4 and levels["i3"]["event_date"] is None
    assert (levels["i4"]["level"], levels["i4"]["level_weight"]) == ("head_of_state", 10.0)
    assert (levels["i5"]["level"], levels["i5"]["level_weight"], levels["i5"]["level_is_default"]) == (
        "other_official", 1.0, True)
    assert levels["i5"]["report_level"] is None
    # The event's Goldstein weight comes from its earliest report (d1's "meeting", not d2's "talks").
    assert levels["i2"]["event_goldstein"] == 1.0


def test_three_country_meeting_yields_three_dyads(warehouse):
    dyads = warehouse.execute(
        "select dyad from staging.stg_interaction_dyads where interaction_id = 'i4' order by dyad"
    ).fetchall()
    assert [d[0] for d in dyads] == ["IND-KAZ", "IND-UZB", "KAZ-UZB"]


def test_document_dyads_rank_the_main_pair_first(warehouse):
    d5 = rows(warehouse, "select * from staging.stg_document_dyads where doc_id = 'd5' order by pair_rank")
    assert [(r["dyad"], r["country_a_mentions"], r["country_b_mentions"]) for r in d5] == [
        ("KAZ-UZB", 4, 3), ("IND-KAZ", 2, 4), ("IND-UZB", 2, 3)
    ]
    d2 = rows(warehouse, "select * from staging.stg_document_dyads where doc_id = 'd2'")
    assert [(r["dyad"], r["from_mentions"], r["from_events"]) for r in d2] == [("IND-KAZ", True, True)]


# ---------------------------------------------------------------------------------------------
# marts


def _dyad_month(conn, dyad: str, month: date) -> dict:
    found = rows(conn, f"select * from marts.dyad_monthly where dyad = '{dyad}' and month = '{month}'")
    assert len(found) == 1
    return found[0]


def test_dyad_monthly_counts_one_event_reported_three_times_once(warehouse):
    march = _dyad_month(warehouse, "IND-KAZ", date(2024, 3, 1))
    assert (march["country_a_name"], march["country_b_name"]) == ("India", "Kazakhstan")
    assert march["articles"] == 2            # stories d1 and d2 (d3 is a reprint of d2)
    assert march["interactions"] == 1
    assert march["foreign_minister"] == 1
    assert march["ambassador"] == 0
    assert march["contact_intensity"] == 5.0
    assert march["goldstein_total"] == 1.0
    assert march["top_topics"] == ["trade", "energy"]
    assert march["doc_ids"] == ["d1", "d2", "d3"]


def test_dyad_monthly_three_country_meeting_and_agreement(warehouse):
    assert warehouse.execute("select count(*) from marts.dyad_monthly").fetchone()[0] == 4
    for dyad in ("IND-KAZ", "IND-UZB"):
        april = _dyad_month(warehouse, dyad, date(2024, 4, 1))
        # The undated recalled meeting (i6) cannot be placed in a month and is not counted.
        assert (april["articles"], april["interactions"], april["head_of_state"]) == (1, 1, 1)
        assert april["contact_intensity"] == 10.0
        assert april["top_topics"] == ["energy", "transport"]
    kaz_uzb = _dyad_month(warehouse, "KAZ-UZB", date(2024, 4, 1))
    assert (kaz_uzb["interactions"], kaz_uzb["head_of_state"], kaz_uzb["other_official"]) == (2, 1, 1)
    assert kaz_uzb["contact_intensity"] == 11.0
    assert kaz_uzb["goldstein_total"] == 4.0
    assert kaz_uzb["doc_ids"] == ["d5"]


def test_contact_intensity_follows_edited_rank_weights():
    conn = duckdb.connect()
    create_source_tables(conn)
    conn.execute("update ref.ranks set weight = 7 where rank = 'foreign_minister'")
    for model in order_models(load_sql_models(SQL_DIR)):
        run_sql_model(conn, model)
    assert _dyad_month(conn, "IND-KAZ", date(2024, 3, 1))["contact_intensity"] == 7.0


def test_topic_trends_shares(warehouse):
    march = {
        r["topic"]: r
        for r in rows(warehouse, "select * from marts.topic_trends where dyad = 'IND-KAZ' and month = '2024-03-01'")
    }
    assert (march["trade"]["articles"], march["trade"]["pair_articles"], march["trade"]["share"]) == (2, 2, 1.0)
    assert march["trade"]["score_total"] == pytest.approx(0.8 + 0.7)   # d2's story scores its best reprint
    assert (march["energy"]["articles"], march["energy"]["share"]) == (1, 0.5)
    assert march["trade"]["doc_ids"] == ["d1", "d2", "d3"]
    assert (march["trade"]["topic_rank"], march["energy"]["topic_rank"]) == (1, 2)


def test_entity_cooccurrence_counts(warehouse):
    pairs = {
        (r["entity_a"], r["entity_b"]): r
        for r in rows(warehouse, "select * from marts.entity_cooccurrence")
    }
    countries = pairs[("c_ind", "c_kaz")]
    assert (countries["sentence_count"], countries["article_count"], countries["document_count"]) == (3, 2, 3)
    assert (countries["first_date"], countries["last_date"]) == (date(2024, 3, 5), date(2024, 3, 7))
    people = pairs[(IN_AMB, KZ_FM)]
    assert (people["entity_a_name"], people["entity_b_name"]) == ("Ravi Menon", "Aidos Temirov")
    assert (people["sentence_count"], people["article_count"], people["document_count"]) == (3, 3, 4)
    assert people["last_date"] == date(2024, 4, 10)
    assert pairs[("c_kaz", "c_uzb")]["sentence_count"] == 2
    article_only = pairs[("c_uzb", IN_PM)]
    assert (article_only["sentence_count"], article_only["article_count"]) == (0, 1)
    assert all(a < b for a, b in pairs)


def test_actor_profiles(warehouse):
    profiles = {r["entity_id"]: r for r in rows(warehouse, "select * from marts.actor_profiles")}
    assert set(profiles) == {KZ_FM, IN_AMB, IN_PM, KZ_PRES, UZ_PRES}
    fm = profiles[KZ_FM]
    assert (fm["name"], fm["country_code"], fm["country_name"]) == ("Aidos Temirov", "KAZ", "Kazakhstan")
    assert fm["titles"] == ["Foreign Minister"]
    assert fm["highest_rank"] == "foreign_minister"
    assert (fm["mentions"], fm["articles"], fm["interactions"]) == (4, 3, 2)
    assert fm["counterparts"] == ["Ravi Menon"]
    assert (fm["first_seen"], fm["last_seen"]) == (date(2024, 3, 5), date(2024, 4, 10))
    assert fm["doc_ids"] == ["d1", "d2", "d3", "d5"]
    president = profiles[KZ_PRES]
    assert president["counterparts"] == ["Arjun Mehta", "Bakhtiyor Rashidov"]
    assert (president["highest_rank"], president["interactions"]) == ("head_of_state", 1)


def test_economic_figures_collapse_reprints(warehouse):
    figures = rows(warehouse, "select * from marts.economic_figures order by quantity_id")
    assert [(f["quantity_id"], f["doc_ids"], f["dyad"]) for f in figures] == [
        ("q1", ["d1"], "IND-KAZ"),
        ("q2", ["d2", "d3"], "IND-KAZ"),
        ("q4", ["d5"], "KAZ-UZB"),
    ]
    assert (figures[0]["value"], figures[0]["unit"], figures[0]["measure"]) == (5e8, "USD", "trade turnover")
    assert figures[0]["sentence"] == _TRADE_SENTENCE


def test_relationship_milestones(warehouse):
    milestones = rows(warehouse, "select * from marts.relationship_milestones order by dyad, level")
    keyed = {(m["dyad"], m["level"]): m for m in milestones}
    assert len(milestones) == 6
    # Four statements (day, day, day, "last March", "in 2024") in stories d1, d2 and d5: one milestone.
    strategic = keyed[("IND-KAZ", "strategic partnership")]
    assert (strategic["reports"], strategic["first_reported"], strategic["milestone_key"]) == (
        3, date(2024, 3, 5), "2024-03")
    assert (strategic["milestone_date"], strategic["date_precision"]) == (MARCH_4, "day")
    assert strategic["doc_ids"] == ["d1", "d2", "d3", "d5"]
    assert strategic["sentence"] == "sentence of d1"
    anniversary = keyed[("IND-KAZ", "other")]
    assert (anniversary["milestone_key"], anniversary["reports"]) == ("2026", 1)
    # A milestone naming only Uzbekistan belongs to its article's main pair.
    upgrade = keyed[("KAZ-UZB", "comprehensive strategic partnership")]
    assert (upgrade["milestone_key"], upgrade["milestone_date"]) == ("story:d5", None)
    assert {dyad for dyad, level in keyed if level == "good neighbourliness"} == {"IND-KAZ", "IND-UZB", "KAZ-UZB"}


def test_a_country_the_document_leaves_out_comes_from_the_corpus_closest_in_time():
    conn = duckdb.connect()
    create_source_tables(conn)
    # d3 names the Indian ambassador without his country; d1 (4 March) and d5 (9 April) state two
    # different ones: the closer to d3's publication wins.
    conn.execute("update core.person_roles set country_code = null, country_source = null "
                 "where doc_id = 'd3' and entity_id = ?", [IN_AMB])
    conn.execute("update core.person_roles set country_code = 'BTN' where doc_id = 'd5' and entity_id = ?", [IN_AMB])
    conn.execute("update core.person_roles set country_source = 'document' where doc_id = 'd2' and entity_id = ?",
                 [IN_AMB])
    for model in order_models(load_sql_models(SQL_DIR)):
        run_sql_model(conn, model)
    roles = {(r["doc_id"], r["entity_id"]): r for r in rows(conn, "select * from staging.stg_person_roles")}
    published = dict(conn.execute("select doc_id, published_date from core.documents").fetchall())
    closest = min(("d1", "d5"), key=lambda d: abs((published[d] - published["d3"]).days))
    expected = {"d1": "IND", "d5": "BTN"}[closest]
    assert (roles[("d3", IN_AMB)]["country_code"], roles[("d3", IN_AMB)]["country_source"]) == (expected, "corpus")
    # a stated country elsewhere wins over the document's own guess
    assert roles[("d2", IN_AMB)]["country_source"] == "corpus"
    assert roles[("d1", IN_AMB)]["country_source"] == "text"
    # every person a document mentions has a row, with or without a role
    mentioned = set(conn.execute("select distinct m.doc_id, m.entity_id from core.mentions m join core.entities e "
                                 "using (entity_id) where e.entity_type = 'person'").fetchall())
    assert mentioned <= set(roles)


# ---------------------------------------------------------------------------------------------
# dyad_summary: all time, undated work included


def _summary(conn, dyad: str) -> dict:
    found = rows(conn, f"select * from marts.dyad_summary where dyad = '{dyad}'")
    assert len(found) == 1
    return found[0]


def test_dyad_summary_counts_the_undated_recalled_meeting(warehouse):
    summary = _summary(warehouse, "IND-KAZ")
    assert (summary["country_a_name"], summary["country_b_name"]) == ("India", "Kazakhstan")
    assert summary["articles"] == 3                 # stories d1, d2 (with its reprint d3), d5
    assert summary["undated_articles"] == 0
    # The March meeting, the April summit and the recalled undated meeting i6, which dyad_monthly
    # cannot place in a month.
    assert summary["interactions"] == 3
    assert summary["undated_interactions"] == 1
    monthly = warehouse.execute(
        "select sum(interactions) from marts.dyad_monthly where dyad = 'IND-KAZ'").fetchone()[0]
    assert monthly == summary["interactions"] - summary["undated_interactions"] == 2
    assert (summary["head_of_state"], summary["foreign_minister"]) == (1, 2)
    assert summary["contact_intensity"] == 10.0 + 5.0 + 5.0
    assert (summary["first_month"], summary["last_month"]) == (date(2024, 3, 1), date(2024, 4, 1))
    assert summary["undated_share"] == 1 / 6
    assert summary["doc_ids"] == ["d1", "d2", "d3", "d5"]


def test_dyad_summary_keeps_pairs_with_no_dated_work():
    undated_documents = [row[:5] + (None, None) + row[7:] for row in DOCUMENTS]
    undated_interactions = [row[:5] + (None, None) + row[7:] for row in INTERACTIONS]
    conn = duckdb.connect()
    try:
        build_warehouse(conn, {"core.documents": undated_documents, "core.interactions": undated_interactions})
        assert conn.execute("select count(*) from marts.dyad_monthly").fetchone()[0] == 0
        summary = _summary(conn, "IND-KAZ")
        assert summary["articles"] == summary["undated_articles"] == 3
        assert summary["interactions"] == summary["undated_interactions"] > 0
        assert summary["undated_share"] == 1.0
        assert summary["first_month"] is None and summary["last_month"] is None
        assert conn.execute("select count(*) from marts.dyad_summary").fetchone()[0] == 3
    finally:
        conn.close()
