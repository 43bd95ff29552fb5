"""Person, organisation and agent tables from the Phoenix actor and agent dictionaries.

    python -m pipeline.reference_build.actors --dictionaries <folder> --out seeds/reference

reads `Phoenix.Countries.actors.txt`, `Phoenix.International.actors.txt`,
`Phoenix.MilNonState.actors.txt` and `Phoenix.agents.txt` from the folder (PETRARCH2's
`petrarch2/data/dictionaries/`) and writes `actors.csv`, `actor_organizations.csv` and
`agents.csv` (see docs/reference-data.md for the columns). It also writes `actors.local.csv`
(the header only) when that file does not exist yet; users' rows there are never touched.
With `--factbook <git dir>` it adds the heads of state and government since 2015 from the history
of the World Factbook in JSON (`factbook.py`); without it, the Factbook rows already in
actors.csv are kept as they are. Either way the Factbook rows end the open-ended Phoenix GOV
periods of people the Factbook shows out of office (`close_open_periods`).

How a record becomes a row
    Each record's restrictions are read as Phoenix codes (`phoenix_codes.parse_code`):
    a country, a role (GOV, MIL, ELI, ...) and for international actors an organisation code.

    - Records whose codes name only countries, regions or dependent territories (`[AFG]`,
      `[GBRPCN]`) are places: dropped (countries.csv covers the states).
    - A record is a person when its primary phrase, read without a title prefix, can be a
      person's name (`names.is_person_name`) and it carries a person signal: a dated
      restriction, the CountryInfo provenance comment (the leader lists the file was built
      from), an alias written as "<title> <name>", or a name word seen in a confident person
      record (given names and surnames recur: "Mohammad", "Ali", "Karzai").
    - Otherwise a record whose role belongs to a state (GOV, MIL, LEG, JUD, COP, SPY), to its
      politics (PTY, OPP) or to an intergovernmental organisation (IGO) is an organisation.
      Records without a person name that are offices rather than bodies ("President of the
      United States", "UN Secretary General": a title word and no organisation word) are
      dropped; so are companies, NGOs, media, militant groups and other non-state bodies.
    - A person gets one row per readable restriction (its role period); the undated default
      restriction becomes a row without dates. A title (and its rank, through the product's
      titles.csv) is set only when one of the record's own phrases states one ("PRESIDENT_
      KARZAI_"), and only on rows whose role is a state or IGO office (not ELI, the "elite"
      periods before and after office, nor OPP, PTY, REB...). When phrases state several
      titles, the most senior is used. Titles introduced by "former"/"ex" are ignored.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.reference import DEFAULT_REFERENCE_DIR, Reference, read_reference
from pipeline.reference_build.dictionary import (
    ActorRecord,
    parse_actors,
    parse_agents,
    phrase_words,
    read_text,
)
from pipeline.reference_build.factbook import SOURCE as FACTBOOK_SOURCE
from pipeline.reference_build.factbook import factbook_rows
from pipeline.reference_build.names import (
    QUALIFIERS_NOT_CURRENT,
    Vocabulary,
    is_person_name,
    organization_display,
    person_display,
    split_title,
)
from pipeline.reference_build.phoenix_codes import STATE_ROLES, ParsedCode, parse_code

ACTOR_FILES = {
    "Countries": "Phoenix.Countries.actors.txt",
    "International": "Phoenix.International.actors.txt",
    "MilNonState": "Phoenix.MilNonState.actors.txt",
}
AGENT_FILE = "Phoenix.agents.txt"
SOURCE_PREFIX = "phoenix"

ACTOR_COLUMNS = (
    "name", "aliases", "country_iso3", "role", "title", "rank", "start_date", "end_date", "source",
    "organization", "code", "actor_id",
)
ORGANIZATION_COLUMNS = ("name", "aliases", "country_iso3", "role", "source", "organization", "code", "actor_id")
AGENT_COLUMNS = ("phrase", "agent_code", "state_actor", "source")

ORGANIZATION_ROLES = STATE_ROLES | {"PTY", "OPP", "IGO"}
# Roles under which a record without a date may still be a person when an alias gives a title
# or its name words recur among dated persons (companies and NGOs are often named after people).
PERSON_ROLES = STATE_ROLES | {"PTY", "OPP", "IGO", "ELI", "REB", "INS", "IMG", "UAF", "SEP", "RAD", "MOD", "UNR"}
TITLED_ROLES = STATE_ROLES | {"IGO"}


@dataclass
class BuildReport:
    """What was read, written and dropped (printed by the command, used by tests)."""

    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n


# ---------------------------------------------------------------------------------------------
# Persons


@dataclass
class PersonReading:
    name_words: tuple[str, ...]
    aliases: list[tuple[str, ...]]
    title: tuple[str, str] | None  # (canonical title, rank)
    titled_alias: bool             # some phrase is written "<title> <name>"


def _title_of(prefix: str, reference: Reference) -> tuple[str, str] | None:
    words = prefix.split()
    if not words or any(w.strip(".").split("-")[0] in QUALIFIERS_NOT_CURRENT for w in words):
        return None
    return reference.title_rank(prefix)


def read_person(record: ActorRecord, vocabulary: Vocabulary, reference: Reference) -> PersonReading | None:
    """The record read as a person: its name (the primary phrase without a title prefix), the
    other name forms, and the most senior title its phrases state. None when the primary phrase
    is not a person's name."""
    readings = [split_title(phrase_words(phrase), vocabulary) for phrase in record.phrases]
    primary = readings[0]
    if not is_person_name(primary.name_words, vocabulary):
        return None
    aliases: list[tuple[str, ...]] = []
    seen = {" ".join(primary.name_words).casefold()}
    titles: list[tuple[str, str]] = []
    titled_alias = False
    for reading in readings:
        if reading.title_words and is_person_name(reading.name_words, vocabulary):
            titled_alias = True
            title = _title_of(reading.title_text, reference)
            if title:
                titles.append(title)
        if not is_person_name(reading.name_words, vocabulary):
            continue
        key = " ".join(reading.name_words).casefold()
        if key not in seen:
            seen.add(key)
            aliases.append(reading.name_words)
    best = None
    if titles:
        best = min(titles, key=lambda t: (_rank_order(reference, t[1]), titles.index(t)))
    return PersonReading(primary.name_words, aliases, best, titled_alias)


