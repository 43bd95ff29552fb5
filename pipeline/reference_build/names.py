"""Names in dictionary phrases: title prefixes, display forms, person-name checks.

Dictionary phrases are upper case with `_` between words and often carry a title or a
nationality in front of the name (`RUSSIAN_PRESIDENT_BORIS_YELTSIN`, `FOREIGN_MINISTER_GROMYKO`,
`FORMER_SOVIET_LEADER_MIKHAIL_GORBACHEV`). `split_title` separates such a prefix from the name;
`person_display` and `organization_display` give readable forms ("Bashar al-Assad",
"North Atlantic Treaty Organization").

The word lists come from the product's own reference data (titles, countries, demonyms,
capitals, organisation and title head words of `patterns/vocabulary.json`) plus the general words
below (military and religious ranks, honorifics, "former", ...). No list holds a person's name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.reference import Reference, normalise_title

# Words that end a title in front of a name ("... LEADER", "GENERAL ...", "SHEIKH ...").
EXTRA_TITLE_HEADS = frozenset(
    """
    leader chief general gen lieutenant lt colonel col major maj captain capt admiral adm marshal
    commander cmdr brigadier sergeant sgt lord baron baroness lady dame sir sheikh sheik shaikh
    shaykh ayatollah mullah mawlawi maulana maulvi imam cardinal archbishop bishop reverend rev
    patriarch pope king queen prince princess emir amir sultan senator sen congressman
    congresswoman rep representative governor gov mayor speaker justice judge chairman chairwoman
    president premier chancellor minister secretary secretary-general ambassador envoy spokesman
    spokeswoman spokesperson dictator strongman ruler regent monarch director head boss mr mrs ms
    dr prof professor attorney attorney-general adviser advisor commissioner negotiator official
    officer lawmaker mp legislator candidate nominee activist dissident cleric warlord commandant
    chairperson vice-president vice-premier kanzler bundeskanzler bundespraesident presidente
    ministro ministre
    """.split()
)
# Words that may stand in a title in front of a name without ending it.
EXTRA_TITLE_WORDS = frozenset(
    """
    former ex acting interim incumbent outgoing new elect first second deputy vice assistant
    foreign prime defense defence finance interior trade state party communist soviet socialist
    opposition rebel militant islamist military army navy air top senior supreme grand crown field
    the of and for to at general national security federal union european royal his her majesty
    highness excellency late chief executive secretary affairs home economy economic agriculture
    justice health education energy culture information labor labour transport oil petroleum
    intelligence staff armed forces joint presidential parliamentary provincial regional
    """.split()
)
QUALIFIERS_NOT_CURRENT = frozenset({"former", "ex", "late", "outgoing"})
# Words that mark a phrase as an organisation, a body or a group rather than a person.
EXTRA_ORGANIZATION_WORDS = frozenset(
    """
    palace house rifles yard force panel brigade brigades battalion battalions regiment militia militias front
    tank team initiative program programme inc corp co ltd llc plc systems regime ministry
    ministries forces troops islands province provinces region city people people's
    popular liberation revolutionary democratic islamic united republic republics kingdom emirate
    sultanate caliphate federation confederation directorate inspectorate headquarters staff
    cabinet presidency secretariat legislature judiciary prosecutor's parliamentary delegation
    mission embassy consulate guards unit units division divisions army armies navy navies
    airforce government governments administration council councils committee committees
    commission party parties court courts tribunal senate congress assembly assemblies
    knesset majlis police gendarmerie agency agencies service services bureau office offices
    network networks club association organization organisation organisations organizations
    institute university bank fund company companies group groups union movement alliance
    coalition faction factions bloc wing cell cells nuclei nucleus squad squads commandos
    """.split()
)
# First words of Arabic, Persian and South Asian group names ("Jabhat al-Nusra", "Hizb ut-Tahrir").
GROUP_NAME_WORDS = frozenset(
    """
    ansar jabhat jabha harakat haraka hizb hezb hizbul jaish jamaat jamaa jamaah jamiat liwa kataib
    katibat saraya tanzim lashkar tehrik tehreek jund junud asaib ahrar ghuraba fatah hamas
    hezbollah hizballah taliban jihad mujahideen mujahedeen brotherhood martyrs sword
    """.split()
)
# Words that never stand in a person's name ("in", "an", "on", "at", "to" do: Moon Jae In,
# Chui Sai On, Sora At Klinprathum, To Huy Rua).
NOT_IN_NAMES = frozenset({"of", "the", "and", "for", "with", "by", "from", "against"})
ROMAN_NUMERAL = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
NOT_NUMERALS = frozenset({"i", "v", "x", "xi"})  # also names: "Wang Xi"
SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "by", "with", "a", "an"})
SUFFIXES = {"jr": "Jr.", "jr.": "Jr.", "sr": "Sr.", "sr.": "Sr."}
HYPHENATED_GIVEN_NAME_COUNTRIES = frozenset({"KOR", "PRK"})  # Korean given names are written with a hyphen


@dataclass(frozen=True)
class Vocabulary:
    """Lower-case word sets used to read phrases."""

    title_heads: frozenset[str]
    title_words: frozenset[str]      # every word that may stand in a title prefix
    place_words: frozenset[str]      # country names, demonyms, capitals (single tokens)
    nationality_words: frozenset[str]  # country names and demonyms only (capitals are also given names)
    organization_words: frozenset[str]
    particles: frozenset[str]        # lower-case name particles: al, bin, van, de, ...
    abbreviations: frozenset[str]    # upper-case abbreviations known to the reference ("UN", "NATO")

    @classmethod
    def from_reference(cls, reference: Reference) -> Vocabulary:
        vocabulary_file = Path(reference.root) / "patterns" / "vocabulary.json"
        data = json.loads(vocabulary_file.read_text(encoding="utf-8")) if vocabulary_file.exists() else {}
        title_heads = set(EXTRA_TITLE_HEADS) | {w.lower() for w in data.get("title_heads", [])}
        title_heads |= {w.rstrip(".").lower() for w in data.get("honorifics", [])}
        title_words = set(EXTRA_TITLE_WORDS) | {w.lower() for w in data.get("title_modifiers", [])}
        for title in reference.titles:
            words = normalise_title(title.title).split()
            title_words.update(words)
            if words:
                title_heads.add(words[-1])
        place_words: set[str] = set()
        nationality_words: set[str] = set()
        abbreviations: set[str] = set()
        for country in reference.countries:
            for form in (country.name, *country.official_names, *country.aliases, *country.demonyms, country.capital):
                for word in re.split(r"[\s]+", form):
                    if word and word[0].isupper():
                        place_words.add(word.lower().strip(",.'"))
                        if form != country.capital:
                            nationality_words.add(word.lower().strip(",.'"))
                if form.isupper():
                    abbreviations.add(form.replace(".", ""))
        for organization in reference.organizations:
            for form in organization.names:
                if form.replace(".", "").replace("-", "").isalpha() and form.isupper():
                    abbreviations.add(form.replace(".", ""))
        place_words -= SMALL_WORDS
        organization_words = set(EXTRA_ORGANIZATION_WORDS) | {w.lower() for w in data.get("org_heads", [])}
        return cls(
            title_heads=frozenset(title_heads),
            title_words=frozenset(title_words | title_heads),
            place_words=frozenset(place_words),
            nationality_words=frozenset(nationality_words - SMALL_WORDS),
            organization_words=frozenset(organization_words),
            particles=frozenset(w.lower() for w in data.get("name_particles", [])) | {"bint", "ibn", "ben", "ould", "ag"},
            abbreviations=frozenset(abbreviations),
        )


def _balanced(word: str) -> str:
    """A word without a stray parenthesis ("HAMMARSKJOLD)" -> "HAMMARSKJOLD")."""
    if word.count("(") != word.count(")"):
        word = word.replace("(", "").replace(")", "")
    return word


def _without_parenthesised(words: list[str]) -> list[str]:
    """Words outside parentheses: `ELBEGDORJ (1ST TIME)` -> `ELBEGDORJ`; stray parentheses dropped."""
    out: list[str] = []
    depth = 0
    for word in words:
        opens, closes = word.count("("), word.count(")")
        if depth == 0 and opens == closes:
            bare = word if opens == 0 else re.sub(r"\([^)]*\)", "", word)
        elif depth == 0 and opens > closes and word.startswith("("):
            depth += opens - closes
            continue
        elif depth > 0:
            depth = max(0, depth + opens - closes)
            continue
        else:
            bare = word.replace("(", "").replace(")", "")
        if bare:
            out.append(bare)
    return out


def _key(word: str) -> str:
    return word.lower().strip(".,()'\"")


def _is_descriptor(word: str, vocabulary: Vocabulary) -> bool:
    """A word that may stand in a title prefix: a title word, a place word, a known abbreviation
    ("UN", "US"), or a hyphenated compound of those ("EX-SOVIET", "SECRETARY-GENERAL")."""
    key = _key(word)
    if not key:
        return True
    if key in vocabulary.title_words or key in vocabulary.place_words:
        return True
    if word.replace(".", "").upper() in vocabulary.abbreviations:
        return True
    if "-" in key:
        return all(part in vocabulary.title_words or part in vocabulary.place_words for part in key.split("-") if part)
    return False


def _is_head(word: str, vocabulary: Vocabulary) -> bool:
    key = _key(word)
    return key in vocabulary.title_heads or (
        "-" in key and key.split("-")[-1] in vocabulary.title_heads
    )


@dataclass(frozen=True)
class SplitName:
    """A phrase read as [title prefix] + name."""

    title_words: tuple[str, ...]  # upper-case words of the prefix, as written
    name_words: tuple[str, ...]   # upper-case words of the name

    @property
    def title_text(self) -> str:
        return " ".join(w.lower() for w in self.title_words)


def split_title(words: list[str], vocabulary: Vocabulary) -> SplitName:
    """`RUSSIAN PRESIDENT BORIS YELTSIN` -> (RUSSIAN PRESIDENT, BORIS YELTSIN).

    The prefix is the longest run of leading descriptor words (title words, nationalities,
    places, known abbreviations) that ends with a title head ("president", "minister",
    "general", "sheikh"...) and leaves at least one word. A comma splits a title from a name
    written after it ("PRESIDENT OF THE RUSSIAN REPUBLIC, BORIS N. YELTSIN").
    """
    words = _without_parenthesised(words)
    commas = [i for i, w in enumerate(words[:-1]) if w.endswith(",") and words[i + 1].lower() not in SUFFIXES]
    if commas:
        cut = max(commas)
        title = tuple(w.rstrip(",") for w in words[: cut + 1])
        return SplitName(title, tuple(words[cut + 1 :]))
    best = 0
    for k in range(1, len(words)):
        if not _is_descriptor(words[k - 1], vocabulary):
            break
        if _is_head(words[k - 1], vocabulary):
            best = k
    # Trailing parenthesised qualifiers ("(GREECE)") are not part of a name.
    end = len(words)
    while end > best + 1 and words[end - 1].startswith("(") and words[end - 1].endswith(")"):
        end -= 1
    return SplitName(tuple(words[:best]), tuple(words[best:end]))


def is_person_name(words: tuple[str, ...], vocabulary: Vocabulary) -> bool:
    """Whether words can be a person's name: no organisation or group word anywhere, no title
    word before the last word, no "of", "the", "in"..., at least one word that is neither a
    title nor a place word, no digits, no `&` or `/`."""
    if not words:
        return False
    keys = [_key(w) for w in words]
    if any(not k or any(c.isdigit() for c in k) or "&" in k or "/" in k for k in keys):
        return False
    if any(k in vocabulary.organization_words or k.endswith("-based") for k in keys):
        return False
    if keys[0] in GROUP_NAME_WORDS:
        return False
    if any(k in NOT_IN_NAMES for k in keys):
        return False  # "Of Missing Persons", "Sword of Islam"
    if any(_is_head(w, vocabulary) for w in words[:-1]):
        return False
    return any(not _is_descriptor(w, vocabulary) for w in words)


# ---------------------------------------------------------------------------------------------
# Display forms


def _capitalise(word: str) -> str:
    """`PUTIN` -> `Putin`, `MCNAMARA` -> `McNamara`, `O'BRIEN` -> `O'Brien`."""
    lower = word.lower()
    if not lower:
        return word
    if lower[0] in "\"(" and len(lower) > 1:
        return lower[0] + _capitalise(lower[1:])  # a nickname in quotes: "Tzipi"
    if lower.startswith("mc") and len(lower) > 2:
        return "Mc" + lower[2].upper() + lower[3:]
    if "'" in lower:
        head, _, tail = lower.partition("'")
        if len(head) == 1 and tail:
            return head.upper() + "'" + tail[0].upper() + tail[1:]
        return head[:1].upper() + head[1:] + "'" + tail
    return lower[0].upper() + lower[1:]


def person_display(words: Iterable[str], vocabulary: Vocabulary, country_iso3: str | None = None) -> str:
    """Readable form of a person's name: "Bashar al-Assad", "Ban Ki-moon", "Valéry Giscard d'Estaing"."""
    out: list[str] = []
    words = list(words)
    for index, word in enumerate(words):
        word = word.rstrip(",")
        key = word.lower()
        if key in SUFFIXES:
            out.append(SUFFIXES[key])
            continue
        if index > 0 and ROMAN_NUMERAL.match(key.rstrip(".")) and key.rstrip(".") not in NOT_NUMERALS:
            out.append(word.upper())
            continue
        if re.fullmatch(r"[a-z]\.", key) or re.fullmatch(r"(?:[a-z]\.){2,}", key):
            out.append(word.upper())
            continue
        parts = key.split("-")
        shown: list[str] = []
        for p_index, part in enumerate(parts):
            first_of_name = index == 0 and p_index == 0
            if part in vocabulary.particles and not first_of_name and (len(parts) > 1 or len(words) > 1):
                shown.append(part)
            elif part.startswith("d'") and not first_of_name and len(part) > 2:
                shown.append("d'" + part[2].upper() + part[3:])
            elif p_index > 0 and index > 0 and country_iso3 in HYPHENATED_GIVEN_NAME_COUNTRIES:
                # The second syllable of a hyphenated Korean given name ("Ki-moon" style).
                shown.append(part)
            else:
                shown.append(_capitalise(part))
        out.append("-".join(shown))
    return " ".join(out)


