"""A person's state from what the sentence says the person does or is, not from words next to the
name: "A led Ruritania in scoring", "the Ruritania team led by A" (a side a person leads or
represents is that person's state), "A was the only Ruritanian player" (a nationality predicated of
the person). Read from the dependency parse, so words between ("led by superstar A") do not matter."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.nlp.entities.context import Context
from pipeline.nlp.entities.types import Statement, TypedSpan


def predicate_statement(ctx: Context, name_start: int, name_end: int,
                        spans_covering: dict[int, TypedSpan]) -> Statement | None:
    """The state the sentence predicates of the person named at [name_start, name_end), or None.
    `spans_covering` maps every token index inside a typed span to that span."""
    head = _name_head(ctx, name_start, name_end)
    if head is None:
        return None
    country = _led_side(ctx, head, spans_covering) or _predicated_nationality(ctx, head, spans_covering)
    if country is None:
        return None
    return Statement(None, None, country, None, ctx.sentence_of[name_start], country_source="text")


def _name_head(ctx: Context, start: int, end: int) -> Token | None:
    heads = [t for t in ctx.tokens[start:end] if not start <= t.head.i < end or t.head.i == t.i]
    return heads[0] if len(heads) == 1 else None


def _country_at(token: Token, spans_covering: dict[int, TypedSpan]) -> str | None:
    span = spans_covering.get(token.i)
    return span.country_code if span is not None and span.kind == "country" else None


def _led_side(ctx: Context, head: Token, spans_covering: dict[int, TypedSpan]) -> str | None:
    """"A led / captained / represented Ruritania": the state the person's verb takes as its object;
    "a Ruritania team led by A": the state that names the side the person leads."""
    verbs = ctx.vocabulary.representation_verbs
    if head.dep_ == "nsubj" and head.head.lemma_.lower() in verbs:
        for child in head.head.children:
            if child.dep_ == "dobj" and (country := _country_at(child, spans_covering)) is not None:
                return country
    if head.dep_ == "pobj" and head.head.dep_ == "agent":
        verb = head.head.head
        if verb.lemma_.lower() in verbs and verb.dep_ == "acl":
            side = verb.head
            for child in side.children:
                if child.dep_ in ("compound", "amod", "poss") and child.i < side.i:
                    if (country := _country_at(child, spans_covering)) is not None:
                        return country
    return None


def _predicated_nationality(ctx: Context, head: Token, spans_covering: dict[int, TypedSpan]) -> str | None:
    """"A was the only Ruritanian player", "A, who led the side, is a Ruritanian citizen": a form of
    "be" whose subject is the person (its own, or that of the verb it is joined to), followed by a
    noun phrase that a demonym describes."""
    if head.dep_ != "nsubj":
        return None
    verb = head.head
    copulas = [verb] + [c for c in verb.children if c.dep_ == "conj" and not any(g.dep_ == "nsubj" for g in c.children)]
    for copula in copulas:
        if copula.lemma_ != "be":
            continue
        _, sentence_end = ctx.sentence_range(copula.i)
        k = copula.i + 1
        while k < sentence_end and k not in spans_covering and ctx.tokens[k].pos_ in ("DET", "ADJ", "ADV"):
            k += 1
        span = spans_covering.get(k)
        if span is None or span.kind != "country" or span.label != "NORP" or span.start != k:
            continue
        if span.end < sentence_end and ctx.tokens[span.end].pos_ == "NOUN":
            return span.country_code
    return None
