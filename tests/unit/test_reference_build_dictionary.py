"""The TABARI / PETRARCH dictionary reader, on small invented dictionary snippets."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.reference_build.dictionary import (
    DictionaryDateError,
    EventCode,
    expand_alternatives,
    parse_actors,
    parse_agents,
    parse_date,
    parse_event_code,
    parse_pattern,
    parse_restriction,
    parse_verbs,
    phrase_words,
    plural_of,
)

# ---------------------------------------------------------------------------------------------
# Dates and restrictions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("090120", date(2009, 1, 20)),     # 00-30: 2000s
        ("300101", date(2030, 1, 1)),
        ("310101", date(1931, 1, 1)),     # 31-99: 1900s
        ("991231", date(1999, 12, 31)),
        ("19240101", date(1924, 1, 1)),   # four-digit years as written
        ("20140607", date(2014, 6, 7)),
    ],
)
def test_dates_resolve_two_digit_years_by_the_tabari_rule(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2004017", "201005011", "1920030320", "991332", "0902x0", ""])
def test_unreadable_dates_are_refused_not_guessed(text: str) -> None:
    with pytest.raises(DictionaryDateError):
        parse_date(text)


def test_restriction_forms() -> None:
    assert parse_restriction("ABCGOV 990101-031231").start == date(1999, 1, 1)
    assert parse_restriction("ABCGOV 990101-031231").end == date(2003, 12, 31)
    after = parse_restriction("ABCGOV >120301")
    assert (after.start, after.end, after.dated) == (date(2012, 3, 1), None, True)
    before = parse_restriction("ABCGOV <851231")
    assert (before.start, before.end) == (None, date(1985, 12, 31))
    assert parse_restriction("ABCGOV > 120301").start == date(2012, 3, 1)  # a stray blank is fine
    default = parse_restriction("ABCELI")
    assert (default.code, default.dated, default.start, default.end) == ("ABCELI", False, None, None)
    assert default.covers(date(1900, 1, 1))
    with pytest.raises(DictionaryDateError):
        parse_restriction("ABCGOV 120301-110101")  # ends before it starts
    with pytest.raises(DictionaryDateError):
        parse_restriction("ABCGOV 120301")  # a lone date without > or <


# ---------------------------------------------------------------------------------------------
# Actor records

ACTORS = """\
# an invented actor dictionary
FREEDONIA_  [FRD]
+FREEDONIAN_

MARA_TESTOVA_  # CountryInfo.txt
+PRESIDENT_TESTOVA_
+M._TESTOVA
\t[FRDELI 600101-991231]
\t[FRDGOV >000101]
\t[FRDELI]

JONAS_EXAMPLE_  [FRDGOVBUS 050101-071231][FRDGOV 080101-091231] # two inline restrictions
OTTO_SAMPLE_
OTTO_Q._SAMPLE
\t[FRDGOV 110101-121231]

LONE_PHRASE_

