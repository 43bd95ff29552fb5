"""Scores the public warehouse tables against a hand-made gold file.

The gold format and every matching rule are described in `docs/gold-format.md`. Scores are counted
per document and summed over the corpus (micro average), so a long article weighs more than a short
one. The warehouse is only read, never written.

Command line:
    python -m pipeline.evaluate --gold GOLD [--inbox DIR] [--warehouse PATH] [--out results.json] [--skip-run]
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb

# ---------------------------------------------------------------------------------------------
# Scores

QUAD_CLASSES = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
METRIC_ORDER: tuple[str, ...] = (
    "persons",
    "person_country",
    "person_country_stated",
    "person_country_implied",
    "person_country_known",
    "person_title",
    "countries",
    "organizations",
    "meetings",
    "meeting_dates",
    "meeting_planned",
    "false_interactions",
    "events",
    *(f"events_{quad}" for quad in QUAD_CLASSES),
    "conflict_events",
    "event_direction",
    "event_quad",
    "published_dates",
    "outlets",
    "topics",
    "money",
    "percents",
    "milestones",
)
PRF_METRICS = ("persons", "countries", "organizations", "meetings", "events",
               *(f"events_{quad}" for quad in QUAD_CLASSES), "conflict_events", "topics", "money", "percents",
               "milestones")
RATE_METRICS = ("false_interactions",)
ACCURACY_METRICS = tuple(name for name in METRIC_ORDER if name not in PRF_METRICS and name not in RATE_METRICS)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class SetComparison:
    """Precision/recall bookkeeping: gold items against predicted items, one-to-one."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    matched: list[list[str]] = field(default_factory=list)  # [gold, predicted]
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        # 2PR/(P+R) written with counts, so it is 0 (not undefined) when nothing was predicted.
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def add(self, other: SetComparison) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self, with_items: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": "prf",
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }
        if with_items:
            out |= {
                "matched": self.matched,
                "false_positives": self.false_positives,
                "false_negatives": self.false_negatives,
            }
        return out


@dataclass
class AccuracyComparison:
    """Share of gold items whose predicted attribute is correct."""

    correct: int = 0
    total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)  # {"item", "gold", "predicted"}

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)

    def record(self, is_correct: bool, item: str, gold: Any, predicted: Any) -> None:
        self.total += 1
        if is_correct:
            self.correct += 1
        else:
            self.errors.append({"item": item, "gold": _jsonable(gold), "predicted": _jsonable(predicted)})

    def add(self, other: AccuracyComparison) -> None:
        self.correct += other.correct
        self.total += other.total

    def to_dict(self, with_items: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": "accuracy",
            "correct": self.correct,
            "total": self.total,
            "accuracy": self.accuracy,
        }
        if with_items:
            out["errors"] = self.errors
        return out


@dataclass
class RateComparison:
    """Predictions that should not exist, per 100 documents of a kind (false interactions in articles
    that report no act between states)."""

    count: int = 0
    documents: int = 0
    items: list[str] = field(default_factory=list)

    @property
    def per_100(self) -> float | None:
        return None if not self.documents else 100 * self.count / self.documents

    def add(self, other: RateComparison) -> None:
        self.count += other.count
        self.documents += other.documents

    def to_dict(self, with_items: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "rate", "count": self.count, "documents": self.documents,
                               "per_100_documents": self.per_100}
        if with_items:
            out["items"] = self.items
        return out


Comparison = SetComparison | AccuracyComparison | RateComparison


def empty_comparison(name: str) -> Comparison:
    if name in PRF_METRICS:
        return SetComparison()
    return RateComparison() if name in RATE_METRICS else AccuracyComparison()


@dataclass
class DocumentResult:
    file: str
    source_path: str | None
    doc_id: str | None
    status: str  # 'ok' | 'duplicate' | 'rejected' | ... | 'missing' (no row for the file)
    metrics: dict[str, Comparison] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "source_path": self.source_path,
            "doc_id": self.doc_id,
            "status": self.status,
            "metrics": {name: self.metrics[name].to_dict() for name in METRIC_ORDER if name in self.metrics},
        }


