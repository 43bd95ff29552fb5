"""Money amounts and percentages, with what they measure and the period they refer to.

Amounts are found with patterns over the text (symbols, ISO codes and currency words around a
number and a scale word) and completed by the model's MONEY/PERCENT entities. What an amount
measures and when is read from its own stretch of the sentence: the words between the previous
and the next quantity, so that "a 20 percent increase in trade last year, reaching $3.7 billion,
and a 40 percent growth in the first quarter" gives each number its own context.

Numbers are read in digits ("3.7 billion") or in words ("two point five billion", "forty-one
percent").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from pipeline.nlp.dates import find_date_expressions, format_date
from pipeline.reference import Reference

# ------------------------------------------------------------------------------------------
# Units

_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₼": "AZN", "₽": "RUB",
            "₹": "INR", "₸": "KZT", "₺": "TRY", "₩": "KRW", "₦": "NGN", "₱": "PHP", "₪": "ILS", "₫": "VND",
            "฿": "THB", "₴": "UAH", "₾": "GEL", "₵": "GHS", "৳": "BDT",
            # the dollars (and a few others) of other states, written before the number
            "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD",
            "NT$": "TWD", "MX$": "MXN", "R$": "BRL", "E£": "EGP", "KSh": "KES", "Rp": "IDR", "RM": "MYR",
            # rupees written "Rs" (India's in most English news, as the bare word "rupees" here)
            "Rs": "INR", "Rs.": "INR", "₨": "INR"}
_SYMBOL_UNITS = {symbol.lower(): code for symbol, code in _SYMBOLS.items()}
_JAPAN = re.compile(r"\b(?:Japan|Japanese|Tokyo|yen)\b")
_CHINA = re.compile(r"\b(?:China|Chinese|Beijing|yuan|renminbi|RMB)\b")
# The common currency codes; the rest of ISO 4217 comes from pycountry (`currency_table`), and those
# are read only with a scale word or a number of four digits (many are acronyms too: COP, PHP, CAD).
_CODES = ("USD", "EUR", "AZN", "CNY", "RMB", "GBP", "JPY", "RUB", "KZT", "INR", "TRY", "UZS",
          "KGS", "TJS", "TMT", "GEL", "AMD", "BYN", "UAH", "KRW", "AED", "SAR", "CHF")
_CURRENCY_WORDS = {
    r"u\.?s\.?\s+dollars?": "USD", r"american\s+dollars?": "USD", r"dollars?": "USD",
    r"euros?": "EUR", r"manats?": "AZN", r"yuan": "CNY", r"renminbi": "CNY",
    r"roubles?|rubles?": "RUB", r"tenge": "KZT", r"(?:british\s+)?pounds?(?:\s+sterling)?": "GBP",
    r"(?:turkish\s+)?liras?": "TRY", r"rupees?": "INR", r"yen": "JPY", r"won": "KRW",
    r"soums?|sums?": "UZS", r"soms?": "KGS", r"somoni": "TJS", r"lari": "GEL", r"drams?": "AMD",
    r"hryvnias?": "UAH", r"dirhams?": "AED", r"riyals?": "SAR", r"francs?": "CHF",
}
# Entries of ISO 4217 that are funds, units of account, metals or test codes, not money in a story.
_NOT_MONEY = frozenset({
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "VED", "XAD", "XAG", "XAU", "XBA",
    "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX", "ZWG",
})
# Currency names that are also common English words: read only with their state ("Brazilian real").
_AMBIGUOUS_UNITS = frozenset({"real", "mark", "sol", "colon", "som", "sum", "kip", "leone"})
_IRREGULAR_PLURALS = {"real": "reais", "sheqel": "shekels?|sheqels?"}
# Last words of ISO 4217 names that follow the unit ("Peso Uruguayo", "CFA Franc BCEAO")
_NAME_AFTER_UNIT = frozenset({"oro", "soberano", "uruguayo", "bceao", "beac"})
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    # South Asian numbering: a lakh is 100,000, a crore 10 million
    "lakh": 1e5, "crore": 1e7, "lakh crore": 1e12,
}

_APPROX = (
    r"(?:(?:almost|nearly|about|around|approximately|roughly|over|more\s+than|less\s+than|under|"
    r"some|up\s+to|at\s+least|close\s+to|above|below|exceeding|just\s+over|just\s+under)\s+)?"
)
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = (r"(?:\s*(?P<scale>lakh\s+crore|crore|lakh|thousand|million|billion|trillion|mln|bln|mn|bn|trn|tn|"
          r"[mbk])\b)?")
# every symbol of _SYMBOLS, the longest first ("US$" before "$", "Rs." before "Rs")
_SYMBOL = "(?P<symbol>" + "|".join(re.escape(symbol) for symbol in sorted(_SYMBOLS, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class CurrencyTable:
    """The money patterns and the currency words they read, for one reference's states."""

    patterns: tuple[re.Pattern[str], ...]
    words: tuple[tuple[re.Pattern[str], str], ...]  # (whole-word pattern, ISO code), most specific first
    any_word: re.Pattern[str]  # a currency word anywhere in a text

    def unit_of_word(self, word: str) -> str:
        """The code of a currency word; a state's name before a unit only one state has is skipped."""
        parts = word.split()
        for first in range(len(parts)):
            phrase = " ".join(parts[first:])
            code = next((code for pattern, code in self.words if pattern.fullmatch(phrase)), None)
            if code is not None:
                return code
        return "USD"


