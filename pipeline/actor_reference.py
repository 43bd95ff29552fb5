"""Actor reference data: people with their country, role and period, state and international
bodies, agent nouns and CAMEO verb patterns, read from `seeds/reference/`.

Files (see docs/reference-data.md): `actors.csv` and the user's `actors.local.csv`,
`actor_organizations.csv`, `agents.csv`, `patterns/cameo_verbs.csv`,
`patterns/cameo_word_sets.csv`, `patterns/cameo_codes.csv`. No spaCy here: every parse process
loads this, so it reads the CSV files once into tuples and dictionaries keyed by normalised
name (lookups never scan the tables).

Name matching (`people_named`): Unicode compatibility form without accents, case folded;
hyphens, dots, apostrophes and commas ignored; a trailing possessive dropped. "Ban Ki-moon",
"BAN KI MOON" and "Ban Ki-moon's" are one key; "Erdoğan" = "Erdogan".

Dates (`people_named(name, on)`): a row with a period applies when `on` falls inside it (both
ends included, an empty end is open). A row without dates is its record's default (the
dictionary's `[CODE]` without a date): it applies when no dated row of the same `actor_id`
does. With `on=None` every row of the name is returned, but only when all of them agree on the
country (otherwise the name alone cannot tell who is meant, and the answer is empty).

User rows: `actors.local.csv` (same columns as `actors.csv`) is read after it; when a name has
rows there, only those rows answer for it (the generated rows of that name are set aside).

Speed: rows are kept as text lines and turned into records only when a lookup returns them; the
name index (keys of every name and alias -> row numbers) is built once and kept in
`PIPELINE_CACHE_DIR` (marshal), keyed by the files' identity (size and modification time, and
the content of files under 1 MB), so a parse process loads it in a few hundredths of a second.
The verb table is read on first use.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import marshal
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple, TypeVar

from pipeline.settings import resolve_path, setting
from pipeline.reference import (
    REFERENCE_DIR_ENV,
    _is_abbreviation,
    _org_folded,
    _strip_article_and_possessive,
    default_reference_dir,
    normalise_surface,
)

ACTORS_FILE = "actors.csv"
LOCAL_ACTORS_FILE = "actors.local.csv"
ORGANIZATIONS_FILE = "actor_organizations.csv"
AGENTS_FILE = "agents.csv"
VERBS_FILE = "patterns/cameo_verbs.csv"
# Hand-written patterns that complete the dictionary for diplomatic prose; read first, so that a
# pattern of theirs wins over an equally specific dictionary one.
EVENT_VERBS_FILE = "patterns/event_verbs.csv"
WORD_SETS_FILE = "patterns/cameo_word_sets.csv"
CODES_FILE = "patterns/cameo_codes.csv"
SEPARATOR = "|"


class ActorEntry(NamedTuple):
    """One role period of a person (one row of actors.csv or actors.local.csv)."""

    name: str
    aliases: tuple[str, ...]
    country_iso3: str | None   # None for international officials
    role: str                  # Phoenix role: GOV, ELI, MIL, LEG, IGO, ...
    title: str | None          # only where the source states one
    rank: str | None           # a rank of ranks.csv, with the title
    start_date: date | None
    end_date: date | None
    source: str                # "phoenix:Countries", ... or whatever a local row says
    organization: str | None   # the international organisation of an IGO official
    code: str                  # the full Phoenix code ("RUSGOV", "IGOUNO")
    actor_id: str              # rows of one source record share it ("" in a local row: its own)
    local: bool                # from actors.local.csv

    @property
    def dated(self) -> bool:
        return self.start_date is not None or self.end_date is not None

    def covers(self, day: date) -> bool:
        """Whether the row's period holds `day` (an undated row holds every day)."""
        return (self.start_date is None or self.start_date <= day) and (self.end_date is None or day <= self.end_date)


class ActorOrganization(NamedTuple):
    name: str
    aliases: tuple[str, ...]
    country_iso3: str | None
    role: str                  # GOV, MIL, LEG, JUD, COP, SPY, PTY, OPP or IGO
    source: str
    organization: str | None   # for IGO bodies: the organisation they belong to
    code: str
    actor_id: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Agent(NamedTuple):
    phrase: str                # lower case: "foreign minister", "troops"
    agent_code: str            # "GOVFRM", "MIL", ...
    state_actor: bool          # the code names a part of a state (GOV, MIL, COP, JUD, LEG, SPY)
    source: str


