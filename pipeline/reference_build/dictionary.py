"""Reader of the TABARI / PETRARCH dictionary formats: actors, agents and verb patterns.

The formats are those described in PETRARCH2's `docs/source/dictionaries.rst` and the TABARI
manual. This module only reads them into plain records; the commands `actors` and `cameo_verbs`
decide what becomes a reference table.

Common rules
    Text after `#` (and `;`, which older TABARI files used) is a comment. Blank lines separate
    records. Words of a phrase are joined by `_` (or blanks); a trailing `_` only marks the end of
    a word and is dropped. Files are read as UTF-8; a phrase holding damaged characters (the
    replacement character U+FFFD or control characters such as ^Z) is dropped and counted.

Actor dictionaries (`*.actors.txt`)
    A record is a primary phrase, optional synonyms (`+PHRASE`) and code restrictions written
    either after the phrase or on their own (indented) lines:

        [CODE]                   the default code (applies whenever no dated restriction does)
        [CODE yymmdd-yymmdd]     from the first date to the second, both included
        [CODE >yymmdd]           from the date on
        [CODE <yymmdd]           up to the date

    Dates are YYMMDD or YYYYMMDD. Two-digit years follow the KEDS/TABARI convention: 00-30 are
    2000-2030, 31-99 are 1931-1999 (the dictionaries hold no two-digit year in the 2000s above
    14, and write earlier 20th-century dates with four digits). A date of any other length, or
    one that is not a calendar date, makes its restriction unreadable: the restriction is dropped
    and reported (nothing else is guessed). A restriction whose start falls after its end is
    dropped likewise.

    Kept: every phrase of a record, every readable restriction, the record's line and comments.
    Lenient reading, where PETRARCH itself would lose information: a primary phrase without
    any code that is directly followed (no blank line) by another primary phrase is read as a
    synonym of it (the dictionaries list name variants that way: `LEONID_BREZHNEV_` then
    `LEONID_ILYICH_BREZHNEV` then their restrictions); two synonyms run together on one line
    (`+A_+B`) are split.

Agent dictionary (`*.agents.txt`)
    `PHRASE {PLURAL} [~CODE]` (or `[CODE~]` for codes that come before the actor's code).
    Substitution sets `!NAME! = A, B, C` are expanded (each member replaces the marker; no plural
    is formed for them). A marker written inside a word (`AD!MINIST!RATIVE`, left by a global
    replacement in the file) is read as the plain word. `{...}` holds irregular plurals, `{}` means "no plural"; otherwise the
    regular English plural of the last word is generated (consonant+y -> ies, s/x/z/ch/sh -> es,
    else s: PETRARCH's own rule turns every final y into ies, which misses "envoys").

Verb dictionary (`CAMEO.*.txt`)
    Synonym sets: `&NAME` followed by `+member` lines (`_` joins words; a member or a set name
    ending in `_` takes no plural). Verb blocks: `--- NAME [CODE] ---`, then verb lines
    (`VERB {irregular forms} [CODE]`; `+` marks the verb word of a multi-word verb:
    `+MEET_WITH`, `WIRE_+TAP`), then pattern lines starting with `-`. Patterns apply to every
    verb of their block. Both pattern syntaxes are read:

    - PETRARCH 2: `- * {FINANCIAL AID} (FOR {MILITARY HELP}) [CODE]` -- braces group a noun
      phrase, parentheses a prepositional phrase whose first word is the preposition;
    - TABARI: `- $ WILL * WITH + IN ^ [CODE]` -- a plain word sequence.

    Markers: `*` the verb, `$` the source actor, `+` the target actor, `%` a compound actor
    (source and target named together, "X and Y met"), `^` a skipped noun phrase, `&NAME` a
    synonym set, `A/B` alternative words. Negation words (NOT, NO, NEVER, ...) are recognised
    as such. Codes are `[ACTIVE:PASSIVE]`: the passive code applies when the verb's subject is
    the target (a passive verb, or a pattern such as FACE * CRITICISM `[:111]`); `[---]` is the
    null code (the construction is explicitly not an event).

    Transformation lines (`~ a (a b ATTACK) SAY = a b 015`, verb-on-verb rewrites) are kept
    only as raw text: they need a parse tree of nested clauses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from itertools import product
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Lines, comments, damaged text

_COMMENT = re.compile(r"[#;]")
_DAMAGED = re.compile(r"[\ufffd\x00-\x08\x0b-\x1f\x7f]")
_WORD_SEPARATORS = re.compile(r"[\s_]+")


def read_text(path: Path | str) -> str:
    """A dictionary file as text: UTF-8, undecodable bytes replaced (and later dropped)."""
    return Path(path).read_bytes().decode("utf-8", errors="replace")


def strip_comment(line: str) -> tuple[str, str]:
    """(content, comment) of a line."""
    match = _COMMENT.search(line)
    if match is None:
        return line.rstrip(), ""
    return line[: match.start()].rstrip(), line[match.end() :].strip()


def is_damaged(text: str) -> bool:
    """True when the text holds a replacement character or a control character."""
    return bool(_DAMAGED.search(text.replace("\t", " ")))


def phrase_words(phrase: str) -> list[str]:
    """Words of a dictionary phrase: `VLADIMIR_PUTIN_` -> ["VLADIMIR", "PUTIN"]."""
    return [word for word in _WORD_SEPARATORS.split(unicodedata.normalize("NFC", phrase)) if word]


# ---------------------------------------------------------------------------------------------
# Dates and code restrictions

TWO_DIGIT_YEAR_PIVOT = 30  # 00-30 -> 2000-2030, 31-99 -> 1931-1999 (KEDS/TABARI)


class DictionaryDateError(ValueError):
    """A date of a restriction that cannot be read."""


def parse_date(text: str) -> date:
    """`yymmdd` or `yyyymmdd` -> date (two-digit years: 00-30 are 20xx, 31-99 are 19xx)."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise DictionaryDateError(f"not a YYMMDD or YYYYMMDD date: {text!r}")
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= TWO_DIGIT_YEAR_PIVOT else 1900
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DictionaryDateError(f"not a calendar date: {text!r}") from error