def _rank_order(reference: Reference, rank: str) -> int:
    found = reference.rank(rank)
    return found.sort_order if found else 99


# ---------------------------------------------------------------------------------------------
# The conversion


@dataclass
class Converted:
    actors: list[dict[str, str]]
    organizations: list[dict[str, str]]
    report: BuildReport


def _is_countryinfo(record: ActorRecord) -> bool:
    return any("countryinfo" in comment.lower() for comment in record.comments)


def convert_actor_files(
    files: dict[str, str], reference: Reference, report: BuildReport | None = None
) -> Converted:
    """`files`: {source label ("Countries"): file text}. Returns the rows of both tables."""
    report = report or BuildReport()
    vocabulary = Vocabulary.from_reference(reference)
    parsed = {label: parse_actors(text) for label, text in files.items()}
    for label, result in parsed.items():
        report.add(f"{label}: records", len(result.records))
        report.add(f"{label}: damaged phrases dropped", result.dropped_phrases)
        report.add(f"{label}: unreadable restrictions dropped", result.dropped_restrictions)
        report.problems.extend(f"{ACTOR_FILES.get(label, label)} {p}" for p in result.problems)

    # Pass 1: confident persons, whose name words then vouch for undated records.
    candidates: list[tuple[str, ActorRecord, list[ParsedCode], PersonReading | None]] = []
    given_names: Counter = Counter()
    surnames: Counter = Counter()
    for label, result in parsed.items():
        for record in result.records:
            codes = [parse_code(r.code) for r in record.restrictions]
            reading = read_person(record, vocabulary, reference)
            candidates.append((label, record, codes, reading))
            confident = reading is not None and (
                any(r.dated for r in record.restrictions) or _is_countryinfo(record) or reading.titled_alias
            )
            if confident and len(reading.name_words) >= 2:
                given_names[reading.name_words[0].upper()] += 1
                surnames[reading.name_words[-1].upper()] += 1

    def vouched(words: tuple[str, ...]) -> bool:
        """Two or more words whose first word is a given name, or last word a surname, of at least
        two confident persons (particles such as "al" or "bin" vouch for nothing)."""
        if len(words) < 2:
            return False
        first, last = words[0].lower(), words[-1].lower()
        return (first not in vocabulary.particles and given_names[first.upper()] >= 2) or (
            last not in vocabulary.particles and surnames[last.upper()] >= 2
        )

    # Pass 2: classify every record.
    persons: list[tuple[str, ActorRecord, list, PersonReading]] = []
    organization_records: list[tuple[str, ActorRecord, list]] = []
    for label, record, codes, reading in candidates:
        if not record.restrictions:
            report.add("records without a code (dropped)")
            continue
        usable = [(r, c) for r, c in zip(record.restrictions, codes) if not c.place and not c.fictional]
        if not usable:
            fictional = any(c.fictional for c in codes)
            report.add("fictional country (dropped)" if fictional else "places, countries and territories (dropped)")
            continue
        roles = {c.role for _, c in usable}
        strong = any(r.dated for r in record.restrictions) or _is_countryinfo(record)
        weak_allowed = bool(roles & PERSON_ROLES)
        if reading is not None and (
            strong or (weak_allowed and (reading.titled_alias or vouched(reading.name_words)))
        ):
            persons.append((label, record, usable, reading))
            continue
        if not roles & ORGANIZATION_ROLES:
            report.add("non-state bodies and groups (dropped)")
            continue
        words = phrase_words(record.primary)
        if _is_office(words, vocabulary):
            report.add("offices without a person's name (dropped)")
            continue
        if reading is not None and len(reading.name_words) >= 2 and not _has_organization_word(words, vocabulary):
            # Reads as a person's name, but nothing vouches for it being one or the other.
            report.add("undated name-like records without a person signal (dropped)")
            continue
        if any(r.dated for r in record.restrictions) and not _has_organization_word(words, vocabulary):
            # Dated like a person, but its name cannot be read as one ("... (1ST TIME)"): no guess.
            report.add("dated records that read neither as a person nor as a body (dropped)")
            continue
        organization_records.append((label, record, usable))

    organization_names = _organization_names(organization_records, vocabulary, reference)

    actors: list[dict[str, str]] = []
    for label, record, usable, reading in persons:
        source = f"{SOURCE_PREFIX}:{label}"
        # The country that shapes the name's spelling (Korean given names), also from a
        # restriction dropped for its date ("BAN_KI-MOON" [KORGOVBUS 2004017-...]).
        hints = [c for _, c in usable] + [parse_code(code) for code in record.unreadable_codes]
        country_hint = next((c.country_iso3 for c in hints if c.country_iso3), None)
        name = person_display(reading.name_words, vocabulary, country_hint)
        aliases = _unique(person_display(a, vocabulary, country_hint) for a in reading.aliases)
        aliases = [a for a in aliases if a.casefold() != name.casefold()]
        for restriction, code in usable:
            titled = reading.title is not None and code.role in TITLED_ROLES
            actors.append(
                {
                    "name": name,
                    "aliases": "|".join(aliases),
                    "country_iso3": code.country_iso3 or "",
                    "role": code.role,
                    "title": reading.title[0] if titled else "",
                    "rank": reading.title[1] if titled else "",
                    "start_date": restriction.start.isoformat() if restriction.start else "",
                    "end_date": restriction.end.isoformat() if restriction.end else "",
                    "source": source,
                    "organization": organization_names.get(code.code, "") if code.role == "IGO" else "",
                    "code": code.code,
                    "actor_id": f"{source}:{record.line}",
                }
            )
        report.add("persons")

    organizations: list[dict[str, str]] = []
    by_key: dict[tuple[str, str, str], dict[str, str]] = {}
    for label, record, usable in organization_records:
        source = f"{SOURCE_PREFIX}:{label}"
        row = _organization_row(record, usable, vocabulary, reference, source, f"{source}:{record.line}", organization_names)
        if row is None:
            report.add("organisations without a usable name (dropped)")
            continue
        key = (row["name"].casefold(), row["country_iso3"], row["code"])
        if key in by_key:
            # The same body listed twice (two records, same name and code): one row, aliases merged.
            kept = by_key[key]
            kept["aliases"] = "|".join(_unique([*kept["aliases"].split("|"), *row["aliases"].split("|")]))
            report.add("organisation records merged into an earlier row of the same name")
            continue
        by_key[key] = row
        organizations.append(row)
        report.add("organisations")
    report.add("actor rows", len(actors))
    report.add("organisation rows", len(organizations))
    return Converted(actors, organizations, report)


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _has_organization_word(words: Sequence[str], vocabulary: Vocabulary) -> bool:
    return any(w.lower().strip(".,()'") in vocabulary.organization_words for w in words)


