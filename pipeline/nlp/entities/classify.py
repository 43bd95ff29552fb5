"""Stage 1b: what each candidate span is: a country, an organisation, a place, a person, or nothing
this layer tracks.

Reference matches keep their reference entity (countries, organisations, outlets: a type of their own,
never an organisation or an actor, credited for the story or not). The rest is decided by the span's
words: "US dollars" is
a currency; portfolio words of a title ("Kenyan [Trade] Minister") are no organisation; a name followed
by a lower-case place noun is a place ("Lobito corridor"); a ministry gets one canonical name
("Kazakh Foreign Ministry" -> "Ministry of Foreign Affairs of Kazakhstan"); person spans are cleaned of
titles, honorifics, demonyms and possessives, or turn out to be a country, an outlet or an organisation.
An abbreviation defined in the document becomes what its definition became. Overlaps are resolved,
longest span first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipeline.nlp.entities.context import (
    POSSESSIVES,
    Context,
    hyphen_group_end,
    is_attached_hyphen,
    is_capitalised_word,
    is_hyphen_tail,
    is_name_token,
    name_part_ends,
    normal_phrase,
)
from pipeline.nlp.entities.types import COUNTRY_LABELS, Candidate, TypedSpan, without_overlaps
from pipeline.nlp.patterns import OUTLET_ID_PREFIX

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from pipeline.reference import Country, Reference


def classify_candidates(ctx: Context, cands: list[Candidate]) -> list[TypedSpan]:
    spans: list[TypedSpan] = []
    classified: dict[int, TypedSpan] = {}
    # Texts the NER calls a place somewhere in the document are no person elsewhere in it.
    place_texts = {ctx.doc[c.start : c.end].text for c in cands if c.label in PLACE_LABELS}
    for cand in cands:
        if cand.label == "PERSON" and ctx.doc[cand.start : cand.end].text in place_texts:
            cand = Candidate(cand.start, cand.end, "GPE", cand.ent_id, cand.alias_of)
        span = _classify(ctx, cand)
        if span is not None and span.start < span.end:
            spans.append(span)
            classified[id(cand)] = span
    # An abbreviation is the entity its definition became ("CEEAS" -> the institute's name), and
    # nothing when its definition is nothing this layer tracks ("Reciprocal Access Agreement (RAA)").
    dropped: set[int] = set()
    for cand in cands:
        if cand.alias_of is None or (alias := classified.get(id(cand))) is None:
            continue
        definition = classified.get(id(cand.alias_of))
        if definition is None and not ctx.reference.organization_by_text(ctx.doc[cand.start : cand.end].text):
            dropped.add(id(alias))
        elif definition is not None and alias is not definition:
            alias.kind, alias.canonical, alias.country_code = definition.kind, definition.canonical, definition.country_code
    spans = [s for s in spans if id(s) not in dropped]
    _name_short_forms_in_full(ctx, spans)
    _name_abbreviations_in_full(ctx, spans)
    return _without_headline_only(ctx, without_overlaps(spans))


def _name_short_forms_in_full(ctx: Context, spans: list[TypedSpan]) -> None:
    """"the Supreme Court" of an article that says "the U.S. Supreme Court" once, "the Coast Guard" after
    "the Philippine Coast Guard": a body's name written without its state (two words or more) is the one
    body of the document whose fuller name ends with it ("<qualifier> Supreme Court") or starts with it
    ("Supreme Court of <state>"); with two such bodies it stays as written."""
    doc = ctx.doc
    state_of = ctx.reference.country_by_text
    bodies = [s for s in spans if s.kind == "organization"]
    fuller: dict[str, tuple[str | None, str | None]] = {}
    for span in bodies:
        fuller.setdefault(doc[span.start : span.end].text, (span.canonical, span.country_code))
    for span in bodies:
        short = doc[span.start : span.end].text
        if span.country_code is not None or len(short.split()) < 2 or ctx.reference.organization_by_text(short):
            continue
        owners = set()
        for text, (canonical, country) in fuller.items():
            if canonical == span.canonical:
                continue
            qualifier = text[: -len(short)].strip() if text.endswith(" " + short) else None
            state = (canonical or "").removeprefix(short + " of ") if (canonical or "").startswith(short + " of ") else None
            if (qualifier and state_of(qualifier)) or (state and state_of(state)):
                owners.add((canonical, country))
        if len(owners) == 1:
            span.canonical, span.country_code = owners.pop()


# Words an abbreviation skips ("Ministry of Trade and Industry" -> "MTI")
ABBREVIATION_SKIPPED_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def _name_abbreviations_in_full(ctx: Context, spans: list[TypedSpan]) -> None:
    """"the MTI announced" in an article that names the "Ministry of Trade and Industry" without
    defining the abbreviation: an abbreviation no list knows is the one body of the document whose
    initials it spells; with two such bodies it stays as written."""
    doc = ctx.doc
    bodies = [s for s in spans if s.kind == "organization"]
    for span in bodies:
        text = doc[span.start : span.end].text
        if span.end - span.start != 1 or not (2 <= len(text) <= 6 and text.isalpha() and text.isupper()):
            continue
        if span.canonical not in (None, text):
            continue
        owners = {
            (other.canonical, other.country_code) for other in bodies
            if other.canonical and other.canonical != text and _initials(other.canonical) == text
        }
        if len(owners) == 1:
            span.canonical, span.country_code = owners.pop()


def _initials(name: str) -> str:
    return "".join(w[0].upper() for w in name.split() if w.lower() not in ABBREVIATION_SKIPPED_WORDS and w[0].isalpha())


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NUMBER_SIGNS = frozenset({"no", "no.", "nr", "nr.", "number"})


def _without_headline_only(ctx: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """A headline in title case fools the NER ("Call With Foreign Minister ..." as an organisation): an
    organisation or place found only there, and named nowhere in the article, is left out. People
    stay: a headline often names the person the text calls "the Prime Minister"."""
    headline = ctx.headline_end
    if headline is None:
        return spans
    body = ctx.doc[headline:].text.casefold()
    return [
        s for s in spans
        if s.start >= headline or s.kind in ("country", "person") or ctx.doc[s.start : s.end].text.casefold() in body
    ]


def _classify(ctx: Context, cand: Candidate) -> TypedSpan | None:
    doc = ctx.doc
    ref = ctx.reference
    vocabulary = ctx.vocabulary
    start, end = _trim(ctx, cand.start, cand.end)
    if start >= end:
        return None
    if cand.label == "ORG":
        end = _complete_name(ctx, start, end)
    text = _span_text(doc, start, end)
    last_word = doc[end - 1].lower_
    if (last_word in NUMBER_SIGNS or doc[end - 1].like_num) and end - start > 1:
        last_word = doc[end - 2].lower_  # "Power Plant No. 2", "Memorandum 2": the head comes before the number
    if cand.ent_id.startswith(OUTLET_ID_PREFIX):
        outlet = ref.outlet_by_text(cand.ent_id[len(OUTLET_ID_PREFIX):]) or ref.outlet_by_text(text)
        name = outlet.name if outlet else cand.ent_id[len(OUTLET_ID_PREFIX):]
        return TypedSpan(start, end, "outlet", "ORG", name, outlet.country_iso3 if outlet else None)
    if (
        end < len(doc) and doc[end].lower_ in vocabulary.currency_units and doc[end].pos_ not in ("VERB", "AUX")
        and (cand.label in COUNTRY_LABELS or ref.country_by_text(text))
    ):
        return None  # "US dollars", "Indian rupees": a currency, not a mention of the state
    if cand.is_country:
        country = ref.country_by_iso3(cand.ent_id)
        if country is not None:
            return TypedSpan(start, end, "country", cand.label, country.name, country.iso3)
    if cand.label == "PERSON":
        return _classify_person(ctx, cand, start, end)
    if cand.label == "ORG" and not cand.ent_id and _is_name_after_title(ctx, start, end):
        # "Colombian President-Elect [A B]": the NER's ORG is the person the title introduces
        return _classify_person(ctx, Candidate(start, end, "PERSON"), start, end)
    if cand.label == "ORG" and not cand.ent_id and (body_start := _body_after_office(ctx, start, end)) is not None:
        return _classify(ctx, Candidate(body_start, end, "ORG"))
    if cand.label == "ORG" and not cand.ent_id and (
        _is_title_portfolio(ctx, start, end) or _is_portfolio_after_title(ctx, start, end)
    ):
        return _leading_country(ctx, start)  # "[Ruritanian] Trade Minister": the state stays
    if cand.label in ("ORG", "GPE", "LOC", "FAC", "NORP"):
        return _classify_named(ctx, cand, start, end, text, last_word)
    return None


def _is_name_after_title(ctx: Context, start: int, end: int) -> bool:
    """Two or three capitalised words that no list knows as a body, right after a state office's
    title ("President-Elect", "Foreign Minister")."""
    doc = ctx.doc
    words = doc[start:end]
    if not 2 <= len(words) <= 3 or start == 0 or not all(t.is_title and t.is_alpha for t in words):
        return False
    vocabulary = ctx.vocabulary
    if any(t.lower_ in vocabulary.org_heads or t.lower_ in vocabulary.place_heads for t in words):
        return False
    text = _span_text(doc, start, end)
    if ctx.reference.organization_by_text(text) or ctx.reference.country_by_text(text):
        return False
    # the title ends right before the name: its last one to four words ("President-Elect" is three tokens)
    for width in range(1, 5):
        if start - width < 0:
            break
        found = ctx.reference.title_rank(doc[start - width:start].text)
        if found is not None and found[1] not in (None, "non_state", "other_official") and doc[start - 1].is_title:
            return True
    return False


def _complete_name(ctx: Context, start: int, end: int) -> int:
    """An organisation the NER cut after a joining word ("Committee for Free and [Fair Elections]",
    "Group of Experts of the [UN Security Council]") goes on over the capitalised words that follow;
    without them the joining words are dropped."""
    doc = ctx.doc
    _, sentence_end = ctx.sentence_range(start)
    k = end
    if end < len(doc) and doc[end - 1].lower_ in ctx.vocabulary.connectors:
        while k < sentence_end and (is_capitalised_word(doc[k]) or (doc[k].lower_ in ctx.vocabulary.connectors and k + 1 < sentence_end and is_capitalised_word(doc[k + 1]))):
            k += 1
        if k > end:
            return k
    while end - 1 > start and doc[end - 1].lower_ in ctx.vocabulary.connectors:
        end -= 1
    return end


def _span_text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _trim(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """Leading articles, trailing possessives, punctuation and white space (a line break the NER took in) off."""
    doc = ctx.doc
    while start < end and (doc[start].lower_ in ctx.vocabulary.articles or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].text in POSSESSIVES or doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text != ")"
    ):
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------
# Outlets, countries, organisations, places


def _body_after_office(ctx: Context, start: int, end: int) -> int | None:
    """"[Special Envoy of the] African Union", "[Presidency of the] Nordic Council": an office and the
    body it is of, taken for one name; the body starts where this returns. Only a body a list knows
    or one with a head word: "Minister of Energy" stays as it is."""
    doc = ctx.doc
    joint = next((i for i in range(start + 1, end - 1) if doc[i].lower_ == "of"), None)
    if joint is None:
        return None
    office = normal_phrase(doc[start:joint].text)
    if office not in ctx.title_phrases and office not in ctx.vocabulary.office_nouns and doc[joint - 1].lower_ not in ctx.title_heads:
        return None
    body_start = joint + 2 if doc[joint + 1].lower_ == "the" else joint + 1
    if body_start >= end:
        return None
    text = doc[body_start:end].text
    known = ctx.reference.organization_by_text(text) or ctx.reference.country_by_text(text)
    if known or any(t.lower_ in ctx.vocabulary.org_heads for t in doc[body_start:end]):
        return body_start
    return None


def _leading_country(ctx: Context, start: int) -> TypedSpan | None:
    word = ctx.doc[start].text
    country = ctx.reference.country_by_text(word)
    return _country_span(start, start + 1, word, country) if country is not None else None


def _country_span(start: int, end: int, written: str, country) -> TypedSpan:
    """A state written by its name ("GPE") or by its demonym ("NORP")."""
    return TypedSpan(start, end, "country", "NORP" if written in country.demonyms else "GPE", country.name, country.iso3)


def _is_title_portfolio(ctx: Context, start: int, end: int) -> bool:
    """"[Kenyan] Trade" of "Kenyan Trade Minister": portfolio words before a title head are part of
    the title, not an organisation."""
    doc = ctx.doc
    if end >= len(doc):
        return False
    words = [t for t in doc[start:end] if ctx.reference.country_by_text(t.text) is None]
    if not words:
        return False
    if doc[end].lower_ in ctx.title_heads and all(t.lower_ in ctx.vocabulary.ministry_words for t in words):
        return True
    # "[State] Councilor": the words and the ones after them make a title of the title table
    phrase = " ".join(t.lower_ for t in words)
    return any(
        normal_phrase(f"{phrase} {doc[end:end + width].text}") in ctx.title_phrases
        for width in range(1, 3) if end + width <= len(doc)
    )


def _is_portfolio_after_title(ctx: Context, start: int, end: int) -> bool:
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


def _classify_named(ctx: Context, cand: Candidate, start: int, end: int, text: str, last_word: str) -> TypedSpan | None:
    ref = ctx.reference
    vocabulary = ctx.vocabulary
    doc = ctx.doc
    # "Lobito corridor": a name followed by a lower-case place noun is a place with that noun.
    if end < len(doc) and doc[end].lower_ in vocabulary.place_heads and doc[end].text.islower():
        return TypedSpan(start, end + 1, "place", cand.label, f"{text} {doc[end].text}", _country_code_inside(ctx, start, end))
    country = ref.country_by_text(text)
    if country is not None and ref.capital_state(text) is None:
        return TypedSpan(start, end, "country", "NORP" if cand.label == "NORP" else "GPE", country.name, country.iso3)
    if cand.label == "NORP":
        return None  # "Central Asian", "Muslim": not an entity this layer tracks
    if cand.label == "ORG" and not cand.ent_id and end - start > 1 and _ends_with_demonym(ctx, end):
        return None  # "Expulsion of Ruritanian": the NER stopped before the noun, a fragment
    outlet = ref.outlet_by_text(text)
    if outlet is not None:
        return TypedSpan(start, end, "outlet", "ORG", outlet.name, outlet.country_iso3)
    if not cand.ent_id and end - start == 1 and doc[start].pos_ != "PROPN" and not doc[start].text.isupper():
        return None  # a common noun the NER took for a name ("Views were exchanged")
    if not cand.ent_id and end - start == 1 and doc[start].text.endswith(".") and ctx.is_title_token(doc[start]):
        return None  # "Pfc.", "Sgt.": an abbreviated title the NER took for a place, not the name after it
    if cand.label == "ORG" and not cand.ent_id and (region_state := ref.subdivision_state(text)) is not None:
        return TypedSpan(start, end, "place", "LOC", text, region_state)  # a region the NER took for a body
    organization = ref.organization_by_text(cand.ent_id) if cand.ent_id else None
    organization = organization or ref.organization_by_text(text)
    if organization is not None:
        if last_word in vocabulary.place_heads or organization.canonical_name.split()[-1].lower() in vocabulary.place_heads:
            # a corridor or route listed with the organisations is still a place, under one name
            return TypedSpan(start, end, "place", "LOC", organization.canonical_name, organization.country_iso3)
        owner = _state_written_before(ctx, start)
        if owner is not None and organization.kind == "government_body" and organization.country_iso3 not in (None, owner.iso3):
            # "Pakistan's Foreign Office", "the German Foreign Office": another state's body of the
            # name one state's body is listed under
            return TypedSpan(start, end, "organization", "ORG", f"{text} of {owner.name}", owner.iso3)
        return TypedSpan(start, end, "organization", "ORG", organization.canonical_name, organization.country_iso3)
    if last_word in vocabulary.document_heads or _singular(last_word) in vocabulary.document_heads:
        return None  # a document or policy, not an actor ("Missile Programs")
    if not cand.ent_id and (text.lower() in vocabulary.honorifics or _is_document_subject(ctx, start)):
        return None  # "H.E." alone; "the Declaration on [Water and Soil]"
    if last_word in vocabulary.event_heads:
        return None  # "Munich Security Conference", "World Cup": an event, not an actor
    if text in vocabulary.non_body_abbreviations:
        return None  # "MOU", "LNG", "GDP": a thing, not an actor
    if not any(is_capitalised_word(t) for t in doc[start:end]):
        return None
    if cand.label == "ORG" and not cand.ent_id and ref.bodies_known_as(text):
        return TypedSpan(start, end, "organization", "ORG", text, None, short_name=True)
    state = _state_named(ctx, start, end)
    if state is not None:
        return TypedSpan(start, end, "country", "GPE", state.name, state.iso3)  # "the Government of Japan"
    if cand.label == "ORG" and end - start == 1 and not cand.ent_id and not cand.listed and not ctx.is_known_body(text) and (
        _is_generic_word(ctx, doc[start]) or not doc[start].text.isupper()
    ):
        # "Council", "Press" alone: a common noun in capitals; "Transatlantic", "Eastern": a word the
        # NER took for a body. A one-word body counts when the reference or the actor table knows it,
        # or written as an abbreviation.
        return None
    if cand.label == "ORG" or last_word in vocabulary.org_heads or doc[start].lower_ in vocabulary.org_heads:
        if last_word in vocabulary.place_heads:
            return TypedSpan(start, end, "place", "LOC", text, _country_code_inside(ctx, start, end))
        ministry = _normalised_ministry(ctx, text)
        if ministry is not None:
            return TypedSpan(start, end, "organization", "ORG", ministry[0], ministry[1])
        name = re.sub(r"\s*\(\s*[A-Za-z0-9]+$", "", text).strip()
        return TypedSpan(start, end, "organization", "ORG", name, _country_code_inside(ctx, start, end))
    # a capital, a first-level region or a large city tells its state ("Kharkiv", "Ontario")
    state = ref.capital_state(text) or ref.subdivision_state(text) or ref.city_state(text)
    return TypedSpan(start, end, "place", cand.label, text, state)


def _ends_with_demonym(ctx: Context, end: int) -> bool:
    last = _leading_country(ctx, end - 1)  # the state the last word names, if it names one
    return last is not None and last.label == "NORP"


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def _is_document_subject(ctx: Context, start: int) -> bool:
    """The words after "on" in a document's name ("the Declaration on [Water and Soil]", "the Oslo
    Conventions on Postal and [Customs Cooperation]"): what the document is about."""
    doc = ctx.doc
    heads = ctx.vocabulary.document_heads
    for i in range(start - 1, max(start - 7, 0), -1):
        word = doc[i]
        if word.lower_ == "on":
            head = doc[i - 1]
            singular = head.lower_[:-1] if head.lower_.endswith("s") else head.lower_
            return is_capitalised_word(head) and (head.lower_ in heads or singular in heads)
        if not (is_capitalised_word(word) or word.lower_ in ("and", ",", "the")):
            return False
    return False


