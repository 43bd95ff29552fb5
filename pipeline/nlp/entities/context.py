"""What every entity-analysis stage reads about one document: its tokens and sentences, the word
lists (`Vocabulary`), the title lexicon, and the shape of name words (capitals, hyphens, particles)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from pipeline.nlp.patterns import Vocabulary

if TYPE_CHECKING:
    from pipeline.actor_reference import ActorReference
    from pipeline.nlp.entities.titles import TitleLexicon
    from pipeline.reference import Reference

POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})
HYPHENS = frozenset({"-", "\u2010", "\u2011"})


class Context:
    """Everything the steps share for one document."""

    def __init__(self, doc: Doc, reference: "Reference", vocabulary: Vocabulary, lexicon: "TitleLexicon",
                 actors: "ActorReference", published: date | None = None) -> None:
        self.doc = doc
        self.reference = reference
        self.actors = actors
        self.published = published
        self.outlet_country: str | None = None  # the state of the document's outlet, when known
        self.dateline_country: str | None = None  # the state whose capital the document's dateline names
        self.vocabulary = vocabulary
        # Token objects and their texts made once: `doc[i]` builds a new Token on every access.
        self.tokens: list[Token] = list(doc)
        self.texts: list[str] = [token.text for token in self.tokens]
        self.lowers: list[str] = [token.lower_ for token in self.tokens]
        self.sentence_of: list[int] = [0] * len(doc)
        self.sentence_bounds: list[tuple[int, int]] = []
        for index, sentence in enumerate(doc.sents):
            self.sentence_bounds.append((sentence.start, sentence.end))
            for i in range(sentence.start, sentence.end):
                self.sentence_of[i] = index
        self.headline_end = _headline_end(doc, self.sentence_bounds)
        self.lexicon = lexicon
        self.title_phrases = lexicon.title_phrases
        self.title_words = lexicon.title_words
        self.title_heads = vocabulary.title_heads

    def sentence_range(self, token_index: int) -> tuple[int, int]:
        return self.sentence_bounds[self.sentence_of[token_index]]

    def is_known_body(self, text: str) -> bool:
        """Whether the actor table knows a body by this name (a one-word name counts only then)."""
        return bool(self.actors.organization_named(text))

    def is_title_token(self, token: Token) -> bool:
        lower = undotted(token.lower_)
        if lower in self.title_words or lower in self.vocabulary.ministry_words:
            return lower not in self.vocabulary.connectors or token.i > 0
        return False

    def is_title_word(self, token: Token) -> bool:
        """A word of the title table's titles, written out or abbreviated ("Sergeant", "Sgt.")."""
        return undotted(token.lower_) in self.title_words

    def is_descriptor_word(self, token: Token) -> bool:
        """A word that ends an organisation name or a title ("Academy", "Ministers", "Agriculture")."""
        lower = token.lower_
        words = self.vocabulary.org_heads | self.vocabulary.ministry_words | self.title_words
        return lower in words or (lower.endswith("s") and lower[:-1] in words)


def _headline_end(doc: Doc, sentence_bounds: list[tuple[int, int]]) -> int | None:
    """End of the headline: a first sentence in title case, without a final full stop, followed by
    more text. None when the document does not start with one."""
    if len(sentence_bounds) < 2:
        return None
    start, end = sentence_bounds[0]
    words = [t for t in doc[start:end] if t.is_alpha and len(t) > 3]
    last = next((t for t in reversed(doc[start:end]) if not t.is_space), None)
    if len(words) < 2 or last is None or last.text in (".", ":"):
        return None
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return end if capitalised >= 0.6 * len(words) else None


def undotted(lower: str) -> str:
    """"sgt." -> "sgt": the dot of an abbreviated title (never of a one-letter initial)."""
    return lower[:-1] if lower.endswith(".") and len(lower) > 2 else lower


def normal_phrase(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("-", " ")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s']", " ", text)).strip()


def is_capitalised_word(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def is_name_token(token: Token) -> bool:
    text = token.text.replace("-", "").replace("'", "").replace("\u2019", "").replace(".", "")
    return bool(text) and text.isalpha() and token.text[0].isupper()


def is_attached_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen written without spaces between two words, as inside "Al-Qasimi" or "Hye-ah"."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text in HYPHENS
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].text[-1:].isalpha()
        and doc[i + 1].text[:1].isalpha()
    )


def is_hyphen_tail(ctx: Context, i: int) -> bool:
    """The word after an attached hyphen inside a name. It may be lower case: Korean given names
    ("Seo-woo") and Arabic articles ("al-Sabah"); compound modifiers ("-led", "-based") are not."""
    doc = ctx.doc
    if i < 2 or not is_attached_hyphen(doc, i - 1):
        return False
    token = doc[i]
    if not token.is_alpha:
        return False
    if token.text[0].isupper():
        return True
    lower = token.lower_
    return lower not in ctx.vocabulary.compound_modifier_words and not lower.endswith(("ed", "ing")) and len(lower) <= 5


def hyphen_group_end(ctx: Context, i: int) -> int:
    """End of the hyphenated word that starts at token i ("Al" "-" "Qasimi" is one word)."""
    doc = ctx.doc
    end = i + 1
    while end + 1 < len(doc) and is_attached_hyphen(doc, end) and is_hyphen_tail(ctx, end + 1):
        end += 2
    return end


def name_part_ends(ctx: Context, start: int, limit: int) -> list[int]:
    """Ends of the name words starting at `start`: a capitalised word, optionally hyphenated, or a
    lower-case particle ("van der", "bin", "al-") that must be followed by a capitalised word."""
    doc = ctx.doc
    ends: list[int] = []
    i = start
    while i < limit:
        token = doc[i]
        if token.lower_ in ctx.vocabulary.name_particles and not token.text[0].isupper() and i > start:
            group_end = hyphen_group_end(ctx, i)
            i = group_end
            if group_end - 1 > token.i and doc[group_end - 1].text[0].isupper():
                ends.append(group_end)  # "al-Sabah": the particle carries the name after its hyphen
            continue
        if not is_name_token(token):
            break
        i = hyphen_group_end(ctx, i)
        ends.append(i)
    return ends


def name_words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The lower-cased words of a name as written: a hyphenated part is one word."""
    return tuple(doc[start:end].text.lower().split())
