"""The anchored EntityRuler finds exactly what a whole-document Matcher finds, only faster."""

from __future__ import annotations

import spacy

from pipeline.nlp.model import RULER_NAME
from pipeline.nlp.ruler import ANCHORED_RULER_FACTORY, choose_anchors, pattern_words

TEMPLATES = [
    {"label": "ORG", "pattern": [{"ORTH": {"IN": ["Zembian", "Norland"]}}, {"LOWER": {"IN": ["foreign", "trade", "and"]}, "OP": "+"}, {"LOWER": "ministry"}]},
    {"label": "ORG", "pattern": [{"LOWER": "ministry"}, {"LOWER": "of"}, {"LOWER": {"IN": ["foreign", "affairs", "trade", "and"]}, "OP": "+"}, {"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, {"NORM": "upper"}, {"NORM": "zembia"}]},
    {"label": "ORG", "pattern": [{"LOWER": {"IN": ["embassy", "consulate"]}}, {"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, {"ORTH": "Norland"}]},
    {"label": "GPE", "pattern": "Upper Zembia", "id": "ZEM"},
]

TEXTS = [
    "The Zembian Foreign and Trade Ministry and the Ministry of Foreign Affairs of the Upper Zembia met.",
    "Officials of the Embassy of Norland, the consulate of the Norland and the Norland trade ministry spoke.",
    "A ministry of trade of upper zembia; ministry of of the; Embassy of the Zembia; Ministry",
    "Ministry of Foreign Affairs of Upper Zembia Ministry of Trade of the Upper Zembia",
    "No template word here at all, only Upper Zembia.",
    "",
]


def ruler_nlp(factory: str):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(factory, name=RULER_NAME, config={"phrase_matcher_attr": "NORM", "overwrite_ents": True})
    ruler.add_patterns(TEMPLATES)
    return nlp, ruler


def test_windowed_matches_equal_whole_document_matches():
    nlp, anchored = ruler_nlp(ANCHORED_RULER_FACTORY)
    _, stock = ruler_nlp("entity_ruler")
    for text in TEXTS:
        doc = nlp.make_doc(text)
        assert sorted(anchored.match(doc)) == sorted(stock.match(doc)), text
        assert [(e.text, e.label_) for e in anchored(nlp.make_doc(text)).ents] == \
               [(e.text, e.label_) for e in stock(nlp.make_doc(text)).ents]


def test_template_matches_are_found_inside_windows():
    nlp, _ = ruler_nlp(ANCHORED_RULER_FACTORY)
    found = [(e.text, e.label_) for e in nlp(TEXTS[0]).ents]
    assert found == [("Zembian Foreign and Trade Ministry", "ORG"),
                     ("Ministry of Foreign Affairs of the Upper Zembia", "ORG")]


def test_anchors_avoid_stop_words_and_prefer_shared_words():
    required = [pattern_words(p["pattern"])[0] for p in TEMPLATES if isinstance(p["pattern"], list)]
    anchors = choose_anchors(required, spacy.blank("en").Defaults.stop_words)
    assert "of" not in anchors
    assert {"ministry", "embassy", "consulate"} <= anchors
    assert "upper" not in anchors  # "ministry" is required by the same pattern and shared by two


def test_pattern_that_is_not_literal_makes_the_ruler_match_the_whole_document():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(ANCHORED_RULER_FACTORY)
    ruler.add_patterns([{"label": "CODE", "pattern": [{"IS_DIGIT": True}, {"LOWER": "ministry"}]}])
    assert ruler._whole_document
    assert [e.text for e in nlp("The 3 ministry").ents] == ["3 ministry"]
