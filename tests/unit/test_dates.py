from datetime import date

import pytest

from pipeline.nlp.dates import find_date_expressions, format_date, resolve_event_date

THURSDAY = date(2024, 11, 14)


@pytest.mark.parametrize(
    ("text", "published", "expected", "precision"),
    [
        ("The ministers met on July 3, 2024 in Astana.", THURSDAY, date(2024, 7, 3), "day"),
        ("The forum opened on 3 July 2024.", THURSDAY, date(2024, 7, 3), "day"),
        ("The envoys met on July 3.", THURSDAY, date(2024, 7, 3), "day"),
        # A yearless date far after publication belongs to the previous year.
        ("The envoys met on December 28.", date(2025, 1, 10), date(2024, 12, 28), "day"),
        ("On April 23, the leaders met.", date(2025, 4, 23), date(2025, 4, 23), "day"),
        ("The minister arrived on Wednesday.", THURSDAY, date(2024, 11, 13), "day"),
        ("The minister arrived on Thursday.", THURSDAY, date(2024, 11, 14), "day"),
        ("The minister met Monday with the envoy.", THURSDAY, date(2024, 11, 11), "day"),
        ("The accord was signed today.", THURSDAY, date(2024, 11, 14), "day"),
        ("The accord was signed yesterday.", THURSDAY, date(2024, 11, 13), "day"),
        ("The declaration adopted last July was praised.", date(2025, 4, 23), date(2024, 7, 1), "month"),
        ("The declaration adopted last July was praised.", THURSDAY, date(2024, 7, 1), "month"),
        ("In July this year, the leaders announced it.", THURSDAY, date(2024, 7, 1), "month"),
        ("The state visit in April last year helped.", date(2026, 1, 28), date(2025, 4, 1), "month"),
        ("Trade grew last year.", date(2025, 4, 23), date(2024, 1, 1), "year"),
        ("Trade grew this year.", date(2025, 4, 23), date(2025, 1, 1), "year"),
        ("The partnership was established in 2025.", date(2026, 1, 28), date(2025, 1, 1), "year"),
        ("Measures carried out in September 2023 helped.", THURSDAY, date(2023, 9, 1), "month"),
        # a week (Monday to Sunday) inside one month dates to that month, else to its year
        ("The envoys met last week.", THURSDAY, date(2024, 11, 1), "month"),
        ("The minister will travel next week.", date(2024, 11, 28), date(2024, 12, 1), "month"),
        ("The envoys met last week.", date(2024, 10, 9), date(2024, 1, 1), "year"),
        ("The envoys met on Tuesday last week.", THURSDAY, date(2024, 11, 5), "day"),
        ("The envoys will meet on Friday next week.", THURSDAY, date(2024, 11, 22), "day"),
        # "next Monday" is the first Monday after the publication day, never one before it
        ("The envoys will meet next Monday.", THURSDAY, date(2024, 11, 18), "day"),
        ("The envoys will meet next Thursday.", THURSDAY, date(2024, 11, 21), "day"),
        ("The envoys met two days ago.", THURSDAY, date(2024, 11, 12), "day"),
        ("The envoys met a week ago.", THURSDAY, date(2024, 11, 7), "day"),
    ],
)
def test_resolves_each_form(text, published, expected, precision):
    resolved, resolved_precision, matched = resolve_event_date(text, published)
    assert resolved == expected
    assert resolved_precision == precision
    assert matched and matched in text


def test_relative_expressions_need_a_publication_date():
    assert resolve_event_date("They met on Wednesday.", None) == (None, None, None)
    assert resolve_event_date("They met yesterday.", None) == (None, None, None)
    assert resolve_event_date("They met on July 3.", None) == (None, None, None)
    assert resolve_event_date("They met on July 3, 2024.", None)[0] == date(2024, 7, 3)


def test_modal_may_and_amounts_are_not_dates():
    assert resolve_event_date("Both sides may sign a deal worth 2024 million.", THURSDAY) == (None, None, None)


def test_most_precise_expression_wins():
    text = "The plan for 2026 was approved on 5 March 2025."
    assert resolve_event_date(text, THURSDAY)[:2] == (date(2025, 3, 5), "day")


def test_find_date_expressions_gives_offsets_in_reading_order():
    text = "They met on Tuesday and will meet again in 2026."
    found = find_date_expressions(text, THURSDAY)
    assert [text[e.start : e.end] for e in found] == ["on Tuesday", "2026"]
    start, end, value, precision, bare_weekday = found[0]
    assert (value, precision, bare_weekday) == (date(2024, 11, 12), "day", True)
    assert not found[1].bare_weekday


def test_format_date_follows_precision():
    assert format_date(date(2024, 7, 1), "month") == "2024-07"
    assert format_date(date(2024, 1, 1), "year") == "2024"
    assert format_date(date(2024, 7, 3), "day") == "2024-07-03"
    assert format_date(None, None) is None


@pytest.mark.parametrize("text", [
    "The minister will travel to Chile, Peru and Bolivia October 3-7, 2022.",
    "She will be in Lima for a bilateral visit from June 25 to 27.",
    "The talks run 3-5 July 2024 in Rome.",
])
def test_a_span_of_days_dates_nothing_to_one_day(text):
    assert find_date_expressions(text, THURSDAY) == ()
    assert resolve_event_date(text, THURSDAY) == (None, None, None)
