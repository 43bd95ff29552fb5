"""Stage 2: the people of a document and which person spans are theirs.

- Names the NER missed next to a title become person spans ("Director Ana Kova", "Ana Kova,
  President of Ruritania,"); they replace the doubtful spans they overlap (a one-word person, or an
  unknown place or organisation made only of name words).
- Full names become people; a longer form absorbs a shorter one written with the same words in
  order ("Ana Maria Kova" and "Ana Kova").
- A single name joins the person whose name it ends or starts (`backrefs.person_for_single_name`),
  or becomes a person of its own when it is a proper noun.
"""

from __future__ import annotations

from pipeline.nlp.entities.affiliations import statement_after, statement_before
from pipeline.nlp.entities.backrefs import person_for_single_name
from pipeline.nlp.entities.context import (
    POSSESSIVES,
    Context,
    is_capitalised_word,
    is_hyphen_tail,
    is_name_token,
    name_part_ends,
    name_words,
)
from pipeline.nlp.entities.types import Person, TypedSpan, without_overlaps


def find_people(ctx: Context, spans: list[TypedSpan]) -> tuple[list[TypedSpan], list[Person], dict[int, Person]]:
    """The spans with titled names added, the people, and each person span's person (by `id`)."""
    found = _find_titled_names(ctx, spans)
    taken = {i for f in found for i in range(f.start, f.end)}
    # A found name replaces the doubtful spans it overlaps ("the Honourable Ana Kova" read as an ORG).
    spans = found + [s for s in spans if not (_is_doubtful_span(ctx, s) and any(i in taken for i in range(s.start, s.end)))]
    spans = without_overlaps(spans)
    spans = _places_read_as_people(ctx, spans)
    person_spans = [s for s in spans if s.kind == "person"]
    people, by_span = _cluster_people(ctx, person_spans)
    spans = [s for s in spans if (s.kind != "person" or id(s) in by_span) and not _names_a_person(ctx, s, people)]
    return spans, people, by_span