class CameoCode(NamedTuple):
    code: str                  # "036", "0874"
    root: str                  # "03"
    name: str                  # "" where no codebook names it
    quad_class: str            # verbal_cooperation, material_cooperation, verbal_conflict, material_conflict
    goldstein: float | None


class VerbPattern(NamedTuple):
    """One verb with one pattern of its block (or alone: `pattern == "*"`).

    `object_words` / `before_words`: the words required after / before the verb, in order, each
    slot the set of words that may fill it (a synonym set of the dictionary gives several; a
    member may have several words: "jumbo jet"). Match them against the lemmas or texts of the
    tokens of the clause, in order, other words allowed in between.
    """

    lemma: str
    code: str                  # CAMEO code when the verb's subject is the source; "" = no event
    passive_code: str          # code when the subject is the target (passive verb, "face criticism")
    preposition: str           # the preposition that must follow the verb ("with"), or ""
    particle: str              # the rest of a multi-word verb ("meet with", "call off")
    object_words: tuple[frozenset[str], ...]
    before_words: tuple[frozenset[str], ...]
    subject_role: str          # "source", "target", "compound" (both) or "" (the usual: source)
    object_role: str           # "target", "source" or ""
    negated: bool              # the pattern requires a negation ("would not meet")
    verb_group: str            # the dictionary's block ("MEET_PEOPLE")
    pattern: str               # the pattern as written in the dictionary
    source: str                # "petrarch2:CAMEO.2.0:<line>"


# ---------------------------------------------------------------------------------------------
# Normalisation

_IGNORED = re.compile(r"[.,'\u2019`\u02bc]")
_DASHES = re.compile(r"[\-\u2010-\u2015]")
_POSSESSIVE_KEY = re.compile(r"(?:'s|\u2019s|')$")
_ASCII_KEY = str.maketrans({"-": " ", ".": None, ",": None, "'": None, "`": None})


def name_key(text: str) -> str:
    """Key of a person's name: no accents, case folded, hyphens/dots/apostrophes ignored."""
    if text.isascii():
        # The common case, kept cheap: the index holds tens of thousands of names.
        if text.endswith(("'s", "'")):
            text = _POSSESSIVE_KEY.sub("", text)
        return " ".join(text.translate(_ASCII_KEY).split()).lower()
    text = _POSSESSIVE_KEY.sub("", normalise_surface(text))
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _IGNORED.sub("", _DASHES.sub(" ", text))
    return " ".join(text.split()).casefold()


def organization_key(text: str) -> tuple[bool, str]:
    """(exact, key): abbreviations ("FSB", "U.N.") match as written (dots ignored), other names
    case-insensitively with British/American spellings met -- the rules of pipeline/reference.py."""
    form = _strip_article_and_possessive(normalise_surface(text))
    if _is_abbreviation(form):
        return True, form.replace(".", "")
    return False, _org_folded(form)


def phrase_key(text: str) -> str:
    """Key of an agent phrase: lower case, hyphens as spaces, single spaces."""
    if text.isascii():
        return " ".join(text.replace("-", " ").split()).lower()
    return " ".join(normalise_surface(text).casefold().replace("-", " ").split())


# ---------------------------------------------------------------------------------------------
# Rows read on demand

T = TypeVar("T")


def _cells(line: str) -> list[str]:
    """The cells of one CSV line (quoted cells only cost the csv module where they occur)."""
    if '"' in line:
        return next(csv.reader([line]))
    return line.split(",")


