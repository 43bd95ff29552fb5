"""Milestones of a relationship: statements that two states reached, raised or celebrate a level.

A level phrase from `partnership_levels.csv` ("comprehensive strategic partnership") is a milestone
only when the same clause says something happened to it: it was established, elevated, reached,
declared, signed or adopted. "Enrich the strategic partnership" or "a partnership was discussed"
report no change of level. Anniversaries of diplomatic relations are milestones without a level, and
so are diplomatic relations established or restored in a year the text gives.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Callable

from spacy.tokens import Doc

from pipeline.nlp.dates import find_date_expressions
from pipeline.reference import Reference

# Words saying the level was set, changed or formally recorded.
_TRIGGER = re.compile(
    r"\b(?:establish(?:ment|ed|ing|es)?|elevat(?:ion|ed|ing|e|es)|upgrad(?:e|ed|ing|es)|rais(?:e|ed|ing|es)|"
    r"lift(?:ed|ing)?|reach(?:ed|es|ing)?|advanc(?:ed|ing|es)|promot(?:ed|ion|ing)|form(?:ed|alized|alised)|"
    r"launch(?:ed|ing)?|declar(?:ed|ation|ing)|announc(?:ed|ement|ing)|sign(?:ed|ing)|adopt(?:ed|ion|ing)|"
    r"conclu(?:ded|sion)|(?:joint\s+)?(?:declaration|communiqu[eé])|joint\s+statement|treaty|"
    r"level\s+of|became|become|becoming|entered|transition(?:ed)?\s+to|new\s+stage|anniversary)\b",
    re.IGNORECASE,
)
_JUBILEE_YEARS = {"silver": 25, "golden": 50, "diamond": 60}
# The literal words of _ANNIVERSARY: a sentence holding neither (nor a level phrase) is not read.
_ANNIVERSARY_WORDS = ("anniversary", "jubilee")
# "its 45th anniversary of diplomatic relations", "a 40-year anniversary on June 2 of their ties",
# "a 65th anniversary of restoration of diplomatic relations" (or normalisation, resumption)
_ANNIVERSARY = re.compile(
    r"\b(?:the\s+)?(?:(?P<ordinal>\d{1,3}(?:st|nd|rd|th)|\d{1,3}-year|[a-z]+(?:th|st|nd|rd))\s+anniversary|"
    rf"(?P<jubilee>{'|'.join(_JUBILEE_YEARS)})\s+jubilee)\s+"
    r"(?:(?:on|in)\s+(?:[A-Z][a-z]+\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+)\s+)?of\s+"
    r"(?:(?:their|our)\s+(?:bilateral\s+|diplomatic\s+)?(?:relations|ties)\b|"
    r"(?:(?:the|their|our)\s+)?(?:(?:establishment|normali[sz]ation|restoration|resumption)\s+of\s+)?"
    r"(?:(?:the|their|our)\s+)?"
    r"(?:diplomatic\s+(?:relations|ties)|(?:the\s+)?[a-z\- ]{0,40}?(?:partnership|treaty|declaration)))",
    re.IGNORECASE,
)
_ORDINAL_YEARS = re.compile(r"^(\d{1,3})(?:st|nd|rd|th|-year)$", re.IGNORECASE)
# "established diplomatic relations in 1961", "diplomatic relations, established in 1958", "restored
# diplomatic ties in March 2023": the founding or restoring of relations, with the year it gives
_YEAR_GIVEN = r"\s+in\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b"
_RELATIONS_SET_UP = re.compile(
    r"\b(?P<verb>establish(?:ed)?|restored?|normali[sz]ed|resumed)\s+(?:full\s+)?diplomatic\s+(?:relations|ties)"
    + _YEAR_GIVEN
    + r"|\bdiplomatic\s+(?:relations|ties),?\s+(?:(?:which|that)\s+)?(?:(?:were|was)\s+)?"
    r"(?P<participle>established|restored|normali[sz]ed|resumed)" + _YEAR_GIVEN,
    re.IGNORECASE,
)
# words between an anniversary and a later date that make the date the founding's (_is_founding_date)
_FOUNDED_BEFORE_DATE = re.compile(
    r"\b(?:establish(?:ed|ment)|sign(?:ed|ing)|found(?:ed|ing)|conclu(?:ded|sion)|set\s+up)\b[^,;]*$", re.IGNORECASE)
# "advanced from a strategic partnership to a comprehensive ...": the level after "from" is the old one.
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:a|an|the)\s+)?(?:level\s+of\s+)?$", re.IGNORECASE)
_TO_AFTER = re.compile(r"^\s*(?:relations?\s+|ties\s+)?(?:to|into)\b", re.IGNORECASE)
# How far (characters) a trigger may stand from the level phrase and still speak about it.
_TRIGGER_WINDOW_BEFORE = 90
_TRIGGER_WINDOW_AFTER = 60
_CLAUSE_BREAK = re.compile(r"[;:!?]|\.\s")
_LEVEL_TAIL = re.compile(r"^\s+(?:relations|relationship|ties)\b", re.IGNORECASE)
_PRECISION_ORDER = {"day": 0, "month": 1, "year": 2, None: 3}


@dataclass
class Milestone:
    level: str | None          # a `level` of partnership_levels.csv; None for an anniversary
    description: str
    milestone_date: date | None
    date_precision: str | None  # 'day' | 'month' | 'year'
    country_codes: list[str]    # ISO3, sorted
    sentence: str
    sentence_index: int


@dataclass
class _Candidate:
    level: str | None
    start: int
    end: int
    description: str
    years: int | None = None  # an anniversary's number of years, when the text gives it
    stated_only: bool = False  # a level the text gives a pair, with no act that set it up: no date


@dataclass(frozen=True)
class _LevelPhrases:
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # (phrase pattern, level), longest phrase first
    # Lower-cased words of which a sentence must contain one (as a substring) to hold any candidate.
    keywords: tuple[str, ...]


def _level_phrases(reference: Reference) -> _LevelPhrases:
    """Longest phrase first (the reference already sorts them), hyphens and spaces interchangeable."""
    patterns = []
    keywords = set(_ANNIVERSARY_WORDS)
    for level in reference.partnership_levels:
        words = [w for w in re.split(r"[\s\-]+", level.phrase.strip()) if w]
        if words:
            escaped = [re.escape(w) for w in words]
            patterns.append((re.compile(r"\b" + r"[\s\-]+".join(escaped) + r"\b", re.IGNORECASE), level.level))
            keywords.add(max(words, key=len).lower())
    return _LevelPhrases(tuple(patterns), tuple(sorted(keywords)))


def _trigger_near(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span from the nearest trigger before (or else after) the phrase to the phrase's edge."""
    window_start = max(0, start - _TRIGGER_WINDOW_BEFORE)
    before = text[window_start:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        window_start += breaks[-1].end()
        before = text[window_start:start]
    triggers = list(_TRIGGER.finditer(before))
    if triggers:
        # Earliest trigger of the unbroken run, so "Joint Declaration on the establishment of"
        # is described whole; commas break the run.
        chosen = triggers[-1]
        for trigger in reversed(triggers[:-1]):
            if "," in before[trigger.end() : chosen.start()]:
                break
            chosen = trigger
        if "," not in before[chosen.end() :]:
            return window_start + chosen.start(), end
    after = text[end : end + _TRIGGER_WINDOW_AFTER]
    cut = _CLAUSE_BREAK.search(after)
    if cut:
        after = after[: cut.start()]
    trigger = _TRIGGER.search(after)
    if trigger:
        return start, end + trigger.end()
    return None


# "the strategic partnership between A and B", "the A-B comprehensive partnership": a level the text
# gives one pair of states, though no word says it was set up
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
_PAIR_AFTER = re.compile(rf"\s+between\s+(?:the\s+)?(?P<a>{_NAME})\s+and\s+(?:the\s+)?(?P<b>{_NAME})")
_PAIR_BEFORE = re.compile(r"\b(?P<a>[A-Z][\w.]*)[-–](?P<b>[A-Z][\w.]*)\s+$")


def _pair_named(text: str, start: int, end: int, is_state: Callable[[str], bool]) -> tuple[int, int] | None:
    """The phrase's span when two states are named around it, joined by a hyphen before it or
    after "between" ("the Chile-Peru strategic partnership", "the strategic partnership between
    Norway and Chile")."""
    pair = _PAIR_AFTER.match(text, end) or _PAIR_BEFORE.search(text, max(0, start - 40), start)
    if pair is not None and is_state(pair["a"]) and is_state(pair["b"]):
        return start, end
    return None


def _candidates(text: str, level_phrases: _LevelPhrases, is_state: Callable[[str], bool]) -> list[_Candidate]:
    lowered = text.lower()
    if not any(keyword in lowered for keyword in level_phrases.keywords) and "diplomatic" not in lowered:
        return []  # most sentences name no level, no anniversary and no relations set up
    level_patterns = level_phrases.patterns
    taken: list[tuple[int, int]] = []
    found: list[_Candidate] = []
    for match in _ANNIVERSARY.finditer(text):
        taken.append(match.span())
        found.append(_Candidate(None, match.start(), match.end(), _clean(match.group()), _anniversary_years(match)))
    for match in _RELATIONS_SET_UP.finditer(text):
        # the verb onwards: "a 40th anniversary of the diplomatic relations established in 1958" is an
        # anniversary and a founding
        start = match.start("participle") if match.group("participle") else match.start()
        verb = (match.group("verb") or match.group("participle")).lower()
        what = "restored" if verb.startswith(("restor", "normali", "resum")) else "established"
        found.append(_Candidate(None, start, match.end(), f"diplomatic relations {what}"))
    for pattern, level in level_patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            if _FROM_BEFORE.search(text[max(0, start - 30) : start]) and _TO_AFTER.search(text[end : end + 30]):
                continue
            described = _trigger_near(text, start, end)
            stated_only = described is None
            described = described or _pair_named(text, start, end, is_state)
            if described is None:
                continue
            tail = _LEVEL_TAIL.match(text[described[1] :])
            stop = described[1] + (tail.end() if tail and described[1] == end else 0)
            found.append(_Candidate(level, start, end, _clean(text[described[0] : stop]), stated_only=stated_only))
    return sorted(found, key=lambda c: c.start)


def _anniversary_years(match: re.Match[str]) -> int | None:
    if match.group("jubilee"):
        return _JUBILEE_YEARS[match.group("jubilee").lower()]
    number = _ORDINAL_YEARS.match(match.group("ordinal"))
    return int(number.group(1)) if number else None


def _clean(description: str) -> str:
    description = re.sub(r"\s+", " ", description).strip(" ,.;")
    return re.sub(r"^(?:the|a|an)\s+", "", description, flags=re.IGNORECASE)


def _nearest_date(text: str, candidate: _Candidate, published: date | None) -> tuple[date | None, str | None]:
    expressions = find_date_expressions(text, published)
    if not expressions:
        return None, None

    def distance(expression) -> int:
        if expression.end <= candidate.start:
            return candidate.start - expression.end
        return max(0, expression.start - candidate.end)

    best = min(expressions, key=lambda e: (distance(e), _PRECISION_ORDER[e.precision]))
    if candidate.years and _is_founding_date(text, candidate, best):
        return date(best.date.year + candidate.years, 1, 1), "year"
    return best.date, best.precision


def _is_founding_date(text: str, candidate: _Candidate, expression) -> bool:
    """"the 50th anniversary of ties [established in] 1973": a date after the anniversary that says
    when the ties were founded."""
    between = text[candidate.end : expression.start]
    return expression.start >= candidate.end and _FOUNDED_BEFORE_DATE.search(between) is not None


def _country_counts(analysis, reference: Reference) -> tuple[Counter[str], dict[int, list[str]]]:
    """Mentions per country in the document, and the countries of each sentence in order."""
    counts: Counter[str] = Counter()
    per_sentence: dict[int, list[str]] = {}
    for mention in sorted(analysis.mentions, key=lambda m: m.start_char):
        entity = analysis.entities.get(mention.entity_id)
        if entity is None or entity.entity_type != "country" or not entity.country_code:
            continue
        counts[entity.country_code] += 1
        codes = per_sentence.setdefault(mention.sentence_index, [])
        if entity.country_code not in codes:
            codes.append(entity.country_code)
    return counts, per_sentence


def _country_pair(sentence_codes: list[str], counts: Counter[str]) -> list[str]:
    ranked = [code for code, _ in counts.most_common()]
    if len(sentence_codes) >= 2:
        pair = sorted(sentence_codes, key=lambda c: (-counts[c], sentence_codes.index(c)))[:2]
    else:
        pair = list(sentence_codes)
        for code in ranked:
            if len(pair) == 2:
                break
            if code not in pair:
                pair.append(code)
    return sorted(pair)


def _compatible(a: Milestone, b: Milestone) -> bool:
    """Same level, and one date is missing or the two agree at the coarser precision."""
    if a.level != b.level:
        return False
    if a.milestone_date is None or b.milestone_date is None:
        return a.level is not None  # undated anniversaries of different things stay apart
    coarser = max(_PRECISION_ORDER[a.date_precision], _PRECISION_ORDER[b.date_precision])
    same_year = a.milestone_date.year == b.milestone_date.year
    if coarser == _PRECISION_ORDER["year"]:
        return same_year
    same_month = same_year and a.milestone_date.month == b.milestone_date.month
    if coarser == _PRECISION_ORDER["month"]:
        return same_month
    return a.milestone_date == b.milestone_date


def _merge(milestones: list[Milestone]) -> list[Milestone]:
    """One milestone per level and date: later mentions fill a missing or coarser date."""
    # Dated statements first, so an undated "the strategic partnership" joins its dated one.
    ordered = sorted(milestones, key=lambda m: (m.milestone_date is None, m.sentence_index))
    merged: list[Milestone] = []
    for milestone in ordered:
        for kept in merged:
            if _compatible(kept, milestone):
                if _PRECISION_ORDER[milestone.date_precision] < _PRECISION_ORDER[kept.date_precision]:
                    kept.milestone_date, kept.date_precision = milestone.milestone_date, milestone.date_precision
                break
        else:
            merged.append(milestone)
    return sorted(merged, key=lambda m: m.sentence_index)


def extract_milestones(doc: Doc, analysis, published: date | None, reference: Reference) -> list[Milestone]:
    level_phrases = reference.derived("level_phrases", lambda: _level_phrases(reference))
    counts, countries_by_sentence = _country_counts(analysis, reference)
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]

    def is_state(name: str) -> bool:
        return reference.country_by_text(name) is not None

    found: list[Milestone] = []
    for sentence_index, sentence in enumerate(sentences):
        text = sentence.text
        for candidate in _candidates(text, level_phrases, is_state):
            milestone_date, precision = (None, None) if candidate.stated_only else _nearest_date(text, candidate, published)
            found.append(
                Milestone(
                    level=candidate.level,
                    description=candidate.description,
                    milestone_date=milestone_date,
                    date_precision=precision,
                    country_codes=_country_pair(countries_by_sentence.get(sentence_index, []), counts),
                    sentence=text.strip(),
                    sentence_index=sentence_index,
                )
            )
    return _merge(found)
