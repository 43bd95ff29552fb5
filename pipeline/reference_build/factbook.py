"""Heads of state and government (and their deputies) with their dates, from the history of the
World Factbook in JSON (the factbook/factbook.json repository, public domain / CC0).

The Phoenix dictionaries end in 2014. Every weekly version of factbook.json since October 2015
holds each country's "Executive branch", written like

    chief of state:      President Vladimir Vladimirovich PUTIN (since 7 May 2012)
    head of government:  Premier LI Qiang (since 11 March 2023); Executive Vice Premier DING
                         Xuexiang (since 11 March 2023), Vice Premiers HE Lifeng (since ...), ...

(surnames in capitals). This module reads one version per country and month from the
repository's git history, and turns each person into one row per continuous tenure:

- `start_date`: the "(since ...)" date (a month or a year alone gives the month's or the year's
  first day); without one, the first month the person is listed.
- `end_date`: the "since" date of the next holder of the same title in the same field (for
  titles one person holds at a time), else the date of the first version that no longer lists
  the person (the repository has no versions between March 2017 and November 2020: such ends
  are late by up to three years); empty while the last version still lists the person.
- `title`, `rank`: the title written before the name, through the product's titles.csv; of a
  title joined with "and" ("Crown Prince and Prime Minister") the most senior part.
- a monarch "represented by" a governor-general or a co-prince "represented by" a delegate is the
  head of state of another country: only the representative is kept for that country;
- `aliases`: first name + surname (the Factbook writes middle names and patronymics), and the
  surname alone for names written surname last.

Profiles are matched to countries by their name (the product's countries.csv); territories and
other entries without a country are skipped.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.reference import Reference, normalise_title
from pipeline.reference_build.names import Vocabulary, person_display

SOURCE = "factbook"
FIELDS = ("chief of state", "head of government")
MONTHS = {
    name: index
    for index, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"],
        start=1,
    )
}
_SINCE = re.compile(r"\(\s*since\s+([^)]*)\)", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "van", "von", "de", "del", "da", "dos", "das", "du", "la", "le", "i", "y", "ul", "ud"})


# ---------------------------------------------------------------------------------------------
# One version of one profile


@dataclass(frozen=True)
class Sighting:
    """A person listed in one field of one version of a country's profile."""

    field: str
    title: str                 # as written before the name ("Executive Vice Premier")
    name_words: tuple[str, ...]  # as written ("Vladimir", "Vladimirovich", "PUTIN")
    since: date | None
    surname_first: bool        # "LI Qiang": the capitalised surname comes first


def parse_since(text: str) -> date | None:
    """`7 May 2012`, `May 2012`, `2012` -> a date (the first day of a month or year alone)."""
    words = text.replace(",", " ").split()
    day = month = year = None
    for word in words:
        lower = word.lower().rstrip(".")
        if lower in MONTHS:
            month = MONTHS[lower]
        elif word.isdigit() and len(word) == 4:
            year = int(word)
        elif word.isdigit() and len(word) <= 2:
            day = int(word)
    if year is None:
        return None
    try:
        return date(year, month or 1, day if (day and month) else 1)
    except ValueError:
        return None