class _LazyRows(Sequence[T]):
    """Lines of a CSV file, each turned into a record on first access: a lookup builds the few
    records it returns, not the tens of thousands the file holds."""

    def __init__(self, header: list[str], lines: list[str], columns: tuple[str, ...], build: Callable[[tuple[str, ...]], T]):
        width = len(header)
        self._header = header
        self._pick = itemgetter(*(header.index(name) if name in header else width for name in columns))
        self._width = width
        self._lines = lines
        self._build = build
        self._items: list[T | None] = [None] * len(lines)

    def cells(self, index: int) -> tuple[str, ...]:
        row = _cells(self._lines[index])
        if len(row) <= self._width:
            row = row + [""] * (self._width + 1 - len(row))
        return self._pick(row)

    def columns(self, names: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        """Some cells of every line, cheaply: plain lines are split, quoted ones parsed."""
        positions = [self._header.index(n) if n in self._header else self._width for n in names]
        pick = itemgetter(*positions)
        padding = [""] * (self._width + 1)
        for line in self._lines:
            row = line.split(",") if '"' not in line else next(csv.reader([line]))
            row.append("")
            try:
                yield pick(row)
            except IndexError:
                yield pick(row + padding[len(row):])

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        item = self._items[index]
        if item is None:
            item = self._items[index] = self._build(self.cells(index))
        return item


def _read_lines(path: Path) -> tuple[list[str], list[str]]:
    """Header cells and data lines of a CSV file ([], [] when it does not exist)."""
    if not path.exists():
        return [], []
    text = path.read_text(encoding="utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    header = [h.strip() for h in _cells(lines[0])] if lines and lines[0].strip() else []
    return header, [line for line in lines[1:] if line.strip(", ")]


# ---------------------------------------------------------------------------------------------
# The reference object

PEOPLE_COLUMNS = (
    "name", "aliases", "country_iso3", "role", "title", "rank", "start_date", "end_date", "source",
    "organization", "code", "actor_id",
)
VERB_COLUMNS = (
    "lemma", "code", "passive_code", "preposition", "particle", "object_words", "before_words",
    "subject_role", "object_role", "negated", "verb_group", "pattern", "source",
)


def _person(cells: tuple[str, ...], local: bool) -> ActorEntry:
    if local:
        cells = tuple(cell.strip() for cell in cells)
    name, aliases, country, role, title, rank, start, end, source, organization, code, actor_id = cells
    return ActorEntry(
        name,
        _split(aliases),
        country.upper() or None,
        role,
        title or None,
        rank or None,
        date.fromisoformat(start) if start else None,
        date.fromisoformat(end) if end else None,
        source or ("local" if local else ""),
        organization or None,
        code,
        actor_id,
        local,
    )


class _People(Sequence[ActorEntry]):
    """actors.csv followed by actors.local.csv, read on demand."""

    def __init__(self, generated: _LazyRows[ActorEntry], local: _LazyRows[ActorEntry]):
        self.generated = generated
        self.local = local
        self._split = len(generated)

    def __len__(self) -> int:
        return self._split + len(self.local)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return self.generated[index] if index < self._split else self.local[index - self._split]

    def index_cells(self) -> Iterator[tuple[str, str, str, bool]]:
        """(name, aliases, actor_id, local) of every row, without building the rows."""
        for rows, local in ((self.generated, False), (self.local, True)):
            for name, aliases, actor_id in rows.columns(("name", "aliases", "actor_id")):
                if local:
                    name, aliases, actor_id = name.strip(), aliases.strip(), actor_id.strip()
                yield name, aliases, actor_id, local


@dataclass(eq=False)
class ActorReference:
    root: Path
    people: Sequence[ActorEntry]
    organizations: tuple[ActorOrganization, ...]
    agents: tuple[Agent, ...]
    word_sets: dict[str, frozenset[str]]
    codes: dict[str, CameoCode]
    _verbs_files: tuple[Path, ...] = field(default=(), repr=False)
    _index_sources: tuple[Path, ...] = field(default=(), repr=False)  # files the name index is built from
    _people_by_key: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _local_keys: frozenset[str] = field(default=frozenset(), repr=False)
    _rows_by_actor: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _organizations_exact: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    _organizations_folded: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    _agents: dict[str, Agent] = field(default_factory=dict, repr=False)
    _verbs: _LazyRows[VerbPattern] | None = field(default=None, repr=False)
    _verbs_by_lemma: dict[str, list[int]] | None = field(default=None, repr=False)
    _verbs_of_lemma: dict[str, tuple[VerbPattern, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index_people()
        exact: dict[str, list[int]] = {}
        folded: dict[str, list[int]] = {}
        for index, organization in enumerate(self.organizations):
            for form in organization.names:
                is_exact, key = organization_key(form)
                if key:
                    target = exact if is_exact else folded
                    if index not in target.setdefault(key, []):
                        target[key].append(index)
        self._organizations_exact = {k: tuple(v) for k, v in exact.items()}
        self._organizations_folded = {k: tuple(v) for k, v in folded.items()}
        for agent in self.agents:
            self._agents.setdefault(phrase_key(agent.phrase), agent)

    def _index_people(self) -> None:
        cache_file = _index_cache_file(self._index_sources) if self._index_sources else None
        if cache_file is not None:
            try:
                by_key, by_actor, local_keys = marshal.loads(cache_file.read_bytes())
                self._people_by_key, self._rows_by_actor = by_key, by_actor
                self._local_keys = frozenset(local_keys)
                return
            except (OSError, ValueError, EOFError, TypeError):
                pass
        self._build_people_index()
        if cache_file is not None:
            _write_atomically(
                cache_file, marshal.dumps((self._people_by_key, self._rows_by_actor, sorted(self._local_keys)))
            )

    def _build_people_index(self) -> None:
        """Name keys and record ids -> row numbers, from the name, aliases and actor_id cells
        alone (the rows themselves are built when a lookup returns them)."""
        by_key: dict[str, list[int]] = {}
        by_actor: dict[str, list[int]] = {}
        local_keys: set[str] = set()
        people = self.people
        parts = people.index_cells() if isinstance(people, _People) else (
            (e.name, SEPARATOR.join(e.aliases), e.actor_id, e.local) for e in people
        )
        previous = None
        keys: list[str] = []
        for index, (name, aliases, actor_id, local) in enumerate(parts):
            if name != previous or aliases != previous_aliases:
                # Rows of one person follow each other and share their forms: keyed once.
                previous, previous_aliases = name, aliases
                keys = list({k for k in map(name_key, (name, *aliases.split(SEPARATOR))) if k})
            for key in keys:
                found = by_key.get(key)
                if found is None:
                    by_key[key] = [index]
                else:
                    found.append(index)
            if local:
                local_keys.update(keys)
            if actor_id:
                found = by_actor.get(actor_id)
                if found is None:
                    by_actor[actor_id] = [index]
                else:
                    found.append(index)
        self._people_by_key = by_key
        self._rows_by_actor = by_actor
        self._local_keys = frozenset(local_keys)

    def __repr__(self) -> str:
        return (
            f"ActorReference(root={str(self.root)!r}, people={len(self.people)}, "
            f"organizations={len(self.organizations)}, agents={len(self.agents)})"
        )

    # -- people ----------------------------------------------------------------------------

    def people_named(self, name: str, on: date | None, *, single_word: bool = True) -> list[ActorEntry]:
        """Role periods of the people called `name` (full name or alias), see the module docstring.

        `single_word=False` answers nothing for a one-word name: surname-only aliases ("Putin",
        "Karzai") are in the table, but a surname alone names many people.
        """
        key = name_key(name)
        if not key or (not single_word and " " not in key):
            return []
        indices = self._people_by_key.get(key, ())
        if key in self._local_keys:
            indices = tuple(i for i in indices if self.people[i].local)
        entries = [self.people[i] for i in indices]
        if on is None:
            return entries if len({e.country_iso3 for e in entries}) == 1 else []
        matching = set(indices)
        answer: list[ActorEntry] = []
        for index, entry in zip(indices, entries):
            if entry.dated:
                if entry.covers(on):
                    answer.append(entry)
                continue
            # An undated row is its record's default: only when no dated row of it applies.
            siblings = self._rows_by_actor.get(entry.actor_id, ()) if entry.actor_id else ()
            if not any(i in matching and self.people[i].dated and self.people[i].covers(on) for i in siblings):
                answer.append(entry)
        return answer

    def person_rows(self, actor_id: str) -> list[ActorEntry]:
        """Every row of one source record (all its role periods)."""
        return [self.people[i] for i in self._rows_by_actor.get(actor_id, ())]

    # -- organisations and agents -----------------------------------------------------------

    def organization_named(self, name: str) -> list[ActorOrganization]:
        """Bodies with this name or alias (abbreviations match as written, dots ignored)."""
        if not name:
            return []
        is_exact, key = organization_key(name)
        indices = (self._organizations_exact if is_exact else self._organizations_folded).get(key, ())
        return [self.organizations[i] for i in indices]

    def agent(self, phrase: str) -> Agent | None:
        """The agent noun of a phrase ("Foreign Ministers" -> GOV, state actor)."""
        return self._agents.get(phrase_key(phrase)) if phrase else None

    # -- verbs and codes ---------------------------------------------------------------------

    def _verb_rows(self) -> _LazyRows[VerbPattern]:
        if self._verbs is None:
            header: list[str] = []
            lines: list[str] = []
            for path in self._verbs_files:
                file_header, file_lines = _read_lines(path)
                if file_header and header and file_header != header:
                    raise ValueError(f"{path}: columns differ from the other verb pattern files")
                header = header or file_header
                lines.extend(file_lines)
            cache: dict[str, tuple[frozenset[str], ...]] = {"": ()}
            word_sets = self.word_sets

            def build(cells: tuple[str, ...]) -> VerbPattern:
                lemma, code, passive, preposition, particle, objects, befores, subject, obj, negated, group, pattern, source = cells
                return VerbPattern(
                    lemma, code, passive, preposition, particle,
                    _slots(objects, word_sets, cache), _slots(befores, word_sets, cache),
                    subject, obj, negated == "true", group, pattern, source,
                )

            self._verbs = _LazyRows(header, lines, VERB_COLUMNS, build)
            by_lemma: dict[str, list[int]] = {}
            for index, line in enumerate(lines):
                lemma = line.split(",", 1)[0]  # a lemma never holds a comma or a quote
                found = by_lemma.get(lemma)
                if found is None:
                    by_lemma[lemma] = [index]
                else:
                    found.append(index)
            self._verbs_by_lemma = by_lemma
        return self._verbs

    @property
    def verbs(self) -> Sequence[VerbPattern]:
        """Every verb pattern, in dictionary order (the file is read on first use)."""
        return self._verb_rows()

    def verbs_for(self, lemma: str) -> tuple[VerbPattern, ...]:
        """The patterns of a verb lemma ("meet"), in dictionary order."""
        key = lemma.casefold()
        found = self._verbs_of_lemma.get(key)
        if found is None:
            rows = self._verb_rows()
            assert self._verbs_by_lemma is not None
            lines = self._verbs_by_lemma.get(key)
            if lines is None:
                return ()
            found = self._verbs_of_lemma[key] = tuple(rows[i] for i in lines)  # a lemma of the dictionary
        return found

    def cameo_code(self, code: str) -> CameoCode | None:
        return self.codes.get(code)


# ---------------------------------------------------------------------------------------------
# Reading


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a (small) CSV file ([], [] when it does not exist)."""
    if not path.exists():
        return [], []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        return [h.strip() for h in header], [row for row in reader if row]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(SEPARATOR) if part.strip()) if cell else ()


def _read_organizations(path: Path) -> list[ActorOrganization]:
    header, rows = _rows(path)
    col = {name: index for index, name in enumerate(header)}
    return [
        ActorOrganization(
            name=row[col["name"]],
            aliases=_split(row[col["aliases"]]),
            country_iso3=row[col["country_iso3"]] or None,
            role=row[col["role"]],
            source=row[col["source"]],
            organization=(row[col["organization"]] if "organization" in col else "") or None,
            code=row[col["code"]] if "code" in col else "",
            actor_id=row[col["actor_id"]] if "actor_id" in col else "",
        )
        for row in rows
    ]


def _read_agents(path: Path) -> list[Agent]:
    header, rows = _rows(path)
    col = {name: index for index, name in enumerate(header)}
    return [
        Agent(
            phrase=row[col["phrase"]],
            agent_code=row[col["agent_code"]],
            state_actor=row[col["state_actor"]].strip().lower() == "true",
            source=row[col["source"]],
        )
        for row in rows
    ]


def _read_word_sets(path: Path) -> dict[str, frozenset[str]]:
    header, rows = _rows(path)
    col = {name: index for index, name in enumerate(header)}
    sets: dict[str, set[str]] = {}
    for row in rows:
        sets.setdefault(row[col["word_set"]].lower(), set()).add(row[col["word"]].lower())
    return {name: frozenset(words) for name, words in sets.items()}


def _read_codes(path: Path) -> dict[str, CameoCode]:
    header, rows = _rows(path)
    col = {name: index for index, name in enumerate(header)}
    return {
        row[col["code"]]: CameoCode(
            code=row[col["code"]],
            root=row[col["root"]],
            name=row[col["name"]],
            quad_class=row[col["quad_class"]],
            goldstein=float(row[col["goldstein"]]) if row[col["goldstein"]] else None,
        )
        for row in rows
    }


def _slots(cell: str, word_sets: dict[str, frozenset[str]], cache: dict[str, tuple[frozenset[str], ...]]) -> tuple[frozenset[str], ...]:
    if not cell:
        return ()
    found = cache.get(cell)
    if found is None:
        found = tuple(
            word_sets.get(word[1:], frozenset()) if word.startswith("&") else frozenset((word,))
            for word in cell.split()
        )
        cache[cell] = found
    return found


INDEX_FORMAT = 1
_SMALL_FILE = 1 << 20


def _index_cache_file(sources: tuple[Path, ...]) -> Path | None:
    """Where the name index of these files is kept (None when the cache folder is unusable)."""
    digest = hashlib.sha256(f"actor-index-{INDEX_FORMAT}".encode())
    for path in sources:
        try:
            stat = path.stat()
        except OSError:
            digest.update(f"{path}:absent".encode())
            continue
        digest.update(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        if stat.st_size < _SMALL_FILE:
            digest.update(path.read_bytes())  # an edit within one clock tick still shows
    folder = resolve_path(setting("PIPELINE_CACHE_DIR"))
    return folder / f"actor-index-{digest.hexdigest()[:32]}.marshal"


def _write_atomically(path: Path, data: bytes) -> None:
    """Best effort: a read-only or missing cache folder only costs the next process the build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        staging.write_bytes(data)
        os.replace(staging, path)
    except OSError:
        pass


def read_actor_reference(root: Path | str, *, index_cache: bool = True) -> ActorReference:
    """Read the actor reference files of a folder (not kept in memory: tools and tests).
    `index_cache=False` builds the name index without reading or writing the disk cache."""
    root = Path(root)
    generated = _LazyRows(*_read_lines(root / ACTORS_FILE), PEOPLE_COLUMNS, lambda cells: _person(cells, False))
    local = _LazyRows(*_read_lines(root / LOCAL_ACTORS_FILE), PEOPLE_COLUMNS, lambda cells: _person(cells, True))
    return ActorReference(
        root=root,
        people=_People(generated, local),
        organizations=tuple(_read_organizations(root / ORGANIZATIONS_FILE)),
        agents=tuple(_read_agents(root / AGENTS_FILE)),
        word_sets=_read_word_sets(root / WORD_SETS_FILE),
        codes=_read_codes(root / CODES_FILE),
        _verbs_files=(root / EVENT_VERBS_FILE, root / VERBS_FILE),
        _index_sources=(root / ACTORS_FILE, root / LOCAL_ACTORS_FILE) if index_cache else (),
    )


@functools.lru_cache(maxsize=8)
def _load_cached(root: Path) -> ActorReference:
    return read_actor_reference(root)


def load_actor_reference(root: Path | str | None = None) -> ActorReference:
    """The actor reference of `root` (default `$PIPELINE_REFERENCE_DIR` or `seeds/reference`), cached."""
    resolved = Path(root).expanduser().resolve() if root is not None else default_reference_dir()
    return _load_cached(resolved)


load_actor_reference.cache_clear = _load_cached.cache_clear  # type: ignore[attr-defined]

__all__ = [
    "ActorEntry",
    "ActorOrganization",
    "ActorReference",
    "Agent",
    "CameoCode",
    "REFERENCE_DIR_ENV",
    "VerbPattern",
    "load_actor_reference",
    "name_key",
    "organization_key",
    "phrase_key",
    "read_actor_reference",
]