def _is_office(words: Sequence[str], vocabulary: Vocabulary) -> bool:
    """"PRESIDENT OF THE UNITED STATES", "UN SECRETARY GENERAL", "CHAIRMAN OF THE FEDERATION
    COUNCIL": a title head, and no organisation word before it."""
    keys = [w.lower().strip(".,()'") for w in words]
    heads = [i for i, k in enumerate(keys) if k in vocabulary.title_heads or k.split("-")[-1] in vocabulary.title_heads]
    bodies = [i for i, k in enumerate(keys) if k in vocabulary.organization_words]
    return bool(heads) and (not bodies or heads[0] < bodies[0])


def _organization_phrases(record: ActorRecord, vocabulary: Vocabulary) -> list[list[str]]:
    """Phrases of an organisation record that name it (offices and persons among them dropped)."""
    phrases = []
    for phrase in record.phrases:
        words = phrase_words(phrase)
        if _is_office(words, vocabulary):
            continue
        split = split_title(words, vocabulary)
        if split.title_words and is_person_name(split.name_words, vocabulary):
            continue
        phrases.append(words)
    return phrases


def _organization_row(
    record: ActorRecord,
    usable: list,
    vocabulary: Vocabulary,
    reference: Reference,
    source: str,
    actor_id: str,
    organization_names: dict[str, str],
) -> dict[str, str] | None:
    phrases = _organization_phrases(record, vocabulary)
    if not phrases:
        return None
    international = any(c.role == "IGO" for _, c in usable)
    names = _unique(
        organization_display(words, vocabulary, [p for p in phrases if p is not words], international)
        for words in phrases
    )
    # The product's own canonical name when the reference knows the organisation.
    known = next((reference.organization_by_text(n) for n in names if reference.organization_by_text(n)), None)
    name = known.canonical_name if known else names[0]
    aliases = [n for n in names if n.casefold() != name.casefold()]
    code = next((c for _, c in usable if c.role in ORGANIZATION_ROLES), usable[0][1])
    return {
        "name": name,
        "aliases": "|".join(aliases),
        "country_iso3": code.country_iso3 or "",
        "role": code.role,
        "source": source,
        "organization": organization_names.get(code.code, "") if code.role == "IGO" else "",
        "code": code.code,
        "actor_id": actor_id,
    }


