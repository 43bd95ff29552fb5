"""Normalisation and the split of an article into header, title, dateline, body and boilerplate.

The publication date is taken, in order of trust, from a header line (" date 2025-03-28 ..."), a
byline stamp ("17:25, November 14, 2024"), a dateline with a year ("ASTANA, 12 May 2024 /Kazinform/"),
or a dateline without one whose year is inferred from the article's own dated statements (see
`infer_year`). Every date carries its provenance; a year is never filled in silently.

An author line near the top ("By Ann Lee") is kept, as its own paragraph between title and body, so
the people it names are found; it is no part of the body, so it never becomes the lead or hides a
dateline.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from pipeline.reference import Reference


@dataclass(frozen=True)
class CleanDocument:
    title: str | None
    dateline: str | None
    body: str
    text: str  # what spaCy reads: title, byline and body, a blank line apart (dateline and boilerplate removed)
    outlet: str | None
    published_date: date | None
    published_date_source: str | None  # 'header' | 'dateline' | 'byline' | 'inferred' | None
    word_count: int
    byline: str | None = None  # the author line ("By Ann Lee"): the people it names are the article's too
    normalised: str = ""  # the whole raw text normalised (`normalise_text`), whose hash is the document id


# ---------------------------------------------------------------------------------------------
# Normalisation

# NFC, not NFKC: NFKC folds compatibility characters ("km²" -> "km2", "½" -> "1⁄2", superscript
# footnote marks into digits), which changes quantities and numbers the extractors read.
_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    }
)
# Invisible characters that split words for a tokenizer without being visible to a reader. ZWJ and
# ZWNJ are kept: they are spelling in Persian and Indic scripts.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c ]+")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_EM_DASH = re.compile(r" ?[\u2014\u2015] ?")
# An en dash with space on a side is punctuation; between digits or words it is a range/compound.
_SPACED_EN_DASH = re.compile(r"(?: \u2013 ?| ?\u2013 )")
_BLANK_RUN = re.compile(r"\n{3,}")


# "[Elena] Varga said", "on Friday [12 May]": words an editor set in square brackets inside
# a quotation are read as the text they complete. Links ("[text](url)"), "[sic]", "[...]" and
# footnote numbers ("[3]") keep their brackets.
_EDITORIAL_INSERTION = re.compile(r"\[([^\[\]\n]{1,80})\](?!\()")
_KEPT_IN_BRACKETS = frozenset({"sic", "sic!"})


def _unbracketed(match: re.Match[str]) -> str:
    inside = match.group(1).strip()
    words_or_year = any(ch.isalpha() for ch in inside) or re.fullmatch(r"(?:1[89]|20)\d\d", inside)
    if not words_or_year or inside.lower() in _KEPT_IN_BRACKETS:
        return match.group(0)
    return inside


def unwrap_editorial_insertions(text: str) -> str:
    return _EDITORIAL_INSERTION.sub(_unbracketed, text)


def normalise_text(raw_text: str) -> str:
    """NFC, ASCII quotes, visible whitespace only, one space between words, paragraphs as blank lines."""
    text = unicodedata.normalize("NFC", raw_text or "")
    text = _LINE_BREAKS.sub("\n", text)
    text = text.translate(_INVISIBLE).translate(_QUOTES)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    # Dashes stay as written; only their spacing is made uniform so tokenisation is predictable.
    text = _EM_DASH.sub(" \u2014 ", text)
    text = _SPACED_EN_DASH.sub(" \u2013 ", text)
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


# ---------------------------------------------------------------------------------------------
# Dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_ORDINAL = r"(?:st|nd|rd|th)?"
# A date as written in datelines and bylines; named groups tell the parts apart.
_DATE = (
    rf"(?:(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL}(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?P<m2>{MONTH})\.?(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?"
    rf"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)"
    rf"|(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>(?:19|20)\d\d)"
    # Numeric slashed dates outside the US are day first ("Issued on: 18/03/2025").
    rf"|(?P<d5>\d{{1,2}})/(?P<m5>\d{{1,2}})/(?P<y5>(?:19|20)\d\d))"
)
_DATE_RE = re.compile(_DATE, re.IGNORECASE)
_TIME = r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}T)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?"
_TIME_RE = re.compile(_TIME, re.IGNORECASE)


@dataclass(frozen=True)
class _DateParts:
    year: int | None
    month: int
    day: int

    def to_date(self, year: int | None = None) -> date | None:
        try:
            return date(year or self.year, self.month, self.day)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None


def _month_number(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _date_parts(match: re.Match[str]) -> _DateParts | None:
    groups = match.groupdict()
    if groups.get("m1"):
        month, day, year = _month_number(groups["m1"]), int(groups["d1"]), groups["y1"]
    elif groups.get("m2"):
        month, day, year = _month_number(groups["m2"]), int(groups["d2"]), groups["y2"]
    elif groups.get("m3"):
        month, day, year = int(groups["m3"]), int(groups["d3"]), groups["y3"]
    elif groups.get("m4"):
        month, day, year = int(groups["m4"]), int(groups["d4"]), groups["y4"]
    elif groups.get("m5"):
        month, day, year = int(groups["m5"]), int(groups["d5"]), groups["y5"]
    else:
        return None
    parts = _DateParts(int(year) if year else None, month, day)
    # Validate month/day with a leap year so "February 29" without a year is not rejected.
    return parts if parts.to_date(parts.year or 2000) else None


# ---------------------------------------------------------------------------------------------
# Header line: " date 2025-03-28 <title or first sentence>"

_HEADER = re.compile(r"^date\s*:?\s+(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?(?:\s+|$)", re.IGNORECASE)


def _split_header(text: str) -> tuple[date | None, str]:
    first_line, newline, rest = text.partition("\n")
    match = _HEADER.match(first_line)
    if not match:
        return None, text
    try:
        header_date = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        header_date = None
    remainder = first_line[match.end():].strip()
    return header_date, (remainder + newline + rest if remainder else rest.lstrip("\n"))


# ---------------------------------------------------------------------------------------------
# Boilerplate and bylines

_BOILERPLATE_LINES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^(?:follow|like|find) us on\b.*$",
        r"^(?:read|see) (?:more|also)\b\s*:?.*$",
        r"^subscribe (?:to|for|now)\b.*$",
        r"^sign up (?:for|to)\b.*$",
        r"^(?:©|\(c\)\s|copyright\b).*$",
        r"^.{0,120}\ball rights reserved\.?$",
        r"^\((?:additional )?(?:reporting|writing|editing|compiled) by\b[^()]*\)\.?$",
        r"^(?:https?://|www\.)\S+$",
        r"^(?:share|tweet|print|e-?mail|whatsapp|telegram|facebook|twitter|x)(?:\s*[|/•·,]\s*(?:share|tweet|print|e-?mail|whatsapp|telegram|facebook|twitter|x))*$",
        r"^advertisement$",
        r"^tags?\s*:.{0,200}$",
        r"^(?:photo|image|video)(?: credit)?\s*:.{0,120}$",
    )
)
# An author line: kept apart from the body (no lead, no dateline), but kept, for the people it names.
_AUTHOR_LINE = re.compile(
    r"^by\s+[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}(?:\s+(?:and|&)\s+[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3})?"
    r"(?:\s*\([^()]{1,40}\))?$",
    re.IGNORECASE,
)
_AUTHOR_LINES_WITHIN = 3  # paragraphs from the top
_SOURCE_LINE = re.compile(r"^source\s*:\s*(.{1,80})$", re.IGNORECASE)
# Words that surround a date stamp without saying anything else.
_STAMP_WORDS = re.compile(
    r"\b(?:published|updated|posted|modified|last|on|at|date|time|am|pm|local|gmt|utc|edited)\b", re.IGNORECASE
)
_MAX_STAMP_RESIDUE_WORDS = 4
_TRAILING_SOURCE_LINES = 3


@dataclass(frozen=True)
class _Byline:
    published: date | None
    residue: str  # what is left when date, time and stamp words are removed (often the outlet)


def _as_byline(line: str) -> _Byline | None:
    """A short line holding a full date and a time (or little else): a publication stamp."""
    if len(line.split()) > 15:
        return None
    full_dates = [m for m in _DATE_RE.finditer(line) if (p := _date_parts(m)) and p.year]
    if not full_dates or len({_date_parts(m) for m in full_dates}) != 1:
        return None  # a stamp may repeat its date ("05.03.2025 - Update : 05.03.2025"), never two dates
    parts = _date_parts(full_dates[0])
    has_time = bool(_TIME_RE.search(line))
    residue = _DATE_RE.sub(" ", line)
    residue = _TIME_RE.sub(" ", residue)
    residue = _STAMP_WORDS.sub(" ", residue)
    residue = re.sub(r"[^\w.&'\- ]+", " ", residue)
    words = [w for w in residue.split() if w.strip(".-'")]
    limit = _MAX_STAMP_RESIDUE_WORDS if has_time else 1
    # "March 5, 2024 - Ottawa, Ontario - Global Affairs Canada": only names around the date.
    only_names = bool(words) and len(words) <= 12 and all(w[0].isupper() or w.lower() in _NAME_WORDS for w in words)
    if len(words) > limit and not (only_names and (_DATE_AT_START.search(line) or _DATE_AT_END.search(line))):
        return None
    return _Byline(parts.to_date() if parts else None, " ".join(words))


_NAME_WORDS = frozenset("of the and de la du del".split())
# The date opens or closes such a stamp line: a sentence that merely contains a date is no stamp.
_DATE_AT_START = re.compile(rf"^\W*(?:{_DATE})", re.IGNORECASE)
_DATE_AT_END = re.compile(rf"(?:{_DATE})\W*$", re.IGNORECASE)


def _author_line(line: str) -> str | None:
    """"By Ann Lee", "By Dr. Ann Lee (Agency)": the line, trimmed, when it is nothing but an author."""
    line = " ".join(line.split()).strip(" ,;:|-\u2013\u2014")
    return line if _AUTHOR_LINE.match(line) else None


def _is_boilerplate(line: str) -> bool:
    return any(pattern.match(line) for pattern in _BOILERPLATE_LINES)


# ---------------------------------------------------------------------------------------------
# Datelines: "HANOI, Nov. 14 (Xinhua) --", "ASTANA, 12 May 2024 /Kazinform/", "Nairobi, April 23, KNA"

_CONNECTOR = r"(?:de|da|del|do|la|le|al|el|of|am|upon|on|sur)"
_PLACE_WORD = rf"(?!{MONTH}\b)[A-Z][A-Za-z'\-.]{{0,30}}"
_PLACE = rf"{_PLACE_WORD}(?:\s+(?:{_CONNECTOR}\s+)?{_PLACE_WORD}){{0,3}}"
_OUTLET_NAME = r"[A-Z][\w.&'\-]*(?:\s+[A-Z][\w.&'\-]*){0,3}"
# The last, empty alternative is accepted only after an agency marker ("/Kazinform/ The ...").
_SEPARATOR = r"(?:\s*(?:--|[-\u2013\u2014:])\s*|\.(?:\s+|$)|\s*$|(?=\s))"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}(?:\s*,\s*{_PLACE}){{0,2}})"
    rf"(?:\s*,?\s*(?P<date>{_DATE}))?"
    rf"(?:\.?\s*\((?P<paren>[^()\n]{{2,40}})\)|\.?\s*/(?P<slash>[^/\n]{{2,40}})/"
    rf"|\s*,\s*(?P<tail>{_OUTLET_NAME})(?=\s*(?:$|--|[-\u2013\u2014:]\s)))?"
    rf"(?P<sep>{_SEPARATOR})",
    re.MULTILINE,
)


@dataclass(frozen=True)
class _Dateline:
    text: str
    date_parts: _DateParts | None
    outlet_texts: tuple[str, ...]
    remainder: str


_LOOSE_DATELINE = re.compile(rf"^(?P<head>{_PLACE_WORD}[^\n]{{0,140}}?)\s*(?:--|\s[-\u2013\u2014]\s)")


def _loose_dateline(paragraph: str) -> _Dateline | None:
    """Datelines of other shapes: "Jakarta, Shawwal 28, 1445, May 7, 2024, SPA -- President ...":
    comma-separated names and one full date before the dash that starts the story."""
    match = _LOOSE_DATELINE.match(paragraph[:300])
    if not match:
        return None
    head = match.group("head")
    dates = {p for m in _DATE_RE.finditer(head) if (p := _date_parts(m)) and p.year}
    if len(dates) != 1:
        return None
    chunks = [chunk.strip() for chunk in head.split(",")]
    if any(chunk and chunk[0].islower() for chunk in chunks):
        return None
    outlets = tuple(chunk for chunk in chunks if chunk and not any(ch.isdigit() for ch in chunk))
    return _Dateline(head.strip(), dates.pop(), outlets[1:], paragraph[match.end():].strip())


def _match_dateline(paragraph: str) -> _Dateline | None:
    return _strict_dateline(paragraph) or _loose_dateline(paragraph)


def _strict_dateline(paragraph: str) -> _Dateline | None:
    match = _DATELINE.match(paragraph[:300])
    if not match:
        return None
    has_date = match.group("date") is not None
    outlet_texts = tuple(t.strip() for t in (match.group("paren"), match.group("slash"), match.group("tail")) if t)
    separator = match.group("sep").strip()
    place = match.group("place")
    capitalised_place = place.upper() == place and any(c.isalpha() for c in place)
    # Without a date or an agency marker only an all-capital place before a dash is a dateline.
    if not has_date and not outlet_texts and not (capitalised_place and separator in {"--", "-", "\u2013", "\u2014"}):
        return None
    at_line_end = match.end() >= len(paragraph.split("\n", 1)[0])
    if not separator and not at_line_end and not (match.group("paren") or match.group("slash")):
        return None
    parts = None
    if has_date:
        date_match = _DATE_RE.match(match.group("date"))
        parts = _date_parts(date_match) if date_match else None
    text = paragraph[: match.end()].strip().rstrip("-\u2013\u2014:").strip()
    return _Dateline(text, parts, outlet_texts, paragraph[match.end():].strip())


# ---------------------------------------------------------------------------------------------
# Titles

_SENTENCE_END = (".", "!", "?", ":", ";", ",")
_MAX_TITLE_WORDS = 25
# A line that ends on one of these words was cut mid-sentence by hard wrapping, not a headline.
_DANGLING = frozenset("a an and as at by for from in of on or the to with".split())


def _is_title(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _MAX_TITLE_WORDS
        and not line.endswith(_SENTENCE_END)
        and words[-1].lower() not in _DANGLING
        and _as_byline(line) is None
        and _match_dateline(line) is None
    )


# ---------------------------------------------------------------------------------------------
# Outlets

# Tokens start at a word edge and are bounded in length so a huge one-word "line" stays linear.
_NAME_TOKEN = r"(?<![\w.&'\-])[A-Z][\w.&'\-]{0,40}"
_NAME_CONNECTOR = r"(?:(?:of|the|and|for|de|al)\s+)?"
_NAME_BEFORE_VERB = re.compile(
    rf"((?:{_NAME_TOKEN}\s+{_NAME_CONNECTOR}){{0,4}}{_NAME_TOKEN})\s*,?\s+(?:reports|reported|has reported|informs|informed|writes|wrote)\b"
)
_NAME_AFTER_PHRASE = re.compile(
    rf"\b(?i:reports|reported|reported by|according to|citing|cited by|quoted by|told)\s+((?:the\s+)?{_NAME_TOKEN}(?:\s+{_NAME_CONNECTOR}{_NAME_TOKEN}){{0,4}})"
)


def _outlet_in(candidate: str, reference: Reference, *, longest_from: str) -> str | None:
    """The known outlet named by the longest run of words at the given end of `candidate`."""
    words = re.sub(r"[()/|]", " ", candidate).split()
    spans = (
        [" ".join(words[i:]) for i in range(len(words))]
        if longest_from == "end"
        else [" ".join(words[:j]) for j in range(len(words), 0, -1)]
    )
    for span in spans:
        outlet = reference.outlet_by_text(span.strip(" ,.;:'\"-"))
        if outlet is not None:
            return outlet.name
    return None


def _outlet_in_reporting_phrase(paragraph: str, reference: Reference) -> str | None:
    found: list[tuple[int, str]] = []
    for match in _NAME_BEFORE_VERB.finditer(paragraph):
        outlet = _outlet_in(match.group(1), reference, longest_from="end")
        if outlet:
            found.append((match.start(), outlet))
    for match in _NAME_AFTER_PHRASE.finditer(paragraph):
        outlet = _outlet_in(match.group(1), reference, longest_from="start")
        if outlet:
            found.append((match.start(1), outlet))
    return min(found)[1] if found else None


# ---------------------------------------------------------------------------------------------
# Year inference for a dateline without a year

_YEAR_IN_CONTEXT = re.compile(
    rf"(?:(?P<fm>{MONTH})\.?\s+(?P<fd>\d{{1,2}}){_ORDINAL},?\s+(?P<fy>(?:19|20)\d\d)"
    rf"|(?P<gd>\d{{1,2}}){_ORDINAL}\s+(?P<gm>{MONTH})\.?,?\s+(?P<gy>(?:19|20)\d\d)"
    rf"|(?P<mm>{MONTH})\.?\s+(?P<my>(?:19|20)\d\d)"
    rf"|\b(?:in|since|by|until|till|during|from|before|after|through|throughout|early|late|mid-?)\s+(?P<by>(?:19|20)\d\d))"
    rf"(?![\d\-\u2013/])",
)
_FUTURE_MARKERS = re.compile(
    r"\b(?:will|shall|won't|(?:is|are|was|were) (?:expected|scheduled|set|due|planned|going|slated) to"
    r"|to be (?:held|celebrated|marked|signed|opened|launched|completed|commissioned|hosted)"
    r"|plans? to|intends? to|aims? to|upcoming|forthcoming|next|scheduled|planned|expected)\b"
    # The verb a future auxiliary governs ("will be celebrated") belongs to the future phrase.
    r"(?:\s+(?:not|be|been|have|also|further|jointly|to))*(?:\s+\w+)?",
    re.IGNORECASE,
)
_PAST_MARKERS = re.compile(r"\b(?:was|were|had|has|have|did|ago|last|previous|earlier|since|\w{2,30}ed|met|held|took|signed|shed|began|became|made|saw|won|led|left|paid|sent|said|set up|built)\b", re.IGNORECASE)
_NOT_VERBS = frozenset("need indeed hundred red bed seed speed feed deed united based related limited interested detailed advanced so-called".split())
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])|\n+")
# Each extra year between an article and the nearest event it dates makes the reference less likely.
_YEAR_DECAY = 0.5
# Writers usually call the current year "this year"; naming it as a number is the less likely reading.
_SAME_YEAR_FACTOR = 0.5
# The best year must be this many times likelier than the next, or no year is given.
_INFERENCE_MARGIN = 3.0
_MAX_INFERENCE_CHARS = 50_000


@dataclass(frozen=True)
class DatedStatement:
    year: int
    month: int | None
    day: int | None
    tense: str  # 'past' | 'future'
    text: str


def dated_statements(text: str) -> list[DatedStatement]:
    """Explicit years in the text with the tense of the clause that dates them."""
    statements: list[DatedStatement] = []
    for sentence in _SENTENCE_SPLIT.split(text):
        for match in _YEAR_IN_CONTEXT.finditer(sentence):
            groups = match.groupdict()
            year = int(groups["fy"] or groups["gy"] or groups["my"] or groups["by"])
            month_name = groups["fm"] or groups["gm"] or groups["mm"]
            day = groups["fd"] or groups["gd"]
            tense = _tense_at(sentence, match.start())
            if tense:
                statements.append(
                    DatedStatement(year, _month_number(month_name) if month_name else None,
                                   int(day) if day else None, tense, match.group(0))
                )
    return statements


_TENSE_WINDOW = 250


def _tense_at(sentence: str, position: int) -> str | None:
    """Tense of the nearest verb-like marker, preferring the one that precedes the date."""
    # Only the clause around the date matters; the window also keeps run-on input linear.
    start = max(0, position - _TENSE_WINDOW)
    sentence, position = sentence[start : position + _TENSE_WINDOW], position - start
    markers: list[tuple[int, str]] = []
    future_spans = [(m.start(), m.end()) for m in _FUTURE_MARKERS.finditer(sentence)]
    markers.extend((start, "future") for start, _ in future_spans)
    for match in _PAST_MARKERS.finditer(sentence):
        if match.group(0).lower() in _NOT_VERBS:
            continue
        if any(start <= match.start() < end for start, end in future_spans):
            continue
        markers.append((match.start(), "past"))
    if not markers:
        return None
    preceding = [m for m in markers if m[0] < position]
    if preceding:
        return max(preceding)[1]
    return min(markers)[1]


def _statement_likelihood(statement: DatedStatement, year: int, month: int, day: int) -> float:
    """P(the article, published on (year, month, day), dates this statement as it does)."""
    published_day_of_year = (date(year, month, min(day, 28)) - date(year, 1, 1)).days + 1
    elapsed = published_day_of_year / 365
    distance = year - statement.year if statement.tense == "past" else statement.year - year
    if distance < 0:
        return 0.0
    if distance > 0:
        return _YEAR_DECAY ** (distance - 1)
    if statement.month is not None:
        event = (statement.month, statement.day or (1 if statement.tense == "past" else 31))
        in_order = event <= (month, day) if statement.tense == "past" else event >= (month, day)
        return _SAME_YEAR_FACTOR if in_order else 0.0
    share = elapsed if statement.tense == "past" else 1 - elapsed
    return _SAME_YEAR_FACTOR * share


def infer_year(text: str, month: int, day: int) -> int | None:
    """The publication year of a text dated only by month and day, or None when it is not clear.

    Past statements ("established in 2023") bound the year from below, future ones ("will be
    marked in 2026") from above. Only the nearest bound on each side carries information about
    the present (older history is mentioned regardless of when one writes), so the most recent
    past and the earliest future statement are scored: a year that contradicts either scores 0,
    a year equal to a statement's own year scores lower (it should then say "this year", and the
    event must fit before/after the publication day), and each extra year of distance halves the
    score. A year is returned only when both bounds exist and one year clearly outscores the rest.
    """
    # A real article states its dated context within its first pages; the cap bounds run-on input.
    statements = dated_statements(text[:_MAX_INFERENCE_CHARS])
    past = [s for s in statements if s.tense == "past"]
    future = [s for s in statements if s.tense == "future"]
    if not past or not future:
        return None
    latest_past = max(past, key=lambda s: (s.year, s.month or 0, s.day or 0))
    earliest_future = min(future, key=lambda s: (s.year, s.month or 13, s.day or 32))
    if latest_past.year > earliest_future.year:
        return None
    scores = {
        year: _statement_likelihood(latest_past, year, month, day)
        * _statement_likelihood(earliest_future, year, month, day)
        for year in range(latest_past.year, earliest_future.year + 1)
    }
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    best_year, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score <= 0 or best_score < _INFERENCE_MARGIN * runner_up:
        return None
    return best_year


# ---------------------------------------------------------------------------------------------
# The document


def clean_document(raw_text: str, reference: Reference) -> CleanDocument:
    normalised = normalise_text(raw_text)
    text = unwrap_editorial_insertions(normalised)
    header_date, text = _split_header(text)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]

    bylines: list[_Byline] = []
    authors: list[str] = []
    source_lines: list[str] = []
    kept_paragraphs: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        kept_lines = []
        near_end = index >= len(paragraphs) - _TRAILING_SOURCE_LINES
        for line in paragraph.split("\n"):
            byline = _as_byline(line)
            if byline is not None:
                if not kept_paragraphs or index <= 3:
                    bylines.append(byline)
                    author = _author_line(_TIME_RE.sub(" ", _DATE_RE.sub(" ", line)))
                    authors.extend([author] if author else [])
                continue
            author = _author_line(line)
            if author and index <= _AUTHOR_LINES_WITHIN:
                authors.append(author)
                continue
            source = _SOURCE_LINE.match(line)
            if source and near_end:
                source_lines.append(source.group(1))
                continue
            if _is_boilerplate(line):
                continue
            kept_lines.append(line)
        if kept_lines:
            kept_paragraphs.append("\n".join(kept_lines))

    title = None
    if len(kept_paragraphs) > 1 or "\n" in (kept_paragraphs[0] if kept_paragraphs else ""):
        first = kept_paragraphs[0]
        first_line, _, rest_of_paragraph = first.partition("\n")
        if not rest_of_paragraph and _is_title(first_line):
            title = first_line
            kept_paragraphs = kept_paragraphs[1:]
        elif rest_of_paragraph and _is_title(first_line) and rest_of_paragraph[:1].isupper():
            title = first_line
            kept_paragraphs[0] = rest_of_paragraph

    dateline = _match_dateline(kept_paragraphs[0]) if kept_paragraphs else None
    if dateline is not None:
        if dateline.remainder:
            kept_paragraphs[0] = dateline.remainder
        else:
            kept_paragraphs = kept_paragraphs[1:]
    body = "\n\n".join(kept_paragraphs)

    outlet = _find_outlet(dateline, bylines, kept_paragraphs, source_lines, reference)
    published, source = _publication_date(header_date, bylines, dateline, body)
    byline = authors[0] if authors else None
    full_text = "\n\n".join(part for part in (title, byline, body) if part)
    return CleanDocument(
        title=title,
        dateline=dateline.text if dateline else None,
        body=body,
        text=full_text,
        outlet=outlet,
        published_date=published,
        published_date_source=source,
        word_count=_word_count(full_text),
        byline=byline,
        normalised=normalised,
    )


def _find_outlet(
    dateline: _Dateline | None,
    bylines: list[_Byline],
    paragraphs: list[str],
    source_lines: list[str],
    reference: Reference,
) -> str | None:
    if dateline is not None:
        for candidate in (*dateline.outlet_texts, dateline.text):
            outlet = _outlet_in(candidate, reference, longest_from="start") or _outlet_in(
                candidate, reference, longest_from="end"
            )
            if outlet:
                return outlet
    for byline in bylines:
        outlet = _outlet_in(byline.residue, reference, longest_from="start")
        if outlet:
            return outlet
    if paragraphs:
        outlet = _outlet_in_reporting_phrase(paragraphs[0], reference)
        if outlet:
            return outlet
    for line in source_lines:
        outlet = _outlet_in(line, reference, longest_from="start")
        if outlet:
            return outlet
    return None


def _publication_date(
    header_date: date | None, bylines: list[_Byline], dateline: _Dateline | None, body: str
) -> tuple[date | None, str | None]:
    if header_date is not None:
        return header_date, "header"
    for byline in bylines:
        if byline.published is not None:
            return byline.published, "byline"
    if dateline is None or dateline.date_parts is None:
        return None, None
    parts = dateline.date_parts
    if parts.year is not None:
        full = parts.to_date()
        return (full, "dateline") if full else (None, None)
    year = infer_year(body, parts.month, parts.day)
    inferred = parts.to_date(year) if year else None
    return (inferred, "inferred") if inferred else (None, None)


_WORD = re.compile(r"\S*\w\S*")


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))