def _state_named(ctx: Context, start: int, end: int):
    """"Government of Japan", "the Japanese Government", "Kenyan authorities": the state itself."""
    doc = ctx.doc
    words = [t.lower_ for t in doc[start:end]]
    if words[0] in ctx.vocabulary.state_words and len(words) > 2 and words[1] == "of":
        tail = 3 if words[2] == "the" else 2
        return ctx.reference.country_by_text(doc[start + tail : end].text)
    if words[-1] in ctx.vocabulary.state_words and end - start > 1:
        return ctx.reference.country_by_text(doc[start : end - 1].text)
    return None


def _is_generic_word(ctx: Context, token) -> bool:
    """A single capitalised word that is a common noun: a body's head word, a title, an event or a
    document word, or a word the tagger reads as a common noun."""
    lower = token.lower_
    vocabulary = ctx.vocabulary
    return (
        lower in vocabulary.org_heads or lower in vocabulary.non_name_words or lower in vocabulary.event_heads
        or lower in vocabulary.document_heads or lower in ctx.title_words or lower in vocabulary.state_words
        or (token.pos_ == "NOUN" and not token.text.isupper())
    )


def _country_code_inside(ctx: Context, start: int, end: int) -> str | None:
    """The country an organisation belongs to, when its name says so: a leading country or demonym
    ("Kazakh National Bank") or a trailing "of <Country>" ("State Council of Ruritania"). A country
    elsewhere in the name is its subject, not its owner ("Institute of Russian Studies")."""
    doc = ctx.doc
    if start + 2 < end and is_attached_hyphen(doc, start + 1) and ctx.reference.country_by_text(doc[start + 2].text):
        return None  # "Polish-German Youth Office": a joint body belongs to neither state alone
    for length in (4, 3, 2, 1):
        if start + length <= end:
            found = ctx.reference.country_by_text(doc[start : start + length].text)
            if found is not None and is_capitalised_word(doc[start]):
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


