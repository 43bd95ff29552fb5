"""Reference data: loads `seeds/reference/*` into typed, immutable objects with lookup helpers.

Matching rules (shared by every lookup):
- forms written entirely in capitals ("US", "U.S.", "PRC", "SCO", "FM") are abbreviations and match
  case-sensitively, so the pronoun "us" is never the United States;
- every other form matches case-insensitively after normalising quotes, dashes and whitespace;
- a leading "the " and a trailing possessive "'s" are ignored.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

REFERENCE_DIR_ENV = "PIPELINE_REFERENCE_DIR"
DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parents[1] / "seeds" / "reference"
MULTI_VALUE_SEPARATOR = "|"

RANK_NAMES: tuple[str, ...] = (
    "head_of_state",
    "head_of_government",
    "deputy_head_of_government",
    "foreign_minister",
    "minister",
    "deputy_minister",
    "ambassador",
    "other_official",
    "non_state",
)


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    official_names: tuple[str, ...]
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every form that names the country itself (not its demonyms)."""
        return (self.name, *self.official_names, *self.aliases)


@dataclass(frozen=True)
class Organization:
    canonical_name: str
    aliases: tuple[str, ...]
    country_iso3: str | None
    kind: str
    # The organisation this one is an organ of, in whose name it acts in event data ("United
    # Nations Security Council" -> "United Nations", as CAMEO codes both IGOUNO)
    part_of: str | None = None
    # What the body is called where its state goes without saying ("Congress", "the National
    # Assembly"): names many states' bodies share, so never matched on their own
    short_names: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical_name, *self.aliases)

    @property
    def acting_name(self) -> str:
        return self.part_of or self.canonical_name


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    country_iso3: str | None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Subdivision:
    """A first-level region of a state ("California", "Guangdong", "Ontario")."""
    name: str
    aliases: tuple[str, ...]
    country_iso3: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class City(Subdivision):
    """A city of 100,000 people or more whose name points to one state ("Kharkiv", "Aleppo")."""


@dataclass(frozen=True)
class Title:
    title: str
    rank: str
    canonical_title: str
    country_iso3: str | None = None  # a title only one state has ("Taoiseach")


@dataclass(frozen=True)
class Rank:
    rank: str
    label: str
    weight: float
    sort_order: int


@dataclass(frozen=True)
class TopicSpec:
    topic: str
    keywords: tuple[str, ...]
    phrases: tuple[str, ...]
    # keywords that say nothing of the topic when used as a verb ("the minister travelled to Rome")
    not_as_verb: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventCode:
    interaction_type: str
    cameo_code: str
    plover_type: str
    description: str
    goldstein: float
    quad_class: str = ""


@dataclass(frozen=True)
class PartnershipLevel:
    phrase: str
    level: str
    rank_order: int


# ---------------------------------------------------------------------------------------------
# Text normalisation used by every lookup


_QUOTE_TRANSLATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
_POSSESSIVE = re.compile(r"(?:'s|')$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")

# British and American spellings of the same organisation name must meet in one key.
_SPELLING_VARIANTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"organisation", "organization"),
        (r"programme", "program"),
        (r"centre\b", "center"),
        (r"defence", "defense"),
        (r"labour", "labor"),
        (r"co-operation", "cooperation"),
        (r"\s*&\s*", " and "),
    )
)


def normalise_surface(text: str) -> str:
    """Unicode, quotes, dashes and whitespace normalised; case kept."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_TRANSLATION)
    return _WHITESPACE.sub(" ", text).strip()


def _strip_article_and_possessive(text: str) -> str:
    text = _LEADING_THE.sub("", text)
    # "Kazakhstan's" -> "Kazakhstan", "the Bahamas'" -> "Bahamas"; plain plurals stay intact.
    text = _POSSESSIVE.sub("", text)
    return text.strip(" ,.;:") if not _is_abbreviation(text) else text.strip(" ,;:")


def _is_abbreviation(form: str) -> bool:
    """All-capital forms ("US", "U.S.", "PRC", "OPEC+") are matched case-sensitively."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 8


