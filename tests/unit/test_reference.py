"""Reference data: completeness of the seed files and behaviour of the lookups."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.reference import (
    DEFAULT_REFERENCE_DIR,
    RANK_NAMES,
    Reference,
    load_reference,
    read_reference,
)

UN_MEMBERS = """
AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ BOL BRA
BRB BRN BTN BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE DEU DJI DMA DNK
DOM DZA ECU EGY ERI ESP EST ETH FIN FJI FRA FSM GAB GBR GEO GHA GIN GMB GNB GNQ GRC GRD GTM GUY
HND HRV HTI HUN IDN IND IRL IRN IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO
LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MOZ
MRT MUS MWI MYS NAM NER NGA NIC NLD NOR NPL NRU NZL OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY
QAT ROU RUS RWA SAU SDN SEN SGP SLB SLE SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD
TGO THA TJK TKM TLS TON TTO TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM YEM ZAF ZMB
ZWE
""".split()

EXPECTED_TOPICS = {
    "trade", "investment", "energy", "green_transition", "digital", "transport_logistics",
    "agriculture", "education", "culture", "tourism", "humanitarian_demining", "security",
    "multilateral", "political_dialogue", "health", "science_technology", "finance",
}


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


def test_load_reference_is_cached(reference: Reference) -> None:
    assert load_reference() is reference
    assert load_reference(DEFAULT_REFERENCE_DIR) is reference


def test_every_un_member_is_present_once(reference: Reference) -> None:
    assert len(UN_MEMBERS) == 193
    codes = [c.iso3 for c in reference.countries]
    assert len(codes) == len(set(codes))
    assert len(codes) >= 193
    assert set(UN_MEMBERS) - set(codes) == set()
    for extra in ("VAT", "PSE", "TWN"):
        assert extra in codes


def test_every_country_has_a_capital_and_unique_name(reference: Reference) -> None:
    assert all(c.capital for c in reference.countries)
    names = [c.name.casefold() for c in reference.countries]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("India", "IND"),
        ("Republic of Kazakhstan", "KAZ"),
        ("the Russian Federation", "RUS"),
        ("Islamic Republic of Iran", "IRN"),
        ("Kingdom of Saudi Arabia", "SAU"),
        ("United States of America", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("the U.S.", "USA"),
        ("UK", "GBR"),
        ("Great Britain", "GBR"),
        ("DPRK", "PRK"),
        ("ROK", "KOR"),
        ("UAE", "ARE"),
        ("Türkiye", "TUR"),
        ("Czechia", "CZE"),
        ("Côte d'Ivoire", "CIV"),
        ("Viet Nam", "VNM"),
        ("Kazakh", "KAZ"),
        ("Kazakhstani", "KAZ"),
        ("Azeri", "AZE"),
        ("Uzbek", "UZB"),
        ("Emirati", "ARE"),
        ("Americans", "USA"),
        ("Indian", "IND"),
        ("india", "IND"),
        ("MONGOLIA", "MNG"),
        ("Brazil's", "BRA"),
        ("Mongolia\u2019s", "MNG"),
        ("the Bahamas'", "BHS"),
        ("the Republic of Uzbekistan", "UZB"),
        ("Republic of Korea", "KOR"),
        ("Republic of China", "TWN"),
        ("Holy See", "VAT"),
        ("Vatican", "VAT"),
        ("Democratic Republic of the Congo", "COD"),
        ("Republic of the Congo", "COG"),
    ],
)
def test_country_by_text_resolves_every_form(reference: Reference, text: str, iso3: str) -> None:
    country = reference.country_by_text(text)
    assert country is not None, text
    assert country.iso3 == iso3


@pytest.mark.parametrize("text", ["us", "Us", "uk", "prc", "Korean", "Congolese", "Republic of Nowhere", "", None])
def test_country_by_text_rejects_lowercase_abbreviations_and_ambiguous_forms(
    reference: Reference, text: str | None
) -> None:
    assert reference.country_by_text(text) is None


def test_country_by_iso3(reference: Reference) -> None:
    assert reference.country_by_iso3("kgz").name == "Kyrgyzstan"
    assert reference.country_by_iso3("XXX") is None


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("SCO", "Shanghai Cooperation Organization"),
        ("Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"),
        ("the Shanghai Cooperation Organization", "Shanghai Cooperation Organization"),
        ("UN", "United Nations"),
        ("the United Nations", "United Nations"),
        ("UN Security Council", "United Nations Security Council"),
        ("World Health Organisation", "World Health Organization"),
        ("WHO", "World Health Organization"),
        ("Organization for Economic Cooperation and Development", "Organisation for Economic Co-operation and Development"),
        ("North Atlantic Treaty Organisation", "North Atlantic Treaty Organization"),
        ("Turkic Council", "Organization of Turkic States"),
        ("CICA", "Conference on Interaction and Confidence Building Measures in Asia"),
        ("Belt and Road", "Belt and Road Initiative"),
        ("OPEC+", "OPEC+"),
        ("OPEC", "Organization of the Petroleum Exporting Countries"),
    ],
)
def test_organization_aliases_resolve_to_one_canonical(reference: Reference, text: str, canonical: str) -> None:
    organization = reference.organization_by_text(text)
    assert organization is not None, text
    assert organization.canonical_name == canonical


def test_a_short_name_many_states_share_names_no_body_alone(reference: Reference) -> None:
    """"Congress" is several states' body: `bodies_known_as` lists them, and the name alone resolves
    to none (the article's states decide)."""
    states = {body.country_iso3 for body in reference.bodies_known_as("the Congress")}
    assert {"USA", "MEX", "PHL"} <= states
    assert reference.organization_by_text("Congress") is None
    assert reference.organization_by_text("National Assembly") is None
    assert reference.bodies_known_as("Ministry of Magic") == ()


def test_every_row_with_short_names_names_its_state(reference: Reference) -> None:
    """A short name is resolved through the article's states: only a state's body or party has one."""
    for organization in reference.organizations:
        if organization.short_names:
            assert organization.country_iso3 and reference.country_by_iso3(organization.country_iso3), organization
            assert organization.kind in ("government_body", "party"), organization


def test_companies_belong_to_no_state(reference: Reference) -> None:
    """A company is never a state's body: it takes part in no interaction between states."""
    companies = [o for o in reference.organizations if o.kind == "company"]
    assert len(companies) >= 200
    assert all(o.country_iso3 is None and not o.short_names for o in companies)
    assert reference.organization_by_text("Toyota Motor Corporation").canonical_name == "Toyota"


def test_organization_abbreviations_are_case_sensitive(reference: Reference) -> None:
    assert reference.organization_by_text("who") is None
    assert reference.organization_by_text("sco") is None


def test_organization_aliases_are_unambiguous(reference: Reference) -> None:
    seen: dict[str, str] = {}
    for organization in reference.organizations:
        for form in organization.names:
            owner = seen.setdefault(form, organization.canonical_name)
            assert owner == organization.canonical_name, form
    assert len(reference.organizations) >= 100


def test_outlet_by_text(reference: Reference) -> None:
    assert reference.outlet_by_text("AFP").name == "Agence France-Presse"
    assert reference.outlet_by_text("Anadolu Agency").country_iso3 == "TUR"
    assert reference.outlet_by_text("Yonhap News Agency").name == "Yonhap"
    assert reference.outlet_by_text("Unknown Gazette") is None


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("California", "USA"),
        ("Texas's", "USA"),
        ("Ontario", "CAN"),
        ("Sao Paulo", "BRA"),  # written without its accent
        ("Guangdong", "CHN"),  # without the romanised unit word of ISO 3166-2 ("Guangdong Sheng")
        ("Georgia", None),  # a US state and a state of its own
        ("Punjab", None),  # a region of two states
        ("Springfield", None),  # a town, not a first-level region
        ("Bavaria", "DEU"),  # the English name of "Bayern"
        ("Scotland", "GBR"),  # a region ISO gives no first-level code
    ],
)
def test_subdivision_state_names_the_state_of_an_unambiguous_region(reference: Reference, text: str, state) -> None:
    assert reference.subdivision_state(text) == state


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Kharkiv", "UKR"),
        ("Odessa", "UKR"),  # an English spelling among GeoNames' alternate names
        ("Aleppo", "SYR"),
        ("Hamburg", None),  # also a region: the region table's ("DEU")
        ("Paris", None),  # a capital: the country table's
        ("Valencia", None),  # large cities of that name in Spain and Venezuela
        ("Gaza", "PSE"),  # two states' regions share the name, so the city tells the state
    ],
)
def test_city_state_names_the_state_of_a_large_unambiguous_city(reference: Reference, text: str, state) -> None:
    assert reference.city_state(text) == state