def _places_read_as_people(ctx: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """"the envoy touring Port Tavel this week", "talks in Port Vila": a name the NER calls a person, straight
    after a place marker, untitled and not a possessive, is a place, unless the same name stands
    elsewhere in the document where only a person can."""
    doc = ctx.doc

    def placed(span: TypedSpan) -> bool:
        return (
            span.start > 0
            and doc[span.start - 1].lower_ in ctx.vocabulary.place_markers
            and not (span.end < len(doc) and doc[span.end].text in POSSESSIVES)
        )

    people = [s for s in spans if s.kind == "person"]
    elsewhere = {name_words(doc, s.start, s.end) for s in people if not placed(s)}
    return [
        TypedSpan(s.start, s.end, "place", "GPE", doc[s.start : s.end].text)
        if s.kind == "person" and len(name_words(doc, s.start, s.end)) >= 2 and placed(s)
        and name_words(doc, s.start, s.end) not in elsewhere
        else s
        for s in spans
    ]


def _names_a_person(ctx: Context, span: TypedSpan, people: list[Person]) -> bool:
    """An organisation or a place the NER made of a person's name ("Maduro" in "the Maduro regime",
    "A B of Serbia") is that person, not a body."""
    if span.kind not in ("organization", "place") or ctx.reference.organization_by_text(ctx.doc[span.start : span.end].text):
        return False
    words = name_words(ctx.doc, span.start, span.end)
    return any(words == person.tokens or words == person.tokens[-1:] or words[: len(person.tokens)] == person.tokens
               for person in people)


# ---------------------------------------------------------------------------------------------
# Names next to a title


def _is_doubtful_span(ctx: Context, span: TypedSpan) -> bool:
    """A span the NER may have mislabelled that a name next to a title can take over: a one-word
    person (the NER's "Kova" of "Ana Kova"), or a place or organisation the reference does not know
    made only of proper-noun name words ("Ana Kova" read as a town or a company)."""
    doc = ctx.doc
    if span.kind == "person":
        return len(name_words(doc, span.start, span.end)) == 1
    if span.kind not in ("place", "organization") or span.country_code is not None:
        return False
    if span.label == "LOC" and span.start > 0 and doc[span.start - 1].lower_ == "the":
        return False  # "the Middle East", "the Gulf": a region; a person's name takes no article
    text = doc[span.start : span.end].text
    ref = ctx.reference
    if ref.organization_by_text(text) or ref.outlet_by_text(text) or ref.country_by_text(text):
        return False
    tokens = doc[span.start : span.end]
    if any(ctx.is_descriptor_word(t) or t.lower_ in ctx.vocabulary.place_heads for t in tokens):
        return False
    ends = name_part_ends(ctx, span.start, span.end)
    return bool(ends) and ends[-1] == span.end


def _follows_title(ctx: Context, i: int) -> bool:
    """Token i comes right after a capitalised title phrase holding a title head word
    ("Minister of Agriculture", "Deputy Foreign Minister")."""
    doc = ctx.doc
    sentence_start, _ = ctx.sentence_range(i)
    k = i - 1
    if k < sentence_start or not is_capitalised_word(doc[k]) or not ctx.is_title_token(doc[k]):
        return False
    while k >= sentence_start and (ctx.is_title_token(doc[k]) or doc[k].lower_ in ctx.vocabulary.title_joiners_in_capitalised_title):
        if doc[k].lower_ in ctx.title_heads:
            return True
        k -= 1
    return False


def _name_run_end(ctx: Context, i: int, limit: int) -> tuple[int, int]:
    """End and word count of the proper-noun name starting at token i (at most four words)."""
    doc = ctx.doc
    end, words = i, 0
    for part_end in name_part_ends(ctx, i, limit)[:4]:
        head = doc[part_end - 1] if doc[part_end - 1].text[0].isupper() else doc[end]
        if ctx.is_title_token(doc[end]) or (head.pos_ != "PROPN" and not is_hyphen_tail(ctx, part_end - 1)):
            break
        if any(t.lower_ in ctx.vocabulary.non_name_words or ctx.is_descriptor_word(t) for t in doc[end:part_end]):
            return i, 0  # "Special [English Economics Report]": a title word before a thing's name
        end, words = part_end, words + 1
    return end, words


def _find_titled_names(ctx: Context, spans: list[TypedSpan]) -> list[TypedSpan]:
    """Names the NER missed next to a title: "Director Ana Kova", "President of Ruritania Ana Kova",
    "Ana Kova, President of Ruritania,". A doubtful span may be part of such a name
    ("Minister of Education Irina Gromina" with "Gromina" read as a town)."""
    doc, tokens = ctx.doc, ctx.tokens
    covered = {i for s in spans if not _is_doubtful_span(ctx, s) for i in range(s.start, s.end)}
    spans_ending = {s.end - 1: s for s in spans}
    spans_starting = {s.start: s for s in spans}
    found: list[TypedSpan] = []
    i = 0
    while i < len(doc):
        token = tokens[i]
        if (
            i in covered
            or not is_name_token(token)
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
        # in a headline every word is capitalised: a word that may belong to a title ("Treasury
        # Sanctions Ten Officials") is no sign of a name, a title head word still is
        in_headline = ctx.headline_end is not None and i < ctx.headline_end
        titled_before = previous is not None and (
            (is_capitalised_word(previous) and ctx.is_title_word(previous) and not in_headline)
            or _follows_title(ctx, i)
            or ((i - 1) in spans_ending and statement_before(ctx, i, spans_ending) is not None)
        )
        titled_after = words >= 2 and end < sentence_end and statement_after(ctx, end, spans_starting) is not None
        if words >= 2 and (titled_before or titled_after):
            found.append(TypedSpan(i, end, "person", "PERSON"))
            covered.update(range(i, end))
            i = end
            continue
        i += 1
    return found


# ---------------------------------------------------------------------------------------------
# Clustering


def _cluster_people(ctx: Context, person_spans: list[TypedSpan]) -> tuple[list[Person], dict[int, Person]]:
    """Full names become people; single names join the person whose name they end or start."""
    doc = ctx.doc
    people: list[Person] = []
    by_span: dict[int, Person] = {}
    full = [s for s in person_spans if len(name_words(doc, s.start, s.end)) >= 2]
    singles = [s for s in person_spans if len(name_words(doc, s.start, s.end)) == 1]
    # Longest forms first so "Ana Maria Kova" absorbs a later "Ana Kova".
    for span in sorted(full, key=lambda s: (-(s.end - s.start), s.start)):
        words = name_words(doc, span.start, span.end)
        owner = next((p for p in people if _contains_in_order(p.tokens, words)), None)
        if owner is None:
            owner = Person(canonical=_display_name(doc[span.start : span.end].text), tokens=words,
                           first_token_index=span.start)
            people.append(owner)
        owner.first_token_index = min(owner.first_token_index, span.start)
        by_span[id(span)] = owner
    for span in sorted(singles, key=lambda s: s.start):
        word = name_words(doc, span.start, span.end)[0]
        owner = person_for_single_name(people, word, span.start)
        if owner is None:
            token = doc[span.start]
            hyphenated = span.end - span.start > 1
            if (token.pos_ != "PROPN" and not hyphenated) or token.is_stop or ctx.is_title_token(token) or len(word) < 2:
                continue
            if not any(_single_name_is_a_person(ctx, s) for s in singles if name_words(doc, s.start, s.end)[0] == word):
                continue
            owner = Person(canonical=doc[span.start : span.end].text, tokens=(word,), first_token_index=span.start)
            people.append(owner)
        by_span[id(span)] = owner
    return people, by_span


def _display_name(text: str) -> str:
    """A full name written in capitals ("ANN LEE", a transcript's or headline's style) in title case:
    "Ann Lee"; any other spelling is kept as written."""
    words = text.split()
    if all(w.isupper() and sum(c.isalpha() for c in w) > 1 for w in words):
        return " ".join(w.title() for w in words)  # "JEAN-PIERRE" -> "Jean-Pierre"
    return text


def _single_name_is_a_person(ctx: Context, span: TypedSpan) -> bool:
    """A one-word name with nothing fuller in the document is a person only with some sign of it: a
    title or an honorific before it ("President Maduro", "Mr Putin"), or a verb only people do
    ("Tigray said" never happens; "Okinawa", "Adre" stay out), or a name the actor table knows."""
    doc = ctx.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.lower_ in ctx.vocabulary.honorifics or ctx.is_title_token(before)):
        return True
    root = doc[span.end - 1]
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lower_ in ctx.vocabulary.human_verbs:
        return True
    # a surname the actor table knows ("Putin", "Maduro"): the table's people go by it
    return bool(ctx.actors.people_named(doc[span.start : span.end].text, ctx.published))


def _contains_in_order(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    if len(shorter) > len(longer):
        return False
    iterator = iter(longer)
    return all(word in iterator for word in shorter) and shorter[-1] == longer[-1] and shorter[0] in longer