def _folded(text: str) -> str:
    return text.casefold()


def _accent_folded(text: str) -> str:
    """"São Paulo" and "Sao Paulo" alike: regions are written with and without their accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _org_folded(text: str) -> str:
    text = text.casefold()
    for pattern, replacement in _SPELLING_VARIANTS:
        text = pattern.sub(replacement, text)
    return _WHITESPACE.sub(" ", text).strip()


def _short_name_key(text: str) -> str:
    return _org_folded(_strip_article_and_possessive(normalise_surface(text)))


@dataclass
class _Index:
    """Two dictionaries: exact keys for abbreviations, folded keys for everything else."""

    fold: Callable[[str], str] = _folded
    exact: dict[str, object] = field(default_factory=dict)
    insensitive: dict[str, object] = field(default_factory=dict)

    def add(self, form: str, value: object) -> None:
        form = _strip_article_and_possessive(normalise_surface(form))
        if not form:
            return
        if _is_abbreviation(form):
            self.exact.setdefault(form, value)
            # "U.S." should also be found when written "US" and vice versa.
            self.exact.setdefault(form.replace(".", ""), value)
        else:
            self.insensitive.setdefault(self.fold(form), value)

    def get(self, text: str) -> object | None:
        form = _strip_article_and_possessive(normalise_surface(text))
        if not form:
            return None
        if form in self.exact:
            return self.exact[form]
        if _is_abbreviation(form) and form.replace(".", "") in self.exact:
            return self.exact[form.replace(".", "")]
        return self.insensitive.get(self.fold(form))


# ---------------------------------------------------------------------------------------------
# Titles


_LEADER_RANKS = frozenset({"head_of_state", "head_of_government", "deputy_head_of_government"})
# Nouns that mark the holder of "President of ..." as an institution rather than a state.
_INSTITUTION_WORDS = frozenset(
    {
        "bank", "fund", "court", "assembly", "parliament", "organization", "organisation",
        "association", "university", "academy", "institute", "foundation", "company",
        "corporation", "chamber", "club", "agency", "forum", "society", "senate", "congress",
    }
)
_TITLE_PUNCTUATION = re.compile(r"[^\w\s']")
_TITLE_QUALIFIERS = re.compile(r"^(?:acting|interim|incumbent|newly appointed|newly elected)\s+")


def normalise_title(text: str) -> str:
    """Lower case, hyphens and punctuation as spaces: "Vice-Premier" -> "vice premier"."""
    text = normalise_surface(text).casefold().replace("-", " ")
    text = _TITLE_PUNCTUATION.sub(" ", text)
    text = _WHITESPACE.sub(" ", text).strip()
    text = _LEADING_THE.sub("", text)
    return _TITLE_QUALIFIERS.sub("", text)


# ---------------------------------------------------------------------------------------------
# The reference object


T = TypeVar("T")
_DERIVED: dict[tuple[str, object], object] = {}


@dataclass(eq=False)
class Reference:
    root: Path
    countries: list[Country]
    organizations: list[Organization]
    outlets: list[Outlet]
    titles: list[Title]
    ranks: list[Rank]
    topics: dict[str, TopicSpec]
    event_codes: list[EventCode]
    partnership_levels: list[PartnershipLevel]
    fingerprint_value: str
    subdivisions: list[Subdivision] = field(default_factory=list)
    cities: list[City] = field(default_factory=list)
    _countries: _Index = field(init=False, repr=False)
    _countries_by_iso3: dict[str, Country] = field(init=False, repr=False)
    _organizations: _Index = field(init=False, repr=False)
    _short_names: dict[str, tuple[Organization, ...]] = field(init=False, repr=False)
    _outlets: _Index = field(init=False, repr=False)
    _titles: dict[str, Title] = field(init=False, repr=False)
    _ranks: dict[str, Rank] = field(init=False, repr=False)
    _event_codes: dict[str, EventCode] = field(init=False, repr=False)
    _subdivision_states: dict[str, str] = field(init=False, repr=False)
    _city_states: dict[str, str] | None = field(init=False, repr=False)
    _capital_states: dict[str, str] = field(init=False, repr=False)
    # Extractors ask about the same words on every page: remembered answers (bounded, per reference).
    country_by_text: Callable[[str | None], Country | None] = field(init=False, repr=False)
    organization_by_text: Callable[[str | None], Organization | None] = field(init=False, repr=False)
    title_for: Callable[[str | None], Title | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.country_by_text = functools.lru_cache(maxsize=65536)(self._country_by_text)
        self.organization_by_text = functools.lru_cache(maxsize=65536)(self._organization_by_text)
        self.title_for = functools.lru_cache(maxsize=65536)(self._title_for)
        self._countries_by_iso3 = {c.iso3: c for c in self.countries}
        self._countries = _Index()
        # Names first, demonyms last: a name always wins over another country's demonym.
        for country in self.countries:
            self._countries.add(country.name, country)
        for country in self.countries:
            for form in (*country.official_names, *country.aliases):
                self._countries.add(form, country)
        for country in self.countries:
            for form in country.demonyms:
                self._countries.add(form, country)
        self._organizations = _Index(fold=_org_folded)
        for organization in self.organizations:
            self._organizations.add(organization.canonical_name, organization)
        for organization in self.organizations:
            for form in organization.aliases:
                self._organizations.add(form, organization)
        short_names: dict[str, list[Organization]] = {}
        for organization in self.organizations:
            for form in organization.short_names:
                short_names.setdefault(_short_name_key(form), []).append(organization)
        self._short_names = {form: tuple(bodies) for form, bodies in short_names.items()}
        self._outlets = _Index()
        for outlet in self.outlets:
            for form in outlet.names:
                self._outlets.add(form, outlet)
        self._titles = {}
        for title in self.titles:
            self._titles.setdefault(normalise_title(title.title), title)
        self._ranks = {r.rank: r for r in self.ranks}
        self._event_codes = {e.interaction_type: e for e in self.event_codes}
        self._subdivision_states = self._index_places(self.subdivisions)
        self._city_states = None  # built on the first question: most documents never ask
        self._capital_states = {}
        for country in self.countries:
            if country.capital:
                self._capital_states.setdefault(country.capital.lower(), country.iso3)

    def _index_places(self, places: list[Subdivision], naming_no_state: bool = True) -> dict[str, str]:
        """Folded place name -> state, for names that point to one state only and (where
        `naming_no_state`) name no state themselves ("Georgia", "Punjab" and "Florida" are left
        out; the city table's builder already left out every state's names)."""
        states: dict[str, set[str]] = {}
        for place in places:
            for form in place.names:
                states.setdefault(_accent_folded(form), set()).add(place.country_iso3)
        return {
            form: codes.pop()
            for form, codes in states.items()
            if len(codes) == 1 and not (naming_no_state and self.country_by_text(form) is not None)
        }

    def subdivision_state(self, text: str | None) -> str | None:
        """The state a first-level subdivision's name belongs to ("California" -> "USA"), or None."""
        if not text:
            return None
        return self._subdivision_states.get(_place_key(text))

    def capital_state(self, text: str | None) -> str | None:
        """The state whose capital the text names ("Kyiv" -> "UKR"), any case, or None."""
        return self._capital_states.get(text.lower()) if text else None

    def city_state(self, text: str | None) -> str | None:
        """The state of a city listed in `cities.csv` ("Kharkiv" -> "UKR"), or None; a region's
        name is the region's."""
        if not text:
            return None
        if self._city_states is None:
            self._city_states = {form: state for form, state in self._index_places(self.cities, naming_no_state=False).items()
                                 if form not in self._subdivision_states}
        return self._city_states.get(_place_key(text))

    def derived(self, key: object, build: Callable[[], T]) -> T:
        """What an extractor computes from the reference data (compiled patterns, normalised phrase
        tables): built on first use, then shared by every document and by every Reference with the
        same content. Keyed by content, not by object: the pipeline is warmed up (matchers built
        outside spaCy's memory zones) with one Reference and may be used with a reloaded one."""
        full_key = (self.fingerprint_value, key)
        if full_key not in _DERIVED:
            _DERIVED[full_key] = build()
        return _DERIVED[full_key]  # type: ignore[return-value]

    def __repr__(self) -> str:
        return (
            f"Reference(root={str(self.root)!r}, countries={len(self.countries)}, "
            f"organizations={len(self.organizations)}, outlets={len(self.outlets)}, "
            f"titles={len(self.titles)}, fingerprint={self.fingerprint_value[:12]!r})"
        )

    # -- countries -------------------------------------------------------------------------

    def country_by_iso3(self, code: str | None) -> Country | None:
        return self._countries_by_iso3.get(code.upper()) if code else None

    def _country_by_text(self, text: str | None) -> Country | None:
        """Any name, official name, alias or demonym; "the Republic of X" and "X's" too."""
        if not text:
            return None
        found = self._countries.get(text)
        if found is not None:
            return found  # type: ignore[return-value]
        # "Republic of Uzbekistan" written without being listed as an official name.
        form = _strip_article_and_possessive(normalise_surface(text))
        match = re.match(r"^(?:the\s+)?republic\s+of\s+(?:the\s+)?(.+)$", form, re.IGNORECASE)
        if match:
            return self._countries.get(match.group(1))  # type: ignore[return-value]
        return None

    # -- organisations and outlets ---------------------------------------------------------

    def _organization_by_text(self, text: str | None) -> Organization | None:
        return self._organizations.get(text) if text else None  # type: ignore[return-value]

    def bodies_known_as(self, short_name: str, state: str | None = None) -> tuple[Organization, ...]:
        """The states' bodies that go by `short_name` at home ("Congress": the United States', Peru's,
        ...), in file order; only `state`'s when it is given."""
        bodies = self._short_names.get(_short_name_key(short_name), ())
        return bodies if state is None else tuple(b for b in bodies if b.country_iso3 == state)

    def outlet_by_text(self, text: str | None) -> Outlet | None:
        return self._outlets.get(text) if text else None  # type: ignore[return-value]

    # -- titles and ranks ------------------------------------------------------------------

    def quad_class(self, cameo_code: str | None) -> str | None:
        """CAMEO quad class of a code, from its root: 01-05 verbal cooperation, 06-08 material
        cooperation, 09-13 verbal conflict, 14-20 material conflict."""
        digits = (cameo_code or "").strip()
        if len(digits) < 2 or not digits[:2].isdigit():
            return None
        root = int(digits[:2])
        for last, name in ((5, "verbal_cooperation"), (8, "material_cooperation"), (13, "verbal_conflict"),
                           (20, "material_conflict")):
            if 1 <= root <= last:
                return name
        return None

    def title_rank(self, title_text: str | None) -> tuple[str, str] | None:
        """(canonical_title, rank) of the longest known title at the start, else the end, of the phrase.

        "Deputy Foreign Minister of X" and "X's Deputy Foreign Minister" both resolve through the
        known title "deputy foreign minister"; when neither end holds a title, the longest title
        found anywhere in the phrase (as whole words) is used. "President of <an institution>"
        is ranked other_official. Qualifiers such as "former" are left to the caller.
        """
        title = self.title_for(title_text)
        return (title.canonical_title, title.rank) if title else None

    def _title_for(self, title_text: str | None) -> Title | None:
        if not title_text:
            return None
        phrase = normalise_title(title_text)
        if not phrase:
            return None
        if phrase in self._titles:
            return self._titles[phrase]
        words = phrase.split(" ")
        known = [
            (start, end)
            for start in range(len(words))
            for end in range(start + 1, len(words) + 1)
            if " ".join(words[start:end]) in self._titles
        ]
        if not known:
            return None
        # A title at the start governs its complement ("Vice Premier of the State Council");
        # otherwise one at the end follows its qualifiers ("Kazakh Deputy Foreign Minister");
        # otherwise the longest one inside the phrase.
        at_start = [span for span in known if span[0] == 0]
        at_end = [span for span in known if span[1] == len(words)]
        candidates = [" ".join(words[a:b]) for a, b in (at_start or at_end or known)]
        best = max(candidates, key=lambda c: (len(c.split(" ")), len(c), -self._rank_order(c)))
        title = self._titles[best]
        if title.rank in _LEADER_RANKS and phrase.startswith(best + " of "):
            if self._heads_an_organization(phrase[len(best) + 4 :]):
                # "President of the Asian Development Bank" leads an institution, not a state.
                return Title(title.title, "other_official", title.canonical_title)
        return title

    def _heads_an_organization(self, holder: str) -> bool:
        holder = _LEADING_THE.sub("", holder)
        if self.country_by_text(holder) is not None:
            return False
        organization = self.organization_by_text(holder)
        if organization is not None:
            # A state's own government ("of the State Council") keeps the leader's rank.
            return organization.kind not in {"government_body", "party"}
        return bool(set(holder.split(" ")) & _INSTITUTION_WORDS)

    def _rank_order(self, title_key: str) -> int:
        rank = self._ranks.get(self._titles[title_key].rank)
        return rank.sort_order if rank else len(RANK_NAMES)

    def rank(self, name: str | None) -> Rank | None:
        return self._ranks.get(name) if name else None

    def rank_weight(self, name: str | None) -> float:
        rank = self.rank(name)
        return rank.weight if rank else 0.0

    # -- events ----------------------------------------------------------------------------

    def event_code(self, interaction_type: str) -> EventCode | None:
        return self._event_codes.get(interaction_type)

    # -- provenance ------------------------------------------------------------------------

    def fingerprint(self) -> str:
        """sha256 over every reference file (relative path and bytes, sorted by path)."""
        return self.fingerprint_value