def test_a_reference_folder_without_cities_still_loads(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_REFERENCE_DIR, tmp_path / "reference")
    (tmp_path / "reference" / "cities.csv").unlink()
    older = read_reference(tmp_path / "reference")
    assert older.cities == [] and older.city_state("Kharkiv") is None


def test_a_reference_folder_without_subdivisions_still_loads(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_REFERENCE_DIR, tmp_path / "reference")
    (tmp_path / "reference" / "subdivisions.csv").unlink()
    older = read_reference(tmp_path / "reference")
    assert older.subdivisions == [] and older.subdivision_state("California") is None


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("President", "head_of_state"),
        ("Emir", "head_of_state"),
        ("Premier of the State Council", "head_of_government"),
        ("Prime Minister of India", "head_of_government"),
        ("Vice-Premier", "deputy_head_of_government"),
        ("Vice Premier of the State Council", "deputy_head_of_government"),
        ("President of the Republic of Chile", "head_of_state"),
        ("President of the Asian Development Bank", "other_official"),
        ("Deputy Prime Minister and Foreign Minister", "deputy_head_of_government"),
        ("First Deputy Prime Minister", "deputy_head_of_government"),
        ("Foreign Minister", "foreign_minister"),
        ("Minister of Foreign Affairs of Kazakhstan", "foreign_minister"),
        ("Indian External Affairs Minister", "foreign_minister"),
        ("Secretary of State", "foreign_minister"),
        ("FM", "foreign_minister"),
        ("Deputy Foreign Minister", "deputy_minister"),
        ("Assistant Foreign Minister", "deputy_minister"),
        ("Vice Minister of the International Department", "deputy_minister"),
        ("Kazakh Deputy Foreign Minister", "deputy_minister"),
        ("Minister of Agriculture", "minister"),
        ("Ambassador to India", "ambassador"),
        ("Ambassador Extraordinary and Plenipotentiary of Chile to Japan", "ambassador"),
        ("Chargé d\u2019Affaires", "ambassador"),
        ("Secretary-General", "other_official"),
        ("UN Secretary-General", "other_official"),
        ("Director-General", "other_official"),
        ("Mayor of Almaty", "other_official"),
        ("Congresswoman", "other_official"),
        ("Senate Minority Leader", "other_official"),
        ("Lieutenant Governor", "other_official"),
        ("Chief Executive Officer", "non_state"),
        ("Professor", "non_state"),
    ],
)
def test_title_rank(reference: Reference, text: str, rank: str) -> None:
    result = reference.title_rank(text)
    assert result is not None, text
    assert result[1] == rank