STATELESS_MINISTRY = re.compile(r"^(?P<portfolio>[\w\s-]+?) Ministry$", re.IGNORECASE)


def _ministry_readings(text: str) -> Iterator[tuple[str, str]]:
    """(country words, portfolio words) of every reading of a ministry's name by MINISTRY_SHAPES; a
    country before the portfolio may be any run of leading words ("Saudi Arabian energy ministry")."""
    for shape in MINISTRY_SHAPES:
        match = shape.match(text)
        if not match:
            continue
        if match.start("country") == 0:
            words = text.split()
            for i in range(1, len(words)):
                rest = shape.match(f"X {' '.join(words[i:])}")
                if rest is not None and rest.group("country") == "X":
                    yield " ".join(words[:i]), rest.group("portfolio")
        else:
            yield match.group("country"), match.group("portfolio")


def _normalised_ministry(ctx: Context, text: str) -> tuple[str, str | None] | None:
    """"Kazakh Foreign Ministry" -> ("Ministry of Foreign Affairs of Kazakhstan", "KAZ"); a ministry
    named without its state keeps none: "Energy Ministry" -> ("Ministry of Energy", None)."""
    for country_text, portfolio_text in _ministry_readings(text):
        country = ctx.reference.country_by_text(country_text)
        portfolio = _portfolio_name(ctx, portfolio_text)
        if country is not None and portfolio is not None:
            return f"Ministry of {portfolio} of {country.name}", country.iso3
    match = STATELESS_MINISTRY.match(text)
    portfolio = _portfolio_name(ctx, match.group("portfolio")) if match else None
    return (f"Ministry of {portfolio}", None) if portfolio is not None else None


