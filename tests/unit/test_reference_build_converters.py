"""The actor and CAMEO verb converters, on small invented dictionaries."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.reference import DEFAULT_REFERENCE_DIR, read_reference
from pipeline.reference_build import actors as actors_command
from pipeline.reference_build import cameo_verbs as verbs_command
from pipeline.reference_build import subdivisions as subdivisions_command
from pipeline.reference_build.cities import city_rows, reserved_names, shared_region_names
from pipeline.reference_build.actors import ACTOR_COLUMNS, convert_actor_files, convert_agents
from pipeline.reference_build.names import Vocabulary, organization_display, person_display, split_title
from pipeline.reference_build.phoenix_codes import parse_code
from pipeline.reference_build.subdivisions import subdivision_forms

COUNTRIES = """\
RUSSIA_  [RUS]
+RUSSIAN_

# National institutions
FEDERAL_TESTING_SERVICE_
+FTS_
\t[RUSCOP]

RUSSIAN_FEDERAL_PANEL
+CHAIRMAN_OF_THE_FEDERAL_PANEL
\t[RUSLEG]

PRESIDENT_OF_RUSSIA_
\t[RUSGOV]

MARA_TESTOVA_  # CountryInfo.txt
+PRESIDENT_TESTOVA_
+RUSSIAN_PRESIDENT_MARA_TESTOVA
+MARA_T._TESTOVA
\t[RUSELI 600101-991231]
\t[RUSGOV >000101]
\t[RUSELI]

FOREIGN_MINISTER_IVO_EXAMPLOV_
\t[RUSGOV 040309-120101]

PETR_KOSOVSKI_
\t[KSVGOV 080101-100101]
\t[SUNRUSGOV 700101-911225]

NEVER_LAND_OFFICIAL_
\t[KNTGOV 830101-850630]

KIM_JA-EUN_  # CountryInfo.txt
\t[KORGOV 080101-120101]