@dataclass(frozen=True)
class Restriction:
    """One `[CODE ...]` of an actor record."""

    code: str
    start: date | None = None
    end: date | None = None
    dated: bool = False  # False for the default code `[CODE]`

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


_RESTRICTION = re.compile(r"\[([^\[\]]*)\]")
_DATE_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")


def parse_restriction(body: str) -> Restriction:
    """The inside of `[...]`: `AFGGOV 331108-730717`, `USAGOV >090120`, `AFGELI`, `RUSGOV <911225`."""
    parts = body.split(None, 1)
    if not parts:
        raise DictionaryDateError("empty restriction")
    code = parts[0].strip()
    if len(parts) == 1:
        return Restriction(code=code)
    when = parts[1].replace(" ", "")
    if when.startswith(">"):
        return Restriction(code=code, start=parse_date(when[1:]), dated=True)
    if when.startswith("<"):
        return Restriction(code=code, end=parse_date(when[1:]), dated=True)
    match = _DATE_RANGE.match(when)
    if match is None:
        # A single date is read as "from that day on" only by some TABARI versions: not guessed.
        raise DictionaryDateError(f"unreadable date restriction: {body!r}")
    start, end = parse_date(match.group(1)), parse_date(match.group(2))
    if start > end:
        raise DictionaryDateError(f"restriction ends before it starts: {body!r}")
    return Restriction(code=code, start=start, end=end, dated=True)


# ---------------------------------------------------------------------------------------------
# Actor dictionaries


@dataclass
class ActorRecord:
    """One record of an actor dictionary: the primary phrase first, then its synonyms."""

    phrases: list[str]
    restrictions: list[Restriction] = field(default_factory=list)
    line: int = 0
    comments: list[str] = field(default_factory=list)
    unreadable_codes: list[str] = field(default_factory=list)  # codes of restrictions dropped for their dates

    @property
    def primary(self) -> str:
        return self.phrases[0]


@dataclass
class ParsedActors:
    records: list[ActorRecord]
    problems: list[str]          # unreadable restrictions, damaged phrases (with line numbers)
    dropped_phrases: int = 0     # damaged phrases
    dropped_restrictions: int = 0


