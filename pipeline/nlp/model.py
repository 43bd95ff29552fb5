"""Builds the one spaCy pipeline: the installed English model plus a reference-driven EntityRuler.

Components kept: tok2vec, tagger, attribute_ruler and lemmatizer (topics match lemmas), parser
(sentence boundaries, and the dependency labels the interaction extractors read: subjects and objects
of "met", "held talks with"), ner. The ruler runs *before* ner: spaCy's ner keeps entities that are
already set and only predicts around them, so a reference match ("Azerbaijani" as NORP, "SCO" as ORG)
can never be relabelled PERSON by the statistical model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language

from pipeline.nlp.patterns import build_patterns

if TYPE_CHECKING:
    from pipeline.reference import Reference

REQUIRED_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")
RULER_NAME = "entity_ruler"


def _unneeded_components(model_name: str) -> list[str]:
    """Components of the installed package that no extractor reads (e.g. a disabled senter)."""
    try:
        meta_path = Path(spacy.util.get_package_path(model_name)) / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        names = meta.get("components") or meta.get("pipeline") or []
    except Exception:  # a model given as a path: keep everything it has
        return []
    return [name for name in names if name not in REQUIRED_COMPONENTS]


def build_nlp(model_name: str, reference: "Reference") -> Language:
    """The pipeline used for every document; expensive, so callers build it once and cache it."""
    nlp = spacy.load(model_name, exclude=_unneeded_components(model_name))
    missing = [name for name in ("parser", "ner") if name not in nlp.pipe_names]
    if missing:
        raise ValueError(f"spaCy model {model_name!r} lacks required components: {missing}")

    def tokenize(text: str) -> list[tuple[str, str]]:
        return [(token.text, token.norm_) for token in nlp.make_doc(text)]

    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        before="ner",
        config={"overwrite_ents": True, "validate": False},
    )
    ruler.add_patterns(build_patterns(reference, tokenize))
    return nlp