def _iso_currencies() -> list[tuple[str, str]]:
    """(ISO 4217 code, name) of every currency pycountry knows that is money."""
    import pycountry

    return [(c.alpha_3, c.name) for c in pycountry.currencies if c.alpha_3 not in _NOT_MONEY]


def _country_forms(reference: Reference) -> dict[str, set[str]]:
    """Every lower-case name and demonym of a state -> all of that state's names and demonyms."""
    forms_of: dict[str, set[str]] = {}
    for country in reference.countries:
        forms = {form.lower() for form in (*country.names, *country.demonyms) if form}
        for form in forms:
            forms_of.setdefault(form, set()).update(forms)
    return forms_of


def _words_pattern(forms) -> str:
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in sorted(forms, key=len, reverse=True))


def _national_currency_words(currencies: list[tuple[str, str]],
                             forms_of: dict[str, set[str]]) -> tuple[dict[str, str], dict[str, str]]:
    """Currency words from ISO 4217's names, as stories write them: ({pattern: code} of a state's
    name or demonym before the unit, "Kenyan shillings", "Pakistani rupees"; {pattern: code} of the
    units only one currency has, "naira", "zlotys", "baht")."""
    qualified: dict[str, str] = {}
    units: dict[str, set[str]] = {}
    for code, name in currencies:
        words = name.lower().replace("new ", "").split()
        if not words or not all(word.isalpha() for word in words):
            continue  # "Pa'anga": not a word the patterns read
        unit, qualifier = words[-1], " ".join(words[:-1])
        if unit in forms_of or unit in _NAME_AFTER_UNIT:
            continue  # "Rial Omani", "Cordoba Oro": the unit comes first, and alone it is ambiguous
        units.setdefault(unit, set()).add(code)
        if qualifier and forms_of.get(qualifier):  # "Pound Sterling", "Rial Omani" name no state first
            qualified[rf"(?:{_words_pattern(forms_of[qualifier])})\s+{_unit_pattern(unit)}"] = code
    bare = {}
    for unit, codes in units.items():
        if len(codes) != 1:
            continue  # "shillings", "pesos", "dinars": whose is not said
        if unit not in _AMBIGUOUS_UNITS:
            bare[_unit_pattern(unit)] = next(iter(codes))
        elif unit in _IRREGULAR_PLURALS:
            bare[_IRREGULAR_PLURALS[unit]] = next(iter(codes))  # "reais", not "real"
    return qualified, bare


def _unit_pattern(unit: str) -> str:
    return f"(?:{_IRREGULAR_PLURALS.get(unit, re.escape(unit) + 's?')}|{re.escape(unit)})"


_CURRENCY_TABLES: dict[str, CurrencyTable] = {}


