"""Stage 3: each person's office: title, rank, country and organisation.

Every mention of a person is read for a statement before the name ("[the] [Demonym | Country's]
Title [of|to|at the Org/Country]* Name", "the Kazakh delegation, led by Title Name") and after it
("Name, [the] [Demonym] Title [of|to|at the Org/Country]*,"). "His Indian counterpart B" takes the
office of the other person of the sentence. One role per person: the most specific statement (rank,
then title, country, organisation), completed with the country or title of the next best ones.

`statement_before` and `statement_after` are also what the people stage asks to accept a name the
NER missed next to a title.
"""

from __future__ import annotations

import re

from pipeline.nlp.entities.context import POSSESSIVES, Context, is_capitalised_word, normal_phrase
from pipeline.nlp.entities.types import Person, Statement, TypedSpan


def assign_roles(ctx: Context, people: list[Person], spans: list[TypedSpan]) -> None:
    """Reads every person's statements and sets `statements` and `role`."""
    spans_ending = {s.end - 1: s for s in spans}
    spans_starting = {s.start: s for s in spans}
    for person in people:
        for start, end in person.mentions:
            for statement in (statement_before(ctx, start, spans_ending), statement_after(ctx, end, spans_starting)):
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
        role = Statement(best.title, best.rank, best.country_code, best.organization, best.sentence_index)
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


def statement_before(ctx: Context, name_start: int, spans_ending: dict[int, TypedSpan]) -> Statement | None:
    """[the] [Demonym | Country's] Title [of|to|at the Org/Country]* Name."""
    doc = ctx.doc
    sentence_start, _ = ctx.sentence_range(name_start)
    k = name_start - 1
    if k - 1 >= sentence_start and doc[k].text == "," and (ctx.is_title_token(doc[k - 1]) or (k - 1) in spans_ending):
        k -= 1  # an appositive: "Vietnam's ambassador to Japan, Pham Quoc Bao"
    chain: list[tuple[str, TypedSpan]] = []
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


def _delegation_country(ctx: Context, verb_index: int, spans_ending: dict[int, TypedSpan]) -> str | None:
    """"The Kazakh delegation, led by ...": the nearest country before the verb, a few words back."""
    sentence_start, _ = ctx.sentence_range(verb_index)
    for k in range(verb_index - 1, max(sentence_start, verb_index - 8) - 1, -1):
        span = spans_ending.get(k)
        if span is not None and span.kind == "country":
            return span.country_code
    return None


def statement_after(ctx: Context, name_end: int, spans_starting: dict[int, TypedSpan]) -> Statement | None:
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
    if title_end == title_start or not is_capitalised_word(doc[title_start]) and doc[title_start - 1].lower_ != "the" and country_code is None:
        return None
    chain: list[tuple[str, TypedSpan]] = []
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


def _statement_from(
    ctx: Context,
    title_start: int,
    title_end: int,
    chain: list[tuple[str, TypedSpan]],
    country_code: str | None,
    sentence_index: int,
) -> Statement | None:
    doc = ctx.doc
    connectors = ctx.vocabulary.connectors
    while title_start < title_end and doc[title_start].lower_ in connectors:
        title_start += 1
    while title_end > title_start and doc[title_end - 1].lower_ in connectors:
        title_end -= 1
    if title_start >= title_end:
        return None
    words = list(doc[title_start:title_end])
    if not any(t.lower_ in ctx.title_heads or normal_phrase(t.text) in ctx.title_phrases for t in words):
        return None
    words_text = doc[title_start:title_end].text
    if normal_phrase(words_text).split()[-1] == "counterpart":
        return Statement(None, None, country_code, None, sentence_index, is_counterpart=True)
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
    return Statement(title, rank, country_code, organization, sentence_index)


def _title_display(ctx: Context, words_text: str) -> tuple[str, str | None]:
    key = normal_phrase(words_text)
    if key in ctx.title_phrases:
        return ctx.title_phrases[key][0], ctx.title_phrases[key][1]
    found = ctx.reference.title_rank(words_text)
    return words_text, (found[1] if found else None)


def _org_for_title(ctx: Context, span: TypedSpan) -> tuple[str, str | None]:
    """Organisation name for a title, with a trailing "of <Country>" moved to the country."""
    name = span.canonical or ctx.doc[span.start : span.end].text
    match = re.match(r"^(.+?) of (?:the )?(.+)$", name)
    if match:
        country = ctx.reference.country_by_text(match.group(2))
        if country is not None:
            return match.group(1), country.iso3
    return name, span.country_code
