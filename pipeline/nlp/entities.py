"""Entity analysis of one parsed Doc: mentions -> canonical entities, people's coreference, titles.

The statistical NER is a starting point, not the truth. The steps, in order:
1. candidate spans from doc.ents (reference matches carry their id from the EntityRuler);
2. acronym definitions "Long Name (ABBR)" make one organisation and an in-document alias;
3. repairs: split a person name glued to an organisation ("... Academy of Sciences Li"), merge
   organisation pieces ("Chinese" + "Academy of Sciences", "Committee" of "Party");
4. classification into country / organisation / place / person (people cleaned of titles,
   demonyms and possessives; spans that are really countries, outlets or organisations reclassified);
5. people: full names become entities, surname-only mentions join the person introduced with it,
   title-only back-references ("the ambassador") join the most recent person holding that title;
6. one role (title, rank, country, organisation) per person, from the most specific statement.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from pipeline.nlp.patterns import OUTLET_ID_PREFIX, Vocabulary, load_vocabulary

if TYPE_CHECKING:
    from pipeline.reference import Reference


# ---------------------------------------------------------------------------------------------
# Public contract


@dataclass
class Entity:
    entity_id: str
    canonical_name: str
    entity_type: str  # 'person' | 'country' | 'organization' | 'place'
    country_code: str | None


@dataclass
class Mention:
    entity_id: str
    text: str
    label: str
    start_char: int
    end_char: int
    sentence_index: int


@dataclass
class PersonRole:
    entity_id: str
    title: str | None
    rank: str | None
    country_code: str | None
    organization: str | None
    sentence_index: int


@dataclass
class EntityAnalysis:
    entities: dict[str, Entity]
    mentions: list[Mention]
    roles: list[PersonRole]


def entity_id_for(entity_type: str, canonical_name: str) -> str:
    return hashlib.sha256(f"{entity_type}:{canonical_name}".encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Internal span model

POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})
COUNTRY_LABELS = frozenset({"GPE", "NORP"})


@dataclass
class _Cand:
    """A candidate span [start, end) in token indices, before classification."""

    start: int
    end: int
    label: str
    ent_id: str = ""
    alias_of: "_Cand | None" = None  # an abbreviation defined in this document


@dataclass
class _Span:
    start: int
    end: int
    kind: str  # 'country' | 'organization' | 'place' | 'person'
    label: str
    canonical: str | None = None
    country_code: str | None = None


@dataclass
class _Statement:
    """What one sentence says about a person's office."""

    title: str | None
    rank: str | None
    country_code: str | None
    organization: str | None
    sentence_index: int
    is_counterpart: bool = False

    @property
    def score(self) -> float:
        title_words = len(self.title.split()) if self.title else 0
        return (
            (4 if self.rank else 0)
            + (2 if self.title else 0)
            + (2 if self.country_code else 0)
            + (1 if self.organization else 0)
            + 0.01 * title_words
        )


@dataclass
class _Person:
    canonical: str
    tokens: tuple[str, ...]  # lower-cased name tokens of the canonical form
    first_token_index: int
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges of name mentions
    statements: list[_Statement] = field(default_factory=list)
    role: _Statement | None = None

    @property
    def entity_id(self) -> str:
        return entity_id_for("person", self.canonical)


@dataclass(frozen=True)
class _TitleLexicon:
    """Title phrases of the reference, normalised once per reference rather than once per document."""

    title_phrases: dict[str, tuple[str, str]]  # normal phrase -> (canonical title, rank)
    title_words: frozenset[str]
    # "the foreign minister", "the head of state": normal phrase -> (canonical title or None, ranks)
    back_reference_phrases: dict[str, tuple[str | None, tuple[str, ...]]]
    back_reference_prefixes: frozenset[str]  # every leading substring of those phrases
    longest_back_reference: int  # in words


def _title_lexicon(reference: "Reference", vocabulary: Vocabulary) -> _TitleLexicon:
    title_words: set[str] = set(vocabulary.title_heads | vocabulary.title_modifiers)
    title_phrases: dict[str, tuple[str, str]] = {}
    for title in reference.titles:
        key = _normal_phrase(title.title)
        title_phrases.setdefault(key, (title.canonical_title, title.rank))
        title_words.update(key.split())
    phrases: dict[str, tuple[str | None, tuple[str, ...]]] = {
        key: (canonical, (rank,)) for key, (canonical, rank) in title_phrases.items()
    }
    for key, ranks in vocabulary.generic_back_references.items():
        phrases[_normal_phrase(key)] = (None, ranks)
    return _TitleLexicon(
        title_phrases=title_phrases,
        # Connectors inside titles ("minister of foreign affairs") are handled by the scanners.
        title_words=frozenset(title_words - vocabulary.connectors),
        back_reference_phrases=phrases,
        back_reference_prefixes=frozenset(key[:n] for key in phrases for n in range(1, len(key) + 1)),
        longest_back_reference=max((len(k.split()) for k in phrases), default=1),
    )


class _Context:
    """Everything the steps share for one document."""

    def __init__(self, doc: Doc, reference: "Reference", vocabulary: Vocabulary) -> None:
        self.doc = doc
        self.reference = reference
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
        self.lexicon = reference.derived(("title_lexicon", id(vocabulary)),
                                         lambda: _title_lexicon(reference, vocabulary))
        self.title_phrases = self.lexicon.title_phrases
        self.title_words = self.lexicon.title_words
        self.title_heads = vocabulary.title_heads

    def sentence_range(self, token_index: int) -> tuple[int, int]:
        return self.sentence_bounds[self.sentence_of[token_index]]

    def is_title_token(self, token: Token) -> bool:
        lower = token.lower_
        if lower in self.title_words or lower in self.vocabulary.ministry_words:
            return lower not in self.vocabulary.connectors or token.i > 0
        return False


def _normal_phrase(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("-", " ")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s']", " ", text)).strip()


def _is_capitalised_word(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def _is_name_token(token: Token) -> bool:
    text = token.text.replace("-", "").replace("'", "").replace("\u2019", "").replace(".", "")
    return bool(text) and text.isalpha() and token.text[0].isupper()


HYPHENS = frozenset({"-", "\u2010", "\u2011"})


def _is_attached_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen written without spaces between two words, as inside "Al-Qasimi" or "Hye-ah"."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text in HYPHENS
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].text[-1:].isalpha()
        and doc[i + 1].text[:1].isalpha()
    )


def _is_hyphen_tail(ctx: "_Context", i: int) -> bool:
    """The word after an attached hyphen inside a name. It may be lower case: Korean given names
    ("Seo-woo") and Arabic articles ("al-Sabah"); compound modifiers ("-led", "-based") are not."""
    doc = ctx.doc
    if i < 2 or not _is_attached_hyphen(doc, i - 1):
        return False
    token = doc[i]
    if not token.is_alpha:
        return False
    if token.text[0].isupper():
        return True
    lower = token.lower_
    return lower not in ctx.vocabulary.compound_modifier_words and not lower.endswith(("ed", "ing")) and len(lower) <= 5


def _hyphen_group_end(ctx: "_Context", i: int) -> int:
    """End of the hyphenated word that starts at token i ("Al" "-" "Qasimi" is one word)."""
    doc = ctx.doc
    end = i + 1
    while end + 1 < len(doc) and _is_attached_hyphen(doc, end) and _is_hyphen_tail(ctx, end + 1):
        end += 2
    return end