def _organization_names(organization_records, vocabulary: Vocabulary, reference: Reference) -> dict[str, str]:
    """IGO code -> the organisation's display name, from the first organisation record whose
    default (undated) code is exactly that code (`IGOUNO` -> "United Nations"). A bare `IGO`
    names no organisation."""
    names: dict[str, str] = {}
    for _, record, usable in organization_records:
        for restriction, code in usable:
            if code.role != "IGO" or not code.organization or restriction.dated or code.code in names:
                continue
            phrases = _organization_phrases(record, vocabulary)
            if not phrases:
                continue
            display = organization_display(phrases[0], vocabulary, phrases[1:], True)
            known = reference.organization_by_text(display)
            names[code.code] = known.canonical_name if known else display
    return names


# ---------------------------------------------------------------------------------------------
# Agents


def convert_agents(text: str, report: BuildReport | None = None) -> list[dict[str, str]]:
    report = report or BuildReport()
    parsed = parse_agents(text)
    report.problems.extend(f"{AGENT_FILE} {p}" for p in parsed.problems)
    rows: list[dict[str, str]] = []
    seen: dict[str, str] = {}
    for entry in parsed.entries:
        if entry.phrase in seen:
            if seen[entry.phrase] != entry.code:
                report.add("agent phrases with a second, different code (first kept)")
            continue
        seen[entry.phrase] = entry.code
        rows.append(
            {
                "phrase": entry.phrase,
                "agent_code": entry.code,
                "state_actor": "true" if entry.code[:3] in STATE_ROLES else "false",
                "source": f"{SOURCE_PREFIX}:agents",
            }
        )
    report.add("agent rows", len(rows))
    return rows


# ---------------------------------------------------------------------------------------------
# Writing


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})
            count += 1
    return count


def _sort_key(row: dict[str, str]) -> tuple:
    return (row["source"], int(row["actor_id"].rsplit(":", 1)[1]), row.get("start_date", ""), row.get("code", ""))


def _full_name_key(text: str) -> str:
    words = re.sub(r"[-.,']", " ", unicodedata.normalize("NFKD", text)).split()
    key = " ".join("".join(c for c in w if not unicodedata.combining(c)) for w in words).casefold()
    return key if " " in key else ""