# ---------------------------------------------------------------------------------------------
# Loading


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(part.strip() for part in cell.split(MULTI_VALUE_SEPARATOR) if part.strip())


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key.strip(): (value or "").strip() for key, value in row.items() if key}
            for row in csv.DictReader(handle)
            if any((value or "").strip() for value in row.values())
        ]


def _read_countries(path: Path) -> list[Country]:
    return [
        Country(
            iso3=row["iso3"].upper(),
            name=row["name"],
            official_names=_split(row.get("official_names")),
            aliases=_split(row.get("aliases")),
            demonyms=_split(row.get("demonyms")),
            capital=row.get("capital", ""),
        )
        for row in _read_csv(path)
    ]


def _read_organizations(path: Path) -> list[Organization]:
    return [
        Organization(
            canonical_name=row["canonical_name"],
            aliases=_split(row.get("aliases")),
            country_iso3=row.get("country_iso3") or None,
            kind=row.get("kind") or "other",
            part_of=row.get("part_of") or None,
            short_names=_split(row.get("short_names")),
        )
        for row in _read_csv(path)
    ]


def _read_outlets(path: Path) -> list[Outlet]:
    return [
        Outlet(
            name=row["name"],
            aliases=_split(row.get("aliases")),
            country_iso3=row.get("country_iso3") or None,
        )
        for row in _read_csv(path)
    ]