def _is_capitals(token: str) -> bool:
    """A surname as the Factbook writes it: PUTIN, XI, Hoseini-KHAMENEI, al-MANFI, O'BRIEN."""
    bare = token.strip(",.;")
    last = bare.split("-")[-1]
    letters = [c for c in last if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _given_name(token: str, vocabulary: Vocabulary) -> bool:
    key = token.lower().strip(",.")
    if token.endswith(","):
        return False
    if key in _PARTICLES:
        return True
    if not token[:1].isupper():
        return False
    # Title and body words end the name ("Premiers", "Minister-Designate"); place words do not:
    # they are given names too ("Vincent", "Victoria", "Santiago").
    words = {key, key[:-1] if key.endswith("s") else key, *key.split("-")}
    return not any(w in vocabulary.title_words or w in vocabulary.organization_words for w in words)


def _name_token(token: str) -> bool:
    """A word that continues a name after its capitalised surname: "Qiang", "bin", "al-Aziz", "Jr."."""
    bare = token.strip(",.;")
    if not bare:
        return False
    key = bare.lower()
    return (
        _is_capitals(bare)
        or key in {"jr", "sr"}
        or key in _PARTICLES
        or key.split("-")[0] in _PARTICLES
        or bare[:1].isupper()
    )


def split_person(segment: str, vocabulary: Vocabulary) -> tuple[str, tuple[str, ...], bool] | None:
    """`Executive Vice Premier DING Xuexiang` -> ("Executive Vice Premier", (DING, Xuexiang), True)."""
    tokens = re.sub(r"\([^)]*\)", " ", segment).split()  # "(SAC)" is no surname
    caps = [i for i, t in enumerate(tokens) if _is_capitals(t)]
    if not caps:
        return None
    first = caps[0]
    start = first
    while start > 0 and first - start < 4 and _given_name(tokens[start - 1], vocabulary):
        start -= 1
    end = first + 1
    while end < len(tokens) and _name_token(tokens[end]) and not tokens[end - 1].endswith(","):
        end += 1
    name = tuple(t.strip(",;") for t in tokens[start:end] if t.strip(",;"))
    title = " ".join(t.strip(",") for t in tokens[:start]).strip()
    return title, name, start == first


def split_people(segment: str, vocabulary: Vocabulary, inherited: str) -> list[tuple[str, tuple[str, ...], bool]]:
    """The people of one segment ending in "(since ...)": several names may share the date
    ("Deputy Prime Ministers ALI ..., JAWAD ... (since ...)"); words before the first name,
    commas included, are its title ("President, Presidential Council, Mohammed al-MANFI")."""
    people: list[tuple[str, tuple[str, ...], bool]] = []
    title_parts: list[str] = []
    for piece in segment.split(","):
        piece = piece.strip()
        if not piece:
            continue
        found = split_person(piece, vocabulary)
        if found is None:
            if people and piece.lower().strip(".") in {"jr", "sr"}:
                title, name, surname_first = people[-1]
                people[-1] = (title, (*name, piece), surname_first)
            elif not people:
                title_parts.append(piece)
            continue
        title, name, surname_first = found
        title = " ".join(part for part in (*title_parts, title) if part).strip()
        title_parts = []
        people.append((title or (people[-1][0] if people else inherited), name, surname_first))
    return people


def executive_sightings(profile: dict, vocabulary: Vocabulary) -> list[Sighting]:
    """The people a profile's executive branch lists, with their titles and "since" dates."""
    executive = (profile.get("Government") or {}).get("Executive branch") or {}
    sightings: list[Sighting] = []
    for field_name in FIELDS:
        text = (executive.get(field_name) or {}).get("text") or ""
        text = html.unescape(_TAGS.sub(" ", text))
        parts = _SINCE.split(text)  # [segment, since, segment, since, ..., tail]
        previous_title = ""
        pending: list[Sighting] = []
        for index in range(0, len(parts) - 1, 2):
            segment, since_text = parts[index], parts[index + 1]
            segment = segment.strip().lstrip(";,").strip()
            represented = False
            for prefix in ("represented by", "and"):
                if segment.lower().startswith(prefix + " "):
                    represented = represented or prefix == "represented by"
                    segment = segment[len(prefix) + 1 :].strip()
            if not represented:
                sightings.extend(pending)
            # else: the represented monarch or co-prince heads another state: dropped here.
            pending = []
            since = parse_since(since_text)
            for title, name, surname_first in split_people(segment, vocabulary, "" if represented else previous_title):
                previous_title = title
                pending.append(Sighting(field_name, title, name, since, surname_first))
        sightings.extend(pending)
    return sightings


# ---------------------------------------------------------------------------------------------
# Versions from git history


@dataclass(frozen=True)
class ProfileVersion:
    day: date      # the commit date of the version
    code: str      # the Factbook's two-letter GEC code of the profile file
    blob: str


def profile_versions(repository: Path, since: date) -> list[ProfileVersion]:
    """The last version of each profile in each month since `since` (from `git log --raw`)."""
    log = subprocess.run(
        ["git", f"--git-dir={repository}", "log", "--format=C %cs", "--raw", "--no-renames", "--no-abbrev", "--", "*.json"],
        check=True, capture_output=True, text=True,
    ).stdout
    latest: dict[tuple[str, str], ProfileVersion] = {}
    day: date | None = None
    for line in log.splitlines():
        if line.startswith("C "):
            day = date.fromisoformat(line[2:].strip())
            continue
        if not line.startswith(":") or day is None or day < since:
            continue
        meta, _, path = line.partition("\t")
        fields = meta.split()
        if len(fields) < 5 or fields[4] == "D":
            continue
        name = path.rsplit("/", 1)[-1]
        code = name[:2]
        if not re.fullmatch(r"[a-z]{2}", code) or path.startswith(("world/", "oceans/", "meta/", "antarctica/")):
            continue
        key = (code, day.strftime("%Y-%m"))
        if key not in latest or latest[key].day < day:  # log order is newest first
            latest[key] = ProfileVersion(day, code, fields[3])
    return sorted(latest.values(), key=lambda v: (v.code, v.day))


def read_blobs(repository: Path, blobs: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """(blob id, content) through one `git cat-file --batch` process."""
    blobs = list(blobs)
    process = subprocess.Popen(
        ["git", f"--git-dir={repository}", "cat-file", "--batch"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        for blob in blobs:
            process.stdin.write(blob.encode() + b"\n")
            process.stdin.flush()
            header = process.stdout.readline().split()
            if len(header) < 3 or header[1] == b"missing":
                continue
            content = process.stdout.read(int(header[2]))
            process.stdout.read(1)
            yield blob, content
    finally:
        process.stdin.close()
        process.wait()


def head_commit(repository: Path) -> str:
    return subprocess.run(
        ["git", f"--git-dir={repository}", "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()


# ---------------------------------------------------------------------------------------------
# Tenures


@dataclass
class Tenure:
    country: str
    code: str                 # GEC code of the profile
    field: str
    title: str
    name_words: tuple[str, ...]
    surname_first: bool
    since: date | None
    first_seen: date
    last_seen: date
    gone: date | None = None  # the first version that no longer lists the person
    end: date | None = None

    def start_key(self) -> date:
        return self.since or self.first_seen


@dataclass
class FactbookReport:
    versions: int = 0
    profiles_without_country: set[str] = field(default_factory=set)
    people: int = 0


def _name_key(words: tuple[str, ...]) -> str:
    return " ".join(w.lower().strip(",.") for w in words)


def tenures_from_versions(
    versions: Iterable[tuple[date, str, dict]], reference: Reference, vocabulary: Vocabulary, report: FactbookReport
) -> list[Tenure]:
    """Tenures from (version date, GEC code, profile) triples, ordered by code and date."""
    open_tenures: dict[tuple[str, str, str, str], Tenure] = {}  # (code, field, person, title) -> tenure
    done: list[Tenure] = []
    last_day: dict[str, date] = {}
    shared_posts: set[tuple[str, str, str]] = set()  # titles several people hold at once (deputies)
    for day, code, profile in versions:
        report.versions += 1
        if "Government" not in profile:
            continue  # the 2015 layout before October, filed under other codes: not read
        country = _country_of(profile, reference)
        if country is None:
            report.profiles_without_country.add(code)
            continue
        last_day[code] = day
        listed: set[tuple[str, str, str, str]] = set()
        holders: dict[tuple[str, str, str], int] = {}
        for sighting in executive_sightings(profile, vocabulary):
            post = (code, sighting.field, sighting.title.lower())
            holders[post] = holders.get(post, 0) + 1
            if holders[post] > 1:
                shared_posts.add(post)
            # A new title is a new tenure (a deputy who becomes head of government).
            key = (code, sighting.field, _name_key(sighting.name_words), sighting.title.lower())
            listed.add(key)
            tenure = open_tenures.get(key)
            if tenure is None:
                open_tenures[key] = Tenure(
                    country, code, sighting.field, sighting.title, sighting.name_words, sighting.surname_first,
                    sighting.since, day, day,
                )
            else:
                tenure.last_seen = day
                if sighting.since and (tenure.since is None or sighting.since < tenure.since):
                    tenure.since = sighting.since
        for key in [k for k in open_tenures if k[0] == code and k not in listed]:
            tenure = open_tenures.pop(key)
            tenure.gone = day
            done.append(tenure)
    latest = max(last_day.values(), default=None)
    for tenure in open_tenures.values():
        if last_day.get(tenure.code) != latest and latest is not None:
            tenure.gone = None  # the profile stopped before the end: leave the tenure open
        done.append(tenure)
    _close(done, shared_posts)
    report.people = len({(t.country, _name_key(t.name_words)) for t in done})
    return sorted(done, key=lambda t: (t.country, t.field, t.start_key(), _name_key(t.name_words)))


def _close(tenures: list[Tenure], shared_posts: set[tuple[str, str, str]] = frozenset()) -> None:
    """End dates: the next holder's "since" date for a title one person holds at a time (a
    president, a prime minister), else -- and for titles several people hold at once, such as
    deputy prime ministers -- the first version without the person."""
    by_post: dict[tuple[str, str, str], list[Tenure]] = {}
    for tenure in tenures:
        by_post.setdefault((tenure.code, tenure.field, tenure.title.lower()), []).append(tenure)
    for post, holders in by_post.items():
        holders.sort(key=lambda t: t.start_key())
        for tenure in holders:
            if tenure.gone is None:
                continue
            successors = [
                t.since for t in holders
                if t is not tenure and t.since and t.since > (tenure.since or tenure.first_seen) and t.since <= tenure.gone
            ]
            tenure.end = min(successors) if successors and post not in shared_posts else tenure.gone


def _country_of(profile: dict, reference: Reference) -> str | None:
    names = ((profile.get("Government") or {}).get("Country name")) or {}
    for form in ("conventional short form", "conventional long form"):
        text = html.unescape((names.get(form) or {}).get("text") or "").strip()
        for candidate in (text, re.sub(r"\s*\([^)]*\)", "", text).strip()):
            if candidate and candidate.lower() != "none":
                country = reference.country_by_text(candidate)
                if country is not None:
                    return country.iso3
    return None


# ---------------------------------------------------------------------------------------------
# Rows


def _display(words: tuple[str, ...], vocabulary: Vocabulary, country: str) -> str:
    return person_display([w.upper() if not w.islower() else w for w in words], vocabulary, country)


def tenure_rows(tenures: Iterable[Tenure], reference: Reference, vocabulary: Vocabulary) -> list[dict[str, str]]:
    """One row per person, title and continuous period. Tenures of one person in both fields
    (a president who also heads the government) or under two spellings of the name that
    share first name and surname ("Mikhail Mishustin", "Mikhail Vladimirovich Mishustin")
    are merged where their periods overlap."""
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for tenure in tenures:
        name = _display(tenure.name_words, vocabulary, tenure.country)
        aliases = _aliases(tenure, vocabulary)
        title, rank = _title(tenure.title, reference, vocabulary)
        short = (aliases[0] if aliases and len(aliases) > 1 else name).casefold()
        groups.setdefault((tenure.country, short, title), []).append(
            {
                "name": name,
                "aliases": aliases,
                "country": tenure.country,
                "title": title,
                "rank": rank,
                "start": tenure.since or tenure.first_seen,
                "end": tenure.end,
                "person": f"{SOURCE}:{tenure.code}:{short.replace(' ', '_')}",
            }
        )
    rows = []
    for (country, _, _), items in sorted(groups.items()):
        items.sort(key=lambda item: (item["start"], item["end"] or date.max))
        merged: list[dict] = []
        for item in items:
            last = merged[-1] if merged else None
            if last is not None and (last["end"] is None or item["start"] <= last["end"]):
                if len(item["name"]) > len(last["name"]):
                    last["name"] = item["name"]
                last["aliases"] = list(dict.fromkeys([*last["aliases"], *item["aliases"]]))
                last["end"] = None if last["end"] is None or item["end"] is None else max(last["end"], item["end"])
                continue
            merged.append(dict(item))
        for item in merged:
            aliases = [a for a in dict.fromkeys(item["aliases"]) if a.casefold() != item["name"].casefold()]
            rows.append(
                {
                    "name": item["name"],
                    "aliases": "|".join(aliases),
                    "country_iso3": country,
                    "role": "GOV",
                    "title": item["title"],
                    "rank": item["rank"],
                    "start_date": item["start"].isoformat(),
                    "end_date": item["end"].isoformat() if item["end"] else "",
                    "source": SOURCE,
                    "organization": "",
                    "code": f"{country}GOV",
                    "actor_id": item["person"],
                }
            )
    return sorted(rows, key=lambda r: (r["country_iso3"], r["actor_id"], r["start_date"], r["title"]))


def _aliases(tenure: Tenure, vocabulary: Vocabulary) -> list[str]:
    words = [w for w in tenure.name_words if w.lower().strip(".,") not in {"jr", "sr"}]
    capitals = [w for w in words if _is_capitals(w)]
    out: list[str] = []
    if not tenure.surname_first and capitals:
        surname_start = words.index(capitals[0])
        given = words[:surname_start]
        surname = tuple(words[surname_start:])
        if given and len(words) > len(surname) + 1:
            out.append(_display((given[0], *surname), vocabulary, tenure.country))
        out.append(_display(surname, vocabulary, tenure.country))
    return out


def _title_rank(text: str, reference: Reference) -> tuple[str, str] | None:
    """titles.csv's reading of a title, also of a plural one ("Deputy Prime Ministers")."""
    text = text.strip()
    if text.endswith("s"):
        singular = reference.title_for(text[:-1])
        if singular is not None and singular.title == normalise_title(text[:-1]):
            return singular.canonical_title, singular.rank
    return reference.title_rank(text)


def _title(text: str, reference: Reference, vocabulary: Vocabulary) -> tuple[str, str]:
    """Display title and rank; "Crown Prince and Prime Minister" -> the more senior part. A
    title titles.csv does not know is kept only when all its words are title words ("Taliban
    Leader" is not; notes the Factbook writes before a name, "aka Jose", are dropped)."""
    if not text:
        return "", ""
    found = [t for t in (_title_rank(part, reference) for part in re.split(r"\band\b|,", text) if part.strip()) if t]
    if not found:
        words = [w.lower().strip(".,") for w in text.split()]
        meaningful = [w for w in words if w not in {"and", "of", "the", "for"}]
        return (text, "") if meaningful and all(w in vocabulary.title_words for w in words) else ("", "")
    order = {r.rank: r.sort_order for r in reference.ranks}
    return min(found, key=lambda t: order.get(t[1], 99))


def factbook_rows(repository: Path, reference: Reference, since: date = date(2015, 1, 1)) -> tuple[list[dict[str, str]], FactbookReport, str]:
    """Rows for actors.csv from a factbook.json git repository (one version per profile and month)."""
    vocabulary = Vocabulary.from_reference(reference)
    versions = profile_versions(repository, since)
    by_blob = {v.blob: v for v in versions}
    report = FactbookReport()

    def profiles() -> Iterator[tuple[date, str, dict]]:
        for blob, content in read_blobs(repository, [v.blob for v in versions]):
            version = by_blob[blob]
            try:
                yield version.day, version.code, json.loads(content)
            except ValueError:
                continue

    tenures = tenures_from_versions(profiles(), reference, vocabulary, report)
    return tenure_rows(tenures, reference, vocabulary), report, head_commit(repository)
