"""Phoenix / CAMEO actor codes: `AFGGOVBUS` -> country AFG, role GOV, code kept whole.

A Phoenix code is a run of three-letter parts. The first part is a country (ISO 3166-1 alpha-3,
or one of the older or non-ISO codes below), an international prefix (`IGO`, `NGO`, `MNC`,
`IMG`, ...), a region (`MEA`, `WAF`, ...) or directly a role (`ELI`). The role is the first
part after the country: `GOV`, `MIL`, `LEG`, `JUD`, `OPP`, `PTY`, `ELI`, `REB`, ... When the part
after a country is itself a country code (`GBRPCN`, `USAPRI`), the code names a dependent
territory, a place rather than an actor.

Country codes that are not current ISO 3166-1 codes:

| Phoenix | country_iso3 | why |
| --- | --- | --- |
| `KSV` | `XKX` | Kosovo: the code in common use, as in `countries.csv` |
| `TMP` | `TLS` | East Timor's code until 2002; same state |
| `ZAR` | `COD` | Zaire's code until 1997; same state |
| `ROM` | `ROU` | Romania's code until 2002 |
| `SUN`/`USR` + republic (`SUNRUS`, `USRARM`) | the republic | Soviet republic: its own state today |
| `YUG`/`FRY`/`SCG` + republic (`YUGHRV`, `FRYKSV`, `SCGMNE`) | the republic | the same for Yugoslavia |
| `FRN` + territory (`FRNWLF`) | the territory | French overseas territory |
| `SRP` | `BIH` | Republika Srpska, an entity of Bosnia and Herzegovina |
| `KRJ` | `HRV` | the Serbian Krajina, inside Croatia |
| `SUN`, `YUG`, `SCG`, `CSK`, `DDR` alone | kept | dissolved states: their ISO 3166-3 (former) codes |
| `IMY` | `IMN` | the Isle of Man (`GBRIMY...`: a territory code before the role) |
| `GZA` | `PSE` | Gaza |
| `KNT` | (row dropped) | "Kinakuta", the fictional country of the TABARI examples |
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pycountry

RENAMED = {"KSV": "XKX", "TMP": "TLS", "ZAR": "COD", "ROM": "ROU", "SRP": "BIH", "KRJ": "HRV", "IMY": "IMN", "GZA": "PSE"}
UNION_PREFIXES = frozenset({"SUN", "USR", "YUG", "FRY", "SCG", "FRN"})
DISSOLVED = frozenset({"SUN", "YUG", "SCG", "CSK", "DDR"})
FICTIONAL = frozenset({"KNT"})
NON_ISO_COUNTRIES = frozenset({"XKX"})
INTERNATIONAL_PREFIXES = frozenset({"IGO", "NGO", "NGM", "MNC", "IMG", "INT", "UNO"})
REGIONS = frozenset(
    {
        "AFR", "ASA", "BLK", "BFR", "CAF", "CAS", "CAU", "CEU", "CRB", "EAF", "EEU", "EIN", "EUR",
        "LAM", "MEA", "MDT", "NAF", "NAM", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "SOT",
        "WAF", "WEU", "WST", "ARB", "KKL",
    }
)
# Role (sector) parts of CAMEO actor codes. Only needed to tell a role from a territory code:
# `MUS` (Muslim) is also Mauritius' ISO code, so `EGYMUS` is a role, `GBRPCN` a territory.
ROLES = frozenset(
    {
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "LEG", "ELI", "UAF", "INS", "SEP",
        "MED", "EDU", "BUS", "CRM", "CVL", "DEV", "ENV", "HLH", "HRI", "LAB", "REF", "AGR", "MOD",
        "RAD", "UNR", "IGO", "NGO", "NGM", "MNC", "IMG", "INT", "UNO", "PKO", "AMN", "IRC", "GRP",
        "CHR", "JEW", "MUS", "BUD", "HIN", "REL", "OCC",
    }
)
# Roles of state actors: the parts of a state (its government, armed forces, police, courts,
# intelligence services and legislature).
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


@functools.cache
def is_iso3(code: str) -> bool:
    """A current ISO 3166-1 alpha-3 code (or Kosovo's XKX)."""
    return code in NON_ISO_COUNTRIES or pycountry.countries.get(alpha_3=code) is not None


@dataclass(frozen=True)
class ParsedCode:
    code: str                 # as written: "AFGGOVBUS"
    country_iso3: str | None  # None for international actors, regions and bare roles
    role: str                 # "GOV", "IGO", "ELI"... ("" for a bare country or a region)
    organization: str         # for IGO/NGO/MNC... codes: the rest of the code ("WSTNAT" of IGOWSTNAT)
    place: bool               # a country, region or dependent territory: not an actor
    fictional: bool = False


def _parts(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


@functools.cache
def parse_code(code: str) -> ParsedCode:
    """Country, role and organisation of a Phoenix actor code (see the module docstring)."""
    code = code.strip().upper()
    parts = _parts(code)
    if not parts or len(parts[0]) < 3:
        return ParsedCode(code, None, "", "", True)
    first, rest = parts[0], parts[1:]
    if first in FICTIONAL:
        return ParsedCode(code, None, rest[0] if rest else "", "", not rest, fictional=True)
    if first == "INT":
        # "International" + role: INTREB is an international rebel group.
        return ParsedCode(code, None, rest[0] if rest else "INT", "", False)
    if first in INTERNATIONAL_PREFIXES:
        # IGO + the rest naming the organisation: IGOUNO, IGOWSTNAT (NATO), IGOEUREEC.
        return ParsedCode(code, None, first, "".join(rest), False)
    country: str | None
    if first in UNION_PREFIXES and rest and (is_iso3(RENAMED.get(rest[0], rest[0])) and rest[0] not in ROLES):
        country, rest = RENAMED.get(rest[0], rest[0]), rest[1:]
    elif first in RENAMED:
        country = RENAMED[first]
    elif first in DISSOLVED or is_iso3(first):
        country = first
    elif first in REGIONS or first not in ROLES:
        # A region ("MEA" Middle East) or an unknown prefix: no country.
        if not rest:
            return ParsedCode(code, None, "", "", True)
        return ParsedCode(code, None, rest[0], "", False)
    else:
        # A bare role ("ELI", "GOV") written without a country.
        return ParsedCode(code, None, first, "", False)
    if not rest:
        return ParsedCode(code, country, "", "", True)
    role = rest[0]
    if role not in ROLES:
        # A dependent territory (GBRPCN, USAPRI, GBRIMY): a place, or the country of the role
        # that follows it (GBRIMYELI: an elite of the Isle of Man).
        territory = RENAMED.get(role, role)
        if len(rest) == 1 or not is_iso3(territory) and territory not in DISSOLVED | {"ANT"}:
            return ParsedCode(code, country, "", "", True)
        country, rest = territory, rest[1:]
        role = rest[0]
    organization = "".join(rest[1:]) if role in INTERNATIONAL_PREFIXES else ""
    return ParsedCode(code, country, role, organization, False)
