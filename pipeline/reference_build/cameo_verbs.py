"""CAMEO verb patterns and codes from PETRARCH2's verb dictionary, in a form an extractor can use
without reading TABARI syntax.

    python -m pipeline.reference_build.cameo_verbs --dictionaries <folder> --out seeds/reference/patterns \
        [--codebook <cameo-codes.csv>]

reads `CAMEO.2.0.txt` (the verb dictionary PETRARCH2's own configuration uses) and writes

- `cameo_verbs.csv`: one row per verb of a block and per pattern of that block, plus one row
  per verb alone (`pattern` = `*`);
- `cameo_word_sets.csv`: the members of the dictionary's synonym sets, which `object_words` and
  `before_words` name as `&set` (expanding them in place would multiply the table by up to
  113 per set and pattern: 741,000 rows instead of 50,000);
- `cameo_codes.csv`: every CAMEO code the dictionary uses, with its root, name, quad class and
  Goldstein weight. Names and weights come from a CAMEO codebook table (`--codebook`: a CSV
  with the columns `code,name,goldstein`, such as `data-raw/cameo-codes.csv` of the MIT-licensed
  andybega/icews repository); without one, the names and weights of the existing
  `cameo_codes.csv` are kept, and codes no source names are left empty.

Kept from a pattern: the words required before and after the verb, the preposition that
follows the verb, synonym-set references, the roles the markers give (`$` source, `+` target,
`%` compound: both), negation, and the active and passive codes. Dropped: patterns naming an
undefined synonym set (PETRARCH ignores them too), transformation lines (verb-on-verb rewrites
that need nested clauses), the `^` skip marker (it only allows a noun phrase in between, which
an in-order match with gaps allows anyway), irregular verb forms (the extractor matches lemmas),
and the coder comments.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.reference_build.dictionary import (
    EventCode,
    PatternToken,
    VerbBlock,
    VerbDictionary,
    VerbForm,
    VerbPattern,
    parse_verbs,
    read_text,
)

VERB_FILES = ("CAMEO.2.0.txt",)
SOURCE_PREFIX = "petrarch2"

VERB_COLUMNS = (
    "lemma", "code", "preposition", "particle", "object_words", "pattern", "source",
    "passive_code", "before_words", "subject_role", "object_role", "negated", "verb_group",
)
WORD_SET_COLUMNS = ("word_set", "word", "source")
CODE_COLUMNS = ("code", "root", "name", "quad_class", "goldstein")

# Words that, first after the verb, are its preposition rather than its object (TABARI patterns
# write them bare: `MEET * WITH +`; PETRARCH 2 patterns in parentheses: `* (WITH +)`).
PREPOSITIONS = frozenset(
    """
    about above across after against along amid among amongst around as at before behind below
    beneath beside besides between beyond by despite down during except for from in inside into
    like near of off on onto out outside over past per since through throughout to toward towards
    under underneath until unto up upon via with within without
    """.split()
)
QUAD_CLASSES = (
    (range(1, 6), "verbal_cooperation"),
    (range(6, 9), "material_cooperation"),
    (range(9, 14), "verbal_conflict"),
    (range(14, 21), "material_conflict"),
)
ROLE_OF_MARKER = {"source": "source", "target": "target", "compound": "compound"}


@dataclass
class VerbReport:
    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    uncoded: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n


def quad_class(code: str) -> str:
    root = int(code[:2])
    return next((name for roots, name in QUAD_CLASSES if root in roots), "")


def _word(token: PatternToken) -> str:
    return f"&{token.text.lower()}" if token.kind == "synset" else token.text


def _alternative_sides(tokens: tuple[PatternToken, ...]) -> list[tuple[PatternToken, ...]]:
    """`A/B` words expanded into separate readings (synonym sets are kept as references)."""
    readings: list[list[PatternToken]] = [[]]
    for token in tokens:
        if token.alternatives:
            readings = [r + [PatternToken(token.kind, alt)] for r in readings for alt in token.alternatives]
        else:
            readings = [r + [token] for r in readings]
    return [tuple(r) for r in readings]


@dataclass(frozen=True)
class NormalisedPattern:
    preposition: str
    object_words: str
    before_words: str
    subject_role: str
    object_role: str
    negated: bool


def normalise_pattern(before: tuple[PatternToken, ...], after: tuple[PatternToken, ...]) -> NormalisedPattern:
    """Flatten one reading of a pattern into the columns of `cameo_verbs.csv`."""
    subject_role = next((ROLE_OF_MARKER[t.kind] for t in before if t.kind in ROLE_OF_MARKER), "")
    object_role = next((ROLE_OF_MARKER[t.kind] for t in after if t.kind in ROLE_OF_MARKER), "")
    negated = any(t.kind == "negation" for t in (*before, *after))
    words_after = [t for t in after if t.kind in ("word", "prep", "synset")]
    preposition = ""
    if words_after and (
        words_after[0].kind == "prep" or (words_after[0].kind == "word" and words_after[0].text in PREPOSITIONS)
    ):
        preposition = words_after[0].text
        words_after = words_after[1:]
    return NormalisedPattern(
        preposition=preposition,
        object_words=" ".join(_word(t) for t in words_after),
        before_words=" ".join(_word(t) for t in before if t.kind in ("word", "prep", "synset")),
        subject_role=subject_role,
        object_role=object_role,
        negated=negated,
    )


def _code_cells(code: EventCode) -> tuple[str, str]:
    return code.active, code.passive


def verb_rows(dictionary: VerbDictionary, label: str, report: VerbReport) -> list[dict[str, str]]:
    """Rows of cameo_verbs.csv for one parsed verb dictionary."""
    rows: list[dict[str, str]] = []
    seen: set[tuple] = set()
    for block in dictionary.blocks:
        readings = _block_readings(block, dictionary, label, report)
        for verb in block.verbs:
            own = verb.code or block.code
            rows.extend(_emit(seen, _verb_alone_row(verb, own, block, label)))
            for pattern, normalised in readings:
                rows.extend(_emit(seen, _pattern_row(verb, pattern, normalised, block, label)))
    report.add("verb rows", len(rows))
    return rows


def _emit(seen: set[tuple], row: dict[str, str]) -> list[dict[str, str]]:
    key = tuple(row[c] for c in VERB_COLUMNS if c not in ("pattern", "source"))
    if key in seen:
        return []
    seen.add(key)
    return [row]


def _block_readings(
    block: VerbBlock, dictionary: VerbDictionary, label: str, report: VerbReport
) -> list[tuple[VerbPattern, NormalisedPattern]]:
    readings = []
    for pattern in block.patterns:
        undefined = [t.text for t in (*pattern.before, *pattern.after) if t.kind == "synset" and t.text not in dictionary.synsets]
        if undefined:
            report.add("patterns naming an undefined synonym set (dropped)")
            report.problems.append(f"{label} line {pattern.line}: undefined synonym set &{undefined[0]}")
            continue
        for before in _alternative_sides(pattern.before):
            for after in _alternative_sides(pattern.after):
                readings.append((pattern, normalise_pattern(before, after)))
        report.add("patterns")
    return readings


def _base_row(verb: VerbForm, code: EventCode, block: VerbBlock, source: str, line: int) -> dict[str, str]:
    active, passive = _code_cells(code)
    return {
        "lemma": verb.lemma,
        "code": active,
        "passive_code": passive,
        "particle": verb.particle,
        "verb_group": block.name,
        "source": f"{source}:{line}",
    }


def _verb_alone_row(verb: VerbForm, code: EventCode, block: VerbBlock, label: str) -> dict[str, str]:
    row = _base_row(verb, code, block, f"{SOURCE_PREFIX}:{label}", verb.line)
    row.update(preposition="", object_words="", before_words="", subject_role="", object_role="", negated="false", pattern="*")
    return row


def _pattern_row(verb: VerbForm, pattern: VerbPattern, normalised: NormalisedPattern, block: VerbBlock, label: str) -> dict[str, str]:
    row = _base_row(verb, pattern.code, block, f"{SOURCE_PREFIX}:{label}", pattern.line)
    row.update(
        preposition=normalised.preposition,
        object_words=normalised.object_words,
        before_words=normalised.before_words,
        subject_role=normalised.subject_role,
        object_role=normalised.object_role,
        negated="true" if normalised.negated else "false",
        pattern=pattern.text,
    )
    return row


def word_set_rows(dictionary: VerbDictionary, label: str) -> list[dict[str, str]]:
    rows = []
    for name in sorted(dictionary.synsets):
        for words in dictionary.expand_synset(name):
            rows.append({"word_set": name.lower(), "word": " ".join(w.lower() for w in words), "source": f"{SOURCE_PREFIX}:{label}"})
    return rows


def dictionary_codes(dictionary: VerbDictionary) -> set[str]:
    codes: set[str] = set()
    for block in dictionary.blocks:
        for code in (block.code, *(v.code for v in block.verbs if v.code), *(p.code for p in block.patterns)):
            codes.update(c for c in (code.active, code.passive) if c)
    return codes


def read_codebook(path: Path) -> dict[str, tuple[str, str]]:
    """code -> (name, goldstein) from a CSV with the columns code, name, goldstein."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        out = {}
        for row in csv.DictReader(handle):
            code = (row.get("code") or "").strip()
            if code:
                goldstein = (row.get("goldstein") or "").strip()
                out[code] = ((row.get("name") or "").strip(), "" if goldstein.upper() == "NA" else goldstein)
        return out