@dataclass
class EvaluationReport:
    gold_path: str
    warehouse_path: str
    metrics: dict[str, Comparison]
    documents: list[DocumentResult]

    @property
    def missing_files(self) -> list[str]:
        return [d.file for d in self.documents if d.status == "missing"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_path": self.gold_path,
            "warehouse_path": self.warehouse_path,
            "metrics": {name: self.metrics[name].to_dict(with_items=False) for name in METRIC_ORDER},
            "missing_files": self.missing_files,
            "documents": [d.to_dict() for d in self.documents],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    return value


# ---------------------------------------------------------------------------------------------
# Normalisation

_WHITESPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_name(name: str) -> str:
    """Person names: casefold, no diacritics, single spaces. Nothing looser."""
    text = strip_diacritics(name.translate(_QUOTES)).casefold()
    return _WHITESPACE.sub(" ", text).strip()


def name_key(name: str) -> tuple[str, ...]:
    """Equal for the same tokens in any order ("Kim Min-jun" == "Min-jun Kim")."""
    return tuple(sorted(normalise_name(name).split()))


def names_match(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


# British spellings that international bodies use interchangeably with the American ones.
_ORG_SPELLINGS = {
    "organisation": "organization",
    "organisations": "organizations",
    "centre": "center",
    "programme": "program",
    "defence": "defense",
    "labour": "labor",
}
_ORG_STOPWORDS = frozenset({"of", "and", "for", "the", "on", "in", "at", "to", "de", "des", "du", "la", "le"})


def normalise_org(name: str) -> str:
    """Casefold, no diacritics, '&' as 'and', punctuation as space, no 'the', one spelling."""
    text = strip_diacritics(name.translate(_QUOTES)).casefold().replace("&", " and ")
    text = re.sub(r"'s\b", "", text)
    tokens = re.sub(r"[^\w\s]", " ", text).split()
    return " ".join(_ORG_SPELLINGS.get(t, t) for t in tokens if t != "the")


def acronym(name: str) -> str:
    """Initials of the significant words: "Shanghai Cooperation Organization" -> "SCO"."""
    words = re.findall(r"[^\W\d_]+", strip_diacritics(name))
    return "".join(w[0].upper() for w in words if w.casefold() not in _ORG_STOPWORDS)


def _as_abbreviation(name: str) -> str | None:
    letters = re.sub(r"[.\s]", "", name)
    return letters if len(letters) >= 2 and letters.isalpha() and letters.isupper() else None


def normalise_title(title: str) -> str:
    text = strip_diacritics(title.translate(_QUOTES)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def titles_match(gold: str, predicted: str | None) -> bool:
    """Equal, one containing the other (whole words), or token-set Jaccard >= 0.5."""
    if not predicted:
        return False
    g, p = normalise_title(gold), normalise_title(predicted)
    if not g or not p:
        return g == p
    if g == p or f" {g} " in f" {p} " or f" {p} " in f" {g} ":
        return True
    g_tokens, p_tokens = set(g.split()), set(p.split())
    return len(g_tokens & p_tokens) / len(g_tokens | p_tokens) >= 0.5


def normalise_label(text: str | None) -> str | None:
    """Relationship levels are stored as identifiers ("strategic_partnership") but annotated as
    phrases ("strategic partnership"); underscores and hyphens read as spaces."""
    return normalise_title(text.replace("_", " ")) if text else None


# ---------------------------------------------------------------------------------------------
# Dates

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class GoldDate:
    """A gold date at year, month or day precision; `None` fields below the precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> GoldDate:
        match = _PARTIAL_DATE.match(text.strip())
        if not match:
            raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
        year, month, day = (int(g) if g else None for g in match.groups())
        if day is not None:
            date(year, month, day)  # validates the calendar date
        return cls(year, month, day)

    def matches(self, value: date | None) -> bool:
        """Compared at the gold precision: gold "2024-07" accepts any day of July 2024."""
        if value is None:
            return False
        return (
            value.year == self.year
            and (self.month is None or value.month == self.month)
            and (self.day is None or value.day == self.day)
        )

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v is not None]
        return "-".join(parts)


def date_matches(gold: GoldDate | None, predicted: date | None) -> bool:
    return predicted is None if gold is None else gold.matches(predicted)


def _parse_gold_date(value: Any) -> GoldDate | None:
    return None if value is None else GoldDate.parse(str(value))


# ---------------------------------------------------------------------------------------------
# Quantities

_NUMBER_WITH_SCALE = re.compile(
    r"(\d+(?:[.,]\d+)*)\s*(trillion|tn|trln|trn|billion|bn|bln|million|mln|mn|thousand|[kmb])?(?![a-z])",
    re.IGNORECASE,
)
_SCALES = {
    "trillion": 1e12, "tn": 1e12, "trln": 1e12, "trn": 1e12,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "thousand": 1e3, "k": 1e3,
}  # fmt: skip


# Abbreviated scale words read as the full word, so "1.2 bln" contains "1.2 billion".
_SCALE_WORDS = {
    "tn": "trillion", "trln": "trillion", "trn": "trillion",
    "bn": "billion", "bln": "billion",
    "mln": "million", "mn": "million",
}  # fmt: skip


def _to_float(digits: str) -> float:
    # "1,200,000" and "1,200.5" group thousands; "3,7" is a decimal comma.
    if "," in digits:
        groups = digits.split(",")
        if "." in digits or all(len(g) == 3 for g in groups[1:]):
            digits = digits.replace(",", "")
        else:
            digits = digits.replace(".", "").replace(",", ".")
    return float(digits)


def parse_quantity_value(text: str) -> float | None:
    """First number of the text with its scale word: "$3.7 billion" -> 3.7e9, "almost 40 percent" -> 40."""
    match = _NUMBER_WITH_SCALE.search(text)
    if not match:
        return None
    try:
        value = _to_float(match.group(1))
    except ValueError:
        return None
    scale = match.group(2)
    return value * _SCALES[scale.casefold()] if scale else value


def quantity_tokens(text: str) -> list[str]:
    text = strip_diacritics(text).casefold().replace("per cent", "percent").replace("%", " percent ")
    text = re.sub(r"\bus\s*\$|\busd\b\s*\$?", " $ ", text)
    tokens = re.findall(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[$€£¥]", text)
    return [_SCALE_WORDS.get(t, t) for t in tokens]


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return n > 0 and any(list(haystack[i : i + n]) == list(needle) for i in range(len(haystack) - n + 1))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def quantities_match(gold_text: str, predicted_text: str | None, predicted_value: float | None, kind: str) -> bool:
    """Whole-token containment either way, or equal numeric values."""
    g_tokens, p_tokens = quantity_tokens(gold_text), quantity_tokens(predicted_text or "")
    if _contains(p_tokens, g_tokens) or _contains(g_tokens, p_tokens):
        return True
    gold_value = parse_quantity_value(gold_text)
    value = predicted_value if predicted_value is not None else parse_quantity_value(predicted_text or "")
    if gold_value is None or value is None:
        return False
    if _close(gold_value, value):
        return True
    # A percentage may be stored as a fraction (0.4 for "40 percent").
    return kind == "percent" and _close(gold_value, value * 100)


# ---------------------------------------------------------------------------------------------
# Countries


class CountryResolver:
    """Country names and codes -> ISO3, through the warehouse's ref.countries, the reference
    data of the repository, then pycountry. Unresolvable names compare by their normalised form."""

    def __init__(self, ref_countries: Iterable[tuple[str, str]] = ()) -> None:
        self._by_name: dict[str, str] = {}
        self._names: dict[str, str] = {}
        for iso3, name in ref_countries:
            if iso3 and name:
                self._by_name.setdefault(normalise_name(name), iso3.upper())
                self._names.setdefault(iso3.upper(), name)
        self._reference = _load_reference_quietly()
        self._cache: dict[str, str] = {}

    def key(self, text: str | None) -> str | None:
        """ISO3 code, or "name:<normalised>" when nothing resolves it; None for no country."""
        if text is None or not str(text).strip():
            return None
        text = str(text).strip()
        if text not in self._cache:
            self._cache[text] = self._resolve(text) or f"name:{normalise_name(text)}"
        return self._cache[text]

    def code_key(self, code: str | None) -> str | None:
        return code.strip().upper() if code and code.strip() else None

    def display(self, key: str | None) -> str | None:
        if key is None or key.startswith("name:"):
            return None if key is None else key[5:]
        return self._names.get(key) or self._reference_name(key) or key

    def _resolve(self, text: str) -> str | None:
        found = self._by_name.get(normalise_name(text))
        if found:
            return found
        if self._reference is not None:
            country = self._reference.country_by_text(text) or self._reference.country_by_iso3(text)
            if country is not None:
                return country.iso3
        if text.upper() in self._names:
            return text.upper()
        return _pycountry_iso3(text)

    def _reference_name(self, iso3: str) -> str | None:
        country = self._reference.country_by_iso3(iso3) if self._reference is not None else None
        return country.name if country is not None else None


def _pycountry_iso3(text: str) -> str | None:
    import pycountry

    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        pass
    try:
        found = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return None
    return found[0].alpha_3 if found else None


def _outlet_form(name: str | None) -> str | None:
    """An outlet written by its abbreviation or its full name ("PTI", "Press Trust of India") is one."""
    if not name:
        return None
    reference = _load_reference_quietly()
    known = reference.outlet_by_text(name) if reference is not None else None
    return normalise_org(known.name if known is not None else name)


def _load_reference_quietly():
    # The reference data only widens name resolution; scoring must still work without it.
    try:
        from pipeline.reference import load_reference

        return load_reference()
    except Exception:  # noqa: BLE001 - any broken reference file just disables this fallback
        return None


# ---------------------------------------------------------------------------------------------
# Organisations


def _differing_words_are_variants(a: str, b: str) -> bool:
    """The words only one name has must be spelling variants of each other ("co operation" vs
    "cooperation", a typo), not different words: "Asian" vs "African" Development Bank is no match."""
    a_tokens, b_tokens = a.split(), b.split()
    a_only = "".join(t for t in a_tokens if t not in b_tokens)
    b_only = "".join(t for t in b_tokens if t not in a_tokens)
    if not a_only or not b_only:
        return not a_only and not b_only
    return difflib.SequenceMatcher(None, a_only, b_only).ratio() >= 0.8


class OrganizationMatcher:
    """Scores a gold organisation name against a predicted canonical name (0 = no match)."""

    def __init__(self) -> None:
        self._reference = _load_reference_quietly()

    def score(self, gold: str, predicted: str) -> float:
        g, p = normalise_org(gold), normalise_org(predicted)
        if not g or not p:
            return 0.0
        if g == p:
            return 3.0
        if self._same_by_alias(gold, predicted):
            return 2.0
        ratio = difflib.SequenceMatcher(None, g, p).ratio()
        return ratio if ratio >= 0.85 and _differing_words_are_variants(g, p) else 0.0

    def _same_by_alias(self, gold: str, predicted: str) -> bool:
        for short, long in ((gold, predicted), (predicted, gold)):
            abbreviation = _as_abbreviation(short)
            if abbreviation and abbreviation == acronym(long):
                return True
        canonical = self._canonical(gold)
        return canonical is not None and canonical == self._canonical(predicted)

    def _canonical(self, name: str) -> str | None:
        if self._reference is None:
            return None
        organization = self._reference.organization_by_text(name)
        return normalise_org(organization.canonical_name) if organization is not None else None


# ---------------------------------------------------------------------------------------------
# Matching


def greedy_match(
    gold: Sequence[Any], predicted: Sequence[Any], score: Callable[[Any, Any], float]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best scores first, ties in input order."""
    candidates = [
        (s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if (s := score(g, p)) > 0
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def compare_sets(
    gold: Sequence[Any],
    predicted: Sequence[Any],
    score: Callable[[Any, Any], float],
    show: Callable[[Any], str] = str,
) -> tuple[SetComparison, list[tuple[int, int]]]:
    pairs = greedy_match(gold, predicted, score)
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    comparison = SetComparison(
        tp=len(pairs),
        fp=len(predicted) - len(pairs),
        fn=len(gold) - len(pairs),
        matched=[[show(gold[g]), show(predicted[p])] for g, p in pairs],
        false_positives=[show(p) for i, p in enumerate(predicted) if i not in matched_pred],
        false_negatives=[show(g) for i, g in enumerate(gold) if i not in matched_gold],
    )
    return comparison, pairs


def _equal_score(a: Any, b: Any) -> float:
    return 1.0 if a == b else 0.0


def quad_class_of(code: str | None) -> str | None:
    """CAMEO quad class of a code from its root: 01-05, 06-08, 09-13, 14-20."""
    digits = (code or "").strip()
    if len(digits) < 2 or not digits[:2].isdigit():
        return None
    root = int(digits[:2])
    if 1 <= root <= 5:
        return "verbal_cooperation"
    if 6 <= root <= 8:
        return "material_cooperation"
    if 9 <= root <= 13:
        return "verbal_conflict"
    return "material_conflict" if 14 <= root <= 20 else None


def is_conflict(quad: str | None) -> bool:
    return quad in ("verbal_conflict", "material_conflict")


# ---------------------------------------------------------------------------------------------
# Gold file


@dataclass(frozen=True)
class GoldPerson:
    name: str
    country: str | None
    has_country: bool
    title: str | None
    country_basis: str | None = None  # 'stated' | 'implied' | 'known'


@dataclass(frozen=True)
class GoldMeeting:
    participants: tuple[str, ...]
    date: GoldDate | None
    has_date: bool
    planned: bool = False
    has_planned: bool = False


@dataclass(frozen=True)
class GoldEvent:
    source: str
    target: str
    cameo: str
    quad_class: str | None
    evidence: str | None = None


@dataclass(frozen=True)
class GoldMilestone:
    level: str | None
    date: GoldDate | None
    what: str | None


@dataclass
class GoldDocument:
    """One annotated article. A list that is None was not annotated and is not scored."""

    file: str
    published_date: date | None = None
    has_published_date: bool = False
    published_date_acceptable: tuple[date | None, ...] = ()
    outlet: str | None = None
    has_outlet: bool = False
    persons: list[GoldPerson] | None = None
    countries: list[str] | None = None
    organizations: list[str] | None = None
    meetings: list[GoldMeeting] | None = None
    topics: list[str] | None = None
    money: list[str] | None = None
    percents: list[str] | None = None
    milestones: list[GoldMilestone] | None = None
    kind: str | None = None  # 'interstate' | 'negative'
    events: list[GoldEvent] | None = None


def _iso_date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def parse_gold_document(raw: dict[str, Any]) -> GoldDocument:
    if not raw.get("file"):
        raise ValueError("every gold document needs a 'file'")

    def listed(key: str, convert: Callable[[Any], Any]) -> list[Any] | None:
        return [convert(item) for item in raw[key]] if raw.get(key) is not None else None

    return GoldDocument(
        file=str(raw["file"]),
        published_date=_iso_date(raw.get("published_date")),
        has_published_date="published_date" in raw,
        published_date_acceptable=tuple(_iso_date(v) for v in raw.get("published_date_acceptable") or ()),
        outlet=raw.get("outlet"),
        has_outlet="outlet" in raw,
        persons=listed(
            "persons",
            lambda p: GoldPerson(
                name=p["name"], country=p.get("country"), has_country="country" in p, title=p.get("title"),
                country_basis=p.get("country_basis"),
            ),
        ),
        countries=listed("countries", str),
        organizations=listed("organizations", str),
        meetings=listed(
            "meetings",
            lambda m: GoldMeeting(
                participants=tuple(m["participants"]), date=_parse_gold_date(m.get("date")), has_date="date" in m,
                planned=bool(m.get("planned")), has_planned="type" in m or "planned" in m,
            ),
        ),
        topics=listed("topics", lambda t: str(t).strip().casefold()),
        money=listed("money", lambda q: q["text"] if isinstance(q, dict) else str(q)),
        percents=listed("percents", lambda q: q["text"] if isinstance(q, dict) else str(q)),
        milestones=listed(
            "milestones",
            lambda m: GoldMilestone(level=m.get("level"), date=_parse_gold_date(m.get("date")), what=m.get("what")),
        ),
        kind=raw.get("kind"),
        events=listed(
            "events",
            lambda e: GoldEvent(source=str(e["source"]), target=str(e["target"]), cameo=str(e["cameo"]),
                                quad_class=e.get("quad_class") or quad_class_of(str(e["cameo"])),
                                evidence=e.get("evidence")),
        ),
    )


def load_gold(gold_path: Path) -> list[GoldDocument]:
    data = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    documents = data["documents"] if isinstance(data, dict) else data
    return [parse_gold_document(raw) for raw in documents]


# ---------------------------------------------------------------------------------------------
# Warehouse


@dataclass(frozen=True)
class PredictedPerson:
    name: str
    country_code: str | None
    title: str | None


@dataclass(frozen=True)
class PredictedInteraction:
    participants: tuple[str, ...]
    event_date: date | None
    planned: bool = False
    source: str | None = None   # acting state (ISO3) or organisation, for a directed event
    target: str | None = None
    event_code: str | None = None
    quad_class: str | None = None
    sentence: str | None = None
    date_precision: str | None = None  # 'day', 'month', 'year'


@dataclass
class PredictedDocument:
    """Everything the warehouse says about one document."""

    persons: list[PredictedPerson] = field(default_factory=list)
    countries: list[tuple[str, str | None]] = field(default_factory=list)  # (canonical_name, iso3)
    organizations: list[str] = field(default_factory=list)
    interactions: list[PredictedInteraction] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    quantities: list[tuple[str, str | None, float | None]] = field(default_factory=list)  # kind, text, value
    milestones: list[tuple[str | None, date | None]] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentRow:
    doc_id: str | None
    source_path: str
    status: str | None
    published_date: date | None
    outlet: str | None


_STATUS_PREFERENCE = {"ok": 0, "duplicate": 1}


def file_name(source_path: str) -> str:
    return PurePosixPath(source_path.replace("\\", "/")).name


class WarehouseReader:
    """Reads the public core tables of a DuckDB file opened read-only."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn
        self._tables = {
            f"{schema}.{name}"
            for schema, name in conn.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        }

    def has(self, table: str) -> bool:
        return table in self._tables

    def columns(self, schema: str, table: str) -> set[str]:
        return {row[0] for row in self.conn.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
            [schema, table]).fetchall()}

    def rows(self, sql: str, table: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.conn.execute(sql, list(params)).fetchall() if self.has(table) else []

    def documents_by_file(self) -> dict[str, DocumentRow]:
        """The row of each file name; when several folders hold the same name, 'ok' rows win."""
        rows = self.rows(
            "select doc_id, source_path, status, published_date, outlet from core.documents", "core.documents"
        )
        chosen: dict[str, DocumentRow] = {}
        for row in sorted(rows, key=lambda r: (_STATUS_PREFERENCE.get(r[2], 2), r[1])):
            chosen.setdefault(file_name(row[1]), DocumentRow(*row))
        return chosen

    def country_table(self) -> list[tuple[str, str]]:
        return self.rows("select iso3, name from ref.countries", "ref.countries")

    def predictions(self, doc_ids: Sequence[str]) -> dict[str, PredictedDocument]:
        ids = list(dict.fromkeys(doc_ids))
        out: dict[str, PredictedDocument] = {doc_id: PredictedDocument() for doc_id in ids}
        if not ids:
            return out
        entities = {
            r[0]: r[1:]
            for r in self.rows(
                "select entity_id, canonical_name, entity_type, country_code from core.entities",
                "core.entities",
            )
        }
        mentioned: dict[str, list[str]] = defaultdict(list)
        for doc_id, entity_id in self.rows(
            "select distinct doc_id, entity_id from core.mentions where list_contains(?, doc_id) "
            "order by doc_id, entity_id",
            "core.mentions",
            [ids],
        ):
            mentioned[doc_id].append(entity_id)
        roles: dict[tuple[str, str], list[tuple[str | None, str | None]]] = defaultdict(list)
        # The staging model completes what a document leaves out from the rest of the corpus.
        roles_table = "staging.stg_person_roles" if self.has("staging.stg_person_roles") else "core.person_roles"
        for doc_id, entity_id, title, country in self.rows(
            f"select doc_id, entity_id, title, country_code from {roles_table} "
            "where list_contains(?, doc_id) order by sentence_index nulls last",
            roles_table,
            [ids],
        ):
            roles[(doc_id, entity_id)].append((title, country))

        for doc_id in ids:
            predicted = out[doc_id]
            for entity_id in mentioned.get(doc_id, []):
                if entity_id not in entities:
                    continue
                name, entity_type, country_code = entities[entity_id]
                if entity_type == "person":
                    stated = roles.get((doc_id, entity_id), [])
                    predicted.persons.append(
                        PredictedPerson(
                            name=name,
                            country_code=_first(c for _, c in stated) or country_code,
                            title=_first(t for t, _ in stated),
                        )
                    )
                elif entity_type == "country":
                    predicted.countries.append((name, country_code))
                elif entity_type == "organization":
                    predicted.organizations.append(name)

        columns = self.columns("core", "interactions")
        optional = {name: name if name in columns else "null" for name in
                    ("date_precision", "is_planned", "source_country", "target_country", "quad_class")}
        for (doc_id, participant_ids, event_date, precision, country_codes, event_code, sentence, planned, source,
             target, quad) in self.rows(
            f"""select doc_id, participant_ids, event_date, {optional['date_precision']}, country_codes, event_code,
                      sentence,
                      {optional['is_planned']}, {optional['source_country']}, {optional['target_country']},
                      {optional['quad_class']}
               from core.interactions
               where list_contains(?, doc_id) order by sentence_index nulls last, interaction_id""",
            "core.interactions",
            [ids],
        ):
            names = tuple(entities[i][0] if i in entities else i for i in (participant_ids or []))
            if source is None and "source_country" not in columns and len(country_codes or []) == 2:
                # A warehouse from before directed events: the pair, in the stored order.
                source, target = country_codes
            out[doc_id].interactions.append(PredictedInteraction(
                names, event_date, bool(planned), source, target, event_code,
                quad or quad_class_of(event_code), sentence, date_precision=precision))
        for doc_id, topic in self.rows(
            "select distinct doc_id, topic from core.document_topics where list_contains(?, doc_id) order by topic",
            "core.document_topics",
            [ids],
        ):
            out[doc_id].topics.append(topic)
        for doc_id, kind, text, value in self.rows(
            "select doc_id, kind, text, value from core.quantities where list_contains(?, doc_id) "
            "order by sentence_index nulls last, quantity_id",
            "core.quantities",
            [ids],
        ):
            out[doc_id].quantities.append((kind, text, value))
        for doc_id, level, milestone_date in self.rows(
            "select doc_id, level, milestone_date from core.milestones where list_contains(?, doc_id) "
            "order by sentence_index nulls last, milestone_id",
            "core.milestones",
            [ids],
        ):
            out[doc_id].milestones.append((level, milestone_date))
        return out


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


# ---------------------------------------------------------------------------------------------
# Per-document scoring


@dataclass
class DocumentScorer:
    countries: CountryResolver
    organizations: OrganizationMatcher

    def score(self, gold: GoldDocument, row: DocumentRow | None, predicted: PredictedDocument) -> dict[str, Comparison]:
        metrics: dict[str, Comparison] = {}
        if gold.persons is not None:
            metrics |= self.persons(gold.persons, predicted.persons)
        if gold.countries is not None:
            metrics["countries"] = self.country_set(gold.countries, predicted.countries)
        if gold.organizations is not None:
            metrics["organizations"] = compare_sets(
                _unique(gold.organizations, normalise_org),
                _unique(predicted.organizations, normalise_org),
                self.organizations.score,
            )[0]
        if gold.meetings is not None:
            metrics |= self.meetings(gold.meetings, predicted.interactions)
            if gold.kind == "negative":
                metrics["false_interactions"] = self.false_interactions(gold.meetings, predicted.interactions)
        if gold.events is not None:
            metrics |= self.events(gold.events, predicted.interactions)
        if gold.has_published_date:
            metrics["published_dates"] = self.published_date(gold, row)
        if gold.has_outlet:
            metrics["outlets"] = self.outlet(gold, row)
        if gold.topics is not None:
            predicted_topics = _unique([t.strip().casefold() for t in predicted.topics], str)
            metrics["topics"] = compare_sets(_unique(gold.topics, str), predicted_topics, _equal_score)[0]
        for metric, kind, gold_items in (("money", "money", gold.money), ("percents", "percent", gold.percents)):
            if gold_items is not None:
                metrics[metric] = self.quantity_set(gold_items, predicted.quantities, kind)
        if gold.milestones is not None:
            metrics["milestones"] = self.milestone_set(gold.milestones, predicted.milestones)
        return metrics

    def persons(self, gold: list[GoldPerson], predicted: list[PredictedPerson]) -> dict[str, Comparison]:
        gold_people = _unique(gold, lambda p: name_key(p.name))
        predicted_people = _unique(predicted, lambda p: name_key(p.name))
        persons, pairs = compare_sets(
            gold_people,
            predicted_people,
            lambda g, p: _equal_score(name_key(g.name), name_key(p.name)),
            show=lambda person: person.name,
        )
        country, title = AccuracyComparison(), AccuracyComparison()
        by_basis = {basis: AccuracyComparison() for basis in ("stated", "implied", "known")}
        for gi, pi in pairs:
            g, p = gold_people[gi], predicted_people[pi]
            if g.has_country:
                gold_key = self.countries.key(g.country)
                predicted_key = self.countries.code_key(p.country_code)
                shown = self.countries.display(predicted_key)
                country.record(gold_key == predicted_key, g.name, g.country, shown)
                if g.country_basis in by_basis:
                    by_basis[g.country_basis].record(gold_key == predicted_key, g.name, g.country, shown)
            if g.title:
                title.record(titles_match(g.title, p.title), g.name, g.title, p.title)
        return {"persons": persons, "person_country": country, "person_title": title,
                **{f"person_country_{basis}": result for basis, result in by_basis.items() if result.total}}

    def country_set(self, gold: list[str], predicted: list[tuple[str, str | None]]) -> SetComparison:
        gold_keyed = _unique([(self.countries.key(name), name) for name in gold], lambda item: item[0])
        predicted_keyed = _unique(
            [(self.countries.code_key(code) or self.countries.key(name), name) for name, code in predicted],
            lambda item: item[0],
        )
        return compare_sets(
            gold_keyed, predicted_keyed, lambda g, p: _equal_score(g[0], p[0]), show=lambda item: item[1]
        )[0]

    def meetings(
        self, gold: list[GoldMeeting], predicted: list[PredictedInteraction]
    ) -> dict[str, Comparison]:
        def participant_key(names: Iterable[str]) -> tuple[tuple[str, ...], ...]:
            return tuple(sorted({name_key(n) for n in names}))

        # Several interactions between the same people in one article count as one predicted meeting;
        # their dates are pooled.
        dates_by_set: dict[tuple, list[date | None]] = {}
        names_by_set: dict[tuple, tuple[str, ...]] = {}
        planned_by_set: dict[tuple, list[bool]] = {}
        for interaction in predicted:
            if not interaction.participants:
                continue  # a state-level interaction names nobody to compare
            key = participant_key(interaction.participants)
            # a date coarser than a day fixes no day: for the scorer it is no date
            day = interaction.event_date if interaction.date_precision in (None, "day") else None
            dates_by_set.setdefault(key, []).append(day)
            planned_by_set.setdefault(key, []).append(interaction.planned)
            names_by_set.setdefault(key, tuple(sorted(set(interaction.participants))))
        predicted_sets = list(dates_by_set)

        def show_set(names: Iterable[str]) -> str:
            return " + ".join(names)

        meetings, pairs = compare_sets(
            [participant_key(m.participants) for m in gold],
            predicted_sets,
            _equal_score,
        )
        meetings.matched = [[show_set(gold[g].participants), show_set(names_by_set[predicted_sets[p]])] for g, p in pairs]
        matched_gold = {g for g, _ in pairs}
        matched_pred = {p for _, p in pairs}
        meetings.false_negatives = [show_set(m.participants) for i, m in enumerate(gold) if i not in matched_gold]
        meetings.false_positives = [
            show_set(names_by_set[key]) for i, key in enumerate(predicted_sets) if i not in matched_pred
        ]

        planned = AccuracyComparison()
        for gi, pi in pairs:
            meeting = gold[gi]
            if meeting.has_planned:
                flags = planned_by_set[predicted_sets[pi]]
                planned.record(meeting.planned in flags, show_set(meeting.participants), meeting.planned, flags)
        dates = AccuracyComparison()
        for gi, pi in pairs:
            meeting = gold[gi]
            if not meeting.has_date:
                continue
            candidates = dates_by_set[predicted_sets[pi]]
            correct = any(date_matches(meeting.date, d) for d in candidates)
            dates.record(
                correct,
                show_set(meeting.participants),
                None if meeting.date is None else str(meeting.date),
                sorted({_jsonable(d) for d in candidates}, key=lambda v: (v is not None, v or "")),
            )
        return {"meetings": meetings, "meeting_dates": dates, "meeting_planned": planned}

    def false_interactions(self, gold: list[GoldMeeting], predicted: list[PredictedInteraction]) -> RateComparison:
        """Interactions found in an article that reports no act between states: every row whose
        participants are not those of a gold meeting (a domestic meeting the gold lists is real)."""
        real = {tuple(sorted({name_key(n) for n in m.participants})) for m in gold}
        false = [i for i in predicted if tuple(sorted({name_key(n) for n in i.participants})) not in real]
        return RateComparison(count=len(false), documents=1,
                              items=[i.sentence or " + ".join(i.participants) for i in false])

    def actor_key(self, name: str | None) -> str | None:
        """A state's ISO3 code, else an international organisation's canonical form ("EU" and
        "European Union" alike), else the normalised name."""
        if not name:
            return None
        if len(name) == 3 and name.isalpha() and name.isupper():
            return name
        canonical = self.organizations._canonical(name)
        if canonical is not None:
            return f"org:{canonical}"
        key = self.countries.key(name)
        return key if key is not None and not key.startswith("name:") else f"org:{normalise_org(name)}"

    def events(self, gold: list[GoldEvent], predicted: list[PredictedInteraction]) -> dict[str, Comparison]:
        """Directed events matched one-to-one on the unordered pair of actors; the same quad class,
        direction and sentence decide between candidates. Direction and quad class are then scored
        on the matched pairs, and recall and precision per quad class."""
        found = [i for i in predicted if i.source and i.target]
        gold_keys = [(self.actor_key(e.source), self.actor_key(e.target)) for e in gold]
        found_keys = [(self.actor_key(i.source), self.actor_key(i.target)) for i in found]

        def score(gi: int, pi: int) -> float:
            g, p = gold_keys[gi], found_keys[pi]
            if {*g} != {*p} or len({*g}) < 2:
                return 0.0
            event, interaction = gold[gi], found[pi]
            value = 1.0
            value += 0.4 if event.quad_class == interaction.quad_class else 0.0
            value += 0.2 if g == p else 0.0
            value += 0.1 if (event.cameo or "")[:2] == (interaction.event_code or "")[:2] else 0.0
            if event.evidence and interaction.sentence and normalise_name(event.evidence)[:40] in normalise_name(interaction.sentence):
                value += 0.3
            return value

        def show_gold(gi: int) -> str:
            e = gold[gi]
            return f"{e.source} -> {e.target} {e.cameo} ({e.quad_class})"

        def show_found(pi: int) -> str:
            i = found[pi]
            return f"{i.source} -> {i.target} {i.event_code} ({i.quad_class})"

        events, pairs = compare_sets(range(len(gold)), range(len(found)), score, show=lambda x: str(x))
        events.matched = [[show_gold(g), show_found(p)] for g, p in pairs]
        matched_gold, matched_found = {g for g, _ in pairs}, {p for _, p in pairs}
        events.false_negatives = [show_gold(g) for g in range(len(gold)) if g not in matched_gold]
        events.false_positives = [show_found(p) for p in range(len(found)) if p not in matched_found]
        direction, quad = AccuracyComparison(), AccuracyComparison()
        for g, p in pairs:
            direction.record(gold_keys[g] == found_keys[p], show_gold(g), gold_keys[g], found_keys[p])
            quad.record(gold[g].quad_class == found[p].quad_class, show_gold(g), gold[g].quad_class,
                        found[p].quad_class)
        out: dict[str, Comparison] = {"events": events, "event_direction": direction, "event_quad": quad}

        def restricted(keep: Callable[[str | None], bool]) -> SetComparison:
            result = SetComparison(
                tp=sum(1 for g, p in pairs if keep(gold[g].quad_class) and keep(found[p].quad_class)),
            )
            result.fn = sum(1 for e in gold if keep(e.quad_class)) - result.tp
            result.fp = sum(1 for i in found if keep(i.quad_class)) - result.tp
            return result

        for name in QUAD_CLASSES:
            out[f"events_{name}"] = restricted(lambda q, name=name: q == name)
        out["conflict_events"] = restricted(is_conflict)
        return out

    def published_date(self, gold: GoldDocument, row: DocumentRow | None) -> AccuracyComparison:
        predicted = row.published_date if row is not None else None
        accepted = {gold.published_date, *gold.published_date_acceptable}
        result = AccuracyComparison()
        result.record(row is not None and predicted in accepted, gold.file, gold.published_date, predicted)
        return result

    def outlet(self, gold: GoldDocument, row: DocumentRow | None) -> AccuracyComparison:
        predicted = row.outlet if row is not None else None
        gold_form = _outlet_form(gold.outlet)
        predicted_form = _outlet_form(predicted)
        result = AccuracyComparison()
        result.record(row is not None and gold_form == predicted_form, gold.file, gold.outlet, predicted)
        return result

    def quantity_set(
        self, gold: list[str], predicted: list[tuple[str, str | None, float | None]], kind: str
    ) -> SetComparison:
        of_kind = [(text, value) for k, text, value in predicted if k == kind]
        return compare_sets(
            gold,
            of_kind,
            lambda g, p: 1.0 if quantities_match(g, p[0], p[1], kind) else 0.0,
            show=lambda item: item if isinstance(item, str) else (item[0] or str(item[1])),
        )[0]

    def milestone_set(
        self, gold: list[GoldMilestone], predicted: list[tuple[str | None, date | None]]
    ) -> SetComparison:
        def score(g: GoldMilestone, p: tuple[str | None, date | None]) -> float:
            same_level = normalise_label(g.level) == normalise_label(p[0])
            return 1.0 if same_level and date_matches(g.date, p[1]) else 0.0

        def show(item: GoldMilestone | tuple) -> str:
            level, when = (item.level, item.date) if isinstance(item, GoldMilestone) else item
            return f"{level or '(no level)'} @ {when or '(no date)'}"

        return compare_sets(gold, predicted, score, show=show)[0]


def _unique(items: Iterable[Any], key: Callable[[Any], Any]) -> list[Any]:
    """First item of each key, in input order."""
    seen: dict[Any, Any] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


# ---------------------------------------------------------------------------------------------
# Public API


def _nlp_doc_id(row: DocumentRow | None) -> str | None:
    """Only 'ok' rows own NLP rows; a 'duplicate' shares its twin's doc_id and so its rows.
    A rejected file has none, even if stale rows with its id were left behind."""
    if row is None or row.status not in _STATUS_PREFERENCE:
        return None
    return row.doc_id


def score_warehouse(warehouse_path: Path, gold_path: Path) -> EvaluationReport:
    """Scores the warehouse's public tables against the gold file (see docs/gold-format.md)."""
    gold_documents = load_gold(Path(gold_path))
    warehouse_path = Path(warehouse_path)
    if not warehouse_path.exists():
        raise FileNotFoundError(f"warehouse not found: {warehouse_path}")
    conn = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        reader = WarehouseReader(conn)
        rows = reader.documents_by_file()
        country_rows = reader.country_table()
        wanted = [doc_id for g in gold_documents if (doc_id := _nlp_doc_id(rows.get(g.file)))]
        predictions = reader.predictions(wanted)
    finally:
        conn.close()

    scorer = DocumentScorer(CountryResolver(country_rows), OrganizationMatcher())
    totals: dict[str, Comparison] = {name: empty_comparison(name) for name in METRIC_ORDER}
    results: list[DocumentResult] = []
    for gold in gold_documents:
        row = rows.get(gold.file)
        metrics = scorer.score(gold, row, predictions.get(_nlp_doc_id(row)) or PredictedDocument())
        for name, comparison in metrics.items():
            totals[name].add(comparison)  # type: ignore[arg-type]
        results.append(
            DocumentResult(
                file=gold.file,
                source_path=row.source_path if row else None,
                doc_id=row.doc_id if row else None,
                status=(row.status or "unknown") if row else "missing",
                metrics=metrics,
            )
        )
    return EvaluationReport(str(gold_path), str(warehouse_path), totals, results)


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


# Rows shown even when the gold file annotates nothing of the kind (the metrics of the first release).
ALWAYS_SHOWN = frozenset({"persons", "person_country", "person_title", "countries", "organizations", "meetings",
                          "meeting_dates", "published_dates", "outlets", "topics", "money", "percents", "milestones"})


def format_report(report: EvaluationReport) -> str:
    """A plain-text table: metric, precision, recall, F1, accuracy and the counts behind them."""
    header = ("metric", "precision", "recall", "f1", "accuracy", "counts")
    lines: list[tuple[str, ...]] = [header]
    for name in METRIC_ORDER:
        metric = report.metrics[name]
        if isinstance(metric, SetComparison):
            if name not in ALWAYS_SHOWN and not (metric.tp or metric.fp or metric.fn):
                continue
            counts = f"tp={metric.tp} fp={metric.fp} fn={metric.fn}"
            lines.append((name, _cell(metric.precision), _cell(metric.recall), _cell(metric.f1), "-", counts))
        elif isinstance(metric, RateComparison):
            if not metric.documents:
                continue
            per_100 = "-" if metric.per_100 is None else f"{metric.per_100:.1f}"
            lines.append((name, "-", "-", "-", "-", f"{metric.count} in {metric.documents} documents "
                          f"= {per_100} per 100"))
        else:
            if name not in ALWAYS_SHOWN and not metric.total:
                continue
            counts = f"correct={metric.correct} total={metric.total}"
            lines.append((name, "-", "-", "-", _cell(metric.accuracy), counts))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    rendered = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip() for line in lines]
    rendered.insert(1, "  ".join("-" * w for w in widths))
    statuses = defaultdict(int)
    for document in report.documents:
        statuses[document.status] += 1
    summary = ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))
    rendered.append("")
    rendered.append(f"documents: {len(report.documents)} in gold ({summary})")
    if report.missing_files:
        rendered.append("not in the warehouse: " + ", ".join(report.missing_files))
    return "\n".join(rendered)


def _default_out_path() -> Path:
    from pipeline.settings import resolve_path

    return resolve_path("data/evaluation.json")


def summary_cell(metric: Comparison) -> str:
    """One figure per metric for the side-by-side table: F1, accuracy or the rate per 100 documents."""
    if isinstance(metric, SetComparison):
        return "-" if not (metric.tp or metric.fp or metric.fn) else (
            f"{_cell(metric.f1)} (P {_cell(metric.precision)} R {_cell(metric.recall)})")
    if isinstance(metric, RateComparison):
        return "-" if metric.per_100 is None else f"{metric.per_100:.1f} / 100 docs"
    return "-" if not metric.total else f"{_cell(metric.accuracy)} ({metric.correct}/{metric.total})"


def format_summary(reports: dict[str, EvaluationReport]) -> str:
    """Every evaluation set side by side: F1 with precision and recall, accuracy, or a rate."""
    names = list(reports)
    lines = [("metric", *names)]
    for metric in METRIC_ORDER:
        cells = [summary_cell(reports[name].metrics[metric]) for name in names]
        if any(cell != "-" for cell in cells):
            lines.append((metric, *cells))
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    rendered = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip() for line in lines]
    rendered.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(rendered)


@dataclass(frozen=True)
class EvaluationSet:
    name: str
    inbox: Path
    gold: Path

    @classmethod
    def parse(cls, text: str) -> EvaluationSet:
        """NAME=INBOX:GOLD"""
        name, _, paths = text.partition("=")
        inbox, _, gold = paths.partition(":")
        if not (name and inbox and gold):
            raise argparse.ArgumentTypeError(f"expected NAME=INBOX:GOLD, got {text!r}")
        return cls(name, Path(inbox), Path(gold))


def evaluate_sets(sets: Sequence[EvaluationSet], out_dir: Path) -> dict[str, EvaluationReport]:
    """Run the pipeline on each set's articles into its own warehouse, then score it."""
    from pipeline.runner import run_pipeline
    from pipeline.settings import resolve_path

    reports = {}
    for evaluation_set in sets:
        warehouse = resolve_path(out_dir) / evaluation_set.name / "warehouse.duckdb"
        run_pipeline(inbox_dir=resolve_path(evaluation_set.inbox), warehouse_path=warehouse)
        report = score_warehouse(warehouse, resolve_path(evaluation_set.gold))
        (warehouse.parent / "evaluation.json").write_text(report.to_json() + "\n", encoding="utf-8")
        reports[evaluation_set.name] = report
    return reports


def main(argv: Sequence[str] | None = None) -> int:
    from pipeline.settings import resolve_path, setting

    parser = argparse.ArgumentParser(
        prog="python -m pipeline.evaluate", description="Score the warehouse against a gold file."
    )
    parser.add_argument("--gold", type=Path, help="gold annotations (docs/gold-format.md)")
    parser.add_argument("--inbox", type=Path, help="articles to run the pipeline on (default $PIPELINE_INBOX_DIR)")
    parser.add_argument("--warehouse", type=Path, help="DuckDB file (default $PIPELINE_WAREHOUSE_PATH)")
    parser.add_argument("--out", type=Path, help="where to write the JSON results (default data/evaluation.json)")
    parser.add_argument("--skip-run", action="store_true", help="score the warehouse as it is")
    parser.add_argument("--set", dest="sets", action="append", type=EvaluationSet.parse, default=[],
                        metavar="NAME=INBOX:GOLD",
                        help="an evaluation set (repeatable): each runs into <out-dir>/NAME/ and is scored")
    parser.add_argument("--out-dir", type=Path, default=Path("data/evaluation"),
                        help="folder of the sets' warehouses and results (default data/evaluation)")
    args = parser.parse_args(argv)

    if args.sets:
        reports = evaluate_sets(args.sets, args.out_dir)
        for name, report in reports.items():
            print(f"\n== {name} ({report.gold_path})\n{format_report(report)}")
        print(f"\n== all sets (F1 with precision and recall; accuracy; rate)\n{format_summary(reports)}")
        print(f"\nper-document results in {resolve_path(args.out_dir)}/<set>/evaluation.json")
        return 0
    if args.gold is None:
        parser.error("give --gold, or one or more --set")

    warehouse = resolve_path(args.warehouse or setting("PIPELINE_WAREHOUSE_PATH"))
    if not args.skip_run:
        try:
            from pipeline.runner import run_pipeline  # heavy (Dagster, spaCy): only when a run is asked for
        except ModuleNotFoundError as error:
            if error.name != "pipeline.runner":
                raise
            print("pipeline.runner is not available; score an existing warehouse with --skip-run", file=sys.stderr)
            return 2

        inbox = resolve_path(args.inbox or setting("PIPELINE_INBOX_DIR"))
        run_pipeline(inbox_dir=inbox, warehouse_path=warehouse)
    if not args.gold.exists():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 2
    if not warehouse.exists():
        print(f"warehouse not found: {warehouse}", file=sys.stderr)
        return 2

    report = score_warehouse(warehouse, args.gold)
    print(format_report(report))
    out = args.out if args.out is not None else _default_out_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report.to_json() + "\n", encoding="utf-8")
    print(f"\nresults written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