def test_title_rank_returns_canonical_title_and_none_for_unknown(reference: Reference) -> None:
    assert reference.title_rank("deputy foreign minister") == ("Deputy Foreign Minister", "deputy_minister")
    assert reference.title_rank("Premier of the State Council") == ("Premier", "head_of_government")
    assert reference.title_rank("football club") is None
    assert reference.title_rank("") is None


def test_titles_only_use_known_ranks(reference: Reference) -> None:
    assert {t.rank for t in reference.titles} <= set(RANK_NAMES)
    assert len(reference.titles) >= 100


def test_ranks_cover_the_nine_levels_in_order(reference: Reference) -> None:
    assert [r.rank for r in reference.ranks] == list(RANK_NAMES)
    weights = [r.weight for r in reference.ranks]
    assert weights[0] == 1.0
    assert weights == sorted(weights, reverse=True)
    assert reference.rank_weight("foreign_minister") == 0.7
    assert reference.rank_weight("nobody") == 0.0


def test_topics_are_exactly_the_seventeen(reference: Reference) -> None:
    assert set(reference.topics) == EXPECTED_TOPICS
    for name, spec in reference.topics.items():
        assert spec.topic == name
        assert len(spec.keywords) + len(spec.phrases) >= 15, name
        # keywords are single spaCy tokens; anything spaCy splits (spaces, hyphens) is a phrase
        assert all(k == k.lower() and " " not in k and "-" not in k for k in spec.keywords), name
        assert all(p == p.lower() and (" " in p or "-" in p) for p in spec.phrases), name
        assert spec.not_as_verb <= set(spec.keywords), name


def test_event_codes_have_cameo_codes_and_goldstein(reference: Reference) -> None:
    for required in ("meeting", "talks", "visit", "host_visit", "phone_call", "agreement_signed", "joint_statement"):
        assert reference.event_code(required) is not None, required
    signed = reference.event_code("agreement_signed")
    assert (signed.cameo_code, signed.goldstein) == ("057", 8.0)
    assert reference.event_code("visit").cameo_code == "042"
    assert all(-10.0 <= e.goldstein <= 10.0 for e in reference.event_codes)


def test_partnership_levels_are_longest_first(reference: Reference) -> None:
    phrases = [p.phrase for p in reference.partnership_levels]
    assert phrases.index("comprehensive strategic partnership") < phrases.index("strategic partnership")
    lengths = [len(p) for p in phrases]
    assert lengths == sorted(lengths, reverse=True)
    levels = {p.level for p in reference.partnership_levels}
    assert {"strategic_partnership", "comprehensive_strategic_partnership", "diplomatic_relations"} <= levels


def test_fingerprint_changes_when_a_file_changes(tmp_path: Path) -> None:
    copy = tmp_path / "reference"
    shutil.copytree(DEFAULT_REFERENCE_DIR, copy)
    before = read_reference(copy).fingerprint()
    assert before == read_reference(copy).fingerprint()
    assert before == load_reference().fingerprint()
    with (copy / "outlets.csv").open("a", encoding="utf-8") as handle:
        handle.write("Example Wire,EW,NOR\n")
    changed = read_reference(copy)
    assert changed.fingerprint() != before
    assert changed.outlet_by_text("Example Wire").country_iso3 == "NOR"
    extra = copy / "patterns" / "extra.json"
    extra.parent.mkdir(exist_ok=True)
    extra.write_text("{}", encoding="utf-8")
    assert read_reference(copy).fingerprint() != changed.fingerprint()


def test_environment_variable_selects_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "reference"
    shutil.copytree(DEFAULT_REFERENCE_DIR, copy)
    monkeypatch.setenv("PIPELINE_REFERENCE_DIR", str(copy))
    assert load_reference().root == copy.resolve()