GBR_ISLAND_
\t[GBRPCN]
"""

INTERNATIONAL = """\
THE_UNITED_NATIONS_ [IGOUNO]
UN_SECRETARY_GENERAL
+SECRETARY_GENERAL_OF_THE_UNITED_NATIONS_
\t[IGOUNO]
SECRETARY-GENERAL_LINA_ORLOVA_
+LINA_ORLOVA_
\t[IGOUNO 970101-061231]
\t[ELI]
ACME_WIDGETS_INC_ [MNCUSA]
"""

MILNONSTATE = """\
SWORD_OF_EXAMPLE_ [FRDREB]
"""

AGENTS = """\
!MINIST! = MINISTER, MINISTRY
FOREIGN_!MINIST! [~GOV]
TROOP {TROOPS} [~MIL]
FARMER [~AGR]
"""


@pytest.fixture(scope="module")
def reference():
    return read_reference(DEFAULT_REFERENCE_DIR)


@pytest.fixture(scope="module")
def converted(reference):
    return convert_actor_files(
        {"Countries": COUNTRIES, "International": INTERNATIONAL, "MilNonState": MILNONSTATE}, reference
    )


def _rows_of(converted, name: str) -> list[dict[str, str]]:
    return [row for row in converted.actors if row["name"] == name]


def test_a_person_gets_one_row_per_role_period(converted) -> None:
    rows = _rows_of(converted, "Mara Testova")
    assert [(r["role"], r["start_date"], r["end_date"]) for r in rows] == [
        ("ELI", "1960-01-01", "1999-12-31"),
        ("GOV", "2000-01-01", ""),
        ("ELI", "", ""),
    ]
    assert {r["country_iso3"] for r in rows} == {"RUS"}
    assert {r["source"] for r in rows} == {"phoenix:Countries"}
    assert len({r["actor_id"] for r in rows}) == 1
    # Aliases without their titles and nationalities; the surname-only form is kept.
    assert rows[0]["aliases"].split("|") == ["Testova", "Mara T. Testova"]


def test_titles_come_from_the_entrys_own_forms_and_only_on_office_rows(converted) -> None:
    rows = _rows_of(converted, "Mara Testova")
    titled = [(r["role"], r["title"], r["rank"]) for r in rows if r["title"]]
    assert titled == [("GOV", "President", "head_of_state")]
    minister = _rows_of(converted, "Ivo Examplov")
    assert [(r["title"], r["rank"]) for r in minister] == [("Foreign Minister", "foreign_minister")]
    ranks = {r.rank for r in read_reference(DEFAULT_REFERENCE_DIR).ranks}
    assert {r["rank"] for r in converted.actors if r["rank"]} <= ranks


def test_country_codes_are_mapped(converted) -> None:
    rows = _rows_of(converted, "Petr Kosovski")
    assert [(r["country_iso3"], r["role"], r["code"]) for r in rows] == [
        ("XKX", "GOV", "KSVGOV"),
        ("RUS", "GOV", "SUNRUSGOV"),
    ]
    assert not _rows_of(converted, "Never Land Official")  # the fictional TABARI country
    assert converted.report.counts["fictional country (dropped)"] == 1
    assert converted.report.counts["places, countries and territories (dropped)"] == 2  # RUSSIA_, GBR_ISLAND_


def test_korean_given_names_keep_their_hyphen(converted) -> None:
    assert _rows_of(converted, "Kim Ja-eun")


def test_international_officials_have_no_country_and_name_their_organisation(converted) -> None:
    rows = _rows_of(converted, "Lina Orlova")
    assert [(r["country_iso3"], r["role"], r["organization"], r["title"]) for r in rows] == [
        ("", "IGO", "United Nations", "Secretary-General"),
        ("", "ELI", "", ""),
    ]


def test_organisations_of_states_and_igos_only(converted) -> None:
    by_name = {r["name"]: r for r in converted.organizations}
    assert by_name["Federal Testing Service"]["aliases"] == "FTS"
    assert by_name["Federal Testing Service"]["role"] == "COP"
    assert by_name["Russian Federal Panel"]["aliases"] == ""  # the office form is not an alias
    assert by_name["United Nations"]["country_iso3"] == ""
    assert by_name["United Nations"]["role"] == "IGO"
    assert "President of Russia" not in by_name  # an office, not a body
    assert "Un Secretary General" not in by_name and "UN Secretary General" not in by_name
    assert not any("Acme" in name for name in by_name)  # companies are not state bodies
    assert not any("Sword" in name for name in by_name)
    assert not any(r["name"].startswith("Sword") for r in converted.actors)


def test_agents_table(converted) -> None:
    rows = {r["phrase"]: r for r in convert_agents(AGENTS)}
    assert rows["foreign minister"]["state_actor"] == "true"
    assert rows["foreign ministry"]["agent_code"] == "GOV"
    assert rows["troops"]["state_actor"] == "true"
    assert rows["farmers"]["state_actor"] == "false"
    assert rows["farmer"]["source"] == "phoenix:agents"


def test_phoenix_codes() -> None:
    assert (parse_code("AFGGOVBUS").country_iso3, parse_code("AFGGOVBUS").role) == ("AFG", "GOV")
    assert parse_code("IGOWSTNAT").organization == "WSTNAT"
    assert parse_code("TMPOCC").country_iso3 == "TLS"
    assert parse_code("USRARM").place and parse_code("USRARM").country_iso3 == "ARM"
    assert parse_code("SUNGOV").country_iso3 == "SUN"  # dissolved state: its former code
    assert parse_code("GBRIMYELI").country_iso3 == "IMN"
    assert parse_code("EGYMUS").role == "MUS"  # a role, though also an ISO code
    assert parse_code("USAPRI").place
    assert parse_code("ELI").country_iso3 is None and parse_code("ELI").role == "ELI"
    assert parse_code("MEAREB").country_iso3 is None and parse_code("MEAREB").role == "REB"


def test_display_forms(reference) -> None:
    vocabulary = Vocabulary.from_reference(reference)
    assert person_display(["BASHAR", "AL-EXAMPLE"], vocabulary) == "Bashar al-Example"
    assert person_display(["JEAN", "D'EXAMPLE"], vocabulary) == "Jean d'Example"
    assert person_display(["ROSS", "MCEXAMPLE", "JR."], vocabulary) == "Ross McExample Jr."
    assert person_display(["HENRY", "VIII"], vocabulary) == "Henry VIII"
    split = split_title(["FORMER", "SOVIET", "LEADER", "IVAN", "EXAMPLOV"], vocabulary)
    assert split.name_words == ("IVAN", "EXAMPLOV")
    split = split_title(["PRESIDENT", "OF", "THE", "REPUBLIC,", "IVAN", "EXAMPLOV"], vocabulary)
    assert split.name_words == ("IVAN", "EXAMPLOV")
    split = split_title(["WALTER", "EXAMPLE,", "JR."], vocabulary)
    assert split.name_words == ("WALTER", "EXAMPLE,", "JR.")
    assert organization_display(["NORTH", "ATLANTIC", "TREATY", "ORGANIZATION"], vocabulary) == (
        "North Atlantic Treaty Organization"
    )
    assert organization_display(["DGSX"], vocabulary) == "DGSX"
    assert organization_display(["KREMLIN"], vocabulary) == "Kremlin"


def _write_dictionaries(folder: Path) -> None:
    folder.mkdir()
    (folder / "Phoenix.Countries.actors.txt").write_text(COUNTRIES, encoding="utf-8")
    (folder / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, encoding="utf-8")
    (folder / "Phoenix.MilNonState.actors.txt").write_text(MILNONSTATE, encoding="utf-8")
    (folder / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    (folder / "CAMEO.2.0.txt").write_text(VERBS, encoding="utf-8")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_actors_command_writes_the_tables_and_keeps_local_rows(tmp_path: Path, capsys) -> None:
    dictionaries = tmp_path / "dictionaries"
    _write_dictionaries(dictionaries)
    out = tmp_path / "reference"
    assert actors_command.main(["--dictionaries", str(dictionaries), "--out", str(out)]) == 0
    assert "actor rows" in capsys.readouterr().out
    actors = _read(out / "actors.csv")
    assert list(actors[0]) == list(ACTOR_COLUMNS)
    assert any(r["name"] == "Mara Testova" for r in actors)
    assert _read(out / "actor_organizations.csv")
    assert _read(out / "agents.csv")
    local = out / "actors.local.csv"
    assert local.read_text(encoding="utf-8").strip() == ",".join(ACTOR_COLUMNS)
    local.write_text(local.read_text(encoding="utf-8") + "Someone Local,,FRA,GOV,,,,,local,,,\n", encoding="utf-8")
    actors_command.main(["--dictionaries", str(dictionaries), "--out", str(out)])
    assert "Someone Local" in local.read_text(encoding="utf-8")  # users' rows are never rewritten


def test_actors_command_needs_the_dictionaries(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        actors_command.build(tmp_path, tmp_path / "out")


VERBS = """\
####### SYNONYM SETS #######

