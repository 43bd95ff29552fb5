"""Selective parsing: the dependency parser runs only on the sentences whose parse an extractor reads.

Which code reads the parse (dependency labels, heads, children):

- the interaction extraction (`interactions/`), only around a trigger: a contact verb
  (`interaction_words.json` `contact_verbs`, matched on the lemma) or an event noun (`contact_nouns`,
  matched on the word or its lemma), and within the trigger's sentence;
- the entity analysis (`entities/people.py`), which asks whether a one-word name is the subject of a
  verb only people do (`entity_words.json` `human_verbs`: "said", "told"), in that verb's sentence.

Everything else reads words, lemmas, part-of-speech tags, entities and sentence boundaries, and one
rule reads the first sentence apart: the entity analysis takes it for a headline (`entities/context.py`),
and the senter cuts an unpunctuated title-case headline where the parser does not ("Secretary
Blinken's | Call with ..."), so the opening paragraph is always parsed too. So the
pipeline runs the tagger, the lemmatizer and the NER on every sentence, takes sentence boundaries from
spaCy's `senter` (a small model of its own, about 1 % of the parse cost), and gives the parser only
the runs of consecutive sentences holding a trigger word, each run as one short Doc that reuses the
full document's token vectors (`doc.tensor`, computed once by `tok2vec`), so the parser sees the
very features it would see in the whole document. The parser's heads, labels and sentence
boundaries are copied back into the document; the other sentences keep the senter's boundaries and
have no dependency labels, which no extractor reads there (only their first token is marked as the
root of its sentence, so that the boundaries survive spaCy's serialisation).

The trigger words come from the same reference files the extractors read, so a word added to those
lists is parsed from the next run on (and the reference fingerprint, part of the extractor version,
parses every document again). A lemma is not known before the parse (the lemmatizer reads the
part-of-speech tags, which the attribute ruler sets partly from dependency labels), so a word counts
as a trigger when any lemma the English lemmatizer's rules could give it, for any part of speech, is
a trigger lemma: a superset of the words whose actual lemma is one.

`PIPELINE_SELECTIVE_PARSE=0` parses every sentence, as spaCy's pipeline does on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

SELECTIVE_PARSER_NAME = "selective_parser"
SENTENCE_ROOTS_NAME = "unparsed_sentence_roots"
# The label of the one token that holds an unparsed sentence together (see `unparsed_sentence_roots`).
UNPARSED_ROOT_LABEL = "dep"
# Parts of speech whose lemmatizer rules may turn a word into a trigger lemma.
LEMMA_POS = ("verb", "noun", "aux", "adj", "adv")


@lru_cache(maxsize=1)
def trigger_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words that are triggers as written, lemmas that are triggers), lower case, from the reference."""
    from pipeline.nlp.patterns import load_interaction_words, load_vocabulary

    from pipeline.actor_reference import load_actor_reference

    interaction, vocabulary = load_interaction_words(), load_vocabulary()
    # directed acts: every verb a pattern codes, every event noun (its head word), every stance cue word
    act_verbs = {pattern.lemma for pattern in load_actor_reference().verbs if pattern.code}
    event_nouns = {noun.split()[-1] for noun in interaction.event_nouns}
    stance_words = {
        word for _, cues in interaction.stance_cues for word in _cue_words(cues.pattern) if len(word) > 3
    }
    lemmas = frozenset(interaction.contact_verbs) | frozenset(interaction.contact_nouns) | act_verbs | event_nouns
    words = frozenset(interaction.contact_nouns) | frozenset(vocabulary.human_verbs) | event_nouns | stance_words
    return words, lemmas


def _cue_words(pattern: str) -> list[str]:
    """The words of a phrase regex built by `patterns.phrase_regex` ("\\b(?:will\\s+not\\s+tolerate|...)\\b")."""
    body = pattern.removeprefix(r"\b(?:").removesuffix(r")\b")
    return [re.sub(r"\\(.)", r"\1", word) for phrase in body.split("|") for word in phrase.split(r"\s+")]


class LemmaCandidates:
    """Every lemma the rule lemmatizer could give a word, whatever its tag (cached per word)."""

    def __init__(self, lookups) -> None:
        self.tables = []
        if lookups is not None:
            index = lookups.get_table("lemma_index", {})
            exceptions = lookups.get_table("lemma_exc", {})
            rules = lookups.get_table("lemma_rules", {})
            for pos in LEMMA_POS:
                self.tables.append((rules.get(pos, []), exceptions.get(pos, {})))
        self.cache: dict[str, frozenset[str]] = {}

    def __call__(self, lower: str) -> frozenset[str]:
        found = self.cache.get(lower)
        if found is None:
            forms = {lower}
            for rules, exceptions in self.tables:
                for old, new in rules:
                    if lower.endswith(old):
                        form = lower[: len(lower) - len(old)] + new
                        if form:
                            forms.add(form)
                forms.update(exceptions.get(lower, ()))
            found = self.cache[lower] = frozenset(forms)
        return found