def parse_actors(text: str) -> ParsedActors:
    """Records of an actor dictionary (see the module docstring for the rules)."""
    records: list[ActorRecord] = []
    problems: list[str] = []
    current: ActorRecord | None = None
    blank_since_current = True
    dropped_phrases = 0
    dropped_restrictions = 0

    def add_restrictions(record: ActorRecord, content: str, number: int) -> None:
        nonlocal dropped_restrictions
        for body in _RESTRICTION.findall(content):
            try:
                record.restrictions.append(parse_restriction(body))
            except DictionaryDateError as error:
                dropped_restrictions += 1
                problems.append(f"line {number}: {error}")
                if body.split():
                    record.unreadable_codes.append(body.split()[0])

    def add_phrase(record: ActorRecord, phrase: str, number: int) -> None:
        nonlocal dropped_phrases
        phrase = phrase.strip()
        if not phrase_words(phrase):
            return
        if is_damaged(phrase):
            dropped_phrases += 1
            problems.append(f"line {number}: damaged characters in {phrase!r}")
            return
        record.phrases.append(phrase)

    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("<!"):
            continue
        content, comment = strip_comment(raw)
        if not content.strip():
            if not raw.strip():
                blank_since_current = True
            continue
        stripped = content.strip()
        if stripped.startswith("["):
            if current is None:
                problems.append(f"line {number}: restriction outside a record")
                continue
            add_restrictions(current, stripped, number)
            continue
        if stripped.startswith("+"):
            if current is None:
                problems.append(f"line {number}: synonym outside a record")
                continue
            for part in stripped.split("+"):
                add_phrase(current, part.split("[", 1)[0], number)
            if "[" in stripped:
                add_restrictions(current, stripped, number)
            if comment:
                current.comments.append(comment)
            continue
        # A primary phrase, possibly followed by its restrictions on the same line.
        phrase = stripped.split("[", 1)[0]
        continues = current is not None and not current.restrictions and not blank_since_current
        if not continues:
            current = ActorRecord(phrases=[], line=number)
            records.append(current)
        add_phrase(current, phrase, number)
        add_restrictions(current, stripped[len(phrase) :], number)
        if comment:
            current.comments.append(comment)
        blank_since_current = False
    return ParsedActors(
        records=[r for r in records if r.phrases],
        problems=problems,
        dropped_phrases=dropped_phrases,
        dropped_restrictions=dropped_restrictions,
    )


# ---------------------------------------------------------------------------------------------
# Agent dictionary


@dataclass(frozen=True)
class AgentEntry:
    """One surface form of an agent noun: `foreign ministers` -> GOV."""

    phrase: str        # lower case, words separated by one blank
    code: str          # without the `~`: "GOV", "GOVMED", "IGO"
    before_actor: bool  # True for `[CODE~]`: the code is written before the actor's code
    plural: bool       # True when this form is the generated or listed plural
    line: int


@dataclass
class ParsedAgents:
    entries: list[AgentEntry]
    problems: list[str]


_SUBSTITUTION_SET = re.compile(r"^!([A-Z_]+)!\s*=\s*(.+)$")
_MARKER = re.compile(r"!([A-Z_]+)!")
_MARKER_IN_WORD = re.compile(r"(?<=[A-Za-z])!([A-Z]+)!(?=[A-Za-z])")
_AGENT_LINE = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)[\]}]")


def plural_of(phrase: str) -> str:
    """Regular English plural of the last word of a phrase (upper or lower case kept)."""
    words = phrase.split(" ")
    last = words[-1]
    lower = last.lower()
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        plural = last[:-1] + ("IES" if last.isupper() else "ies")
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        plural = last + ("ES" if last.isupper() else "es")
    else:
        plural = last + ("S" if last.isupper() else "s")
    return " ".join([*words[:-1], plural])


def _agent_phrase(text: str) -> str:
    return " ".join(word.lower() for word in phrase_words(text))