def code_rows(codes: Iterable[str], codebook: dict[str, tuple[str, str]], report: VerbReport) -> list[dict[str, str]]:
    rows = []
    for code in sorted(codes):
        name, goldstein = codebook.get(code, ("", ""))
        if not name:
            report.uncoded.append(code)
        rows.append(
            {
                "code": code,
                "root": code[:2],
                "name": name,
                "quad_class": quad_class(code),
                "goldstein": _weight(goldstein),
            }
        )
    return rows


def _weight(text: str) -> str:
    if not text:
        return ""
    value = float(text)
    return f"{value:.1f}"


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
            count += 1
    return count


def build(dictionaries: Path, out: Path, codebook: Path | None = None, verb_files: Sequence[str] = VERB_FILES) -> VerbReport:
    report = VerbReport()
    verbs: list[dict[str, str]] = []
    sets: list[dict[str, str]] = []
    codes: set[str] = set()
    for filename in verb_files:
        path = dictionaries / filename
        if not path.exists():
            raise FileNotFoundError(f"{path} not found: --dictionaries must be PETRARCH2's dictionaries folder")
        label = filename.removesuffix(".txt")
        dictionary = parse_verbs(read_text(path))
        report.problems.extend(f"{filename} {p}" for p in dictionary.problems)
        report.add("unreadable lines", len(dictionary.problems))
        report.add("transformation lines (dropped)", len(dictionary.transformations))
        verbs.extend(verb_rows(dictionary, label, report))
        sets.extend(word_set_rows(dictionary, label))
        codes |= dictionary_codes(dictionary)
    if codebook is not None:
        known = read_codebook(codebook)
    else:
        previous = out / "cameo_codes.csv"
        known = read_codebook(previous) if previous.exists() else {}
    write_csv(out / "cameo_verbs.csv", VERB_COLUMNS, verbs)
    write_csv(out / "cameo_word_sets.csv", WORD_SET_COLUMNS, sets)
    rows = code_rows(codes, known, report)
    write_csv(out / "cameo_codes.csv", CODE_COLUMNS, rows)
    report.add("word set rows", len(sets))
    report.add("code rows", len(rows))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dictionaries", type=Path, required=True, help="PETRARCH2's petrarch2/data/dictionaries folder")
    parser.add_argument("--out", type=Path, required=True, help="output folder (seeds/reference/patterns)")
    parser.add_argument("--codebook", type=Path, default=None, help="CSV with code,name,goldstein columns (CAMEO codebook)")
    parser.add_argument("--verb-file", action="append", default=None, help=f"verb dictionary file name (default {VERB_FILES[0]}); repeatable")
    parser.add_argument("--problems", action="store_true", help="also list every unreadable line")
    args = parser.parse_args(argv)
    report = build(args.dictionaries, args.out, args.codebook, tuple(args.verb_file or VERB_FILES))
    for key, value in sorted(report.counts.items()):
        print(f"{key}: {value}")
    if report.uncoded:
        print(f"codes without a name in the codebook: {' '.join(report.uncoded)}")
    if args.problems:
        for problem in report.problems:
            print(f"  {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