&ARMS
+RIFLE
+TANK_

####### VERB PATTERNS #######

---  GREET   [040]  ---
GREET
+SIT_WITH {+SAT_WITH +SITS_WITH} [043]
- * (WITH +)                        [046]
- $ WILL * WITH + IN ^              [036:036]
- + * {HARSH WORDS} (FROM $)        [:111]
- SAID WOULD NOT *                  [125]
- % * (IN TALKS)                    [046:046]
- * (BY/WITH &ARMS)                 [190]
- * &UNKNOWN_SET                    [190]
- * RUN-OFF                         [---]

---  IMPOSE   [---]  ---
IMPOSE
- * SANCTIONS (ON +)                [163]
"""

CODEBOOK = """\
code,name,goldstein
040,Consult,1
043,Host a visit,2.8
046,Engage in negotiation,7
036,Express intent to meet or negotiate,4
111,Criticize or denounce,-2
125,Reject proposal to meet,-5
163,"Impose embargo, boycott, or sanctions",-8
"""


def test_cameo_verbs_command(tmp_path: Path) -> None:
    dictionaries = tmp_path / "dictionaries"
    _write_dictionaries(dictionaries)
    codebook = tmp_path / "codebook.csv"
    codebook.write_text(CODEBOOK, encoding="utf-8")
    out = tmp_path / "patterns"
    assert verbs_command.main(["--dictionaries", str(dictionaries), "--out", str(out), "--codebook", str(codebook)]) == 0
    rows = _read(out / "cameo_verbs.csv")
    assert list(rows[0])[:7] == ["lemma", "code", "preposition", "particle", "object_words", "pattern", "source"]
    greet = [r for r in rows if r["lemma"] == "greet"]
    alone = next(r for r in greet if r["pattern"] == "*")
    assert (alone["code"], alone["source"]) == ("040", "petrarch2:CAMEO.2.0:10")
    with_target = next(r for r in greet if r["pattern"] == "* (WITH +)")
    assert (with_target["code"], with_target["preposition"], with_target["object_role"]) == ("046", "with", "target")
    tabari = next(r for r in greet if r["pattern"].startswith("$ WILL"))
    assert (tabari["preposition"], tabari["object_words"], tabari["before_words"]) == ("with", "in", "will")
    assert (tabari["subject_role"], tabari["passive_code"]) == ("source", "036")
    passive = next(r for r in greet if r["pattern"].startswith("+ *"))
    assert (passive["code"], passive["passive_code"], passive["subject_role"], passive["object_words"]) == (
        "", "111", "target", "harsh words from",
    )
    assert next(r for r in greet if r["pattern"].startswith("SAID"))["negated"] == "true"
    assert next(r for r in greet if r["pattern"].startswith("%"))["subject_role"] == "compound"
    arms = [r for r in greet if "&ARMS" in r["pattern"]]
    assert sorted((r["preposition"], r["object_words"]) for r in arms) == [("by", "&arms"), ("with", "&arms")]
    assert not any("&unknown_set" in r["object_words"] for r in rows)  # undefined set: pattern dropped
    assert next(r for r in greet if r["pattern"] == "* RUN-OFF")["code"] == ""  # explicit null code
    sit = [r for r in rows if r["lemma"] == "sit"]
    assert {r["particle"] for r in sit} == {"with"}
    assert next(r for r in sit if r["pattern"] == "*")["code"] == "043"
    impose = next(r for r in rows if r["lemma"] == "impose" and r["pattern"] != "*")
    assert (impose["code"], impose["object_words"], impose["verb_group"]) == ("163", "sanctions on", "IMPOSE")
    sets = _read(out / "cameo_word_sets.csv")
    assert {(r["word_set"], r["word"]) for r in sets} == {("arms", "rifle"), ("arms", "tank")}
    codes = {r["code"]: r for r in _read(out / "cameo_codes.csv")}
    assert codes["163"] == {
        "code": "163", "root": "16", "name": "Impose embargo, boycott, or sanctions",
        "quad_class": "material_conflict", "goldstein": "-8.0",
    }
    assert codes["040"]["quad_class"] == "verbal_cooperation"
    assert codes["190"]["name"] == ""  # not in this codebook: left empty
    # Without a codebook the names already written are kept.
    verbs_command.main(["--dictionaries", str(dictionaries), "--out", str(out)])
    assert {r["code"]: r for r in _read(out / "cameo_codes.csv")}["163"]["name"].startswith("Impose")


def test_quad_classes() -> None:
    assert [verbs_command.quad_class(c) for c in ("057", "0874", "094", "138", "1721", "204")] == [
        "verbal_cooperation", "material_cooperation", "verbal_conflict", "verbal_conflict",
        "material_conflict", "material_conflict",
    ]


def test_open_phoenix_periods_end_where_the_factbook_shows_the_person_out_of_office() -> None:
    phoenix = [
        {"name": "Mara Testova", "aliases": "Testova", "country_iso3": "RUS", "role": "GOV", "start_date": "2000-01-01", "end_date": ""},
        {"name": "Ivo Examplov", "aliases": "", "country_iso3": "RUS", "role": "GOV", "start_date": "2004-01-01", "end_date": ""},
        {"name": "Lena Sample", "aliases": "", "country_iso3": "RUS", "role": "ELI", "start_date": "2001-01-01", "end_date": ""},
        {"name": "Olga Still", "aliases": "", "country_iso3": "RUS", "role": "GOV", "start_date": "2005-01-01", "end_date": ""},
    ]
    factbook = [
        {"name": "Mara Ivanovna Testova", "aliases": "Mara Testova|Testova", "country_iso3": "RUS", "end_date": "2016-05-01"},
        {"name": "Mara Ivanovna Testova", "aliases": "Mara Testova|Testova", "country_iso3": "RUS", "end_date": "2018-02-01"},
        {"name": "Ivo Examplov", "aliases": "Examplov", "country_iso3": "KAZ", "end_date": "2017-01-01"},  # another country
        {"name": "Lena Sample", "aliases": "", "country_iso3": "RUS", "end_date": "2017-01-01"},
        {"name": "Olga Still", "aliases": "", "country_iso3": "RUS", "end_date": "2016-01-01"},
        {"name": "Olga Still", "aliases": "", "country_iso3": "RUS", "end_date": ""},  # in office again
    ]
    assert actors_command.close_open_periods(phoenix, factbook) == 1
    assert [r["end_date"] for r in phoenix] == ["2018-02-01", "", "", ""]


def test_subdivision_names_drop_romanised_unit_words_and_keep_second_forms():
    assert subdivision_forms("Guangdong Sheng") == ("Guangdong", ["Guangdong Sheng"])
    assert subdivision_forms("Xinjiang Uygur Zizhiqu") == ("Xinjiang", ["Xinjiang Uygur Zizhiqu"])
    assert subdivision_forms("Catalunya [Cataluña]") == ("Catalunya", ["Cataluña"])
    assert subdivision_forms("Kärnten (de)") == ("Kärnten", [])


def test_the_shipped_subdivisions_are_what_the_builder_writes(tmp_path):
    subdivisions_command.main(["--out", str(tmp_path)])
    written = (tmp_path / "subdivisions.csv").read_text(encoding="utf-8")
    assert written == (DEFAULT_REFERENCE_DIR / "subdivisions.csv").read_text(encoding="utf-8")
    rows = written.splitlines()
    assert "California,,USA,state,US-CA" in rows
    assert not any(",municipality," in row or ",district," in row for row in rows)


def test_english_names_join_their_iso_row_and_regions_without_a_code_are_added(tmp_path):
    names = tmp_path / "names.csv"
    names.write_text("code,name,aliases,country_iso3,type\nDE-BY,,Bavaria,,\n,Scotland,,GBR,nation\n", encoding="utf-8")
    rows = [{"name": "Bayern", "aliases": "", "country_iso3": "DEU", "type": "land", "code": "DE-BY"}]
    merged = subdivisions_command.with_english_names(rows, names)
    assert {(r["name"], r["aliases"], r["country_iso3"]) for r in merged} == {
        ("Bayern", "Bavaria", "DEU"), ("Scotland", "", "GBR"),
    }


def _city(geonameid, name, alpha2, population, alternates=()):
    return {"geonameid": geonameid, "name": name, "countrycode": alpha2, "population": population,
            "alternatenames": list(alternates)}


def test_cities_keep_large_unambiguous_names_and_leave_the_rest_to_other_tables():
    cities = [
        _city(1, "Lakeport", "UA", 1_000_000, ["Lakeporto", "Лейкпорт", "Lp"]),
        _city(2, "Lakeporto", "US", 120_000),  # an eighth of the size: the name is Ukraine's city's
        _city(3, "Twinford", "FR", 300_000),
        _city(4, "Twinford", "CA", 200_000),  # comparable cities of one name in two states
        _city(5, "Smallville", "DE", 60_000),  # under 100,000 people
        _city(6, "Regionburg", "AT", 400_000),  # a region's name
        _city(7, "Midtown", "BR", 150_000, ["Midtowne"]),  # too small for its alternates to count
    ]
    rows = {r["name"]: (r["aliases"], r["country_iso3"]) for r in city_rows(cities, {"regionburg"})}
    assert rows == {
        "Lakeport": ("Lakeporto", "UKR"),  # Cyrillic and two-letter forms dropped
        "Midtown": ("", "BRA"),
    }


def test_only_region_names_that_point_to_one_state_are_reserved(tmp_path):
    (tmp_path / "countries.csv").write_text(
        "name,official_names,aliases,demonyms,capital\nAustria,,,Austrian,Vienna\n", encoding="utf-8")
    (tmp_path / "subdivisions.csv").write_text(
        "name,aliases,country_iso3,type,code\nRegionburg,,AUT,state,AT-1\n"
        "Sharedland,,PSE,governorate,PS-1\nSharedland,,MOZ,province,MZ-1\n", encoding="utf-8")
    (tmp_path / "subdivision_english_names.csv").write_text(
        "code,name,aliases,country_iso3,type\nAT-1,,Regionsburg,,\n", encoding="utf-8")
    reserved = reserved_names(tmp_path)
    assert {"austria", "austrian", "vienna", "regionburg", "regionsburg"} <= reserved
    assert "sharedland" not in reserved  # two states' regions: a city of that name may tell the state
    assert shared_region_names(tmp_path) == {"sharedland"}


def test_a_name_of_regions_in_several_states_goes_only_to_a_large_city_no_other_state_shares():
    cities = [
        _city(1, "Sharedland", "PS", 400_000),  # large, and no other state has a city of that name
        _city(2, "Twinshire", "AR", 2_000_000),
        _city(3, "Twinshire", "ES", 300_000),  # another state's city of that name
        _city(4, "Smallshire", "AR", 180_000),  # too small to outweigh the regions of that name
    ]
    shared = frozenset({"sharedland", "twinshire", "smallshire"})
    rows = {r["name"]: r["country_iso3"] for r in city_rows(cities, set(), shared)}
    assert rows == {"Sharedland": "PSE"}


def test_an_abbreviated_alias_of_a_far_larger_city_wins_over_a_small_city_of_that_name():
    cities = [
        _city(1, "Saint Lakeport", "RU", 5_000_000, ["St. Lakeport", "St Lakeport"]),
        _city(2, "St. Lakeport", "US", 260_000),
    ]
    rows = {r["name"]: (r["aliases"], r["country_iso3"]) for r in city_rows(cities, set())}
    assert rows == {"Saint Lakeport": ("St. Lakeport|St Lakeport", "RUS")}


def test_a_city_s_own_name_wins_over_a_smaller_town_s_old_name():
    cities = [
        _city(1, "Oldmark", "UZ", 600_000),
        _city(2, "Newtown", "KZ", 170_000, ["Oldmark"]),  # a former name of the town
    ]
    rows = {r["name"]: r["country_iso3"] for r in city_rows(cities, set())}
    assert rows == {"Oldmark": "UZB", "Newtown": "KAZ"}