def parse_agents(text: str) -> ParsedAgents:
    """Every singular and plural form of every agent entry, substitution sets expanded."""
    substitutions: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("<!"):
            continue
        content, _ = strip_comment(raw)
        content = content.strip()
        if not content:
            continue
        definition = _SUBSTITUTION_SET.match(content)
        if definition:
            substitutions[definition.group(1)] = [m.strip() for m in definition.group(2).split(",") if m.strip()]
            continue
        match = _AGENT_LINE.match(content)
        if match is None:
            problems.append(f"line {number}: not an agent entry: {content!r}")
            continue
        code_text = match.group("code").strip()
        before_actor = code_text.endswith("~") and not code_text.startswith("~")
        code = code_text.strip("~").strip()
        if not code or is_damaged(content):
            problems.append(f"line {number}: no code or damaged text: {content!r}")
            continue
        # A marker inside a word ("AD!MINIST!RATIVE") is the word itself, not a substitution.
        phrase_text = _MARKER_IN_WORD.sub(r"\1", match.group("phrase").strip())
        plural_text = match.group("plural")
        marker = _MARKER.search(phrase_text)
        if marker:
            members = substitutions.get(marker.group(1))
            if members is None:
                problems.append(f"line {number}: undefined substitution set !{marker.group(1)}!")
                continue
            for member in members:
                form = _agent_phrase(phrase_text[: marker.start()] + member + phrase_text[marker.end() :])
                entries.append(AgentEntry(form, code, before_actor, False, number))
            continue
        singular = _agent_phrase(phrase_text)
        if not singular:
            continue
        entries.append(AgentEntry(singular, code, before_actor, False, number))
        if plural_text is None:
            entries.append(AgentEntry(plural_of(singular), code, before_actor, True, number))
        else:
            for form in plural_text.split():
                plural = _agent_phrase(form)
                if plural:
                    entries.append(AgentEntry(plural, code, before_actor, True, number))
    return ParsedAgents(entries=entries, problems=problems)


# ---------------------------------------------------------------------------------------------
# Verb dictionary

NEGATION_WORDS = frozenset({"NOT", "NO", "NEVER", "NOR", "CANNOT", "N'T", "NEITHER"})
NULL_CODE = "---"


@dataclass(frozen=True)
class EventCode:
    """`[ACTIVE:PASSIVE]` of a verb or pattern; "" where the dictionary gives no (or the null) code."""

    active: str
    passive: str

    @property
    def is_null(self) -> bool:
        return not self.active and not self.passive


def parse_event_code(text: str) -> EventCode:
    """`036`, `036:036`, `:111`, `---` -> EventCode (the null code `---` becomes "")."""
    body = text.strip().strip("[]").strip().rstrip("!")  # `[080!]` occurs once: a stray mark
    active, _, passive = body.partition(":")
    active, passive = active.strip(), passive.strip()
    active = "" if active in ("", NULL_CODE) else active
    passive = "" if passive in ("", NULL_CODE) else passive
    for code in (active, passive):
        if code and not re.fullmatch(r"\d{2,4}", code):
            raise ValueError(f"not a CAMEO code: {text!r}")
    return EventCode(active, passive)


@dataclass(frozen=True)
class SynsetMember:
    words: tuple[str, ...]  # upper case
    plural: bool            # whether PETRARCH would also generate a plural


@dataclass(frozen=True)
class VerbForm:
    """One verb line of a block: `+MEET_WITH {+MET_WITH ...} [040]`."""

    lemma: str             # the verb word, lower case: "meet"
    particle: str          # words written after the verb in a multi-word verb: "with"
    before: str            # words written before it: "wire" for WIRE_+TAP
    forms: tuple[str, ...]  # irregular forms given in {...}, lower case
    code: EventCode | None  # own code; None: the block's code applies
    line: int
    text: str


@dataclass(frozen=True)
class PatternToken:
    """One element of a pattern side.

    kind: "word" (text), "prep" (text: the preposition opening a prepositional phrase),
    "synset" (text: the set's name without &), "negation" (text), "source", "target",
    "compound", "skip". `alternatives` holds the words of an `A/B` token.
    """

    kind: str
    text: str = ""
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerbPattern:
    before: tuple[PatternToken, ...]
    after: tuple[PatternToken, ...]
    code: EventCode
    text: str       # the pattern as written, without its comment
    line: int


