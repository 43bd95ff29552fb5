"""Event-date resolution: the calendar date a sentence gives for what it reports.

News text rarely writes full dates. "On Wednesday", "last July", "in April last year" and "July 3"
only become dates relative to the day the article was published, so every resolver takes that day.
Without a publication date, expressions that need it resolve to nothing rather than to a guess.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from datetime import date, timedelta
from typing import NamedTuple

from spacy.tokens import Doc, Span

# A bare "July 3" later than this after publication is read as last year's July 3: articles
# announce upcoming events, but rarely more than a couple of months ahead.
FUTURE_TOLERANCE = timedelta(days=62)

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}

# Month names are matched only when capitalised: "may" and "march" are also ordinary words.
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_B = r"(?<![\w-])"  # left word boundary that also refuses "mid-" compounds of numbers
_E = r"(?![\w])"


class DateExpression(NamedTuple):
    start: int
    end: int
    date: date
    precision: str  # 'day' | 'month' | 'year'
    # a weekday named alone ("on Monday"), read as the latest such day: an event still to come that
    # is dated so falls on the next one
    bare_weekday: bool = False


def _month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: date) -> date | None:
    """Year of a yearless "July 3": the publication year, unless that lands far in the future."""
    candidate = _safe_date(published.year, month, day)
    if candidate is None:
        return _safe_date(published.year - 1, month, day)
    if candidate - published > FUTURE_TOLERANCE:
        return _safe_date(published.year - 1, month, day)
    return candidate


def _most_recent_month_before(month: int, published: date) -> date:
    """"last July": the most recent July strictly before the publication month."""
    year = published.year if month < published.month else published.year - 1
    return date(year, month, 1)


def _weekday_on_or_before(weekday: int, published: date) -> date:
    return published - timedelta(days=(published.weekday() - weekday) % 7)


# Each rule: a compiled pattern and a function (match, published) -> (date, precision) | None.
# Rules are tried in order and earlier rules win on overlapping text, so longer forms come first.
_Rule = tuple[re.Pattern[str], object]


def _full_mdy(m: re.Match[str], published: date | None):
    found = _safe_date(int(m["year"]), _month_number(m["month"]), _day_number(m["day"]))
    return (found, "day") if found else None


def _iso(m: re.Match[str], published: date | None):
    found = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return (found, "day") if found else None


def _month_year(m: re.Match[str], published: date | None):
    return date(int(m["year"]), _month_number(m["month"]), 1), "month"


def _month_relative_year(m: re.Match[str], published: date | None):
    if published is None:
        return None
    offset = {"this": 0, "last": -1, "next": 1, "previous": -1, "past": -1}[m["which"].lower()]
    return date(published.year + offset, _month_number(m["month"]), 1), "month"


def _this_month_name(m: re.Match[str], published: date | None):
    if published is None:
        return None
    return date(published.year, _month_number(m["month"]), 1), "month"


def _last_month_name(m: re.Match[str], published: date | None):
    if published is None:
        return None
    return _most_recent_month_before(_month_number(m["month"]), published), "month"


def _day_month_no_year(m: re.Match[str], published: date | None):
    if published is None:
        return None
    found = _infer_year(_month_number(m["month"]), _day_number(m["day"]), published)
    return (found, "day") if found else None


def _bare_month(m: re.Match[str], published: date | None):
    if published is None:
        return None
    found = _infer_year(_month_number(m["month"]), 1, published)
    return (found, "month") if found else None


def _weekday(m: re.Match[str], published: date | None):
    if published is None:
        return None
    weekday = _WEEKDAYS[m["weekday"].lower()]
    which = (m["which"] or "").lower()
    if which == "last" and weekday == published.weekday():
        return published - timedelta(days=7), "day"
    if which == "next":  # "next Monday": the first Monday after the publication day
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7), "day"
    return _weekday_on_or_before(weekday, published), "day"


_WEEK_OFFSETS = {"this": 0, "last": -7, "next": 7, "previous": -7, "past": -7}


def _monday_of(which: str, published: date) -> date:
    """The Monday of the week "this", "last", "next" ... names, counted from the publication date."""
    return published - timedelta(days=published.weekday()) + timedelta(days=_WEEK_OFFSETS[which.lower()])


def _weekday_of_week(m: re.Match[str], published: date | None):
    """"on Tuesday last week", "Friday next week": that day of the week named."""
    if published is None:
        return None
    return _monday_of(m["which"], published) + timedelta(days=_WEEKDAYS[m["weekday"].lower()]), "day"


_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


def _days_ago(m: re.Match[str], published: date | None):
    """"two days ago", "a week ago": counted back from the publication date."""
    if published is None:
        return None
    word = m["count"].lower()
    count = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    days = count * (7 if m["unit"].lower().startswith("week") else 1)
    return published - timedelta(days=days), "day"


def _relative_day(m: re.Match[str], published: date | None):
    if published is None:
        return None
    offset = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": -1, "tomorrow": 1}[re.sub(r"\s+", " ", m["word"].lower())]
    return published + timedelta(days=offset), "day"


def _relative_month(m: re.Match[str], published: date | None):
    if published is None:
        return None
    first = published.replace(day=1)
    which = m["which"].lower()
    if which in ("last", "previous", "past"):
        first = (first - timedelta(days=1)).replace(day=1)
    elif which == "next":
        first = (first + timedelta(days=32)).replace(day=1)
    return first, "month"


def _relative_week(m: re.Match[str], published: date | None):
    """"last week", "next week": the month the whole week (Monday to Sunday) lies in, else its year."""
    if published is None:
        return None
    monday = _monday_of(m["which"], published)
    sunday = monday + timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return monday.replace(day=1), "month"
    return (date(monday.year, 1, 1), "year") if monday.year == sunday.year else None


def _relative_year(m: re.Match[str], published: date | None):
    if published is None:
        return None
    offset = {"this": 0, "last": -1, "next": 1, "previous": -1, "past": -1, "current": 0}[m["which"].lower()]
    return date(published.year + offset, 1, 1), "year"


def _year(m: re.Match[str], published: date | None):
    return date(int(m["year"]), 1, 1), "year"


def _day_range(m: re.Match[str], published: date | None):
    return None  # "October 3-7", "from May 12 to 14": several days, none of them the event's


_RANGE_JOIN = r"(?:[-–]|\s+(?:to|until|through)\s+)"

_RULES: list[_Rule] = [
    # "March 3-7, 2021", "May 12 to 14", "3-5 July": a span of days dates nothing to one day
    (re.compile(rf"{_B}{_MONTH_NAME}\s+{_DAY}{_RANGE_JOIN}{_DAY}(?:,?\s+{_YEAR})?{_E}"), _day_range),
    (re.compile(rf"{_B}{_DAY}{_RANGE_JOIN}{_DAY}\s+(?:of\s+)?{_MONTH_NAME}(?:,?\s+{_YEAR})?{_E}"), _day_range),
    # "July 3, 2024", "Wednesday, July 3, 2024", "Jul. 3 2024"
    (re.compile(rf"{_B}(?P<month>{_MONTH_NAME})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR}){_E}"), _full_mdy),
    # "3 July 2024", "3rd of July, 2024"
    (re.compile(rf"{_B}(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH_NAME}),?\s+(?P<year>{_YEAR}){_E}"), _full_mdy),
    (re.compile(rf"{_B}(?P<year>{_YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d){_E}"), _iso),
    # "July this year", "April last year"
    (
        re.compile(
            rf"{_B}(?P<month>{_MONTH_NAME})\s+(?:of\s+)?(?P<which>this|last|next|previous|past)\s+year{_E}",
            re.IGNORECASE,
        ),
        _month_relative_year,
    ),
    # "July 2024", "in September 2023"
    (re.compile(rf"{_B}(?P<month>{_MONTH_NAME}),?\s+(?:of\s+)?(?P<year>{_YEAR}){_E}"), _month_year),
    # "July 3", "3 July", "Nov. 14"
    (re.compile(rf"{_B}(?P<month>{_MONTH_NAME})\s+(?P<day>{_DAY}){_E}(?!\s*,?\s*\d)"), _day_month_no_year),
    (re.compile(rf"{_B}(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH_NAME}){_E}"), _day_month_no_year),
    # "last July", "this July"
    (re.compile(rf"{_B}(?i:last|previous|past)\s+(?P<month>{_MONTH_NAME}){_E}"), _last_month_name),
    (re.compile(rf"{_B}(?i:this)\s+(?P<month>{_MONTH_NAME}){_E}"), _this_month_name),
    # "in July", "since March", "early June": a month name needs a leading word to be a date.
    (
        re.compile(
            rf"\b(?:in|In|since|Since|until|by|By|during|During|early|late|mid|Early|Late|Mid)[\s-]"
            rf"(?P<core>(?P<month>{_MONTH_NAME})){_E}"
        ),
        _bare_month,
    ),
    # "on Tuesday last week", "Friday next week"
    (
        re.compile(
            rf"{_B}(?:(?:on|On)\s+)?(?P<weekday>{_WEEKDAY_NAME})\s+(?:of\s+)?(?P<which>last|next|this)\s+week{_E}",
            re.IGNORECASE,
        ),
        _weekday_of_week,
    ),
    # "two days ago", "a week ago"
    (
        re.compile(r"\b(?P<count>a|one|two|three|four|five|six|seven|ten|\d{1,2})\s+(?P<unit>days?|weeks?)\s+ago\b",
                   re.IGNORECASE),
        _days_ago,
    ),
    # "on Wednesday", "last Friday", "Thursday"
    (re.compile(rf"{_B}(?:(?P<which>on|last|this|next|On|Last|This|Next)\s+)?(?P<weekday>{_WEEKDAY_NAME}){_E}"), _weekday),
    (
        re.compile(
            r"\b(?P<word>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening))\b",
            re.IGNORECASE,
        ),
        _relative_day,
    ),
    (re.compile(r"\b(?P<which>this|last|next|previous|past)\s+month\b", re.IGNORECASE), _relative_month),
    (re.compile(r"\b(?P<which>this|last|next|previous|past)\s+week\b", re.IGNORECASE), _relative_week),
    (re.compile(r"\b(?P<which>this|last|next|previous|past|current)\s+year\b", re.IGNORECASE), _relative_year),
    # "in 2025", "since 2020", "by 2030"; a bare number is only a year after such a word.
    (
        re.compile(
            rf"\b(?:in|In|since|Since|until|by|By|during|During|of|for|from|From|throughout|early|late|mid|year)[\s-]"
            rf"(?P<core>(?P<year>{_YEAR})){_E}(?!\s*(?:%|percent|per\s+cent|million|billion))"
        ),
        _year,
    ),
]


@lru_cache(maxsize=4096)
def find_date_expressions(text: str, published: date | None = None) -> tuple[DateExpression, ...]:
    """Every resolvable date expression in `text`, in reading order, as character offsets.

    Expressions that need the publication date (weekdays, "last July", "yesterday") are left out
    when `published` is None. Cached: the interaction, milestone and quantity extractors each read
    the dates of the same sentences.
    """
    taken: list[tuple[int, int]] = []
    found: list[DateExpression] = []
    for pattern, resolve in _RULES:
        for match in pattern.finditer(text):
            # A leading word ("in", "since") qualifies the date but is not part of it.
            start, end = match.span("core") if "core" in pattern.groupindex else match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            resolved = resolve(match, published)  # type: ignore[operator]
            if resolved is None:
                # Still reserve the text: "July 3" must not be re-read as the bare month "July".
                taken.append((start, end))
                continue
            taken.append((start, end))
            bare = resolve is _weekday and (match["which"] or "").lower() in ("", "on")
            found.append(DateExpression(start, end, resolved[0], resolved[1], bare))
    return tuple(sorted(found, key=lambda e: e.start))


_PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}


def resolve_event_date(
    sentence: Span | Doc | str, published: date | None
) -> tuple[date | None, str | None, str | None]:
    """(date, precision, matched text) of the most precise date expression in the sentence.

    The most precise expression wins because a sentence that fixes a day ("on July 3, 2024") and
    also mentions a year ("in 2025") reports its event on that day far more often than in that year;
    among equally precise expressions the first one wins.
    """
    text = sentence if isinstance(sentence, str) else sentence.text
    expressions = find_date_expressions(text, published)
    if not expressions:
        return None, None, None
    best = min(expressions, key=lambda e: (_PRECISION_ORDER[e.precision], e.start))
    return best.date, best.precision, text[best.start : best.end]


def format_date(value: date | None, precision: str | None) -> str | None:
    """"2024-07-03", "2024-07" or "2024" depending on the precision."""
    if value is None or precision is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
