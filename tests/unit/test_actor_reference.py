"""The actor reference loader: name index, date rule, local rows, organisations, agents, verbs."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pipeline import actor_reference
from pipeline.actor_reference import (
    ActorReference,
    load_actor_reference,
    name_key,
    read_actor_reference,
)
from pipeline.reference import DEFAULT_REFERENCE_DIR, RANK_NAMES, load_reference

HEADER = "name,aliases,country_iso3,role,title,rank,start_date,end_date,source,organization,code,actor_id\n"

ACTORS = HEADER + """\
Mara Testova,Testova|Mara T. Testova,FRD,ELI,,,1960-01-01,1999-12-31,phoenix:Countries,,FRDELI,phoenix:Countries:10
Mara Testova,Testova|Mara T. Testova,FRD,GOV,President,head_of_state,2000-01-01,,phoenix:Countries,,FRDGOV,phoenix:Countries:10
Mara Testova,Testova|Mara T. Testova,FRD,ELI,,,,,phoenix:Countries,,FRDELI,phoenix:Countries:10
Ivo Examplov,Examplov,FRD,GOV,Foreign Minister,foreign_minister,2004-03-09,2012-01-01,phoenix:Countries,,FRDGOV,phoenix:Countries:20
Ivo Examplov,Examplov,SYL,GOV,,,2013-01-01,,phoenix:Countries,,SYLGOV,phoenix:Countries:30
Lina Orlova,Orlova,,IGO,Secretary-General,other_official,1997-01-01,2006-12-31,phoenix:International,United Nations,IGOUNO,phoenix:International:5
Lina Orlova,Orlova,,ELI,,,,,phoenix:International,,ELI,phoenix:International:5
Jérôme Dëmo-Name,Demo-Name,FRD,GOV,,,,,phoenix:Countries,,FRDGOV,phoenix:Countries:40
Ana Split,,FRD,GOV,,,1990-01-01,1995-12-31,phoenix:Countries,,FRDGOV,phoenix:Countries:50
Ana Split,,FRD,GOV,,,2001-01-01,2005-12-31,phoenix:Countries,,FRDGOV,phoenix:Countries:50
Ana Split,,FRD,ELI,,,,,phoenix:Countries,,FRDELI,phoenix:Countries:50
"""

LOCAL = HEADER + """\
 Ivo Examplov , ,SYL,GOV,Prime Minister,head_of_government,2013-01-01,,my notes,,,