@dataclass
class VerbBlock:
    name: str
    code: EventCode
    line: int
    verbs: list[VerbForm] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    synsets: dict[str, tuple[SynsetMember, ...]]
    blocks: list[VerbBlock]
    transformations: list[str]
    problems: list[str]

    def expand_synset(self, name: str, _seen: frozenset[str] = frozenset()) -> list[tuple[str, ...]]:
        """Member word sequences of a synonym set (members naming other sets are expanded)."""
        key = name.lstrip("&").rstrip("_").upper()
        if key in _seen or key not in self.synsets:
            return []
        expanded: list[tuple[str, ...]] = []
        for member in self.synsets[key]:
            if len(member.words) == 1 and member.words[0].startswith("&"):
                expanded.extend(self.expand_synset(member.words[0], _seen | {key}))
            else:
                expanded.append(member.words)
        return list(dict.fromkeys(expanded))


_BLOCK_HEADER = re.compile(r"^---\s*(?P<name>[^\s\[]+)\s*(?:\[(?P<code>[^\]]*)\])?[\s-]*$")
_PATTERN_CODE = re.compile(r"\[([^\]]*)\]\s*$")
_VERB_LINE = re.compile(r"^(?P<verb>[^\s{\[]+)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?\s*$")


def _verb_form(text: str) -> tuple[str, str, str]:
    """`+MEET_WITH` -> ("meet", "with", ""); `WIRE_+TAP` -> ("tap", "", "wire"); `MEET` -> ("meet", "", "")."""
    text = text.strip().strip("_")
    if "+" in text:
        before, _, rest = text.partition("+")
    else:
        before, rest = "", text
    words = [w for w in rest.split("_") if w]
    if not words:
        return "", "", ""
    before_words = [w for w in before.split("_") if w]
    return words[0].lower(), " ".join(w.lower() for w in words[1:]), " ".join(w.lower() for w in before_words)


def _pattern_tokens(text: str) -> list[PatternToken]:
    """Tokens of one side of a pattern, in order."""
    tokens: list[PatternToken] = []
    prep_open = False
    for raw in text.split():
        word = raw.strip("(){}")
        if raw.startswith("("):
            prep_open = True  # the next word is the preposition of a prepositional phrase
        for piece in (p for p in word.split("_") if p):
            if piece in ("*",):
                continue
            if piece == "$":
                tokens.append(PatternToken("source"))
            elif piece == "+":
                tokens.append(PatternToken("target"))
            elif piece == "%":
                tokens.append(PatternToken("compound"))
            elif piece == "^":
                tokens.append(PatternToken("skip"))
            elif piece.startswith("&"):
                tokens.append(PatternToken("synset", piece[1:].rstrip("_").upper()))
            elif piece.upper() in NEGATION_WORDS:
                tokens.append(PatternToken("negation", piece.lower()))
            else:
                alternatives = tuple(a.lower() for a in piece.split("/") if a)
                kind = "prep" if prep_open else "word"
                tokens.append(PatternToken(kind, alternatives[0] if alternatives else "", alternatives if len(alternatives) > 1 else ()))
            prep_open = False
    return tokens


def parse_pattern(body: str, line: int = 0) -> VerbPattern:
    """A pattern line without its leading `-` and comment: `$ WILL * WITH + [036:036]`."""
    code_match = _PATTERN_CODE.search(body)
    if code_match is None:
        raise ValueError(f"pattern without a code: {body!r}")
    code = parse_event_code(code_match.group(1))
    pattern_text = body[: code_match.start()].strip()
    # The verb's place: a free-standing `*` or one joined to a word (`TO_*`, `CABINET_*`).
    star = re.search(r"(?:(?<=\s)|(?<=_)|^)\*", pattern_text)
    if star is None:
        raise ValueError(f"pattern without the verb marker *: {body!r}")
    before_text = pattern_text[: star.start()].rstrip("_")
    after_text = pattern_text[star.end() :].lstrip("_")
    return VerbPattern(
        before=tuple(_pattern_tokens(before_text)),
        after=tuple(_pattern_tokens(after_text)),
        code=code,
        text=" ".join(pattern_text.split()),
        line=line,
    )