def _initials(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words if w and w.lower() not in SMALL_WORDS and w[0].isalpha())


_ENGLISH_ONSETS = frozenset(
    "bl br ch cl cr dr fl fr gl gr kn ph pl pr sc sh sk sl sm sn sp st sw th tr tw wh wr "
    "sr kh zh ts tz gh dh bh ny ng mb nd nk ps gn kr kl sv vl zl zv dj dz".split()
)


def looks_like_acronym(word: str) -> bool:
    """A short word no English (or transliterated) word resembles: "DGSE", "FSB", "GCHQ", "MI6"."""
    bare = word.replace(".", "").lower()
    if not bare.isalnum() or len(bare) > 5 or len(bare) < 2:
        return False
    if any(c.isdigit() for c in bare):
        return True
    if not re.search(r"[aeiouy]", bare):
        return True
    if re.search(r"[^aeiouy]{3}", bare) and len(bare) <= 4:
        return True
    return bare[0] not in "aeiouy" and bare[1] not in "aeiouy" and bare[:2] not in _ENGLISH_ONSETS


def organization_display(
    words: list[str],
    vocabulary: Vocabulary,
    other_phrases: Iterable[list[str]] = (),
    single_word_acronyms: bool = False,
) -> str:
    """Readable form of an organisation's name: "North Atlantic Treaty Organization", "NATO",
    "Federal Security Service". Abbreviations stay in capitals: forms the reference knows as
    abbreviations, the initials of another phrase of the same record, dotted forms, short words
    that look like no word ("DGSE", "FSB"), and -- with `single_word_acronyms`, used for
    international bodies, whose one-word names are almost all acronyms (UNMIN, SEATO, OAPEC) --
    any one-word name of up to six letters."""
    words = [w for w in words if w]
    if len(words) > 1 and words[0].upper() == "THE":
        words = words[1:]
    other_phrases = list(other_phrases)
    initials = {_initials(p).upper() for p in other_phrases if len(p) > 1}
    initials |= {"".join(w[0] for w in p if w and w[0].isalpha()).upper() for p in other_phrases if len(p) > 1}
    out = []
    for index, word in enumerate(words):
        bare = word.replace(".", "").upper()
        key = word.lower()
        if (
            bare in vocabulary.abbreviations
            or bare in initials
            or ("." in word and len(bare) <= 6)
            or looks_like_acronym(word)
            or (len(words) == 1 and len(bare) <= 6 and single_word_acronyms)
        ):
            out.append(word.upper())
        elif index > 0 and (key in SMALL_WORDS or key in vocabulary.particles):
            out.append(key)
        else:
            out.append("/".join("-".join(_capitalise(p) for p in part.split("-")) for part in key.split("/")))
    return " ".join(out)