"""

ORGANIZATIONS = """\
name,aliases,country_iso3,role,source,organization,code,actor_id
Federal Testing Service,FTS,FRD,COP,phoenix:Countries,,FRDCOP,phoenix:Countries:3
United Nations,UN|U.N.,,IGO,phoenix:International,United Nations,IGOUNO,phoenix:International:1
Ministry of Defence,Defence Ministry,FRD,MIL,phoenix:Countries,,FRDMIL,phoenix:Countries:4
"""

AGENTS = """\
phrase,agent_code,state_actor,source
foreign minister,GOV,true,phoenix:agents
foreign ministers,GOV,true,phoenix:agents
farmer,AGR,false,phoenix:agents
"""

VERBS = """\
lemma,code,preposition,particle,object_words,pattern,source,passive_code,before_words,subject_role,object_role,negated,verb_group
meet,040,,,,*,petrarch2:CAMEO.2.0:1,,,,,false,MEET_PEOPLE
meet,046,with,,,* (WITH +),petrarch2:CAMEO.2.0:2,,,,target,false,MEET_PEOPLE
meet,125,,,,SAID WOULD NOT *,petrarch2:CAMEO.2.0:3,,said would,,,true,MEET_PEOPLE
launch,194,,,"&arms",* &ARMS,petrarch2:CAMEO.2.0:9,,,,,false,LAUNCH
face,,,,criticism from,+ * CRITICISM (FROM $),petrarch2:CAMEO.2.0:5,111,,target,source,false,MEET_PEOPLE
"""

WORD_SETS = """\
word_set,word,source
arms,rifle,petrarch2:CAMEO.2.0
arms,rocket launcher,petrarch2:CAMEO.2.0
"""

CODES = """\
code,root,name,quad_class,goldstein
040,04,Consult,verbal_cooperation,1.0
176,17,,material_conflict,
"""


@pytest.fixture()
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "reference"
    (folder / "patterns").mkdir(parents=True)
    for name, text in {
        "actors.csv": ACTORS,
        "actors.local.csv": HEADER,
        "actor_organizations.csv": ORGANIZATIONS,
        "agents.csv": AGENTS,
        "patterns/cameo_verbs.csv": VERBS,
        "patterns/cameo_word_sets.csv": WORD_SETS,
        "patterns/cameo_codes.csv": CODES,
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _names(entries) -> list[tuple]:
    return [(e.name, e.role, e.start_date, e.end_date) for e in entries]


def test_name_keys() -> None:
    assert name_key("Ban Ki-moon") == name_key("BAN KI MOON") == name_key("Ban Ki-moon's") == "ban ki moon"
    assert name_key("Jérôme Dëmo-Name") == name_key("Jerome Demo Name")
    assert name_key("Mara T. Testova") == "mara t testova"
    assert name_key("O\u2019Example") == name_key("O'Example") == "oexample"


def test_a_dated_row_applies_inside_its_period(root: Path) -> None:
    reference = read_actor_reference(root)
    assert _names(reference.people_named("Mara Testova", date(2005, 6, 1))) == [
        ("Mara Testova", "GOV", date(2000, 1, 1), None)
    ]
    assert _names(reference.people_named("mara testova", date(1999, 12, 31))) == [
        ("Mara Testova", "ELI", date(1960, 1, 1), date(1999, 12, 31))
    ]
    assert reference.people_named("Testova", date(2005, 6, 1))[0].title == "President"


def test_an_undated_row_applies_only_where_no_dated_row_of_its_record_does(root: Path) -> None:
    reference = read_actor_reference(root)
    assert _names(reference.people_named("Mara Testova", date(1950, 1, 1))) == [("Mara Testova", "ELI", None, None)]
    # Between two dated periods the record's default applies.
    assert _names(reference.people_named("Ana Split", date(1998, 1, 1))) == [("Ana Split", "ELI", None, None)]
    assert _names(reference.people_named("Ana Split", date(2003, 1, 1))) == [
        ("Ana Split", "GOV", date(2001, 1, 1), date(2005, 12, 31))
    ]
    # An international official: no country, the organisation named.
    official = reference.people_named("Lina Orlova", date(2000, 1, 1))
    assert [(e.country_iso3, e.organization) for e in official] == [(None, "United Nations")]
    assert reference.people_named("Jerome Demo Name", date(2020, 1, 1))[0].country_iso3 == "FRD"


def test_without_a_date_only_when_the_rows_agree_on_the_country(root: Path) -> None:
    reference = read_actor_reference(root)
    assert len(reference.people_named("Mara Testova", None)) == 3
    assert reference.people_named("Ivo Examplov", None) == []  # FRD then SYL: ambiguous
    assert reference.people_named("Nobody Known", None) == []


def test_single_word_names_can_be_refused(root: Path) -> None:
    reference = read_actor_reference(root)
    assert reference.people_named("Testova", date(2005, 1, 1))
    assert reference.people_named("Testova", date(2005, 1, 1), single_word=False) == []
    assert reference.people_named("Mara Testova", date(2005, 1, 1), single_word=False)


def test_local_rows_take_precedence(root: Path) -> None:
    before = read_actor_reference(root)
    assert [e.country_iso3 for e in before.people_named("Ivo Examplov", date(2010, 1, 1))] == ["FRD"]
    (root / "actors.local.csv").write_text(LOCAL, encoding="utf-8")
    reference = read_actor_reference(root)
    entries = reference.people_named("Ivo Examplov", date(2014, 1, 1))
    assert [(e.country_iso3, e.title, e.rank, e.local, e.source) for e in entries] == [
        ("SYL", "Prime Minister", "head_of_government", True, "my notes")
    ]
    # The generated rows of that name are set aside, whatever the date.
    assert reference.people_named("Ivo Examplov", date(2010, 1, 1)) == []
    assert [e.local for e in reference.people_named("Ivo Examplov", None)] == [True]
    # Other names and the generated rows' own aliases are untouched.
    assert reference.people_named("Examplov", date(2010, 1, 1))[0].country_iso3 == "FRD"


def test_lookups_use_the_index_and_build_only_the_rows_they_return(root: Path, monkeypatch) -> None:
    reference = read_actor_reference(root, index_cache=False)
    built: list[tuple] = []
    original = actor_reference._person

    def counting(cells, local):
        built.append(cells)
        return original(cells, local)

    monkeypatch.setattr(actor_reference, "_person", counting)
    # A fresh object: the rows of `reference` were not built yet either.
    reference = read_actor_reference(root, index_cache=False)
    assert built == []  # loading builds no row
    reference.people_named("Lina Orlova", date(2000, 1, 1))
    assert {cells[0] for cells in built} == {"Lina Orlova"}
    assert len(built) == 2
    reference.people_named("Unknown Person", date(2000, 1, 1))
    assert len(built) == 2


def test_the_name_index_is_cached_and_rebuilt_when_a_file_changes(root: Path, monkeypatch) -> None:
    builds: list[int] = []
    original = ActorReference._build_people_index

    def counting(self):
        builds.append(1)
        return original(self)

    monkeypatch.setattr(ActorReference, "_build_people_index", counting)
    first = read_actor_reference(root)
    second = read_actor_reference(root)
    assert len(builds) == 1
    assert second.people_named("Ana Split", date(2003, 1, 1)) == first.people_named("Ana Split", date(2003, 1, 1))
    (root / "actors.local.csv").write_text(LOCAL, encoding="utf-8")
    third = read_actor_reference(root)
    assert len(builds) == 2
    assert third.people_named("Ivo Examplov", date(2014, 1, 1))[0].local


def test_an_unusable_cache_folder_only_costs_the_build(root: Path, monkeypatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(blocker / "cache"))
    reference = read_actor_reference(root)
    assert reference.people_named("Ana Split", date(2003, 1, 1))


def test_organisations(root: Path) -> None:
    reference = read_actor_reference(root)
    assert [o.name for o in reference.organization_named("FTS")] == ["Federal Testing Service"]
    assert reference.organization_named("fts") == []  # abbreviations match as written
    assert [o.name for o in reference.organization_named("the U.N.")] == ["United Nations"]
    assert [o.name for o in reference.organization_named("UN")] == ["United Nations"]
    assert [o.name for o in reference.organization_named("Ministry of Defense")] == ["Ministry of Defence"]
    assert reference.organization_named("federal testing service")[0].country_iso3 == "FRD"


def test_agents(root: Path) -> None:
    reference = read_actor_reference(root)
    agent = reference.agent("Foreign  Ministers")
    assert agent is not None and agent.agent_code == "GOV" and agent.state_actor
    assert reference.agent("farmer").state_actor is False
    assert reference.agent("astronaut") is None


def test_verbs_are_typed_records_with_word_sets_expanded(root: Path) -> None:
    reference = read_actor_reference(root)
    meet = reference.verbs_for("meet")
    assert [v.code for v in meet] == ["040", "046", "125"]
    assert meet[1].preposition == "with" and meet[1].object_role == "target"
    assert meet[2].negated and meet[2].before_words == (frozenset({"said"}), frozenset({"would"}))
    launch = reference.verbs_for("LAUNCH")[0]
    assert launch.object_words == (frozenset({"rifle", "rocket launcher"}),)
    face = reference.verbs_for("face")[0]
    assert (face.code, face.passive_code, face.subject_role) == ("", "111", "target")
    assert len(reference.verbs) == 5
    assert reference.cameo_code("040").goldstein == 1.0
    assert reference.cameo_code("176").goldstein is None


def test_load_is_cached_with_the_reference_root_rules(root: Path, monkeypatch) -> None:
    load_actor_reference.cache_clear()
    monkeypatch.setenv("PIPELINE_REFERENCE_DIR", str(root))
    try:
        first = load_actor_reference()
        assert first is load_actor_reference(root) is load_actor_reference(str(root))
        assert first.people_named("Ana Split", date(2003, 1, 1))
    finally:
        load_actor_reference.cache_clear()


def test_missing_files_read_as_empty_tables(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path / "cache"))
    reference = read_actor_reference(tmp_path)
    assert reference.people_named("Anyone", None) == []
    assert reference.verbs_for("meet") == ()
    assert reference.agent("troops") is None


# ---------------------------------------------------------------------------------------------
# The committed tables


@pytest.fixture(scope="module")
def committed() -> ActorReference:
    return read_actor_reference(DEFAULT_REFERENCE_DIR, index_cache=False)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_committed_local_file_holds_only_its_header() -> None:
    text = (DEFAULT_REFERENCE_DIR / "actors.local.csv").read_text(encoding="utf-8")
    assert text == HEADER


def test_committed_actor_rows_are_well_formed() -> None:
    rows = _csv(DEFAULT_REFERENCE_DIR / "actors.csv")
    assert len(rows) > 20000
    ranks = set(RANK_NAMES)
    iso3 = {c.iso3 for c in load_reference().countries}
    former = {"SUN", "YUG", "SCG", "CSK", "DDR"}
    for row in rows:
        assert row["name"] and row["role"] and row["source"].split(":")[0] in {"phoenix", "factbook"}
        assert not row["rank"] or row["rank"] in ranks
        assert not row["rank"] or row["title"]  # a rank always comes with the title that gives it
        if row["source"].startswith("phoenix:"):
            assert bool(row["rank"]) == bool(row["title"])
        assert "_" not in row["name"] and row["name"] != row["name"].upper()
        if row["start_date"] and row["end_date"]:
            assert row["start_date"] <= row["end_date"]
        if row["country_iso3"] and row["country_iso3"] not in iso3 | former:
            import pycountry

            assert pycountry.countries.get(alpha_3=row["country_iso3"]), row  # dependent territories


NO_EVENT = "---"  # event_verbs.csv: the passive of the verb reports no event ("is expected to")


def test_committed_tables_answer_lookups(committed: ActorReference) -> None:
    assert len(committed.organizations) > 100
    assert committed.agent("foreign minister").state_actor
    assert committed.verbs_for("meet")
    codes = _csv(DEFAULT_REFERENCE_DIR / "patterns" / "cameo_codes.csv")
    assert {r["quad_class"] for r in codes} <= {
        "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
    }
    used = {r["code"] for r in codes}
    verb_codes = {c for v in committed.verbs for c in (v.code, v.passive_code) if c and c != NO_EVENT}
    assert verb_codes <= used
    # the hand-written patterns come first, so they win over equally specific dictionary ones
    assert committed.verbs_for("reject")[0].source == "pipeline:event_verbs"
    assert committed.verbs_for("reject")[0].code == "120"


def test_importing_the_loader_loads_no_spacy() -> None:
    probe = "import sys, pipeline.actor_reference; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