def _name_part_ends(ctx: "_Context", start: int, limit: int) -> list[int]:
    """Ends of the name words starting at `start`: a capitalised word, optionally hyphenated, or a
    lower-case particle ("van der", "bin", "al-") that must be followed by a capitalised word."""
    doc = ctx.doc
    ends: list[int] = []
    i = start
    pending_particles = 0
    while i < limit:
        token = doc[i]
        if token.lower_ in ctx.vocabulary.name_particles and not token.text[0].isupper() and i > start:
            group_end = _hyphen_group_end(ctx, i)
            i = group_end
            pending_particles += 1
            if group_end - 1 > token.i and doc[group_end - 1].text[0].isupper():
                ends.append(group_end)  # "al-Sabah": the particle carries the name after its hyphen
                pending_particles = 0
            continue
        if not _is_name_token(token):
            break
        i = _hyphen_group_end(ctx, i)
        ends.append(i)
        pending_particles = 0
    return ends


def _name_words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The lower-cased words of a name as written: a hyphenated part is one word."""
    return tuple(doc[start:end].text.lower().split())


# ---------------------------------------------------------------------------------------------
# 1-3: candidates, acronyms, repairs


def _initial_candidates(doc: Doc) -> list[_Cand]:
    return [_Cand(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]


def _acronym_definitions(ctx: _Context, cands: list[_Cand]) -> tuple[list[_Cand], dict[str, _Cand]]:
    """"Long Capitalised Name (ABBR)": the long name is one organisation, ABBR its alias here."""
    doc, texts = ctx.doc, ctx.texts
    aliases: dict[str, _Cand] = {}
    for i in range(1, len(doc) - 2):
        if texts[i] != "(" or texts[i + 2] != ")":
            continue
        abbreviation = texts[i + 1]
        letters = _abbreviation_initials(abbreviation)
        if letters is None or abbreviation in ctx.vocabulary.non_body_abbreviations:
            continue
        start = _acronym_phrase_start(ctx, i, letters)
        if start is None:
            continue
        phrase = doc[start:i].text
        if ctx.reference.country_by_text(phrase) is not None:
            continue
        reference_org = ctx.reference.organization_by_text(phrase)
        ent_id = reference_org.canonical_name if reference_org else ""
        definition = _Cand(start, i, "ORG", ent_id)
        cands = [c for c in cands if c.end <= start or c.start >= i + 3]
        cands.append(definition)
        abbreviation_cand = _Cand(i + 1, i + 2, "ORG", ent_id, alias_of=definition)
        cands.append(abbreviation_cand)
        aliases[abbreviation] = definition
    if not aliases:
        return sorted(cands, key=lambda c: c.start), aliases
    # Later uses of a defined abbreviation are the same organisation.
    for i, text in enumerate(texts):
        if text in aliases and not any(c.start <= i < c.end for c in cands):
            cands.append(_Cand(i, i + 1, "ORG", aliases[text].ent_id, alias_of=aliases[text]))
    for cand in cands:
        if cand.end - cand.start == 1 and texts[cand.start] in aliases:
            definition = aliases[texts[cand.start]]
            cand.label, cand.ent_id, cand.alias_of = "ORG", definition.ent_id, definition
    return sorted(cands, key=lambda c: c.start), aliases


def _abbreviation_initials(abbreviation: str) -> str | None:
    """The initials an abbreviation spells: all of "SCO", the capitals of "AfCFTA" (lower-case
    letters there are the rest of a word: "Af" for "African"); None for a word that is no
    abbreviation."""
    letters = "".join(c for c in abbreviation if c.isalpha())
    capitals = "".join(c for c in letters if c.isupper())
    if len(letters) < 2 or len(capitals) < 2 or not letters[0].isupper():
        return None
    if letters.isupper():
        return letters
    # Mixed case only when capitals dominate: "AfCFTA", "ECOWAS"-like forms, not "Astana".
    return capitals if len(capitals) * 2 > len(letters) else None


def _acronym_phrase_start(ctx: _Context, paren: int, letters: str) -> int | None:
    """Start of the phrase an abbreviation stands for: exact initials if some start gives them,
    else the nearest start whose initials contain ABBR in order with the same first letter
    ("Council for Trade and Economic Cooperation in Europe (CTCE)")."""
    doc = ctx.doc
    sentence_start = ctx.sentence_range(paren)[0]
    nearest = None
    k = paren - 1
    while k >= max(sentence_start, paren - 16):
        token = doc[k]
        if not (_is_capitalised_word(token) or token.lower_ in ctx.vocabulary.connectors or token.text in (",", "'s", "\u2019s")):
            break
        if _is_capitalised_word(token):
            words = [t for t in doc[k:paren] if _is_capitalised_word(t)]
            initials = "".join(w.text[0].upper() for w in words)
            if initials == letters.upper():
                return k
            if nearest is None and initials[0] == letters[0] and _is_subsequence(letters.upper(), initials):
                nearest = k
        k -= 1
    return nearest


def _is_subsequence(needle: str, haystack: str) -> bool:
    position = 0
    for char in haystack:
        if position < len(needle) and char == needle[position]:
            position += 1
    return position == len(needle)


def _is_descriptor_word(ctx: _Context, token: Token) -> bool:
    """A word that ends an organisation name or a title ("Academy", "Ministers", "Agriculture")."""
    lower = token.lower_
    words = ctx.vocabulary.org_heads | ctx.vocabulary.ministry_words | ctx.title_words
    return lower in words or (lower.endswith("s") and lower[:-1] in words)


def _trailing_name_start(ctx: _Context, start: int, end: int) -> int:
    """Start of the run of proper-noun name words that ends an organisation span (== end if none)."""
    doc = ctx.doc
    k = end
    while k > start:
        word_start = k - 1
        while word_start - 2 >= start and _is_attached_hyphen(doc, word_start - 1):
            word_start -= 2  # "Al-Qasimi" is one word
        token = doc[word_start]
        if (
            not _is_name_token(token)
            or token.pos_ != "PROPN"
            or token.lower_ in ctx.vocabulary.connectors
            or _is_descriptor_word(ctx, token)
            or ctx.reference.country_by_text(doc[word_start:k].text) is not None
        ):
            break
        k = word_start
    return k


def _split_trailing_person(ctx: _Context, cands: list[_Cand]) -> list[_Cand]:
    """"Academy of Social Sciences Li Wen", "Cabinet of Ministers Ana Kova": proper-noun words after
    the organisation's or title's last descriptive word are a person introduced by that title."""
    doc = ctx.doc
    result: list[_Cand] = []
    taken = {i for c in cands for i in range(c.start, c.end)}
    for cand in cands:
        if cand.label not in ("ORG", "FAC") or cand.ent_id:
            result.append(cand)
            continue
        tail_start = _trailing_name_start(ctx, cand.start, cand.end)
        tail_words = len(doc[tail_start : cand.end].text.split())
        before = doc[tail_start - 1] if tail_start > cand.start else None
        after_head = before is not None and before.lower_ in ctx.vocabulary.org_heads
        after_descriptor = before is not None and _is_descriptor_word(ctx, before) and tail_words >= 2
        if tail_start >= cand.end or tail_words > 3 or not (after_head or after_descriptor):
            result.append(cand)
            continue
        end = cand.end
        while end < len(doc) and end - tail_start < 3 and end not in taken and _is_name_token(doc[end]) and doc[end].pos_ == "PROPN":
            end += 1
        head_part = doc[cand.start : tail_start]
        if any(t.lower_ in ctx.vocabulary.org_heads for t in head_part):
            result.append(_Cand(cand.start, tail_start, cand.label))
        # else the words before the name are the rest of a title ("Minister of Agriculture"), no body
        result.append(_Cand(tail_start, end, "PERSON"))
    return sorted(result, key=lambda c: c.start)


def _is_country_cand(cand: _Cand) -> bool:
    return cand.label in COUNTRY_LABELS and bool(cand.ent_id) and not cand.ent_id.startswith(OUTLET_ID_PREFIX)


def _extend_national_bodies(ctx: _Context, cands: list[_Cand]) -> list[_Cand]:
    """"Russian Academy of Sciences" missed by the NER: a demonym or country followed by capitalised
    words that include an organisation head word; ends at the last head word, so a following name
    ("... Academy of Sciences Ivan Petrov") stays outside."""
    doc = ctx.doc
    covered = {i for c in cands for i in range(c.start, c.end)}
    result = []
    for cand in cands:
        result.append(cand)
        if not _is_country_cand(cand) or cand.end >= len(doc):
            continue
        first = doc[cand.end]
        if cand.end in covered or not _is_capitalised_word(first) or ctx.is_title_token(first):
            continue
        last_head = None
        k = cand.end
        while k < len(doc) and k not in covered and ctx.sentence_of[k] == ctx.sentence_of[cand.start]:
            token = doc[k]
            if token.lower_ in ctx.vocabulary.org_heads and _is_capitalised_word(token):
                last_head = k
            elif not (_is_capitalised_word(token) or token.lower_ in ctx.vocabulary.organization_joiners):
                break
            k += 1
        if last_head is not None:
            result[-1] = _Cand(cand.start, last_head + 1, "ORG")
            covered.update(range(cand.end, last_head + 1))
    return result


def _country_at(ctx: _Context, cands_at: dict[int, _Cand], i: int) -> int | None:
    """End of the country or demonym written at token i (a candidate or a single known word)."""
    cand = cands_at.get(i)
    if cand is not None and _is_country_cand(cand):
        return cand.end
    token = ctx.tokens[i]
    if _is_capitalised_word(token) and ctx.reference.country_by_text(token.text) is not None:
        return i + 1
    return None


def _bilateral_bodies(ctx: _Context, cands: list[_Cand]) -> list[_Cand]:
    """"India-Qatar Joint Commission", "Polish-German Youth Office": two states joined by a hyphen
    and followed by capitalised words up to an organisation head word are one joint body. The NER
    usually keeps only part of it ("Qatar Joint Commission") or nothing."""
    doc = ctx.doc
    cands_at = {c.start: c for c in cands}
    bodies: list[_Cand] = []
    i = 0
    while i < len(doc) - 2:
        left_end = _country_at(ctx, cands_at, i)
        if left_end is None or left_end >= len(doc) - 1 or not _is_attached_hyphen(doc, left_end):
            i += 1
            continue
        right_end = _country_at(ctx, cands_at, left_end + 1)
        if right_end is None:
            i += 1
            continue
        last_head, seen_connector = None, False
        k = right_end
        while k < len(doc) and ctx.sentence_of[k] == ctx.sentence_of[i]:
            token = doc[k]
            if _is_capitalised_word(token) and token.lower_ in ctx.vocabulary.org_heads:
                last_head = k
            elif token.lower_ in ctx.vocabulary.organization_joiners:
                seen_connector = seen_connector or last_head is not None
            elif token.text == "," and seen_connector and k + 1 < len(doc) and _is_capitalised_word(doc[k + 1]):
                pass  # "Commission on Trade, Economic and Technical Cooperation"
            elif not _is_capitalised_word(token) or ctx.is_title_token(token) and token.lower_ in ctx.title_heads:
                break
            k += 1
        if last_head is None:
            i = right_end
            continue
        bodies.append(_Cand(i, last_head + 1, "ORG"))
        i = last_head + 1
    if not bodies:
        return cands
    kept = [c for c in cands if not any(c.start < b.end and b.start < c.end for b in bodies)]
    return sorted(kept + bodies, key=lambda c: c.start)


def _merge_organisations(ctx: _Context, cands: list[_Cand]) -> list[_Cand]:
    doc = ctx.doc
    cands = _bilateral_bodies(ctx, cands)
    cands = _extend_national_bodies(ctx, cands)
    changed = True
    while changed:
        changed = False
        cands = sorted(cands, key=lambda c: c.start)
        for index in range(len(cands) - 1):
            left, right = cands[index], cands[index + 1]
            merged = _merge_pair(ctx, left, right)
            if merged is not None:
                cands[index : index + 2] = [merged]
                changed = True
                break
    # "Saparov Family Foundation": a person-like span followed by an organisation head word.
    for cand in cands:
        if cand.label == "PERSON" and cand.end < len(doc):
            nxt = doc[cand.end]
            if _is_capitalised_word(nxt) and nxt.lower_ in ctx.vocabulary.org_heads:
                cand.end, cand.label = cand.end + 1, "ORG"
    # "Center for Asia and Development": a name ending in a connector absorbs what follows.
    for cand in cands:
        if cand.label in ("ORG", "FAC") and not cand.ent_id and doc[cand.end - 1].lower_ in ctx.vocabulary.open_name_endings:
            following = [c for c in cands if c.start == cand.end]
            if following:
                cand.end = following[0].end
                following[0].label = "_MERGED"
            end = cand.end
            if end + 1 < len(doc) and doc[end].lower_ == "and" and _is_capitalised_word(doc[end + 1]):
                covering = [c for c in cands if c.start == end + 1]
                cand.end = covering[0].end if covering else end + 2
                for c in covering:
                    c.label = "_MERGED"
    return [c for c in cands if c.label != "_MERGED"]


def _merge_pair(ctx: _Context, left: _Cand, right: _Cand) -> _Cand | None:
    doc = ctx.doc
    gap_words = ctx.lowers[left.end : right.start]
    if ctx.sentence_of[left.start] != ctx.sentence_of[right.start]:
        return None
    # "Chinese" + "Academy of Sciences", "Kazakh" + "National Bank"
    if not gap_words and _is_country_cand(left) and right.label == "ORG" and not right.ent_id and _is_capitalised_word(doc[right.start]):
        return _Cand(left.start, right.end, "ORG")
    if left.label != "ORG" or left.ent_id:
        return None
    if tuple(gap_words) not in ctx.vocabulary.organization_links:
        return None
    # "Standing Committee" of "the Political Bureau"; "State Council" of "Ruritania"
    if right.label == "ORG" and not right.ent_id.startswith(OUTLET_ID_PREFIX):
        return _Cand(left.start, right.end, "ORG")
    if _is_country_cand(right) and right.label == "GPE":
        return _Cand(left.start, right.end, "ORG")
    return None


# ---------------------------------------------------------------------------------------------
# 4: classification


def _span_text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _trim(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """Leading articles, trailing possessives and punctuation off."""
    doc = ctx.doc
    while start < end and (doc[start].lower_ in ctx.vocabulary.articles or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct and doc[end - 1].text != ")"):
        end -= 1
    return start, end


def _country_code_inside(ctx: _Context, start: int, end: int) -> str | None:
    """The country an organisation belongs to, when its name says so: a leading country or demonym
    ("Kazakh National Bank") or a trailing "of <Country>" ("State Council of Ruritania"). A country
    elsewhere in the name is its subject, not its owner ("Institute of Russian Studies")."""
    doc = ctx.doc
    if start + 2 < end and _is_attached_hyphen(doc, start + 1) and ctx.reference.country_by_text(doc[start + 2].text):
        return None  # "Polish-German Youth Office": a joint body belongs to neither state alone
    for length in (4, 3, 2, 1):
        if start + length <= end:
            found = ctx.reference.country_by_text(doc[start : start + length].text)
            if found is not None and _is_capitalised_word(doc[start]):
                return found.iso3
    for i in range(end - 2, start, -1):
        if doc[i].lower_ == "of":
            tail = i + 2 if doc[i + 1].lower_ == "the" and i + 2 < end else i + 1
            found = ctx.reference.country_by_text(doc[tail:end].text)
            return found.iso3 if found is not None else None
    return None


MINISTRY_SHAPES = (
    re.compile(r"^(?P<country>.+?) (?P<portfolio>[\w\s-]+?) Ministry$", re.IGNORECASE),
    re.compile(r"^(?P<country>.+?) Ministry of (?P<portfolio>[\w\s,&-]+)$", re.IGNORECASE),
    re.compile(r"^Ministry of (?P<portfolio>[\w\s,&-]+?) of (?:the )?(?P<country>.+)$", re.IGNORECASE),
    re.compile(r"^(?P<portfolio>[\w\s-]+?) Ministry of (?:the )?(?P<country>.+)$", re.IGNORECASE),
)


def _normalised_ministry(ctx: _Context, text: str) -> tuple[str, str] | None:
    """"Kazakh Foreign Ministry" -> ("Ministry of Foreign Affairs of Kazakhstan", "KAZ")."""
    for shape in MINISTRY_SHAPES:
        match = shape.match(text)
        if not match:
            continue
        country = ctx.reference.country_by_text(match.group("country"))
        portfolio = match.group("portfolio").strip()
        if country is None or not portfolio:
            continue
        words = portfolio.lower().split()
        if not all(w in ctx.vocabulary.ministry_words or w in (",",) for w in words):
            continue
        portfolio = ctx.vocabulary.portfolio_aliases.get(" ".join(words), portfolio)
        lower_case = ctx.vocabulary.lower_case_name_words
        portfolio = " ".join(w if w.isupper() else w[:1].upper() + w[1:] if w not in lower_case else w for w in portfolio.split())
        return f"Ministry of {portfolio} of {country.name}", country.iso3
    return None


def _classify(ctx: _Context, cand: _Cand) -> _Span | None:
    doc = ctx.doc
    ref = ctx.reference
    vocabulary = ctx.vocabulary
    start, end = _trim(ctx, cand.start, cand.end)
    if start >= end:
        return None
    text = _span_text(doc, start, end)
    last_word = doc[end - 1].lower_
    if cand.ent_id.startswith(OUTLET_ID_PREFIX):
        if _is_source_credit(ctx, start, end):
            return None
        outlet = ref.outlet_by_text(cand.ent_id[len(OUTLET_ID_PREFIX):]) or ref.outlet_by_text(text)
        name = outlet.name if outlet else cand.ent_id[len(OUTLET_ID_PREFIX):]
        return _Span(start, end, "organization", "ORG", name, outlet.country_iso3 if outlet else None)
    if end < len(doc) and doc[end].lower_ in vocabulary.currency_units and (cand.label in COUNTRY_LABELS or ref.country_by_text(text)):
        return None  # "US dollars", "Indian rupees": a currency, not a mention of the state
    if _is_country_cand(cand):
        country = ref.country_by_iso3(cand.ent_id)
        if country is not None:
            return _Span(start, end, "country", cand.label, country.name, country.iso3)
    if cand.label == "PERSON":
        return _classify_person(ctx, cand, start, end)
    if cand.label == "ORG" and not cand.ent_id and (
        _is_title_portfolio(ctx, start, end) or _is_portfolio_after_title(ctx, start, end)
    ):
        return None
    if cand.label in ("ORG", "GPE", "LOC", "FAC", "NORP"):
        return _classify_named(ctx, cand, start, end, text, last_word)
    return None


def _is_title_portfolio(ctx: _Context, start: int, end: int) -> bool:
    """"[Kenyan] Trade" of "Kenyan Trade Minister": portfolio words before a title head are part of
    the title, not an organisation."""
    doc = ctx.doc
    if end >= len(doc) or doc[end].lower_ not in ctx.title_heads:
        return False
    words = [t for t in doc[start:end] if ctx.reference.country_by_text(t.text) is None]
    return bool(words) and all(t.lower_ in ctx.vocabulary.ministry_words for t in words)


def _is_portfolio_after_title(ctx: _Context, start: int, end: int) -> bool:
    """"[Foreign Affairs]" of "Secretary of Foreign Affairs", "[State for External Affairs]" of
    "Minister of State for External Affairs": a portfolio written right after a title head and
    "of"/"for" (no article) belongs to the title. A body keeps its article or its head word
    ("Secretary-General of the Shanghai Cooperation Organization", "Chair of Example Council")."""
    doc = ctx.doc
    if start < 2 or doc[start - 1].lower_ not in ctx.vocabulary.portfolio_prepositions or doc[start - 2].lower_ not in ctx.title_heads:
        return False
    text = _span_text(doc, start, end)
    if ctx.reference.organization_by_text(text) or ctx.reference.outlet_by_text(text):
        return False
    words = [t for t in doc[start:end] if t.is_alpha]
    return bool(words) and not any(t.lower_ in ctx.vocabulary.org_heads for t in words)


def _classify_named(ctx: _Context, cand: _Cand, start: int, end: int, text: str, last_word: str) -> _Span | None:
    ref = ctx.reference
    vocabulary = ctx.vocabulary
    doc = ctx.doc
    # "Lobito corridor": a name followed by a lower-case place noun is a place with that noun.
    if end < len(doc) and doc[end].lower_ in vocabulary.place_heads and doc[end].text.islower():
        return _Span(start, end + 1, "place", cand.label, f"{text} {doc[end].text}", _country_code_inside(ctx, start, end))
    country = ref.country_by_text(text)
    if country is not None and not _is_capital(ref, text):
        return _Span(start, end, "country", "NORP" if cand.label == "NORP" else "GPE", country.name, country.iso3)
    if cand.label == "NORP":
        return None  # "Central Asian", "Muslim": not an entity this layer tracks
    outlet = ref.outlet_by_text(text)
    if outlet is not None:
        if _is_source_credit(ctx, start, end):
            return None
        return _Span(start, end, "organization", "ORG", outlet.name, outlet.country_iso3)
    if not cand.ent_id and end - start == 1 and doc[start].pos_ != "PROPN" and not doc[start].text.isupper():
        return None  # a common noun the NER took for a name ("Views were exchanged")
    organization = ref.organization_by_text(cand.ent_id) if cand.ent_id else None
    organization = organization or ref.organization_by_text(text)
    if organization is not None:
        if last_word in vocabulary.place_heads or organization.canonical_name.split()[-1].lower() in vocabulary.place_heads:
            # a corridor or route listed with the organisations is still a place, under one name
            return _Span(start, end, "place", "LOC", organization.canonical_name, organization.country_iso3)
        return _Span(start, end, "organization", "ORG", organization.canonical_name, organization.country_iso3)
    if last_word in vocabulary.document_heads:
        return None  # a document or policy, not an actor
    if text in vocabulary.non_body_abbreviations:
        return None  # "MOU", "LNG", "GDP": a thing, not an actor
    if not any(_is_capitalised_word(t) for t in doc[start:end]):
        return None
    if cand.label == "ORG" or last_word in vocabulary.org_heads or doc[start].lower_ in vocabulary.org_heads:
        if last_word in vocabulary.place_heads:
            return _Span(start, end, "place", "LOC", text, _country_code_inside(ctx, start, end))
        ministry = _normalised_ministry(ctx, text)
        if ministry is not None:
            return _Span(start, end, "organization", "ORG", ministry[0], ministry[1])
        name = re.sub(r"\s*\(\s*[A-Za-z0-9]+$", "", text).strip()
        return _Span(start, end, "organization", "ORG", name, _country_code_inside(ctx, start, end))
    capital_of = _capital_country(ref, text)
    return _Span(start, end, "place", cand.label, text, capital_of)


def _is_source_credit(ctx: _Context, start: int, end: int) -> bool:
    """The outlet credited for the story (", Kabar reports", "(Kabar)") is the article's byline, not
    an organisation the article is about."""
    doc = ctx.doc
    before = doc[start - 1].text if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    if before == "(" and after == ")":
        return True
    sentence_start, _ = ctx.sentence_range(start)
    return after in ctx.vocabulary.reporting_verbs and (start == sentence_start or before in (",", "--", "-", "\u2014", "\u2013"))


def _is_capital(ref: "Reference", text: str) -> bool:
    return _capital_country(ref, text) is not None


def _capital_country(ref: "Reference", text: str) -> str | None:
    lowered = text.lower()
    for country in ref.countries:
        if country.capital and country.capital.lower() == lowered:
            return country.iso3
    return None


def _classify_person(ctx: _Context, cand: _Cand, start: int, end: int) -> _Span | None:
    """Strip titles, honorifics, demonyms and possessives; reject spans that are not people."""
    doc = ctx.doc
    ref = ctx.reference
    full_text = _span_text(doc, start, end)
    country = ref.country_by_text(full_text)
    if country is not None:
        return _Span(start, end, "country", "NORP" if full_text in country.demonyms else "GPE", country.name, country.iso3)
    outlet = ref.outlet_by_text(full_text)
    if outlet is not None:
        return _Span(start, end, "organization", "ORG", outlet.name, outlet.country_iso3)
    organization = ref.organization_by_text(full_text)
    if organization is not None:
        return _Span(start, end, "organization", "ORG", organization.canonical_name, organization.country_iso3)
    for i in range(start, end):  # a comma inside a person span ends the name
        if doc[i].text == ",":
            end = i
            break
    while start < end:
        token = doc[start]
        lower = token.lower_
        if (
            lower in ctx.vocabulary.articles
            or lower in ctx.vocabulary.honorifics
            or ctx.is_title_token(token)
            or token.text in POSSESSIVES
            or ref.country_by_text(token.text) is not None
        ):
            start += 1
            continue
        break
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    # "Prime Minister [Do] Thanh Phong", "President [Mehmet] Ali Kaya": the NER may leave out a first
    # name word between the title and the rest of the name.
    while (
        start >= 2
        and start == cand.start
        and _is_capitalised_word(doc[start - 1])
        and doc[start - 1].is_alpha
        and not doc[start - 1].whitespace_ == ""
        and not ctx.is_title_token(doc[start - 1])
        and doc[start - 1].lower_ not in ctx.vocabulary.honorifics
        and doc[start - 1].lower_ not in ctx.vocabulary.articles
        and ref.country_by_text(doc[start - 1].text) is None
        and ctx.is_title_token(doc[start - 2])
        and _is_capitalised_word(doc[start - 2])
    ):
        start -= 1
    if start >= end:
        return None
    # A name cut after a particle ("Maarten van der" + "Linde") goes on to the capitalised word.
    while end < len(doc) and doc[end - 1].lower_ in ctx.vocabulary.name_particles and _is_name_token(doc[end]):
        end += 1
    # The NER often stops at a hyphen ("Jung Hye" of "Jung Hye-ah"): the whole word is the name.
    end = _hyphen_group_end(ctx, end - 1) if _is_name_token(doc[end - 1]) or _is_hyphen_tail(ctx, end - 1) else end
    ends = _name_part_ends(ctx, start, end)
    if not ends or ends[-1] != end:
        return None
    tokens = list(doc[start:end])
    if len(tokens) == 1 and (tokens[0].text.isupper() and len(tokens[0].text) > 1):
        return None  # an unexplained abbreviation ("BRI") is not a person
    return _Span(start, end, "person", "PERSON")


# ---------------------------------------------------------------------------------------------
# 5: people


def _is_doubtful_span(ctx: _Context, span: _Span) -> bool:
    """A span the NER may have mislabelled that a name next to a title can take over: a one-word
    person (the NER's "Kova" of "Ana Kova"), or a place or organisation the reference does not know
    made only of proper-noun name words ("Ana Kova" read as a town or a company)."""
    doc = ctx.doc
    if span.kind == "person":
        return len(_name_words(doc, span.start, span.end)) == 1
    if span.kind not in ("place", "organization") or span.country_code is not None:
        return False
    text = doc[span.start : span.end].text
    ref = ctx.reference
    if ref.organization_by_text(text) or ref.outlet_by_text(text) or ref.country_by_text(text):
        return False
    tokens = doc[span.start : span.end]
    if any(_is_descriptor_word(ctx, t) or t.lower_ in ctx.vocabulary.place_heads for t in tokens):
        return False
    ends = _name_part_ends(ctx, span.start, span.end)
    return bool(ends) and ends[-1] == span.end


def _follows_title(ctx: _Context, i: int) -> bool:
    """Token i comes right after a capitalised title phrase holding a title head word
    ("Minister of Agriculture", "Deputy Foreign Minister")."""
    doc = ctx.doc
    sentence_start, _ = ctx.sentence_range(i)
    k = i - 1
    if k < sentence_start or not _is_capitalised_word(doc[k]) or not ctx.is_title_token(doc[k]):
        return False
    while k >= sentence_start and (ctx.is_title_token(doc[k]) or doc[k].lower_ in ctx.vocabulary.title_joiners_in_capitalised_title):
        if doc[k].lower_ in ctx.title_heads:
            return True
        k -= 1
    return False


def _name_run_end(ctx: _Context, i: int, limit: int) -> tuple[int, int]:
    """End and word count of the proper-noun name starting at token i (at most four words)."""
    doc = ctx.doc
    end, words = i, 0
    for part_end in _name_part_ends(ctx, i, limit)[:4]:
        head = doc[part_end - 1] if doc[part_end - 1].text[0].isupper() else doc[end]
        if ctx.is_title_token(doc[end]) or (head.pos_ != "PROPN" and not _is_hyphen_tail(ctx, part_end - 1)):
            break
        end, words = part_end, words + 1
    return end, words


def _find_titled_names(ctx: _Context, spans: list[_Span]) -> list[_Span]:
    """Names the NER missed next to a title: "Director Ana Kova", "President of Ruritania Ana Kova",
    "Ana Kova, President of Ruritania,". A doubtful span may be part of such a name
    ("Minister of Education Irina Gromina" with "Gromina" read as a town)."""
    doc, tokens = ctx.doc, ctx.tokens
    covered = {i for s in spans if not _is_doubtful_span(ctx, s) for i in range(s.start, s.end)}
    spans_ending = {s.end - 1: s for s in spans}
    spans_starting = {s.start: s for s in spans}
    found: list[_Span] = []
    i = 0
    while i < len(doc):
        token = tokens[i]
        if (
            i in covered
            or not _is_name_token(token)
            or token.pos_ != "PROPN"
            or ctx.is_title_token(token)
            or token.lower_ in ctx.vocabulary.honorifics
        ):
            i += 1
            continue
        previous = tokens[i - 1] if i > 0 else None
        _, sentence_end = ctx.sentence_range(i)
        limit = next((j for j in range(i, sentence_end) if j in covered), sentence_end)
        end, words = _name_run_end(ctx, i, limit)
        titled_before = previous is not None and (
            (_is_capitalised_word(previous) and previous.lower_ in ctx.title_words)
            or _follows_title(ctx, i)
            or ((i - 1) in spans_ending and _statement_before(ctx, i, spans_ending) is not None)
        )
        titled_after = words >= 2 and end < sentence_end and _statement_after(ctx, end, spans_starting) is not None
        if words >= 2 and (titled_before or titled_after):
            found.append(_Span(i, end, "person", "PERSON"))
            covered.update(range(i, end))
            i = end
            continue
        i += 1
    return found


def _cluster_people(ctx: _Context, person_spans: list[_Span]) -> tuple[list[_Person], dict[int, _Person]]:
    """Full names become people; single names join the person whose name they end or start."""
    doc = ctx.doc
    people: list[_Person] = []
    by_span: dict[int, _Person] = {}
    full = [s for s in person_spans if len(_name_words(doc, s.start, s.end)) >= 2]
    singles = [s for s in person_spans if len(_name_words(doc, s.start, s.end)) == 1]
    # Longest forms first so "Ana Maria Kova" absorbs a later "Ana Kova".
    for span in sorted(full, key=lambda s: (-(s.end - s.start), s.start)):
        words = _name_words(doc, span.start, span.end)
        owner = next((p for p in people if _contains_in_order(p.tokens, words)), None)
        if owner is None:
            owner = _Person(canonical=doc[span.start : span.end].text, tokens=words, first_token_index=span.start)
            people.append(owner)
        owner.first_token_index = min(owner.first_token_index, span.start)
        by_span[id(span)] = owner
    for span in sorted(singles, key=lambda s: s.start):
        word = _name_words(doc, span.start, span.end)[0]
        owner = _person_for_single_name(people, word, span.start)
        if owner is None:
            token = doc[span.start]
            hyphenated = span.end - span.start > 1
            if (token.pos_ != "PROPN" and not hyphenated) or token.is_stop or ctx.is_title_token(token) or len(word) < 2:
                continue
            owner = _Person(canonical=doc[span.start : span.end].text, tokens=(word,), first_token_index=span.start)
            people.append(owner)
        by_span[id(span)] = owner
    return people, by_span


def _contains_in_order(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    if len(shorter) > len(longer):
        return False
    iterator = iter(longer)
    return all(word in iterator for word in shorter) and shorter[-1] == longer[-1] and shorter[0] in longer


def _person_for_single_name(people: list[_Person], word: str, position: int) -> _Person | None:
    """Surname (last word) first, then the first word (family-name-first names); the most recently
    introduced matching person wins, a later-introduced one only when none came before."""
    for part in (-1, 0):
        matches = [p for p in people if len(p.tokens) >= 2 and p.tokens[part] == word]
        if matches:
            before = [p for p in matches if p.first_token_index <= position]
            pool = before or matches
            return max(pool, key=lambda p: p.first_token_index) if before else min(pool, key=lambda p: p.first_token_index)
    return None


# ---------------------------------------------------------------------------------------------
# 6: roles


def _title_display(ctx: _Context, words_text: str) -> tuple[str, str | None]:
    key = _normal_phrase(words_text)
    if key in ctx.title_phrases:
        return ctx.title_phrases[key][0], ctx.title_phrases[key][1]
    found = ctx.reference.title_rank(words_text)
    return words_text, (found[1] if found else None)


def _org_for_title(ctx: _Context, span: _Span) -> tuple[str, str | None]:
    """Organisation name for a title, with a trailing "of <Country>" moved to the country."""
    name = span.canonical or _span_text(ctx.doc, span.start, span.end)
    match = re.match(r"^(.+?) of (?:the )?(.+)$", name)
    if match:
        country = ctx.reference.country_by_text(match.group(2))
        if country is not None:
            return match.group(1), country.iso3
    return name, span.country_code


def _statement_from(
    ctx: _Context,
    title_start: int,
    title_end: int,
    chain: list[tuple[str, _Span]],
    country_code: str | None,
    sentence_index: int,
) -> _Statement | None:
    doc = ctx.doc
    connectors = ctx.vocabulary.connectors
    while title_start < title_end and doc[title_start].lower_ in connectors:
        title_start += 1
    while title_end > title_start and doc[title_end - 1].lower_ in connectors:
        title_end -= 1
    if title_start >= title_end:
        return None
    words = list(doc[title_start:title_end])
    if not any(t.lower_ in ctx.title_heads or _normal_phrase(t.text) in ctx.title_phrases for t in words):
        return None
    words_text = doc[title_start:title_end].text
    if _normal_phrase(words_text).split()[-1] == "counterpart":
        return _Statement(None, None, country_code, None, sentence_index, is_counterpart=True)
    title, rank = _title_display(ctx, words_text)
    organization = None
    for preposition, span in chain:
        if span.kind == "country":
            if preposition == "of" and country_code is None:
                country_code = span.country_code
            elif preposition == "to":
                title = f"{title} to {span.canonical}"  # the host state, never the holder's own
        elif span.kind == "organization":
            if preposition == "of" and organization is None:
                organization, org_country = _org_for_title(ctx, span)
                title = f"{title} of the {organization}"
                country_code = country_code or org_country
            elif preposition in ctx.vocabulary.location_prepositions and country_code is None:
                country_code = span.country_code
    full_rank = ctx.reference.title_rank(title)
    rank = rank or (full_rank[1] if full_rank else None)
    return _Statement(title, rank, country_code, organization, sentence_index)


def _statement_before(ctx: _Context, name_start: int, spans_ending: dict[int, _Span]) -> _Statement | None:
    """[the] [Demonym | Country's] Title [of|to|at the Org/Country]* Name."""
    doc = ctx.doc
    sentence_start, _ = ctx.sentence_range(name_start)
    k = name_start - 1
    if k - 1 >= sentence_start and doc[k].text == "," and (ctx.is_title_token(doc[k - 1]) or (k - 1) in spans_ending):
        k -= 1  # an appositive: "Vietnam's ambassador to Japan, Pham Quoc Bao"
    chain: list[tuple[str, _Span]] = []
    while k >= sentence_start and k in spans_ending and spans_ending[k].kind != "person":
        span = spans_ending[k]
        a = span.start - 1
        if a >= sentence_start and doc[a].lower_ == "the":
            a -= 1
        if a >= sentence_start and doc[a].lower_ in ctx.vocabulary.title_prepositions:
            chain.insert(0, (doc[a].lower_, span))
            k = a - 1
        else:
            break
    title_end = k + 1
    while k >= sentence_start and (k not in spans_ending or spans_ending[k].kind == "person") and (ctx.is_title_token(doc[k]) or doc[k].lower_ in ctx.vocabulary.title_joiners_before_name):
        if any(s.start <= k < s.end for s in spans_ending.values() if s.kind != "person" and s.end - 1 != k):
            break
        k -= 1
    title_start = k + 1
    country_code = None
    if k >= sentence_start and doc[k].text in POSSESSIVES and (k - 1) in spans_ending and spans_ending[k - 1].kind == "country":
        country_code = spans_ending[k - 1].country_code
        k = spans_ending[k - 1].start - 1
    elif k in spans_ending and spans_ending[k].kind == "country":
        country_code = spans_ending[k].country_code
        k = spans_ending[k].start - 1
    if country_code is None and k - 1 >= sentence_start and doc[k].lower_ == "by" and doc[k - 1].lower_ in ctx.vocabulary.leadership_verbs:
        country_code = _delegation_country(ctx, k - 1, spans_ending)
    return _statement_from(ctx, title_start, title_end, chain, country_code, ctx.sentence_of[name_start])


def _delegation_country(ctx: _Context, verb_index: int, spans_ending: dict[int, _Span]) -> str | None:
    """"The Kazakh delegation, led by ...": the nearest country before the verb, a few words back."""
    sentence_start, _ = ctx.sentence_range(verb_index)
    for k in range(verb_index - 1, max(sentence_start, verb_index - 8) - 1, -1):
        span = spans_ending.get(k)
        if span is not None and span.kind == "country":
            return span.country_code
    return None


def _statement_after(ctx: _Context, name_end: int, spans_starting: dict[int, _Span]) -> _Statement | None:
    """Name, [the] [Demonym] Title [of|to|at the Org/Country]* ,"""
    doc = ctx.doc
    _, sentence_end = ctx.sentence_range(name_end - 1)
    k = name_end
    if k >= sentence_end or doc[k].text != ",":
        return None
    k += 1
    if k < sentence_end and doc[k].lower_ == "the":
        k += 1
    country_code = None
    if k in spans_starting and spans_starting[k].kind == "country":
        country_code = spans_starting[k].country_code
        k = spans_starting[k].end
        if k < sentence_end and doc[k].text in POSSESSIVES:
            k += 1
    title_start = k
    while k < sentence_end and k not in spans_starting and (ctx.is_title_token(doc[k]) or (doc[k].lower_ in ctx.vocabulary.title_joiners_after_name and k + 1 < sentence_end and ctx.is_title_token(doc[k + 1]))):
        k += 1
    title_end = k
    if title_end == title_start or not _is_capitalised_word(doc[title_start]) and doc[title_start - 1].lower_ != "the" and country_code is None:
        return None
    chain: list[tuple[str, _Span]] = []
    while k < sentence_end and doc[k].lower_ in ctx.vocabulary.title_prepositions:
        a = k + 1
        if a < sentence_end and doc[a].lower_ == "the":
            a += 1
        span = spans_starting.get(a)
        if span is None or span.kind == "person":
            break
        chain.append((doc[k].lower_, span))
        k = span.end
    return _statement_from(ctx, title_start, title_end, chain, country_code, ctx.sentence_of[name_end - 1])


def _assign_roles(ctx: _Context, people: list[_Person], spans: list[_Span]) -> None:
    spans_ending = {s.end - 1: s for s in spans}
    spans_starting = {s.start: s for s in spans}
    for person in people:
        for start, end in person.mentions:
            for statement in (_statement_before(ctx, start, spans_ending), _statement_after(ctx, end, spans_starting)):
                if statement is not None:
                    person.statements.append(statement)
    # "Kazakh Foreign Minister A met his Indian counterpart B": B holds A's office for B's country.
    for person in people:
        for statement in person.statements:
            if not statement.is_counterpart:
                continue
            others = [
                s
                for other in people
                if other is not person
                for s in other.statements
                if s.sentence_index == statement.sentence_index and s.title and not s.is_counterpart
            ]
            if others:
                best = max(others, key=lambda s: s.score)
                statement.title, statement.rank = best.title, best.rank
                statement.organization = best.organization
            statement.is_counterpart = False
    for person in people:
        useful = [s for s in person.statements if s.title or s.country_code]
        if not useful:
            continue
        best = max(useful, key=lambda s: (s.score, -s.sentence_index))
        role = _Statement(best.title, best.rank, best.country_code, best.organization, best.sentence_index)
        if role.country_code is None:
            with_country = [s for s in useful if s.country_code]
            if with_country:
                role.country_code = max(with_country, key=lambda s: (s.score, -s.sentence_index)).country_code
        if role.title is None:
            with_title = [s for s in useful if s.title]
            if with_title:
                titled = max(with_title, key=lambda s: (s.score, -s.sentence_index))
                role.title, role.rank, role.organization = titled.title, titled.rank, titled.organization
                role.sentence_index = titled.sentence_index
        person.role = role


# ---------------------------------------------------------------------------------------------
# back-references ("the ambassador", "the Chinese foreign minister", "the head of state")


def _back_references(ctx: _Context, people: list[_Person], spans: list[_Span]) -> list[tuple[int, int, _Person]]:
    doc, lowers = ctx.doc, ctx.lowers
    if not any(person.role is not None and person.role.title for person in people):
        return []  # nobody to refer back to
    covered = {i for s in spans for i in range(s.start, s.end)}
    spans_starting = {s.start: s for s in spans}
    phrases = ctx.lexicon.back_reference_phrases
    longest = ctx.lexicon.longest_back_reference
    person_starts = {s.start for s in spans if s.kind == "person"}
    results: list[tuple[int, int, _Person]] = []
    i = 0
    while i < len(doc):
        start = i
        k = i
        has_article = lowers[k] == "the"
        if has_article:
            k += 1
        country_code = None
        if k in spans_starting and spans_starting[k].kind == "country" and spans_starting[k].label == "NORP":
            country_code = spans_starting[k].country_code
            k = spans_starting[k].end
        if not has_article and country_code is None:
            i += 1
            continue
        # A phrase's normal form starts with the normal form of its first token: most words start none.
        first = _normal_phrase(doc[k].text) if k < len(doc) else ""
        if k < len(doc) and first and first not in ctx.lexicon.back_reference_prefixes:
            i += 1
            continue
        match_end, match = None, None
        for length in range(longest, 0, -1):
            if k + length > len(doc) or any(j in covered for j in range(k, k + length)):
                continue
            key = _normal_phrase(doc[k : k + length].text)
            if key in phrases and ctx.sentence_of[k] == ctx.sentence_of[k + length - 1]:
                match_end, match = k + length, phrases[key]
                break
        if match is None:
            i += 1
            continue
        if _introduces_name(ctx, match_end, person_starts, covered):
            i = match_end
            continue
        after = doc[match_end] if match_end < len(doc) else None
        if after is not None and (after.i in covered or (_is_name_token(after) and after.pos_ == "PROPN")):
            i = match_end
            continue
        if after is not None and after.lower_ == "of":
            target = spans_starting.get(match_end + 1) or spans_starting.get(match_end + 2)
            if target is None or target.kind != "country":
                i = match_end
                continue
            country_code = country_code or target.country_code
        person = _resolve_back_reference(people, match, country_code, start)
        if person is not None:
            results.append((start, match_end, person))
        i = match_end
    return results


def _introduces_name(ctx: _Context, position: int, person_starts: set[int], covered: set[int]) -> bool:
    """A title followed (through "to China", "of the Council") by a name introduces that name."""
    doc = ctx.doc
    _, sentence_end = ctx.sentence_range(max(position - 1, 0))
    j = position
    while j < sentence_end and j not in person_starts and (doc[j].lower_ in ctx.vocabulary.title_prepositions or doc[j].lower_ in ctx.vocabulary.articles or j in covered):
        j += 1
    return j in person_starts


def _resolve_back_reference(
    people: list[_Person], match: tuple[str | None, tuple[str, ...]], country_code: str | None, position: int
) -> _Person | None:
    canonical, ranks = match
    candidates = []
    for person in people:
        role = person.role
        if role is None or not role.title:
            continue
        if country_code and role.country_code != country_code:
            continue
        same_title = canonical is not None and (role.title == canonical or role.title.startswith(canonical + " "))
        same_rank = canonical is None and role.rank in ranks
        if same_title or same_rank:
            candidates.append(person)
    if not candidates:
        return None
    before = [(max((s for s, _ in p.mentions if s < position), default=-1), p) for p in candidates]
    before = [(s, p) for s, p in before if s >= 0]
    if before:
        return max(before, key=lambda item: item[0])[1]
    return candidates[0] if len(candidates) == 1 else None


# ---------------------------------------------------------------------------------------------
# entry point


def analyze_entities(doc: Doc, reference: "Reference") -> EntityAnalysis:
    ctx = _Context(doc, reference, load_vocabulary())
    cands = _initial_candidates(doc)
    cands = _split_trailing_person(ctx, cands)
    cands, _aliases = _acronym_definitions(ctx, cands)
    cands = _merge_organisations(ctx, cands)

    spans: list[_Span] = []
    classified: dict[int, _Span] = {}
    for cand in cands:
        span = _classify(ctx, cand)
        if span is not None and span.start < span.end:
            spans.append(span)
            classified[id(cand)] = span
    # An abbreviation is the entity its definition became ("CEEAS" -> the institute's name).
    for cand in cands:
        definition = classified.get(id(cand.alias_of)) if cand.alias_of is not None else None
        alias = classified.get(id(cand))
        if definition is not None and alias is not None and alias is not definition:
            alias.kind, alias.canonical, alias.country_code = definition.kind, definition.canonical, definition.country_code
    spans = _without_overlaps(spans)
    found = _find_titled_names(ctx, spans)
    taken = {i for f in found for i in range(f.start, f.end)}
    # A found name replaces the doubtful spans it overlaps ("the Honourable Ana Kova" read as an ORG).
    spans = found + [s for s in spans if not (_is_doubtful_span(ctx, s) and any(i in taken for i in range(s.start, s.end)))]
    spans = _without_overlaps(spans)

    person_spans = [s for s in spans if s.kind == "person"]
    people, by_span = _cluster_people(ctx, person_spans)
    spans = [s for s in spans if s.kind != "person" or id(s) in by_span]
    spans = _reclaim_surnames(ctx, spans, people, by_span)
    spans.sort(key=lambda s: s.start)
    for span in spans:
        if span.kind == "person":
            by_span[id(span)].mentions.append((span.start, span.end))
    people = [p for p in people if p.mentions]
    _assign_roles(ctx, people, spans)
    references = _back_references(ctx, people, spans)
    return _assemble(ctx, spans, people, by_span, references)


def _without_overlaps(spans: list[_Span]) -> list[_Span]:
    kept: list[_Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        kept.append(span)
        taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


def _reclaim_surnames(ctx: _Context, spans: list[_Span], people: list[_Person], by_span: dict[int, _Person]) -> list[_Span]:
    """A known person's surname mislabelled as an organisation or place, or missed by the NER."""
    doc = ctx.doc
    surnames: dict[str, _Person] = {}
    for person in people:
        if len(person.tokens) >= 2:
            surnames.setdefault(person.tokens[-1], person)
    result: list[_Span] = []
    for span in spans:
        words = _name_words(doc, span.start, span.end)
        word = words[0] if len(words) == 1 else ""
        if span.kind in ("organization", "place") and word in surnames and not ctx.reference.organization_by_text(doc[span.start].text):
            person_span = _Span(span.start, span.end, "person", "PERSON")
            by_span[id(person_span)] = _person_for_single_name(people, word, span.start) or surnames[word]
            result.append(person_span)
        else:
            result.append(span)
    if not surnames:
        return result
    # A surname's written form starts with its first token's: most tokens start no surname.
    prefixes = {surname[:n] for surname in surnames for n in range(1, len(surname) + 1)}
    covered = {i for s in result for i in range(s.start, s.end)}
    for index, lower in enumerate(ctx.lowers):
        if lower not in prefixes or index in covered:
            continue
        token = doc[index]
        if not _is_name_token(token) or (token.i > 0 and _is_attached_hyphen(doc, token.i - 1)):
            continue
        end = _hyphen_group_end(ctx, token.i)
        word = doc[token.i : end].text.lower()
        if word in surnames and len(word) >= 3 and not any(i in covered for i in range(token.i, end)):
            person_span = _Span(token.i, end, "person", "PERSON")
            by_span[id(person_span)] = _person_for_single_name(people, word, token.i) or surnames[word]
            result.append(person_span)
    return result


def _assemble(
    ctx: _Context,
    spans: list[_Span],
    people: list[_Person],
    by_span: dict[int, _Person],
    references: list[tuple[int, int, _Person]],
) -> EntityAnalysis:
    doc = ctx.doc
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []

    def add_mention(entity_id: str, start: int, end: int, label: str) -> None:
        span = doc[start:end]
        mentions.append(Mention(entity_id, span.text, label, span.start_char, span.end_char, ctx.sentence_of[start]))

    for person in people:
        country = person.role.country_code if person.role else None
        entities[person.entity_id] = Entity(person.entity_id, person.canonical, "person", country)
    for span in spans:
        if span.kind == "person":
            person = by_span[id(span)]
            add_mention(person.entity_id, span.start, span.end, "PERSON")
            continue
        canonical = span.canonical or doc[span.start : span.end].text
        entity_id = entity_id_for(span.kind, canonical)
        entities.setdefault(entity_id, Entity(entity_id, canonical, span.kind, span.country_code))
        add_mention(entity_id, span.start, span.end, span.label)
    for start, end, person in references:
        add_mention(person.entity_id, start, end, "PERSON")
    mentions.sort(key=lambda m: (m.start_char, m.end_char))
    roles = [
        PersonRole(p.entity_id, p.role.title, p.role.rank, p.role.country_code, p.role.organization, p.role.sentence_index)
        for p in people
        if p.role is not None
    ]
    return EntityAnalysis(entities=entities, mentions=mentions, roles=roles)