BAD_DATE_PERSON_
\t[FRDGOV 2004017-20061201]
\t[FRDELI]
DAMAGED_\x1aNAME_
+GOOD_ALIAS_
\t[FRDELI]
SPLIT_SYNONYMS
+FIRST_FORM_+SECOND_FORM_
\t[FRDMIL]
"""


def test_actor_records_phrases_and_restrictions() -> None:
    parsed = parse_actors(ACTORS)
    by_primary = {r.primary: r for r in parsed.records}
    testova = by_primary["MARA_TESTOVA_"]
    assert testova.phrases == ["MARA_TESTOVA_", "PRESIDENT_TESTOVA_", "M._TESTOVA"]
    assert [(r.code, r.start, r.end) for r in testova.restrictions] == [
        ("FRDELI", date(1960, 1, 1), date(1999, 12, 31)),
        ("FRDGOV", date(2000, 1, 1), None),
        ("FRDELI", None, None),
    ]
    assert any("CountryInfo" in c for c in testova.comments)
    inline = by_primary["JONAS_EXAMPLE_"]
    assert [r.code for r in inline.restrictions] == ["FRDGOVBUS", "FRDGOV"]
    assert by_primary["FREEDONIA_"].restrictions[0].code == "FRD"


def test_codeless_primary_lines_run_together_are_one_record() -> None:
    parsed = parse_actors(ACTORS)
    sample = next(r for r in parsed.records if r.primary == "OTTO_SAMPLE_")
    assert sample.phrases == ["OTTO_SAMPLE_", "OTTO_Q._SAMPLE"]
    assert sample.restrictions[0].start == date(2011, 1, 1)
    lone = next(r for r in parsed.records if r.primary == "LONE_PHRASE_")
    assert lone.restrictions == []  # a blank line ends it: it does not join the next record


def test_unreadable_restrictions_and_damaged_phrases_are_dropped_and_reported() -> None:
    parsed = parse_actors(ACTORS)
    bad = next(r for r in parsed.records if r.primary == "BAD_DATE_PERSON_")
    assert [r.code for r in bad.restrictions] == ["FRDELI"]
    assert parsed.dropped_restrictions == 1
    assert parsed.dropped_phrases == 1
    assert any("2004017" in p for p in parsed.problems)
    damaged = next(r for r in parsed.records if "GOOD_ALIAS_" in r.phrases)
    assert damaged.phrases == ["GOOD_ALIAS_"]


def test_synonyms_run_together_on_one_line_are_split() -> None:
    parsed = parse_actors(ACTORS)
    record = next(r for r in parsed.records if r.primary == "SPLIT_SYNONYMS")
    assert record.phrases == ["SPLIT_SYNONYMS", "FIRST_FORM_", "SECOND_FORM_"]


def test_phrase_words() -> None:
    assert phrase_words("MARA_TESTOVA_") == ["MARA", "TESTOVA"]
    assert phrase_words("OSMAN\t_EXAMPLE_ ") == ["OSMAN", "EXAMPLE"]


# ---------------------------------------------------------------------------------------------
# Agents

AGENTS = """\
!PERSON! = MAN, WOMAN, PERSON
!MINIST! = MINISTER, MINISTRY
SPOKES!PERSON! [~GOV]
FOREIGN_!MINIST! [~GOV]
!MINIST!_OF_AD!MINIST!RATION [~GOV]
ENVOY [~GOV] # regular plural
DEPUTY [~GOV]
POLICE {} [~COP]
TROOP {TROOPS} [~MIL]
HUMAN_RIGHTS_BODY [NGO~]
NOT AN ENTRY
"""


def test_agents_expand_substitution_sets_and_plurals() -> None:
    parsed = parse_agents(AGENTS)
    forms = {(e.phrase, e.code, e.plural) for e in parsed.entries}
    assert ("spokesman", "GOV", False) in forms and ("spokesperson", "GOV", False) in forms
    assert ("foreign minister", "GOV", False) in forms and ("foreign ministry", "GOV", False) in forms
    assert ("minister of administration", "GOV", False) in forms  # marker inside a word: the word
    assert ("envoys", "GOV", True) in forms  # vowel + y
    assert ("deputies", "GOV", True) in forms  # consonant + y
    assert {p for p, c, _ in forms if c == "COP"} == {"police"}  # {} = no plural
    assert {p for p, c, _ in forms if c == "MIL"} == {"troop", "troops"}
    body = next(e for e in parsed.entries if e.phrase == "human rights body")
    assert body.code == "NGO" and body.before_actor
    assert parsed.problems and "NOT AN ENTRY" in parsed.problems[0]


def test_plural_rule() -> None:
    assert plural_of("attorney") == "attorneys"
    assert plural_of("militia") == "militias"
    assert plural_of("boss") == "bosses"
    assert plural_of("HEAD OF STATE") == "HEAD OF STATES"


# ---------------------------------------------------------------------------------------------
# Verbs

VERBS = """\
####### SYNONYM SETS #######

&ARMS
+RIFLE
+TANK_
+&BIG_ARMS

&BIG_ARMS_
+HOWITZER
+ROCKET_LAUNCHER

####### VERB PATTERNS #######