def _place_key(text: str) -> str:
    """How a region or city is looked up: no article or possessive, no accents, lower case."""
    return _accent_folded(_strip_article_and_possessive(normalise_surface(text)))


def _read_places(path: Path, kind: type[Subdivision]) -> list:
    if not path.exists():
        return []  # an older reference folder: no region or city tells a state
    return [
        kind(name=row["name"], aliases=_split(row.get("aliases")), country_iso3=row["country_iso3"].upper())
        for row in _read_csv(path)
    ]


def _read_titles(path: Path) -> list[Title]:
    return [
        Title(
            title=normalise_title(row["title"]),
            rank=row["rank"],
            canonical_title=row.get("canonical_title") or row["title"].title(),
            country_iso3=(row.get("country_iso3") or "").strip() or None,
        )
        for row in _read_csv(path)
    ]


def _read_ranks(path: Path) -> list[Rank]:
    ranks = [
        Rank(
            rank=row["rank"],
            label=row["label"],
            weight=float(row["weight"]),
            sort_order=int(row["sort_order"]),
        )
        for row in _read_csv(path)
    ]
    return sorted(ranks, key=lambda r: r.sort_order)


def _read_topics(path: Path) -> dict[str, TopicSpec]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        topic: TopicSpec(
            topic=topic,
            keywords=tuple(dict.fromkeys(k.strip().lower() for k in spec.get("keywords", []))),
            phrases=tuple(dict.fromkeys(p.strip().lower() for p in spec.get("phrases", []))),
            not_as_verb=frozenset(k.strip().lower() for k in spec.get("not_as_verb", [])),
        )
        for topic, spec in data.items()
    }