@Language.component(SENTENCE_ROOTS_NAME)
def unparsed_sentence_roots(doc: Doc) -> Doc:
    """Makes the first token of each unparsed sentence a root (label `dep`, no children), last in the
    pipeline.

    spaCy derives sentence boundaries from the parse whenever a Doc has one: when a Doc comes back
    from a worker process (`Doc.from_bytes`), and whenever heads are set. A sentence without a root
    would be joined to the one before it. With its first token as a root every sentence keeps its
    boundaries; the rest of its tokens keep no head and no label. It runs after the attribute ruler,
    whose rules read dependency labels, so no part-of-speech tag depends on it.
    """
    if not doc.has_annotation("DEP"):
        return doc  # nothing parsed: the boundaries are the senter's and travel as they are
    arcs = doc.to_array([HEAD, DEP, SENT_START])
    starts = numpy.flatnonzero((arcs[:, 2] == 1) & (arcs[:, 1] == 0))
    starts = starts[arcs[starts, 0] == 0]
    if len(starts):
        arcs[starts, 1] = doc.vocab.strings.add(UNPARSED_ROOT_LABEL)
        doc.from_array([HEAD, DEP], arcs[:, :2])
    return doc


@Language.factory(SELECTIVE_PARSER_NAME, default_config={})
def make_selective_parser(nlp: Language, name: str):
    return SelectiveParser()


class SelectiveParser:
    """Runs the wrapped parser (`self.parser`, set by `model.build_nlp`) on trigger sentences only."""

    def __init__(self) -> None:
        self.parser = None
        self.words: frozenset[str] = frozenset()
        self.lemmas: frozenset[str] = frozenset()
        self.candidates = LemmaCandidates(None)
        self._is_trigger: dict[int, bool] = {}  # by orth id: a word's verdict never changes

    def configure(self, parser, lookups) -> None:
        self.parser = parser
        self.words, self.lemmas = trigger_words()
        self.candidates = LemmaCandidates(lookups)
        self._is_trigger = {}

    def is_trigger(self, token) -> bool:
        verdict = self._is_trigger.get(token.orth)
        if verdict is None:
            lower = token.lower_
            verdict = lower in self.words or not self.lemmas.isdisjoint(self.candidates(lower))
            self._is_trigger[token.orth] = verdict
        return verdict

    def selected_runs(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges [start, end) of consecutive sentences that hold a trigger word or belong to the
        opening paragraph (the headline, where a document has one)."""
        opening_end = next((t.i for t in doc if t.is_space and "\n" in t.text), len(doc))
        runs: list[tuple[int, int]] = []
        for sentence in doc.sents:
            if sentence.start < opening_end or any(self.is_trigger(token) for token in sentence):
                if runs and runs[-1][1] == sentence.start:
                    runs[-1] = (runs[-1][0], sentence.end)
                else:
                    runs.append((sentence.start, sentence.end))
        return runs

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        from pipeline.nlp.model import paragraph_breaks

        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._parse_batch(batch, paragraph_breaks)
                batch = []
        if batch:
            yield from self._parse_batch(batch, paragraph_breaks)

    def _parse_batch(self, docs: list[Doc], paragraph_breaks) -> list[Doc]:
        pieces: list[tuple[int, int, int, Doc]] = []  # (doc position, start, end, the run as a Doc)
        for position, doc in enumerate(docs):
            if not len(doc):
                continue
            for start, end in self.selected_runs(doc):
                tokens = doc[start:end]
                piece = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
                piece.tensor = doc.tensor[start:end]  # the parser's tok2vec listener reads these
                paragraph_breaks(piece)  # the boundaries the whole document's parse would be given
                pieces.append((position, start, end, piece))
        if pieces:
            parsed = [piece for _, _, _, piece in pieces]
            self.parser.set_annotations(parsed, self.parser.predict(parsed))
        by_doc: dict[int, list[tuple[int, int, Doc]]] = {}
        for position, start, end, piece in pieces:
            by_doc.setdefault(position, []).append((start, end, piece))
        for position, doc_pieces in by_doc.items():
            doc = docs[position]
            sent_starts = doc.to_array([SENT_START])
            arcs = numpy.zeros((len(doc), 2), dtype="uint64")
            for start, end, piece in doc_pieces:
                arcs[start:end] = piece.to_array([HEAD, DEP])
                sent_starts[start:end] = piece.to_array([SENT_START])
            doc.from_array([HEAD, DEP], arcs)
            # from_array took sentence starts from the parse, where there is one; the senter's elsewhere
            doc.from_array([SENT_START], sent_starts)
        return docs
