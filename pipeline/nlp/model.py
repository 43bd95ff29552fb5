"""Builds the one spaCy pipeline: the installed English model plus a reference-driven EntityRuler.

Components kept: tok2vec, tagger, attribute_ruler and lemmatizer (topics match lemmas), parser
(the dependency labels the interaction extractors read: subjects and objects of "met", "held talks
with"), ner. With selective parsing (`PIPELINE_SELECTIVE_PARSE`, on by default) spaCy's `senter`
gives the sentence boundaries and the parser runs only on the sentences whose parse an extractor
reads (`selective.py`); otherwise the parser gives the boundaries and parses every sentence. The
ruler runs *before* ner: spaCy's ner keeps entities that are already set and only predicts around
them, so a reference match ("Kazakh" as NORP, "SCO" as ORG) can never be relabelled PERSON by the
statistical model. The model's `attribute_ruler` is replaced by the same rules matched through a
lookup table (`attribute_index.py`): same attributes on every token, a seventh of the CPU time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.attribute_index import index_attribute_ruler
from pipeline.nlp.patterns import abbreviation_forms, build_patterns, load_vocabulary
from pipeline.nlp.ruler import ANCHORED_RULER_FACTORY

if TYPE_CHECKING:
    from pipeline.reference import Reference

REQUIRED_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")
SENTER_NAME = "senter"
RULER_NAME = "entity_ruler"
CASE_FILTER_NAME = "reference_case_filter"
PARAGRAPHS_NAME = "paragraph_breaks"


@Language.component(PARAGRAPHS_NAME)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence. Headlines, datelines and list items carry no final full stop, and
    the parser would run them into the next paragraph ("Talks with X [headline] Minister A met ...")."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory(CASE_FILTER_NAME, default_config={"abbreviations": []})
def make_reference_case_filter(nlp: Language, name: str, abbreviations: list[str]):
    return ReferenceCaseFilter(abbreviations)


class ReferenceCaseFilter:
    """Drops reference matches that break the case rules of the reference forms.

    The ruler matches names case-insensitively (NORM) so "CHINA" in a headline or a lower-case
    "republic" inside an official name still match; but a single lower-case word is a common noun
    ("turkey", "chad"), and an abbreviation only counts as written ("us" is not the United States).
    """

    def __init__(self, abbreviations: list[str]) -> None:
        self.abbreviations = {form.lower(): form for form in abbreviations}

    def __call__(self, doc: Doc) -> Doc:
        kept = [span for span in doc.ents if self._keeps(span)]
        if len(kept) != len(doc.ents):
            doc.ents = kept
        return doc

    def _keeps(self, span) -> bool:
        if len(span) != 1:
            return True
        text = span.text
        if not text[:1].isupper():
            return False
        written = self.abbreviations.get(text.lower())
        return written is None or text == written or text.isupper()


def _unneeded_components(model_name: str, keep: tuple[str, ...] = ()) -> list[str]:
    """Components of the installed package that no extractor reads (e.g. a disabled senter)."""
    try:
        meta_path = Path(spacy.util.get_package_path(model_name)) / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        names = meta.get("components") or meta.get("pipeline") or []
    except Exception:  # a model given as a path: keep everything it has
        return []
    return [name for name in names if name not in REQUIRED_COMPONENTS and name not in keep]


def split_dotted_compounds(nlp: Language) -> None:
    """"U.S.-Kenya" is two states: a hyphen after an abbreviation's final dot and before a capital
    letter splits the word (spaCy already splits "UK-Ireland")."""
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def keep_honorifics_whole(nlp: Language) -> None:
    """"Rt. Hon. A", "Amb. B": the abbreviations of `whole_abbreviations` (vocabulary.json) are one
    token each, so that their dot does not end the sentence before the name."""
    for abbreviation in load_vocabulary().whole_abbreviations:
        for form in {abbreviation, abbreviation.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


def build_nlp(model_name: str, reference: "Reference", selective: bool | None = None) -> Language:
    """The pipeline used for every document; expensive, so callers build it once and cache it."""
    if selective is None:
        from pipeline.settings import selective_parse_enabled

        selective = selective_parse_enabled()
    nlp = spacy.load(model_name, exclude=_unneeded_components(model_name, (SENTER_NAME,) if selective else ()))
    split_dotted_compounds(nlp)
    keep_honorifics_whole(nlp)
    index_attribute_ruler(nlp)
    missing = [name for name in ("parser", "ner") if name not in nlp.pipe_names]
    if selective and SENTER_NAME not in nlp.component_names:
        selective = False  # a model without a senter: every sentence is parsed
    if missing:
        raise ValueError(f"spaCy model {model_name!r} lacks required components: {missing}")

    def tokenize(text: str) -> list[tuple[str, str]]:
        return [(token.text, token.norm_) for token in nlp.make_doc(text)]

    if selective:
        from pipeline.nlp.selective import SELECTIVE_PARSER_NAME

        _, parser = nlp.remove_pipe("parser")
        if SENTER_NAME in nlp.disabled:
            nlp.enable_pipe(SENTER_NAME)
        nlp.add_pipe(PARAGRAPHS_NAME, after=SENTER_NAME)
        selective_parser = nlp.add_pipe(SELECTIVE_PARSER_NAME, after=PARAGRAPHS_NAME)
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        selective_parser.configure(parser, getattr(lemmatizer, "lookups", None))
    else:
        nlp.add_pipe(PARAGRAPHS_NAME, before="parser")
    ruler = nlp.add_pipe(
        ANCHORED_RULER_FACTORY,
        name=RULER_NAME,
        before="ner",
        config={"overwrite_ents": True, "validate": False, "phrase_matcher_attr": "NORM"},
    )
    ruler.add_patterns(build_patterns(reference, tokenize))
    nlp.add_pipe(CASE_FILTER_NAME, after=RULER_NAME, config={"abbreviations": abbreviation_forms(reference)})
    if selective:
        from pipeline.nlp.selective import SENTENCE_ROOTS_NAME

        nlp.add_pipe(SENTENCE_ROOTS_NAME, last=True)
    return nlp