def _portfolio_name(ctx: Context, portfolio_text: str) -> str | None:
    """A ministry's portfolio as the display name says it ("foreign" -> "Foreign Affairs"); None when
    a word is no portfolio word."""
    portfolio = portfolio_text.strip()
    words = portfolio.lower().split()
    if not words or not all(w in ctx.vocabulary.ministry_words or w in (",",) for w in words):
        return None
    portfolio = ctx.vocabulary.portfolio_aliases.get(" ".join(words), portfolio)
    lower_case = ctx.vocabulary.lower_case_name_words
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] if w not in lower_case else w for w in portfolio.split())


def _state_written_before(ctx: Context, start: int) -> Country | None:
    """The state named right before a body's name, by its demonym or name ("German", "Japan") or as
    its owner ("Pakistan's", "South Korea's")."""
    doc = ctx.doc
    end = start - 1 if start > 0 and doc[start - 1].lower_ in POSSESSIVES else start
    for first in range(max(0, end - 3), end):
        found = ctx.reference.country_by_text(doc[first:end].text)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------------------------------------
# People


# "A, a data provider, says": the words of an appositive read for its head noun
MAX_APPOSITIVE_WORDS = 6


def _described_as_a_company(ctx: Context, start: int, end: int) -> bool:
    """A name the text calls a firm: right after a company noun ("Danish business A") or followed by an
    appositive whose head is one ("A, a data provider,")."""
    doc = ctx.doc
    nouns = ctx.vocabulary.company_nouns
    if start > 0 and doc[start - 1].lower_ in nouns:
        return True
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ctx.vocabulary.articles:
        return False
    sentence_end = ctx.sentence_range(start)[1]
    for i in range(end + 2, min(end + 2 + MAX_APPOSITIVE_WORDS, sentence_end)):
        if doc[i].is_punct:
            return doc[i - 1].lower_ in nouns
    return False