def _read_event_codes(path: Path) -> list[EventCode]:
    return [
        EventCode(
            interaction_type=row["interaction_type"],
            cameo_code=row["cameo_code"],
            plover_type=row.get("plover_type", ""),
            description=row.get("description", ""),
            goldstein=float(row["goldstein"]),
            quad_class=row.get("quad_class", ""),
        )
        for row in _read_csv(path)
    ]


def _read_partnership_levels(path: Path) -> list[PartnershipLevel]:
    levels = [
        PartnershipLevel(
            phrase=row["phrase"].lower(),
            level=row["level"],
            rank_order=int(row["rank_order"]),
        )
        for row in _read_csv(path)
    ]
    # Longest phrase first so "comprehensive strategic partnership" wins over "strategic partnership".
    return sorted(levels, key=lambda p: (-len(p.phrase), p.phrase))


def reference_fingerprint(root: Path) -> str:
    """sha256 over every file under `root` (sub-folders too: extractors keep pattern files there)."""
    root = Path(root)
    digest = hashlib.sha256()
    files = sorted((p for p in root.rglob("*") if p.is_file()), key=lambda p: p.relative_to(root).as_posix())
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode("utf-8"))
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def default_reference_dir() -> Path:
    configured = os.environ.get(REFERENCE_DIR_ENV)
    return Path(configured).expanduser().resolve() if configured else DEFAULT_REFERENCE_DIR


