"""Heads of state and government from the Factbook's history, on invented profiles."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from pipeline.reference import DEFAULT_REFERENCE_DIR, read_reference
from pipeline.reference_build import actors as actors_command
from pipeline.reference_build.factbook import (
    FactbookReport,
    executive_sightings,
    factbook_rows,
    parse_since,
    tenure_rows,
    tenures_from_versions,
)
from pipeline.reference_build.names import Vocabulary


@pytest.fixture(scope="module")
def reference():
    return read_reference(DEFAULT_REFERENCE_DIR)


@pytest.fixture(scope="module")
def vocabulary(reference):
    return Vocabulary.from_reference(reference)


def profile(country: str, chief: str, head: str) -> dict:
    return {
        "Government": {
            "Country name": {"conventional short form": {"text": country}},
            "Executive branch": {"chief of state": {"text": chief}, "head of government": {"text": head}},
        }
    }


def test_since_dates() -> None:
    assert parse_since("7 May 2012") == date(2012, 5, 7)
    assert parse_since("May 2012") == date(2012, 5, 1)
    assert parse_since("2012") == date(2012, 1, 1)
    assert parse_since("the start") is None


def _people(sightings) -> list[tuple]:
    return [(s.field[:5], s.title, " ".join(s.name_words), s.since) for s in sightings]


def test_titles_names_and_dates_are_read(vocabulary) -> None:
    sightings = executive_sightings(
        profile(
            "Kazakhstan",
            "President Ivo Q. EXAMPLOV (since 7 May 2012)",
            "Premier ZHAO Testing (since 11 March 2023); Executive Vice Premier QIAN Sample (since 11 March 2023), "
            "Vice Premiers SUN Demo (since 12 March 2023), LI Probe (since 12 March 2023)",
        ),
        vocabulary,
    )
    assert _people(sightings) == [
        ("chief", "President", "Ivo Q. EXAMPLOV", date(2012, 5, 7)),
        ("head ", "Premier", "ZHAO Testing", date(2023, 3, 11)),
        ("head ", "Executive Vice Premier", "QIAN Sample", date(2023, 3, 11)),
        ("head ", "Vice Premiers", "SUN Demo", date(2023, 3, 12)),
        ("head ", "Vice Premiers", "LI Probe", date(2023, 3, 12)),  # the plural title carries on
    ]
    assert sightings[1].surname_first and not sightings[0].surname_first


def test_represented_monarchs_names_sharing_a_date_and_titles_with_commas(vocabulary) -> None:
    sightings = executive_sightings(
        profile(
            "Canada",
            "King EDMUND IV (since 8 September 2022); represented by Governor General Mara TESTOVA (since 26 July 2021)",
            "President, Presidential Council, Omar al-EXEMPLI (since 5 February 2021); Deputy Prime Ministers "
            "ALI bin Demo al-TEST, JAWAD bin Probe al-SAMPLE (since 11 December 2006); Joe R. SAMPLE, Jr. (since 2021)",
        ),
        vocabulary,
    )
    assert _people(sightings) == [
        ("chief", "Governor General", "Mara TESTOVA", date(2021, 7, 26)),  # the king heads another state
        ("head ", "President Presidential Council", "Omar al-EXEMPLI", date(2021, 2, 5)),
        ("head ", "Deputy Prime Ministers", "ALI bin Demo al-TEST", date(2006, 12, 11)),
        ("head ", "Deputy Prime Ministers", "JAWAD bin Probe al-SAMPLE", date(2006, 12, 11)),
        ("head ", "Deputy Prime Ministers", "Joe R. SAMPLE Jr.", date(2021, 1, 1)),
    ]


def _tenures(reference, vocabulary, versions):
    report = FactbookReport()
    return tenures_from_versions(versions, reference, vocabulary, report), report


def test_tenures_end_at_the_successors_date_or_when_the_person_is_gone(reference, vocabulary) -> None:
    versions = [
        (date(2016, 1, 10), "kz", profile("Kazakhstan", "President Ivo Ivanovich EXAMPLOV (since 7 May 2012)",
                                          "Prime Minister Lena SAMPLE (since 2 April 2014)")),
        (date(2019, 4, 1), "kz", profile("Kazakhstan", "President Petr DEMOV (since 20 March 2019)",
                                         "Prime Minister Lena SAMPLE (since 2 April 2014)")),
        (date(2020, 2, 1), "kz", profile("Kazakhstan", "President Petr DEMOV (since 20 March 2019)",
                                         "Prime Minister Askar PROBOV (since 25 February 2019)")),
        (date(2020, 2, 1), "xx", profile("Nowhere Land", "President Nobody KNOWN (since 2010)", "")),
    ]
    tenures, report = _tenures(reference, vocabulary, versions)
    rows = {r["name"]: r for r in tenure_rows(tenures, reference, vocabulary)}
    examplov = rows["Ivo Ivanovich Examplov"]
    assert (examplov["start_date"], examplov["end_date"]) == ("2012-05-07", "2019-03-20")  # the successor's date
    assert (examplov["title"], examplov["rank"], examplov["country_iso3"]) == ("President", "head_of_state", "KAZ")
    assert examplov["aliases"] == "Ivo Examplov|Examplov"
    assert examplov["source"] == "factbook" and examplov["code"] == "KAZGOV"
    assert rows["Lena Sample"]["end_date"] == "2019-02-25"  # the successor's "since" date, before the version
    assert rows["Petr Demov"]["end_date"] == ""  # still listed in the last version
    assert "Nobody Known" not in rows and report.profiles_without_country == {"xx"}


def test_one_person_in_both_fields_or_under_two_spellings_is_one_row(reference, vocabulary) -> None:
    versions = [
        (date(2021, 3, 1), "us", profile("United States", "President Joe R. SAMPLE (since 20 January 2021)",
                                         "President Joe R. SAMPLE (since 20 January 2021)")),
        (date(2022, 3, 1), "rs", profile("Russia", "President Ivan DEMO (since 2012)",
                                         "Premier Mikhail TESTOV (since 16 January 2020)")),
        (date(2023, 3, 1), "rs", profile("Russia", "President Ivan DEMO (since 2012)",
                                         "Premier Mikhail Petrovich TESTOV (since 16 January 2020)")),
    ]
    tenures, _ = _tenures(reference, vocabulary, versions)
    rows = tenure_rows(tenures, reference, vocabulary)
    assert [(r["name"], r["title"], r["end_date"]) for r in rows if r["country_iso3"] == "USA"] == [
        ("Joe R. Sample", "President", "")
    ]
    testov = [r for r in rows if "Testov" in r["name"]]
    assert [(r["name"], r["start_date"], r["end_date"]) for r in testov] == [
        ("Mikhail Petrovich Testov", "2020-01-16", "")
    ]
    assert "Mikhail Testov" in testov[0]["aliases"].split("|")


def _git(repository: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repository), *args], check=True, capture_output=True, env=env)


@pytest.fixture()
def factbook_repository(tmp_path: Path) -> Path:
    work = tmp_path / "factbook"
    (work / "central-asia").mkdir(parents=True)
    _git(work, "init", "-q")
    history = [
        ("2016-01-10T12:00:00", "President Ivo EXAMPLOV (since 7 May 2012)"),
        ("2016-01-20T12:00:00", "President Ivo EXAMPLOV (since 7 May 2012)"),  # same month: the later one is read
        ("2019-04-01T12:00:00", "President Petr DEMOV (since 20 March 2019)"),
    ]
    for when, chief in history:
        document = profile("Kazakhstan", chief, "Prime Minister Lena SAMPLE (since 2 April 2014)")
        document["Introduction"] = {"note": when}  # every version differs
        (work / "central-asia" / "kz.json").write_text(json.dumps(document), encoding="utf-8")
        _git(work, "add", "-A")
        _git(work, "commit", "-q", "-m", when, when=when)
    return work / ".git"


def test_rows_from_a_repository_history(factbook_repository: Path, reference) -> None:
    rows, report, commit = factbook_rows(factbook_repository, reference)
    assert report.versions == 2 and len(commit) == 40
    by_name = {r["name"]: r for r in rows}
    assert (by_name["Ivo Examplov"]["start_date"], by_name["Ivo Examplov"]["end_date"]) == ("2012-05-07", "2019-03-20")
    assert by_name["Ivo Examplov"]["actor_id"] == "factbook:kz:ivo_examplov"


def test_the_actors_command_adds_factbook_rows_and_keeps_them(factbook_repository: Path, tmp_path: Path) -> None:
    dictionaries = tmp_path / "dictionaries"
    dictionaries.mkdir()
    (dictionaries / "Phoenix.Countries.actors.txt").write_text(
        "MARA_TESTOVA_  # CountryInfo.txt\n\t[KAZGOV 000101-101231]\n", encoding="utf-8"
    )
    (dictionaries / "Phoenix.International.actors.txt").write_text("", encoding="utf-8")
    (dictionaries / "Phoenix.MilNonState.actors.txt").write_text("", encoding="utf-8")
    (dictionaries / "Phoenix.agents.txt").write_text("TROOP [~MIL]\n", encoding="utf-8")
    out = tmp_path / "reference"
    args = ["--dictionaries", str(dictionaries), "--out", str(out)]
    actors_command.main([*args, "--factbook", str(factbook_repository)])
    text = (out / "actors.csv").read_text(encoding="utf-8")
    assert "Mara Testova" in text and "Ivo Examplov" in text and ",factbook," in text
    actors_command.main(args)  # no Factbook repository: its rows are kept
    assert (out / "actors.csv").read_text(encoding="utf-8") == text


def test_titles_held_by_several_people_end_when_the_person_is_gone(reference, vocabulary) -> None:
    versions = [
        (date(2016, 1, 1), "kz", profile("Kazakhstan", "President Petr DEMOV (since 2015)",
                                         "Deputy Prime Ministers Anna ALFA (since 2014), Boris BETOV (since 2015)")),
        (date(2018, 1, 1), "kz", profile("Kazakhstan", "President Petr DEMOV (since 2015)",
                                         "Deputy Prime Ministers Boris BETOV (since 2015), Vera GAMMOVA (since 2017)")),
    ]
    tenures, _ = _tenures(reference, vocabulary, versions)
    rows = {r["name"]: r for r in tenure_rows(tenures, reference, vocabulary)}
    # Not Betov's or Gammova's "since": deputies serve side by side.
    assert rows["Anna Alfa"]["end_date"] == "2018-01-01"
    assert rows["Anna Alfa"]["rank"] == "deputy_head_of_government"
    assert rows["Boris Betov"]["end_date"] == ""