def currency_table(reference: Reference) -> CurrencyTable:
    """The money patterns for `reference`'s states, built once per reference."""
    key = reference.fingerprint()
    if key not in _CURRENCY_TABLES:
        currencies, forms_of = _iso_currencies(), _country_forms(reference)
        qualified, bare = _national_currency_words(currencies, forms_of)
        # "South African rand", "Indonesian rupiah": a unit only one state has may follow any state's name
        any_state = _words_pattern(forms_of)
        words = {**qualified, **_CURRENCY_WORDS, **bare}
        alternatives = [*sorted(qualified, key=len, reverse=True), *_CURRENCY_WORDS,
                        rf"(?:(?:{any_state})\s+)?(?:{'|'.join(sorted(bare, key=len, reverse=True))})"]
        codes = sorted({*_CODES, *(code for code, _ in currencies)}, key=len, reverse=True)
        code = rf"(?P<code>{'|'.join(codes)})"
        word = rf"(?P<word>{'|'.join(alternatives)})"
        patterns = (
            re.compile(rf"(?<![\w.]){_APPROX}{_SYMBOL}\s?{_NUMBER}{_SCALE}", re.IGNORECASE),
            re.compile(rf"(?<![\w.]){_APPROX}{code}\s?{_NUMBER}{_SCALE}"),
            re.compile(rf"(?<![\w.]){_APPROX}{_NUMBER}{_SCALE}\s*{code}\b"),
            re.compile(rf"(?<![\w.]){_APPROX}{_NUMBER}{_SCALE}\s+{word}\b", re.IGNORECASE),
        )
        _CURRENCY_TABLES[key] = CurrencyTable(
            patterns, tuple((re.compile(pattern, re.IGNORECASE), unit) for pattern, unit in words.items()),
            re.compile(rf"\b{word}\b", re.IGNORECASE))
    return _CURRENCY_TABLES[key]

_PERCENT_PATTERN = re.compile(
    rf"(?<![\w.]){_APPROX}{_NUMBER}\s*(?:%|percent\b|per\s+cent\b|pct\b)", re.IGNORECASE
)