def read_reference(root: Path | str) -> Reference:
    """Read the reference folder without caching (tests and tools that edit the files)."""
    root = Path(root)
    return Reference(
        root=root,
        countries=_read_countries(root / "countries.csv"),
        organizations=_read_organizations(root / "organizations.csv"),
        outlets=_read_outlets(root / "outlets.csv"),
        titles=_read_titles(root / "titles.csv"),
        ranks=_read_ranks(root / "ranks.csv"),
        topics=_read_topics(root / "topics.json"),
        event_codes=_read_event_codes(root / "event_codes.csv"),
        partnership_levels=_read_partnership_levels(root / "partnership_levels.csv"),
        fingerprint_value=reference_fingerprint(root),
        subdivisions=_read_places(root / "subdivisions.csv", Subdivision),
        cities=_read_places(root / "cities.csv", City),
    )


@functools.lru_cache(maxsize=8)
def _load_cached(root: Path) -> Reference:
    return read_reference(root)


def load_reference(root: Path | str | None = None) -> Reference:
    """The reference data of `root` (default `$PIPELINE_REFERENCE_DIR` or `seeds/reference`), cached."""
    resolved = Path(root).expanduser().resolve() if root is not None else default_reference_dir()
    return _load_cached(resolved)


load_reference.cache_clear = _load_cached.cache_clear  # type: ignore[attr-defined]
