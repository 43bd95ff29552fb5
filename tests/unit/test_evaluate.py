"""The built-in evaluation: a hand-filled warehouse scored against a hand-written gold file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipeline.evaluate import (
    AccuracyComparison,
    CountryResolver,
    OrganizationMatcher,
    SetComparison,
    format_report,
    names_match,
    parse_quantity_value,
    quantities_match,
    quantity_tokens,
    score_warehouse,
    titles_match,
)

REPO_ROOT = Path(__file__).resolve().parents[2]

# entity_id -> (canonical_name, entity_type, country_code)
ENTITIES = {
    "p_nurlanova": ("Aigerim Nurlanova", "person", "IND"),  # the document's role row says KAZ
    "p_kumar": ("Rajesh Kumar", "person", "IND"),  # known entity, never mentioned in a scored document
    "p_tanaka": ("Hiroshi Tanaka", "person", "JPN"),
    "p_alvarez": ("Jose Alvarez", "person", None),
    "p_lopez": ("Maria Lopez", "person", "CHL"),
    "p_batbayar": ("Oyun Batbayar", "person", None),
    "p_nilsson": ("Lars Nilsson", "person", None),
    "c_kaz": ("Kazakhstan", "country", "KAZ"),
    "c_ind": ("India", "country", None),  # no code: resolved from the name
    "c_mng": ("Mongolia", "country", "MNG"),
    "c_jpn": ("Japan", "country", "JPN"),
    "c_swe": ("Sweden", "country", "SWE"),
    "o_eaeu": ("Eurasian Economic Union", "organization", None),
    "o_oecd": ("Organization for Economic Cooperation and Development", "organization", None),
    "o_trade": ("Ministry of Trade and Integration of Kazakhstan", "organization", "KAZ"),
    "o_adb": ("African Development Bank", "organization", None),
    "o_cis": ("Commonwealth of Independent States", "organization", None),
}

MENTIONED = {
    "d1": ["p_nurlanova", "p_tanaka", "p_alvarez", "p_lopez", "c_kaz", "c_ind", "c_mng",
           "o_eaeu", "o_oecd", "o_trade", "o_adb"],
    "d2": ["p_batbayar", "p_nilsson", "c_mng", "c_swe", "c_jpn", "o_cis"],
    "d3": ["p_kumar"],  # stale rows of a rejected file: must be ignored
}  # fmt: skip

GOLD = {
    "about": "invented test annotations",
    "documents": [
        {
            "file": "alpha.txt",
            "outlet": "Steppe Wire",
            "published_date": "2024-05-15",
            "countries": ["Kazakhstan", "India", "Japan"],
            "persons": [
                {"name": "Aigerim Nurlanova", "country": "Kazakhstan", "title": "Foreign Minister"},
                {"name": "Rajesh Kumar", "country": "India", "title": "Ambassador to Kazakhstan"},
                {"name": "Tanaka Hiroshi", "country": "Japan", "title": "Deputy Minister of Trade"},
                {"name": "José  Álvarez", "country": "Chile", "title": "Senator"},
            ],
            "organizations": [
                "the Eurasian Economic Union",
                "Organisation for Economic Co-operation and Development",
                "Ministry of Trade of Kazakhstan",
                "Asian Development Bank",
            ],
            "money": [{"text": "$1.2 billion", "about": "loan"}, {"text": "500 million euros", "about": "fund"}],
            "percents": [{"text": "15 percent", "about": "growth"}, {"text": "almost 30 percent", "about": "share"}],
            "meetings": [
                {"participants": ["Aigerim Nurlanova", "Rajesh Kumar"], "date": "2024-05-14"},
                {"participants": ["Aigerim Nurlanova", "Tanaka Hiroshi"], "date": None},
                {"participants": ["José Álvarez", "Hiroshi Tanaka"], "date": "2024-06"},
            ],
            "milestones": [{"what": "strategic partnership", "level": "strategic partnership", "date": "2023"}],
            "topics": ["trade", "energy", "political_dialogue"],
            "dyads": [["Kazakhstan", "India"]],
        },
        {
            "file": "beta.txt",
            "outlet": None,
            "published_date": "2024-02-03",
            "published_date_acceptable": [None],
            "countries": ["Mongolia", "Sweden"],
            "persons": [
                {"name": "Oyun Batbayar", "country": "Mongolia", "title": "Prime Minister"},
                {"name": "Lars Nilsson", "country": None, "title": None},
            ],
            "organizations": ["CIS"],
            "money": [],
            "percents": [],
            "meetings": [{"participants": ["Lars Nilsson", "Oyun Batbayar"], "date": "2024-02-02"}],
            "topics": ["political_dialogue"],
        },
        {"file": "gamma.txt", "published_date": "2024-01-01", "persons": [{"name": "Rajesh Kumar"}]},
        {"file": "delta.txt", "topics": ["trade"]},
    ],
}


def _insert(conn: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    for row in rows:
        columns = ", ".join(row)
        placeholders = ", ".join("?" for _ in row)
        conn.execute(f"insert into {table} ({columns}) values ({placeholders})", list(row.values()))


def build_warehouse(path: Path) -> Path:
    conn = duckdb.connect(str(path))
    conn.execute("create schema core")
    conn.execute("create schema ref")
    conn.execute(
        "create table core.documents (doc_id varchar, source_path varchar, content_hash varchar, title varchar, "
        "outlet varchar, published_date date, published_date_source varchar, language varchar, "
        "word_count integer, status varchar, reason varchar)"
    )
    conn.execute("create table core.entities (entity_id varchar, canonical_name varchar, entity_type varchar, country_code varchar)")
    conn.execute("create table core.mentions (doc_id varchar, entity_id varchar, text varchar, label varchar, start_char integer, end_char integer, sentence_index integer)")
    conn.execute("create table core.person_roles (doc_id varchar, entity_id varchar, title varchar, rank varchar, country_code varchar, organization varchar, sentence_index integer)")
    conn.execute("create table core.document_topics (doc_id varchar, topic varchar, score double, evidence varchar)")
    conn.execute(
        "create table core.interactions (interaction_id varchar, doc_id varchar, interaction_type varchar, "
        "event_code varchar, goldstein double, event_date date, date_precision varchar, place varchar, "
        "participant_ids varchar[], country_codes varchar[], is_recalled boolean, sentence varchar, sentence_index integer)"
    )
    conn.execute(
        "create table core.quantities (quantity_id varchar, doc_id varchar, kind varchar, text varchar, value double, "
        "unit varchar, measure varchar, period varchar, topic varchar, sentence varchar, sentence_index integer)"
    )
    conn.execute(
        "create table core.milestones (milestone_id varchar, doc_id varchar, level varchar, description varchar, "
        "milestone_date date, date_precision varchar, country_codes varchar[], sentence varchar, sentence_index integer)"
    )
    conn.execute("create table ref.countries (iso3 varchar, name varchar)")  # fmt: skip
    _insert(conn, "ref.countries", [
        {"iso3": iso3, "name": name}
        for iso3, name in [("KAZ", "Kazakhstan"), ("IND", "India"), ("JPN", "Japan"), ("MNG", "Mongolia"),
                           ("SWE", "Sweden"), ("CHL", "Chile")]
    ])  # fmt: skip
    _insert(conn, "core.documents", [
        {"doc_id": "d1", "source_path": "2024/05/alpha.txt", "status": "ok", "published_date": date(2024, 5, 15),
         "outlet": "Steppe Wire"},
        {"doc_id": "d2", "source_path": "beta-original.txt", "status": "ok", "published_date": None},
        {"doc_id": "d2", "source_path": "copies/beta.txt", "status": "duplicate", "published_date": None},
        {"doc_id": "d3", "source_path": "gamma.txt", "status": "rejected", "reason": "binary content",
         "published_date": None},
    ])  # fmt: skip
    _insert(conn, "core.entities", [
        {"entity_id": eid, "canonical_name": n, "entity_type": t, "country_code": c} for eid, (n, t, c) in ENTITIES.items()
    ])  # fmt: skip
    _insert(conn, "core.mentions", [
        {"doc_id": doc_id, "entity_id": eid, "text": ENTITIES[eid][0], "label": "X", "start_char": 0, "end_char": 1,
         "sentence_index": i}
        for doc_id, ids in MENTIONED.items() for i, eid in enumerate(ids)
    ])  # fmt: skip
    _insert(conn, "core.person_roles", [
        {"doc_id": "d1", "entity_id": "p_nurlanova", "title": "Minister of Foreign Affairs", "country_code": "KAZ",
         "sentence_index": 0},
        {"doc_id": "d1", "entity_id": "p_alvarez", "title": "Senator of Chile", "country_code": None, "sentence_index": 2},
        {"doc_id": "d2", "entity_id": "p_batbayar", "title": "Prime Minister", "country_code": "MNG", "sentence_index": 0},
        {"doc_id": "d2", "entity_id": "p_nilsson", "title": None, "country_code": None, "sentence_index": 1},
    ])  # fmt: skip
    _insert(conn, "core.interactions", [
        {"interaction_id": "i1", "doc_id": "d1", "interaction_type": "meeting", "event_date": None,
         "participant_ids": ["p_nurlanova", "p_tanaka"], "sentence_index": 1},
        {"interaction_id": "i2", "doc_id": "d1", "interaction_type": "talks", "event_date": date(2024, 3, 1),
         "participant_ids": ["p_tanaka", "p_nurlanova"], "sentence_index": 4},
        {"interaction_id": "i3", "doc_id": "d1", "interaction_type": "meeting", "event_date": date(2024, 7, 1),
         "participant_ids": ["p_alvarez", "p_tanaka"], "sentence_index": 5},
        {"interaction_id": "i4", "doc_id": "d1", "interaction_type": "phone_call", "event_date": None,
         "participant_ids": ["p_nurlanova", "p_lopez"], "sentence_index": 6},
        {"interaction_id": "i5", "doc_id": "d1", "interaction_type": "agreement_signed", "event_date": None,
         "participant_ids": [], "sentence_index": 7},
        {"interaction_id": "i6", "doc_id": "d2", "interaction_type": "meeting", "event_date": date(2024, 2, 2),
         "participant_ids": ["p_batbayar", "p_nilsson"], "sentence_index": 0},
    ])  # fmt: skip
    _insert(conn, "core.document_topics", [
        {"doc_id": d, "topic": t, "score": 1.0} for d, t in
        [("d1", "trade"), ("d1", "energy"), ("d1", "security"), ("d2", "political_dialogue"), ("d3", "trade")]
    ])  # fmt: skip
    _insert(conn, "core.quantities", [
        {"quantity_id": "q1", "doc_id": "d1", "kind": "money", "text": "USD 1.2 bln", "value": 1.2e9, "sentence_index": 1},
        {"quantity_id": "q2", "doc_id": "d1", "kind": "money", "text": "some 500 million euros", "value": None, "sentence_index": 2},
        {"quantity_id": "q3", "doc_id": "d1", "kind": "money", "text": "$80 million", "value": 8e7, "sentence_index": 3},
        {"quantity_id": "q4", "doc_id": "d1", "kind": "percent", "text": "15%", "value": 15.0, "sentence_index": 4},
        {"quantity_id": "q5", "doc_id": "d1", "kind": "percent", "text": "nearly 30%", "value": 0.3, "sentence_index": 5},
        {"quantity_id": "q6", "doc_id": "d2", "kind": "percent", "text": "5%", "value": 5.0, "sentence_index": 1},
    ])  # fmt: skip
    _insert(conn, "core.milestones", [
        {"milestone_id": "m1", "doc_id": "d1", "level": "Strategic Partnership", "milestone_date": date(2023, 9, 1),
         "date_precision": "month", "sentence_index": 3},
    ])  # fmt: skip
    conn.close()
    return path


@pytest.fixture()
def scored(tmp_path: Path):
    warehouse = build_warehouse(tmp_path / "warehouse.duckdb")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    return score_warehouse(warehouse, gold), warehouse, gold


def _prf(metric: SetComparison) -> tuple[int, int, int]:
    return metric.tp, metric.fp, metric.fn


def _acc(metric: AccuracyComparison) -> tuple[int, int]:
    return metric.correct, metric.total


def test_persons_are_matched_by_normalised_name_and_token_order(scored):
    report, _, _ = scored
    persons = report.metrics["persons"]
    # alpha: Nurlanova, Tanaka (reversed order), Alvarez (diacritics, doubled space) found; Kumar missed,
    # Lopez extra. beta: both found. gamma is rejected: its stale mention of Kumar does not count.
    assert _prf(persons) == (5, 1, 2)
    assert persons.precision == pytest.approx(5 / 6)
    assert persons.recall == pytest.approx(5 / 7)
    alpha = report.documents[0].metrics["persons"]
    assert alpha.false_negatives == ["Rajesh Kumar"]
    assert alpha.false_positives == ["Maria Lopez"]
    assert ["Tanaka Hiroshi", "Hiroshi Tanaka"] in alpha.matched


def test_person_country_prefers_the_document_role_and_counts_null_as_an_answer(scored):
    report, _, _ = scored
    # alpha: Nurlanova KAZ from the role (entity says IND), Tanaka JPN from the entity, Alvarez missing
    # (gold Chile). beta: Batbayar MNG, Nilsson null == null.
    assert _acc(report.metrics["person_country"]) == (4, 5)
    errors = report.documents[0].metrics["person_country"].errors
    assert errors == [{"item": "José  Álvarez", "gold": "Chile", "predicted": None}]


def test_person_title_accepts_containment_and_half_overlap(scored):
    report, _, _ = scored
    # Foreign Minister ~ Minister of Foreign Affairs (Jaccard 2/4), Senator in "Senator of Chile",
    # Tanaka has no predicted title, Prime Minister exact; Nilsson and gamma's Kumar have no gold title.
    assert _acc(report.metrics["person_title"]) == (3, 4)
    assert report.metrics["person_title"].accuracy == pytest.approx(0.75)


def test_countries_compare_on_iso3(scored):
    report, _, _ = scored
    # alpha: Kazakhstan, India (name only) found, Mongolia extra, Japan missed; beta: Japan extra.
    assert _prf(report.metrics["countries"]) == (4, 2, 1)
    alpha = report.documents[0].metrics["countries"]
    assert alpha.false_negatives == ["Japan"] and alpha.false_positives == ["Mongolia"]


def test_organizations_match_fuzzily_and_by_abbreviation_but_not_different_words(scored):
    report, _, _ = scored
    alpha = report.documents[0].metrics["organizations"]
    assert _prf(alpha) == (2, 2, 2)
    assert sorted(alpha.false_negatives) == ["Asian Development Bank", "Ministry of Trade of Kazakhstan"]
    beta = report.documents[1].metrics["organizations"]
    assert beta.matched == [["CIS", "Commonwealth of Independent States"]]
    assert _prf(report.metrics["organizations"]) == (3, 2, 2)


def test_meetings_are_participant_sets_counted_once(scored):
    report, _, _ = scored
    # alpha: two interactions share one set (counted once), the empty one is ignored, Lopez's call is
    # extra, the Kumar meeting is missed; beta: found.
    assert _prf(report.metrics["meetings"]) == (3, 1, 1)
    # Dates: null gold matched by the undated interaction; "2024-06" vs 2024-07-01 wrong; 2024-02-02 right.
    assert _acc(report.metrics["meeting_dates"]) == (2, 3)


def test_published_date_accepts_listed_null_and_rejected_files_score_nothing(scored):
    report, _, _ = scored
    assert _acc(report.metrics["published_dates"]) == (2, 3)
    by_file = {d.file: d for d in report.documents}
    assert by_file["beta.txt"].status == "duplicate" and by_file["beta.txt"].doc_id == "d2"
    assert by_file["gamma.txt"].metrics["published_dates"].errors == [
        {"item": "gamma.txt", "gold": "2024-01-01", "predicted": None}
    ]
    assert by_file["delta.txt"].status == "missing"
    assert report.missing_files == ["delta.txt"]


def test_topics_money_percents_milestones(scored):
    report, _, _ = scored
    assert _prf(report.metrics["topics"]) == (3, 1, 2)  # delta's "trade" is missed; gamma's stale topic ignored
    assert _prf(report.metrics["money"]) == (2, 1, 0)
    assert _prf(report.metrics["percents"]) == (2, 1, 0)
    assert report.metrics["money"].recall == 1.0 and report.metrics["money"].precision == pytest.approx(2 / 3)
    assert _prf(report.metrics["milestones"]) == (1, 0, 0)
    assert _acc(report.metrics["outlets"]) == (2, 2)


def test_duplicate_file_is_scored_with_its_twins_rows(scored):
    report, _, _ = scored
    beta = {d.file: d for d in report.documents}["beta.txt"]
    assert _prf(beta.metrics["persons"]) == (2, 0, 0)
    assert _prf(beta.metrics["meetings"]) == (1, 0, 0)
    assert _acc(beta.metrics["person_country"]) == (2, 2)


def test_name_normalisation_is_strict():
    assert names_match("José  Álvarez", "jose alvarez")
    assert names_match("Kim Min-jun", "Min-jun Kim")
    assert not names_match("Jose Alvarez", "Jose A. Alvarez")
    assert not names_match("Kim Min-jun", "Kim Minjun")


def test_title_rules():
    assert titles_match("Foreign Minister", "Minister of Foreign Affairs")
    assert titles_match("Senator", "senator of Chile")
    assert not titles_match("Prime Minister", "Premier")
    assert not titles_match("Ambassador", None)


def test_quantity_values_and_matching():
    assert parse_quantity_value("$3.7 billion") == pytest.approx(3.7e9)
    assert parse_quantity_value("almost 40 percent") == 40
    assert parse_quantity_value("1,250,000 dollars") == 1_250_000
    assert quantities_match("$1.2 billion", "USD 1.2 bln", None, "money")
    assert quantities_match("12 percent", "about 12 %", None, "percent")
    assert quantity_tokens("4.5 mln dollars") == quantity_tokens("4.5 million dollars")
    assert not quantities_match("20 percent", "120 percent", 120.0, "percent")


def test_org_matcher_and_country_resolver():
    matcher = OrganizationMatcher()
    assert matcher.score("Eurasian Economic Comission", "Eurasian Economic Commission") > 0
    assert matcher.score("Ministry of Energy of India", "Ministry of Energy of Indonesia") == 0
    resolver = CountryResolver([("KAZ", "Kazakhstan")])
    assert resolver.key("Kazakhstan") == "KAZ"
    assert resolver.key("Viet Nam") == "VNM"  # through pycountry
    assert resolver.key("Atlantis") == "name:atlantis"


def test_report_table_and_json(scored):
    report, _, _ = scored
    table = format_report(report)
    assert table.splitlines()[0].split() == ["metric", "precision", "recall", "f1", "accuracy", "counts"]
    rows = {line.split()[0]: line.split()[1:] for line in table.splitlines()[2:] if line.strip()}
    assert rows["persons"] == ["0.833", "0.714", "0.769", "-", "tp=5", "fp=1", "fn=2"]
    assert rows["published_dates"] == ["-", "-", "-", "0.667", "correct=2", "total=3"]
    data = json.loads(report.to_json())
    assert data["metrics"]["meetings"]["tp"] == 3
    assert data["documents"][0]["metrics"]["persons"]["false_negatives"] == ["Rajesh Kumar"]


def test_cli_with_skip_run(tmp_path: Path):
    warehouse = build_warehouse(tmp_path / "warehouse.duckdb")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    out = tmp_path / "out" / "results.json"
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline.evaluate", "--gold", str(gold), "--warehouse", str(warehouse),
         "--out", str(out), "--skip-run"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    published_row = next(line for line in completed.stdout.splitlines() if line.startswith("published_dates"))
    assert published_row.split() == ["published_dates", "-", "-", "-", "0.667", "correct=2", "total=3"]
    assert "not in the warehouse: delta.txt" in completed.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["metrics"]["persons"]["tp"] == 5
    assert results["metrics"]["published_dates"]["accuracy"] == pytest.approx(2 / 3)
    assert {d["file"] for d in results["documents"]} == {"alpha.txt", "beta.txt", "gamma.txt", "delta.txt"}


def test_milestone_levels_stored_as_identifiers_match_annotated_phrases():
    from pipeline.evaluate import DocumentScorer, GoldDate, GoldMilestone, normalise_label

    assert normalise_label("comprehensive_strategic_partnership") == normalise_label("Comprehensive strategic partnership")
    assert normalise_label("strategic_partnership") != normalise_label("comprehensive strategic partnership")
    assert normalise_label(None) is None
    scorer = DocumentScorer.__new__(DocumentScorer)  # milestone_set uses no scorer state
    gold = [GoldMilestone(what="upgrade", level="strategic partnership", date=GoldDate.parse("2023-09"))]
    same_month = scorer.milestone_set(gold, [("strategic_partnership", date(2023, 9, 12))])
    other_month = scorer.milestone_set(gold, [("strategic_partnership", date(2023, 10, 1))])
    assert (same_month.tp, other_month.tp) == (1, 0)