---  GREET   [040]  ---
GREET
+SIT_WITH {+SAT_WITH +SITS_WITH} [043]
CONFER {CONFERS CONFERRED} [040:040]
- * (WITH +)                        [046]   # confer with
- $ WILL * WITH + IN ^              [036:036]
- + * {HARSH WORDS} (FROM $)        [:111]
- SAID WOULD NOT *                  [125]
- % * (IN TALKS)                    [046:046]
- * (BY/WITH &ARMS)                 [190]
- * &UNKNOWN_SET                    [190]
- * RUN-OFF                         [---]

---  CLOSED   [---]---  ---
SHUT
- * BORDER (TO +)                   [1621]

~ a (a b GREET) SHUT = a b 160
"""


def test_verb_dictionary_blocks_verbs_and_codes() -> None:
    parsed = parse_verbs(VERBS)
    assert [b.name for b in parsed.blocks] == ["GREET", "CLOSED"]
    greet, closed = parsed.blocks
    assert greet.code == EventCode("040", "")
    assert closed.code.is_null  # `[---]` and a sloppy header are read
    verbs = {v.lemma: v for v in greet.verbs}
    assert verbs["sit"].particle == "with" and verbs["sit"].code == EventCode("043", "")
    assert verbs["confer"].code == EventCode("040", "040")
    assert verbs["greet"].code is None  # the block's code applies
    assert parsed.transformations == ["~ a (a b GREET) SHUT = a b 160"]


def test_synonym_sets_nest_and_drop_trailing_underscores() -> None:
    parsed = parse_verbs(VERBS)
    assert parsed.expand_synset("&ARMS") == [("RIFLE",), ("TANK",), ("HOWITZER",), ("ROCKET", "LAUNCHER")]
    assert parsed.synsets["ARMS"][1].plural is False  # TANK_ takes no plural
    assert all(not m.plural for m in parsed.synsets["BIG_ARMS"])  # a set named with _ neither


def test_pattern_markers_prepositions_and_negation() -> None:
    parsed = parse_verbs(VERBS)
    patterns = {p.text: p for p in parsed.blocks[0].patterns}
    with_target = patterns["* (WITH +)"]
    assert [(t.kind, t.text) for t in with_target.after] == [("prep", "with"), ("target", "")]
    tabari = patterns["$ WILL * WITH + IN ^"]
    assert [t.kind for t in tabari.before] == ["source", "word"]
    assert [(t.kind, t.text) for t in tabari.after] == [("word", "with"), ("target", ""), ("word", "in"), ("skip", "")]
    assert tabari.code == EventCode("036", "036")
    passive = patterns["+ * {HARSH WORDS} (FROM $)"]
    assert passive.code == EventCode("", "111")
    assert [(t.kind, t.text) for t in passive.after] == [("word", "harsh"), ("word", "words"), ("prep", "from"), ("source", "")]
    negated = patterns["SAID WOULD NOT *"]
    assert ("negation", "not") in [(t.kind, t.text) for t in negated.before]
    assert patterns["% * (IN TALKS)"].before[0].kind == "compound"
    assert patterns["* RUN-OFF"].code.is_null


def test_alternatives_and_synonym_sets_expand_into_readings() -> None:
    parsed = parse_verbs(VERBS)
    pattern = next(p for p in parsed.blocks[0].patterns if "&ARMS" in p.text)
    readings = expand_alternatives(pattern.after, parsed)
    texts = {" ".join(t.text for t in reading) for reading in readings}
    assert "by rifle" in texts and "with rocket launcher" in texts
    assert len(readings) == 2 * 4


def test_pattern_and_code_syntax_errors() -> None:
    with pytest.raises(ValueError):
        parse_pattern(" * WITHOUT A CODE")
    with pytest.raises(ValueError):
        parse_pattern(" NO VERB MARKER [040]")
    assert parse_pattern(" *STUCK [012]").after[0].text == "stuck"  # `*WORD` typo is read
    assert parse_pattern(" TO_* IN ^ [036]").before[0].text == "to"
    assert parse_event_code("[080!]") == EventCode("080", "")
    with pytest.raises(ValueError):
        parse_event_code("[04X]")
