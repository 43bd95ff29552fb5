"""Write `seeds/reference/subdivisions.csv`: the first-level subdivisions of every state (states,
provinces, regions, prefectures, ...) from ISO 3166-2 as the `pycountry` package ships it.

A subdivision tells whose territory an article is about when it names no state ("farmers in
<a Canadian province>"); the pipeline reads only the CSV. Lower levels (municipalities, districts, parishes)
are left out: their names are many and collide with towns elsewhere.

    python -m pipeline.reference_build.subdivisions --out seeds/reference

English names news uses where ISO has a native one, and regions ISO gives no first-level code, come
from the hand-written `subdivision_english_names.csv` beside it.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

import pycountry

from pipeline.reference import DEFAULT_REFERENCE_DIR

# First-level units a reader names as a region of a state; not municipalities, districts,
# parishes or councils.
KEPT_TYPES = frozenset(
    {
        "administrative region", "autonomous community", "autonomous province", "autonomous region",
        "autonomous republic", "canton", "county", "department", "emirate", "federal district",
        "governorate", "land", "oblast", "prefecture", "province", "region", "regional state",
        "republic", "state", "territory", "union territory", "voivodship",
    }
)
# "Kärnten (de)": a language note, not part of the name
_LANGUAGE_NOTE = re.compile(r"\s*\([^)]*\)\s*$")
# "Catalunya [Cataluña]": the name in a second language, kept as an alias
_SECOND_FORM = re.compile(r"\s*\[([^\]]+)\]")
# Romanised Chinese unit words after a province's name ("Guangdong Sheng", "Xinjiang Uygur Zizhiqu"):
# news in English names the province without them.
_UNIT_WORDS = frozenset({"sheng", "zizhiqu", "uygur", "zhuangzu", "huizu"})


def subdivision_forms(raw_name: str) -> tuple[str, list[str]]:
    """(name, aliases) of a subdivision as pycountry spells it."""
    name = _LANGUAGE_NOTE.sub("", raw_name).strip()
    aliases = [form.strip() for form in _SECOND_FORM.findall(name)]
    name = _SECOND_FORM.sub("", name).strip()
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _UNIT_WORDS:
        words.pop()
    short = " ".join(words)
    if short != name:
        aliases.append(name)
    return short, [alias for alias in dict.fromkeys(aliases) if alias and alias != short]


def subdivision_rows() -> list[dict[str, str]]:
    rows = []
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None or subdivision.type.lower() not in KEPT_TYPES:
            continue
        country = pycountry.countries.get(alpha_2=subdivision.country_code)
        if country is None:
            continue
        name, aliases = subdivision_forms(subdivision.name)
        if "," in name or not name:
            continue  # inverted official forms ("Capitale, Région de") are not how news names them
        rows.append({"name": name, "aliases": "|".join(aliases), "country_iso3": country.alpha_3,
                     "type": subdivision.type.lower(), "code": subdivision.code})
    return sorted(rows, key=lambda row: (row["country_iso3"], row["code"]))


def with_english_names(rows: list[dict[str, str]], supplement: Path) -> list[dict[str, str]]:
    """The ISO rows with the English names news uses where ISO has a native one ("Bayern" ->
    "Bavaria", "Krym" -> "Crimea"), and the regions ISO gives no first-level code ("Scotland",
    "West Bank"), from a hand-written file (code, name, aliases, country_iso3, type)."""
    by_code = {row["code"]: row for row in rows}
    added = []
    with supplement.open(encoding="utf-8", newline="") as handle:
        for entry in csv.DictReader(handle):
            if entry["code"]:
                row = by_code[entry["code"]]
                aliases = [a for a in row["aliases"].split("|") if a] + entry["aliases"].split("|")
                row["aliases"] = "|".join(dict.fromkeys(aliases))
            else:
                added.append({"name": entry["name"], "aliases": entry["aliases"], "country_iso3": entry["country_iso3"],
                              "type": entry["type"], "code": ""})
    return sorted(rows + added, key=lambda row: (row["country_iso3"], row["code"], row["name"]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("seeds/reference"))
    parser.add_argument("--english-names", type=Path, default=DEFAULT_REFERENCE_DIR / "subdivision_english_names.csv")
    args = parser.parse_args(argv)
    rows = with_english_names(subdivision_rows(), args.english_names)
    path = args.out / "subdivisions.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["name", "aliases", "country_iso3", "type", "code"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{path}: {len(rows)} subdivisions (pycountry {pycountry.__version__})")


if __name__ == "__main__":
    main()
