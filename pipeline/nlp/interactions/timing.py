"""When an interaction took place: the date its own sentence states, a day named by an earlier
sentence ("the same day"), the date of the event a demonstrative points back to ("at those
talks"), or the day the lead dates the story's main event; and whether it is recalled rather than
reported.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

from pipeline.nlp.dates import DateExpression, find_date_expressions
from pipeline.nlp.patterns import InteractionWords

# An event dated more than this before publication is recalled, not reported.
RECALL_THRESHOLD = timedelta(days=7)
# Clauses whose dates belong to another event ("A, who arrived on Sunday, met B on Monday").
OTHER_EVENT_CLAUSES = frozenset({"relcl", "acl", "advcl"})
# The lead often dates the story's main event between states ("Ghana and Togo on Tuesday signed ...")
# and the next sentences name the people who took part, without repeating the day. Only sentences
# this close to the top are read that way.
LEAD_SENTENCES = 3
PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}
SINCE_BEFORE = re.compile(r"\bsince\s*$", re.IGNORECASE)


def _other_event_ranges(sentence: Span, trigger: Token) -> list[tuple[int, int]]:
    """Character ranges (relative to the sentence) of clauses about other events than the
    trigger's: relative and adverbial clauses that do not contain the trigger."""
    ranges = []
    for token in sentence:
        if token.dep_ not in OTHER_EVENT_CLAUSES or token.i == trigger.i:
            continue
        subtree = list(token.subtree)
        if any(t.i == trigger.i for t in subtree) or any(t.i == token.i for t in trigger.ancestors):
            continue
        ranges.append((subtree[0].idx - sentence.start_char, subtree[-1].idx + len(subtree[-1]) - sentence.start_char))
    return ranges


def clause_expressions(sentence: Span, trigger: Token, expressions: list[DateExpression]) -> list[DateExpression]:
    """The date expressions inside the clause of the trigger: the verb it belongs to, through
    open complements and coordination ("agreed on Monday [to expand]")."""
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    subtree = list(clause.subtree)
    start = subtree[0].idx - sentence.start_char
    end = subtree[-1].idx + len(subtree[-1]) - sentence.start_char
    return [e for e in expressions if start <= e.start and e.end <= end]


def sentence_date(sentence: Span, trigger: Token, published: date | None,
                  expressions: list[DateExpression], planned: bool = False) -> tuple[date | None, str | None]:
    """The date the sentence gives the trigger's event: the nearest expression outside clauses
    about other events, the most precise one among equals. A date after "since" starts a period
    ("the border, closed since 2011", "their first meeting since March") and dates no event."""
    expressions = [e for e in expressions if not SINCE_BEFORE.search(sentence.text, 0, e.start)]
    if not expressions:
        return None, None
    others = _other_event_ranges(sentence, trigger)
    own = [e for e in expressions if not any(start <= e.start and e.end <= end for start, end in others)]
    expressions = own or expressions
    offset = trigger.idx - sentence.start_char

    def distance(expression: DateExpression) -> int:
        if expression.end <= offset:
            return offset - expression.end
        return max(0, expression.start - offset)

    best = min(expressions, key=lambda e: (distance(e), PRECISION_ORDER[e.precision]))
    if planned and best.bare_weekday and published is not None and best.date < published:
        return best.date + timedelta(days=7), best.precision  # "will visit B on Monday": the coming one
    return best.date, best.precision


def anaphoric_date(text: str, previous_day: date, words: InteractionWords) -> tuple[date | None, str | None]:
    """"On the same day", "later that day", "the next day": a day named by an earlier sentence."""
    if words.same_day.search(text):
        return previous_day, "day"
    if words.next_day.search(text):
        return previous_day + timedelta(days=1), "day"
    return None, None


def lead_day(sentences: list[Span], published: date | None) -> tuple[int, date] | None:
    """(sentence index, day) of the first day-precision date in the lead."""
    for index, sentence in enumerate(sentences[:LEAD_SENTENCES]):
        days = [e.date for e in find_date_expressions(sentence.text, published) if e.precision == "day"]
        if days:
            # a day well before publication is a remembered event, not the story's own
            return None if is_recalled(days[0], "day", published) else (index, days[0])
    return None


def refers_to_previous(trigger: Token, words: InteractionWords) -> bool:
    """"At those consultations", "at those consultations, chaired by A and B": the event of the
    previous sentence, with its date."""
    nouns = [trigger, trigger.head] if trigger.dep_ == "acl" else [trigger]
    return any(child.dep_ == "det" and child.lower_ in words.demonstratives for noun in nouns for child in noun.children)


def period_end(value: date, precision: str) -> date:
    if precision == "year":
        return date(value.year, 12, 31)
    if precision == "month":
        return date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def is_recalled(event_date: date | None, precision: str | None, published: date | None) -> bool:
    """True when the event ended clearly before the article: it is remembered, not reported."""
    if event_date is None or precision is None or published is None:
        return False
    return period_end(event_date, precision) < published - RECALL_THRESHOLD


def is_after_publication(event_date: date | None, published: date | None) -> bool:
    """An event dated after the article came out is still to come."""
    return event_date is not None and published is not None and event_date > published


@dataclass
class DateTracker:
    """What earlier sentences said about dates, for the sentences that refer back to them."""

    published: date | None
    words: InteractionWords
    lead: tuple[int, date] | None = None
    previous_day: date | None = None  # the last day-precision date stated before this sentence
    previous_date: tuple[date | None, str | None] = (None, None)  # the previous sentence's last date
    # A lead that already dates a contact between named people is that contact's date, not the
    # date of a state-level event that later sentences would detail.
    lead_names_people: bool = False

    def date_of(self, sentence: Span, sentence_index: int, trigger: Token, expressions: list[DateExpression],
                names_people: bool, own_clause: bool = False, planned: bool = False) -> tuple[date | None, str | None]:
        """`own_clause`: only a date inside the trigger's own clause dates it (an act stated beside
        another event: "In July the two presidents met, ..., adding that both sides support ...");
        `planned`: the event is still to come ("will meet"), so a weekday named alone is the next one."""
        if own_clause:
            expressions = clause_expressions(sentence, trigger, expressions)
        event_date, precision = sentence_date(sentence, trigger, self.published, expressions, planned)
        if names_people and sentence_index < LEAD_SENTENCES and (
            event_date is not None or (self.lead and sentence_index == self.lead[0])
        ):
            self.lead_names_people = True
        if event_date is None and self.previous_day is not None:
            event_date, precision = anaphoric_date(sentence.text, self.previous_day, self.words)
        if event_date is None and refers_to_previous(trigger, self.words):
            event_date, precision = self.previous_date
        if event_date is None and self.lead is not None and (
            (sentence_index < LEAD_SENTENCES and not self.lead_names_people) or self.words.sidelines.search(sentence.text)
        ):
            event_date, precision = self.lead[1], "day"
        return event_date, precision

    def after_sentence(self, expressions: list[DateExpression]) -> None:
        day_dates = [e.date for e in expressions if e.precision == "day"]
        self.previous_day = day_dates[-1] if day_dates else self.previous_day
        self.previous_date = (expressions[-1].date, expressions[-1].precision) if expressions else (None, None)