def _classify_person(ctx: Context, cand: Candidate, start: int, end: int) -> TypedSpan | None:
    """Strip titles, honorifics, demonyms and possessives; reject spans that are not people."""
    doc = ctx.doc
    ref = ctx.reference
    full_text = _span_text(doc, start, end)
    country = ref.country_by_text(full_text)
    if country is not None:
        return _country_span(start, end, full_text, country)
    outlet = ref.outlet_by_text(full_text)
    if outlet is not None:
        return TypedSpan(start, end, "outlet", "ORG", outlet.name, outlet.country_iso3)
    organization = ref.organization_by_text(full_text)
    if organization is not None:
        return TypedSpan(start, end, "organization", "ORG", organization.canonical_name, organization.country_iso3)
    if _described_as_a_company(ctx, start, end):
        return TypedSpan(start, end, "organization", "ORG", full_text, None)
    for i in range(start, end):  # a comma inside a person span ends the name
        if doc[i].text == ",":
            end = i
            break
    non_name = [i for i in range(start, end) if doc[i].lower_ in ctx.vocabulary.non_name_words]
    if non_name:
        # "Ad Hoc Working Group", "Typhoon Haiyan": a body, an event or a thing, no person
        if any(doc[i].lower_ in ctx.vocabulary.org_heads for i in non_name):
            return TypedSpan(start, end, "organization", "ORG", full_text, _country_code_inside(ctx, start, end))
        return None
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
        and is_capitalised_word(doc[start - 1])
        and doc[start - 1].is_alpha
        and not doc[start - 1].whitespace_ == ""
        and not ctx.is_title_token(doc[start - 1])
        and doc[start - 1].lower_ not in ctx.vocabulary.honorifics
        and doc[start - 1].lower_ not in ctx.vocabulary.articles
        and ref.country_by_text(doc[start - 1].text) is None
        and ctx.is_title_token(doc[start - 2])
        and is_capitalised_word(doc[start - 2])
    ):
        start -= 1
    if start >= end:
        return None
    # A name cut after a particle ("Maarten van der" + "Linde") goes on to the capitalised word.
    while end < len(doc) and doc[end - 1].lower_ in ctx.vocabulary.name_particles and is_name_token(doc[end]):
        end += 1
    # The NER often stops at a hyphen ("Jung Hye" of "Jung Hye-ah"): the whole word is the name.
    end = hyphen_group_end(ctx, end - 1) if is_name_token(doc[end - 1]) or is_hyphen_tail(ctx, end - 1) else end
    ends = name_part_ends(ctx, start, end)
    if not ends or ends[-1] != end:
        return None
    tokens = list(doc[start:end])
    if len(tokens) == 1 and (tokens[0].text.isupper() and len(tokens[0].text) > 1):
        return None  # an unexplained abbreviation ("BRI") is not a person
    return TypedSpan(start, end, "person", "PERSON")