# Amounts written in words ("eight billion dollars", "two point five billion euros", "forty-one
# percent"), as broadcast scripts and many features write them. Only currency words that are not
# also common English words follow a number in words: "the two won", "three pounds of rice" are no money.
_UNIT_WORDS = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS_WORDS = {word: 10 * value for value, word in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_WORD_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_COUNTING = "|".join(sorted([*_UNIT_WORDS, *_TENS_WORDS], key=len, reverse=True))
_SCALE_WORD = "|".join(_WORD_SCALES)
_IN_WORDS = (
    rf"(?P<words>(?:(?:{_COUNTING})\b|an?(?=\s+(?:{_SCALE_WORD})\b))"
    rf"(?:(?:\s+and)?[\s-]+(?:(?:{_COUNTING}|{_SCALE_WORD}|point|half)\b|(?:one|a)-half\b))*)"
)
_WORD_CURRENCIES = {
    r"(?:u\.?s\.?\s+|american\s+)?dollars?": "USD", r"euros?": "EUR", r"yuan": "CNY", r"renminbi": "CNY",
    r"roubles?|rubles?": "RUB", r"rupees?": "INR", r"yen": "JPY", r"manats?": "AZN", r"tenge": "KZT",
    r"hryvnias?": "UAH", r"dirhams?": "AED", r"riyals?": "SAR", r"(?:swiss\s+)?francs?": "CHF",
}
# Every currency word above holds one of these: sentences without any skip the patterns (most do).
_WORD_CURRENCY_STEMS = ("dollar", "euro", "yuan", "renminbi", "rouble", "ruble", "rupee", "yen", "manat", "tenge",
                        "hryvnia", "dirham", "riyal", "franc")
_MONEY_IN_WORDS = re.compile(
    rf"(?<![\w-]){_APPROX}{_IN_WORDS}\s+(?P<currency>{'|'.join(_WORD_CURRENCIES)})\b", re.IGNORECASE
)
_PERCENT_IN_WORDS = re.compile(rf"(?<![\w-]){_APPROX}{_IN_WORDS}[\s-]*(?:percent|per\s+cent)\b", re.IGNORECASE)

# ------------------------------------------------------------------------------------------
# What a number measures: the first rule whose words occur in its context wins.

_TRADE = re.compile(r"\b(?:trade|turnover|exports?|imports?|commerce)\b", re.IGNORECASE)
_GROWTH = re.compile(
    r"\b(?:increase[sd]?|increasing|growth|grew|grow(?:s|ing)?|rise|rose|risen|rising|up\s+by|"
    r"decrease[sd]?|decline[sd]?|declining|fell|fall(?:en|s)?|drop(?:ped|s)?|surge[sd]?|jump(?:ed|s)?|"
    r"boost(?:ed)?|expan(?:ded|sion))\b",
    re.IGNORECASE,
)
_INVESTMENT = re.compile(r"\binvest(?:ment|ments|ed|ing|s)?\b", re.IGNORECASE)
_LOAN = re.compile(r"\b(?:loans?|credit(?:s| line)?|lend(?:ing|s)?|lent|borrow(?:ing|ed)?)\b", re.IGNORECASE)
_AID = re.compile(r"\b(?:aid|grants?|assistance|donat(?:ed|ion|ions)|humanitarian)\b", re.IGNORECASE)

_MEASURE_TOPICS = {"trade_turnover": "trade", "trade_growth": "trade", "investment": "investment",
                   "loan": "finance", "aid": "humanitarian_demining"}

# ------------------------------------------------------------------------------------------
# Periods


_PART_OF_YEAR = re.compile(
    r"\b(?:the\s+)?(?:(?P<first>first|last|past)\s+(?P<count>one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|\d{1,2})\s+months|(?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|"
    r"(?P<half>first|second|1st|2nd)\s+half|Q(?P<q>[1-4])|H(?P<h>[12])|"
    r"(?P<from>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s*[-–]\s*(?P<to>January|February|March|April|May|June|July|August|September|October|November|December))"
    r"(?:\s+(?:of\s+)?(?:(?P<which>this|last|the\s+current|the\s+previous|the\s+past)\s+year|(?P<year>(?:19|20)\d{2})))?",
)
_COUNT_WORDS = {w: i for i, w in enumerate(
    ("zero one two three four five six seven eight nine ten eleven").split())}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_MONTH_NUMBERS = {name: i for i, name in enumerate(
    "January February March April May June July August September October November December".split(), 1)}


def _part_year(m: re.Match[str], published: date | None) -> int | None:
    if m["year"]:
        return int(m["year"])
    if published is None:
        return None
    which = (m["which"] or "this").lower()
    return published.year - (1 if ("last" in which or "previous" in which or "past" in which) else 0)


def _months_period(year: int, first_month: int, last_month: int) -> str:
    quarters = {(1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4", (1, 6): "H1", (7, 12): "H2"}
    if (first_month, last_month) == (1, 12):
        return f"{year}"
    if (first_month, last_month) in quarters:
        return f"{year}-{quarters[(first_month, last_month)]}"
    return f"{year}-{first_month:02d}..{year}-{last_month:02d}"


def _period_of_part(m: re.Match[str], published: date | None) -> str | None:
    if m["first"] and m["first"].lower() != "first":
        return None  # "the past six months" counts back from an unknown day
    year = _part_year(m, published)
    if year is None:
        return None
    if m["count"]:
        count = m["count"].lower()
        months = int(count) if count.isdigit() else _COUNT_WORDS.get(count, 0)
        return _months_period(year, 1, months) if 1 <= months <= 12 else None
    if m["quarter"] or m["q"]:
        quarter = int(m["q"]) if m["q"] else _ORDINALS[m["quarter"].lower()]
        return f"{year}-Q{quarter}"
    if m["half"] or m["h"]:
        half = int(m["h"]) if m["h"] else _ORDINALS[m["half"].lower()]
        return f"{year}-H{half}"
    return _months_period(year, _MONTH_NUMBERS[m["from"]], _MONTH_NUMBERS[m["to"]])


def find_period(context: str, published: date | None) -> str | None:
    """The period a stretch of text refers to: "2025-Q1", "2024", "2024-07", "2025-01..2025-05"."""
    part = _PART_OF_YEAR.search(context)
    if part:
        period = _period_of_part(part, published)
        if period:
            return period
    expressions = find_date_expressions(context, published)
    if not expressions:
        return None
    # Periods of economic figures are years or months; a stray day is reported as its month.
    expression = expressions[0]
    precision = "month" if expression.precision == "day" else expression.precision
    return format_date(expression.date, precision)


# ------------------------------------------------------------------------------------------
# Extraction


@dataclass
class Quantity:
    kind: str               # 'money' | 'percent'
    text: str               # as written, approximator included ("almost 40 percent")
    value: float            # base units for money (3.7e9), the number for percent
    unit: str               # ISO currency code or '%'
    measure: str            # 'trade_turnover' | 'trade_growth' | 'investment' | 'growth' | 'loan' | 'aid' | 'other'
    period: str | None
    topic: str | None
    sentence: str
    sentence_index: int
    start_char: int
    end_char: int


@dataclass(frozen=True)
class _Found:
    kind: str
    start: int
    end: int
    value: float
    unit: str


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _scale(match: re.Match[str]) -> float:
    scale = match["scale"]
    return _SCALES.get(" ".join(scale.lower().split()), 1.0) if scale else 1.0


def words_value(words: str) -> float | None:
    """The number a run of number words names: "two hundred fifteen billion" -> 2.15e11,
    "two point five" -> 2.5, "six thousand million" -> 6e9, "eight and one-half" -> 8.5."""
    total = current = 0.0
    decimals: str | None = None  # the digits read after "point"
    previous = ""
    for word in re.findall(r"[a-z]+", words.lower()):
        if word == "and":
            continue
        if word == "point":
            decimals = ""
        elif decimals is not None and word in _UNIT_WORDS and _UNIT_WORDS[word] < 10:
            decimals += str(_UNIT_WORDS[word])
        elif word == "half":
            # "one-half", "a half": the "one" or "a" just read was the half's, not a unit
            current += 0.5 - (1.0 if previous in ("one", "a", "an") else 0.0)
        elif word in ("a", "an"):
            current += 1.0
        elif word in _UNIT_WORDS or word in _TENS_WORDS:
            if decimals is not None:
                return None  # "point seven twenty" is no number
            current += _UNIT_WORDS.get(word, _TENS_WORDS.get(word, 0))
        elif word in _WORD_SCALES:
            if decimals:
                current += float(f"0.{decimals}")
            decimals = None
            scale = _WORD_SCALES[word]
            if word == "hundred":
                current = (current or 1.0) * scale
            elif current == 0 and total > 0:
                total *= scale  # "four thousand million": the long form of a billion
            else:
                total += (current or 1.0) * scale
                current = 0.0
        else:
            return None
        previous = word
    if decimals:
        current += float(f"0.{decimals}")
    value = total + current
    return value if value > 0 else None


def _currency_of_word(word: str, currencies: dict[str, str]) -> str:
    for pattern, code in currencies.items():
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return code
    return "USD"


def _money_unit(match: re.Match[str], table: CurrencyTable) -> str:
    groups = match.groupdict()
    if groups.get("symbol"):
        return _SYMBOL_UNITS.get(groups["symbol"].lower(), "USD")
    if groups.get("code"):
        return "CNY" if groups["code"] == "RMB" else groups["code"]
    return table.unit_of_word(groups["word"])


def _is_acronym_and_number(match: re.Match[str]) -> bool:
    """A code of ISO 4217 beyond the common ones, with a number below a thousand and no scale word."""
    code = match.groupdict().get("code")
    return bool(code) and code not in _CODES and not match["scale"] and _number(match["number"]) < 1000


def _find_in_text(text: str, table: CurrencyTable) -> list[_Found]:
    found: list[_Found] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < f.end and f.start < end for f in found)

    for pattern in table.patterns:
        for match in pattern.finditer(text):
            if match["scale"] and len(match["scale"]) == 1 and not (match.groupdict().get("symbol") or match.groupdict().get("code")):
                continue  # "5 m dollars" is too ambiguous without a currency sign
            if _is_acronym_and_number(match):
                continue  # "COP29", "PHP 8": an ISO code that is also an acronym, before a small number
            if not overlaps(*match.span()):
                unit = _money_unit(match, table)
                if match.groupdict().get("symbol") == "¥" and _JAPAN.search(text) and not _CHINA.search(text):
                    unit = "JPY"  # "¥" writes the yen and the yuan; the text names whose
                found.append(_Found("money", *match.span(), _number(match["number"]) * _scale(match), unit))
    for match in _PERCENT_PATTERN.finditer(text):
        if not overlaps(*match.span()):
            found.append(_Found("percent", *match.span(), _number(match["number"]), "%"))
    lowered = text.lower()
    if any(stem in lowered for stem in _WORD_CURRENCY_STEMS):
        for match in _MONEY_IN_WORDS.finditer(text):
            value = words_value(match["words"])
            if value is not None and not overlaps(*match.span()):
                currency = _currency_of_word(match["currency"], _WORD_CURRENCIES)
                found.append(_Found("money", *match.span(), value, currency))
    if "cent" in lowered:
        for match in _PERCENT_IN_WORDS.finditer(text):
            value = words_value(match["words"])
            if value is not None and not overlaps(*match.span()):
                found.append(_Found("percent", *match.span(), value, "%"))
    return sorted(found, key=lambda f: f.start)


def _measure(kind: str, context: str) -> str:
    has_trade = bool(_TRADE.search(context))
    has_growth = bool(_GROWTH.search(context))
    if kind == "percent":
        if has_trade and has_growth:
            return "trade_growth"
        if has_growth:
            return "growth"
        if has_trade:
            return "trade_growth" if re.search(r"\b(?:by|up|down)\b", context) else "other"
        return "other"
    if has_trade:
        return "trade_turnover"
    if _INVESTMENT.search(context):
        return "investment"
    if _LOAN.search(context):
        return "loan"
    if _AID.search(context):
        return "aid"
    return "other"


def _keyword_topic(context: str, reference: Reference) -> str | None:
    words = set(re.findall(r"[a-z][a-z-]+", context.lower()))
    for topic, spec in reference.topics.items():
        if any(k in words for k in spec.keywords):
            return topic
    return None


def extract_quantities(doc: Doc, published: date | None, reference: Reference) -> list[Quantity]:
    """Money and percent quantities in reading order, each with its measure, period and topic."""
    quantities: list[Quantity] = []
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    # Read once: `Span.ents` rebuilds every entity of the document on each call.
    figures = [entity for entity in doc.ents if entity.label_ in ("MONEY", "PERCENT")]
    table = currency_table(reference)
    for sentence_index, sentence in enumerate(sentences):
        text = sentence.text
        found = _find_in_text(text, table)
        inside = [e for e in figures if sentence.start <= e.start and e.end <= sentence.end]
        found.extend(_entity_quantities(sentence, inside, found, table))
        found.sort(key=lambda f: f.start)
        for position, item in enumerate(found):
            # The stretch between the neighbouring quantities belongs to this one alone.
            left = found[position - 1].end if position > 0 else 0
            right = found[position + 1].start if position + 1 < len(found) else len(text)
            context = text[left:right]
            measure = _measure(item.kind, context)
            topic = _MEASURE_TOPICS.get(measure)
            if topic is not None and topic not in reference.topics:
                topic = None
            if topic is None and measure == "other":
                topic = _keyword_topic(context, reference)
            quantities.append(
                Quantity(
                    kind=item.kind,
                    text=text[item.start : item.end],
                    value=item.value,
                    unit=item.unit,
                    measure=measure,
                    period=find_period(context, published),
                    topic=topic,
                    sentence=text.strip(),
                    sentence_index=sentence_index,
                    start_char=sentence.start_char + item.start,
                    end_char=sentence.start_char + item.end,
                )
            )
    return quantities


def _entity_quantities(sentence, entities, found: list[_Found], table: CurrencyTable) -> list[_Found]:
    """MONEY/PERCENT entities of the sentence the patterns missed, when their number can still be read."""
    extra: list[_Found] = []
    for entity in entities:
        start = entity.start_char - sentence.start_char
        end = entity.end_char - sentence.start_char
        if any(start < f.end and f.start < end for f in found):
            continue
        number = re.search(_NUMBER, entity.text)
        if number is None:
            continue
        scale = re.search(r"\b(thousand|million|billion|trillion)\b", entity.text, re.IGNORECASE)
        value = _number(number["number"]) * (_SCALES[scale.group(1).lower()] if scale else 1.0)
        if entity.label_ == "PERCENT":
            extra.append(_Found("percent", start, end, _number(number["number"]), "%"))
        else:
            word = table.any_word.search(entity.text)
            if word is None:
                continue  # an amount without a currency the patterns know is not reported
            extra.append(_Found("money", start, end, value, table.unit_of_word(word["word"])))
    return extra