def parse_verbs(text: str) -> VerbDictionary:
    """Synonym sets, verb blocks with their verbs and patterns, and (raw) transformations."""
    synsets: dict[str, list[SynsetMember]] = {}
    blocks: list[VerbBlock] = []
    transformations: list[str] = []
    problems: list[str] = []
    in_synsets = False
    synset: str | None = None
    synset_plural = True
    block: VerbBlock | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("####### SYNONYM SETS"):
            in_synsets = True
            continue
        if raw.startswith("####### VERB PATTERNS"):
            in_synsets = False
            continue
        content, _ = strip_comment(raw)
        content = content.strip()
        if not content or raw.startswith("<!"):
            continue
        if is_damaged(content):
            problems.append(f"line {number}: damaged characters")
            continue
        if content.startswith("~"):
            transformations.append(content)
            continue
        if content.startswith("---"):
            header = _BLOCK_HEADER.match(content)
            if header is None:
                problems.append(f"line {number}: unreadable block header {content!r}")
                block = None
                continue
            try:
                code = parse_event_code(header.group("code") or NULL_CODE)
            except ValueError as error:
                problems.append(f"line {number}: {error}")
                code = EventCode("", "")
            block = VerbBlock(name=header.group("name").upper(), code=code, line=number)
            blocks.append(block)
            in_synsets = False
            continue
        if content.startswith("&") and (in_synsets or block is None):
            name = content[1:].split()[0]
            synset_plural = not name.endswith("_")
            synset = name.rstrip("_").upper()
            synsets.setdefault(synset, [])
            continue
        if content.startswith("+") and synset is not None and (in_synsets or block is None):
            member = content[1:].strip()
            plural = synset_plural and not member.endswith("_")
            if member.startswith("&"):
                words: tuple[str, ...] = (member.rstrip("_").upper(),)  # another set, by name
            else:
                words = tuple(w.upper() for w in member.strip("_").split("_") if w)
            if words:
                synsets[synset].append(SynsetMember(words, plural))
            continue
        if block is None:
            problems.append(f"line {number}: outside any verb block: {content!r}")
            continue
        if content.startswith("-"):
            try:
                block.patterns.append(parse_pattern(content[1:], number))
            except ValueError as error:
                problems.append(f"line {number}: {error}")
            continue
        verb = _VERB_LINE.match(content)
        if verb is None:
            problems.append(f"line {number}: unreadable verb line {content!r}")
            continue
        lemma, particle, before = _verb_form(verb.group("verb"))
        if not lemma:
            problems.append(f"line {number}: no verb in {content!r}")
            continue
        forms = tuple(
            " ".join(part for part in _verb_form(form)[::-1] if part) for form in (verb.group("forms") or "").split()
        )
        own_code = None
        if verb.group("code") is not None:
            try:
                own_code = parse_event_code(verb.group("code"))
            except ValueError as error:
                problems.append(f"line {number}: {error}")
        block.verbs.append(VerbForm(lemma, particle, before, forms, own_code, number, content))
    return VerbDictionary(
        synsets={name: tuple(members) for name, members in synsets.items()},
        blocks=blocks,
        transformations=transformations,
        problems=problems,
    )


def expand_alternatives(tokens: tuple[PatternToken, ...], dictionary: VerbDictionary) -> list[list[PatternToken]]:
    """Every concrete reading of a pattern side: synonym sets and `A/B` alternatives expanded
    into plain word tokens (a set's multi-word members become several word tokens)."""
    options: list[list[list[PatternToken]]] = []
    for token in tokens:
        if token.kind == "synset":
            members = dictionary.expand_synset(token.text)
            options.append([[PatternToken("word", w.lower()) for w in words] for words in members] or [[]])
        elif token.alternatives:
            options.append([[PatternToken(token.kind, alt)] for alt in token.alternatives])
        else:
            options.append([[token]])
    return [[t for chunk in combination for t in chunk] for combination in product(*options)]


__all__ = [
    "ActorRecord",
    "AgentEntry",
    "DictionaryDateError",
    "EventCode",
    "NEGATION_WORDS",
    "ParsedActors",
    "ParsedAgents",
    "PatternToken",
    "Restriction",
    "SynsetMember",
    "VerbBlock",
    "VerbDictionary",
    "VerbForm",
    "VerbPattern",
    "expand_alternatives",
    "is_damaged",
    "parse_actors",
    "parse_agents",
    "parse_date",
    "parse_event_code",
    "parse_pattern",
    "parse_restriction",
    "parse_verbs",
    "phrase_words",
    "plural_of",
    "read_text",
    "strip_comment",
]