def close_open_periods(phoenix_rows: list[dict[str, str]], factbook: list[dict[str, str]]) -> int:
    """End the open-ended GOV periods of the Phoenix dictionaries (compiled in 2014) where the
    Factbook shows the same person (same country, same full name or full-name alias) out of
    office: every one of the person's Factbook tenures has ended. The period then ends on the
    last of those end dates. Returns how many periods were closed."""
    ends: dict[tuple[str, str], list[str]] = {}
    for row in factbook:
        for form in {row["name"], *row["aliases"].split("|")}:
            key = _full_name_key(form)
            if key:
                ends.setdefault((row["country_iso3"], key), []).append(row["end_date"])
    closed = 0
    for row in phoenix_rows:
        if row["role"] != "GOV" or row["end_date"] or not row["start_date"]:
            continue
        for form in (row["name"], *row["aliases"].split("|")):
            found = ends.get((row["country_iso3"], _full_name_key(form))) if _full_name_key(form) else None
            if not found:
                continue
            if all(found) and max(found) >= row["start_date"]:
                row["end_date"] = max(found)
                closed += 1
            break
    return closed


def _kept_factbook_rows(path: Path) -> list[dict[str, str]]:
    """Rows of the Factbook already in actors.csv (kept when no Factbook repository is given)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row.get("source", "").startswith(FACTBOOK_SOURCE)]


def build(
    dictionaries: Path, out: Path, reference_root: Path | None = None, factbook: Path | None = None
) -> BuildReport:
    """Read the dictionaries of a folder (and the Factbook's history, if given) and write the
    three tables into `out`."""
    reference = read_reference(reference_root or DEFAULT_REFERENCE_DIR)
    report = BuildReport()
    files = {}
    for label, filename in ACTOR_FILES.items():
        path = dictionaries / filename
        if not path.exists():
            raise FileNotFoundError(f"{path} not found: --dictionaries must be PETRARCH2's dictionaries folder")
        files[label] = read_text(path)
    converted = convert_actor_files(files, reference, report)
    agents = convert_agents(read_text(dictionaries / AGENT_FILE), report)
    if factbook is not None:
        leaders, factbook_report, commit = factbook_rows(factbook, reference)
        report.add("Factbook: profile versions read", factbook_report.versions)
        report.add("Factbook: people", factbook_report.people)
        report.add("Factbook: profiles without a country (skipped)", len(factbook_report.profiles_without_country))
        report.problems.append(f"Factbook repository at commit {commit}")
    else:
        leaders = _kept_factbook_rows(out / "actors.csv")
    report.add("Factbook rows", len(leaders))
    report.add("open Phoenix GOV periods closed by the Factbook", close_open_periods(converted.actors, leaders))
    write_csv(out / "actors.csv", ACTOR_COLUMNS, [*sorted(converted.actors, key=_sort_key), *leaders])
    write_csv(out / "actor_organizations.csv", ORGANIZATION_COLUMNS, sorted(converted.organizations, key=_sort_key))
    write_csv(out / "agents.csv", AGENT_COLUMNS, sorted(agents, key=lambda r: r["phrase"]))
    local = out / "actors.local.csv"
    if not local.exists():
        write_csv(local, ACTOR_COLUMNS, [])
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dictionaries", type=Path, required=True, help="PETRARCH2's petrarch2/data/dictionaries folder")
    parser.add_argument("--out", type=Path, required=True, help="folder of the reference tables (seeds/reference)")
    parser.add_argument("--reference", type=Path, default=None, help="reference folder whose titles, ranks and countries are used (default: the repository's)")
    parser.add_argument(
        "--factbook", type=Path, default=None,
        help="git directory of the factbook/factbook.json repository: heads of state and government since 2015 "
        "(without it, the Factbook rows already in actors.csv are kept)",
    )
    parser.add_argument("--problems", action="store_true", help="also list every unreadable line")
    args = parser.parse_args(argv)
    report = build(args.dictionaries, args.out, args.reference, args.factbook)
    for key, value in sorted(report.counts.items()):
        print(f"{key}: {value}")
    print(f"unreadable lines and dropped phrases: {len(report.problems)}")
    if args.problems:
        for problem in report.problems:
            print(f"  {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["build", "convert_actor_files", "convert_agents", "main", "read_person"]
