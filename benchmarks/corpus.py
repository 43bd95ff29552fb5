"""Deterministic generator of a synthetic news corpus with gold annotations.

`python -m benchmarks.corpus --n 1000 --seed 7 --out DIR` writes agency-style English articles about
contacts between states into DIR/articles/ and their annotations into DIR/gold.json (the format of the
hand-made sample gold). Every article is rendered sentence by sentence from structured facts and every
sentence carries the facts it states, so the gold of an article is the union of the facts of the
sentences that were kept: correct by construction, also after trimming and reprint edits.

All officials are invented: names are assembled from per-region syllable tables, seeded per office, so
the same office has the same holder throughout one corpus. Same seed -> byte-identical output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

MIN_WORDS = 250
MAX_WORDS = 700
TOPIC_TAXONOMY = (
    "trade", "investment", "energy", "green_transition", "digital", "transport_logistics",
    "agriculture", "education", "culture", "tourism", "humanitarian_demining", "security",
    "multilateral", "political_dialogue", "health", "science_technology", "finance",
)
FIRST_PUBLISHED = date(2022, 1, 1)
LAST_PUBLISHED = date(2025, 12, 31)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTHS_XINHUA = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
                 "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Marks the end of an appositive ("A B, Prime Minister of X"): a comma unless the sentence ends there.
APPOSITIVE_END = "\x00"
ATTRIBUTION_SLOT = "\x01"

# --------------------------------------------------------------------------------------------------
# Countries (test data only: the product's reference data lives in seeds/reference/)
# name|official name|demonym|capital|name style|head of state|head of government|deputy head of
# government|foreign minister|deputy foreign minister   (empty = usual title, "-" = no such office)
COUNTRY_ROWS = """
Kazakhstan|Republic of Kazakhstan|Kazakh|Astana|central_asian
Uzbekistan|Republic of Uzbekistan|Uzbek|Tashkent|central_asian
Kyrgyzstan|Kyrgyz Republic|Kyrgyz|Bishkek|central_asian||Chairman of the Cabinet of Ministers|Deputy Chairman of the Cabinet of Ministers
Tajikistan|Republic of Tajikistan|Tajik|Dushanbe|central_asian
Turkmenistan|Turkmenistan|Turkmen|Ashgabat|central_asian||-|Deputy Chairman of the Cabinet of Ministers
Azerbaijan|Republic of Azerbaijan|Azerbaijani|Baku|central_asian
Georgia|Georgia|Georgian|Tbilisi|caucasus
Armenia|Republic of Armenia|Armenian|Yerevan|armenian
Russia|Russian Federation|Russian|Moscow|slavic
Belarus|Republic of Belarus|Belarusian|Minsk|slavic
Ukraine|Ukraine|Ukrainian|Kyiv|slavic
Poland|Republic of Poland|Polish|Warsaw|slavic
Serbia|Republic of Serbia|Serbian|Belgrade|slavic
Czech Republic|Czech Republic|Czech|Prague|slavic
Bulgaria|Republic of Bulgaria|Bulgarian|Sofia|slavic
Hungary|Hungary|Hungarian|Budapest|germanic
Germany|Federal Republic of Germany|German|Berlin|germanic||Chancellor|Vice Chancellor
Austria|Republic of Austria|Austrian|Vienna|germanic||Chancellor|Vice Chancellor
Switzerland|Swiss Confederation|Swiss|Bern|germanic||-|Vice President
Netherlands|Kingdom of the Netherlands|Dutch|Amsterdam|germanic|-
Sweden|Kingdom of Sweden|Swedish|Stockholm|germanic|-
Norway|Kingdom of Norway|Norwegian|Oslo|germanic|-
Finland|Republic of Finland|Finnish|Helsinki|germanic
France|French Republic|French|Paris|romance
Italy|Italian Republic|Italian|Rome|romance
Spain|Kingdom of Spain|Spanish|Madrid|romance|-
Portugal|Portuguese Republic|Portuguese|Lisbon|romance
Romania|Romania|Romanian|Bucharest|romance
Greece|Hellenic Republic|Greek|Athens|greek
United Kingdom|United Kingdom of Great Britain and Northern Ireland|British|London|anglo|-|||Foreign Secretary
United States|United States of America|American|Washington|anglo||-|Vice President|Secretary of State|Deputy Secretary of State
Canada|Canada|Canadian|Ottawa|anglo|-
Australia|Commonwealth of Australia|Australian|Canberra|anglo|-
New Zealand|New Zealand|New Zealand|Wellington|anglo|-
Turkey|Republic of Türkiye|Turkish|Ankara|turkish||-|Vice President
Iran|Islamic Republic of Iran|Iranian|Tehran|persian||-|First Vice President
Iraq|Republic of Iraq|Iraqi|Baghdad|arabic
Saudi Arabia|Kingdom of Saudi Arabia|Saudi|Riyadh|arabic|-
United Arab Emirates|United Arab Emirates|Emirati|Abu Dhabi|arabic
Qatar|State of Qatar|Qatari|Doha|arabic|-
Kuwait|State of Kuwait|Kuwaiti|Kuwait City|arabic|-
Oman|Sultanate of Oman|Omani|Muscat|arabic|-|-|-
Egypt|Arab Republic of Egypt|Egyptian|Cairo|arabic
Jordan|Hashemite Kingdom of Jordan|Jordanian|Amman|arabic|-
Morocco|Kingdom of Morocco|Moroccan|Rabat|arabic|-
Algeria|People's Democratic Republic of Algeria|Algerian|Algiers|arabic
Pakistan|Islamic Republic of Pakistan|Pakistani|Islamabad|south_asian
India|Republic of India|Indian|New Delhi|south_asian
Bangladesh|People's Republic of Bangladesh|Bangladeshi|Dhaka|south_asian
Sri Lanka|Democratic Socialist Republic of Sri Lanka|Sri Lankan|Colombo|south_asian
Nepal|Federal Democratic Republic of Nepal|Nepali|Kathmandu|south_asian
China|People's Republic of China|Chinese|Beijing|chinese||Premier|Vice Premier||Vice Foreign Minister
Mongolia|Mongolia|Mongolian|Ulaanbaatar|mongolian
Japan|Japan|Japanese|Tokyo|japanese|-|||Foreign Minister|Vice Foreign Minister
South Korea|Republic of Korea|South Korean|Seoul|korean||||Foreign Minister|Vice Foreign Minister
Vietnam|Socialist Republic of Vietnam|Vietnamese|Hanoi|vietnamese
Indonesia|Republic of Indonesia|Indonesian|Jakarta|indonesian||-|-
Malaysia|Malaysia|Malaysian|Kuala Lumpur|malay|-
Thailand|Kingdom of Thailand|Thai|Bangkok|thai|-
Philippines|Republic of the Philippines|Philippine|Manila|romance||-|Vice President
Singapore|Republic of Singapore|Singaporean|Singapore|chinese
Brazil|Federative Republic of Brazil|Brazilian|Brasilia|romance||-|Vice President
Argentina|Argentine Republic|Argentine|Buenos Aires|romance||-|Vice President
Mexico|United Mexican States|Mexican|Mexico City|romance||-|-
Chile|Republic of Chile|Chilean|Santiago|romance||-|-
Nigeria|Federal Republic of Nigeria|Nigerian|Abuja|african||-|Vice President
Kenya|Republic of Kenya|Kenyan|Nairobi|african||-|Deputy President
Ethiopia|Federal Democratic Republic of Ethiopia|Ethiopian|Addis Ababa|african
South Africa|Republic of South Africa|South African|Pretoria|african||-|Deputy President
Ghana|Republic of Ghana|Ghanaian|Accra|african||-|Vice President
"""
# Mentioned only as the subject of "the situation in X".
REGIONAL_ISSUE_COUNTRIES = ("Afghanistan", "Syria", "Yemen", "Sudan", "Libya", "Myanmar", "Haiti", "Somalia")
NAMES_WITH_ARTICLE = ("United Kingdom", "United States", "United Arab Emirates", "Philippines",
                      "Netherlands", "Czech Republic")


@dataclass(frozen=True)
class Country:
    name: str
    official: str
    demonym: str
    capital: str
    name_style: str
    offices: dict[str, str]  # role -> canonical title, only for offices the country has

    @property
    def in_sentence(self) -> str:
        return f"the {self.name}" if self.name in NAMES_WITH_ARTICLE else self.name

    @property
    def official_in_sentence(self) -> str:
        return self.official if self.official == self.name and self.name not in NAMES_WITH_ARTICLE \
            else f"the {self.official}"


def _parse_countries(rows: str) -> tuple[Country, ...]:
    defaults = ("President", "Prime Minister", "Deputy Prime Minister", "Foreign Minister",
                "Deputy Foreign Minister")
    roles = ("hos", "hog", "deputy_hog", "fm", "deputy_fm")
    countries = []
    for line in rows.strip().splitlines():
        cells = line.split("|") + [""] * 10
        offices = {}
        for role, default, cell in zip(roles, defaults, cells[5:10]):
            if cell != "-":
                offices[role] = cell or default
        countries.append(Country(cells[0], cells[1], cells[2], cells[3], cells[4], offices))
    return tuple(countries)


COUNTRIES = _parse_countries(COUNTRY_ROWS)
COUNTRY_BY_NAME = {c.name: c for c in COUNTRIES}

# Ministers by portfolio: canonical title, surface forms, the topic the portfolio implies.
PORTFOLIOS = {
    "energy": ("Minister of Energy", ("Minister of Energy", "Energy Minister"), "energy"),
    "economy": ("Minister of Economy", ("Minister of Economy", "Economy Minister"), "trade"),
    "trade": ("Minister of Trade", ("Minister of Trade", "Trade Minister"), "trade"),
    "transport": ("Minister of Transport", ("Minister of Transport", "Transport Minister"), "transport_logistics"),
    "education": ("Minister of Education", ("Minister of Education", "Education Minister"), "education"),
    "health": ("Minister of Health", ("Minister of Health", "Health Minister"), "health"),
    "culture": ("Minister of Culture", ("Minister of Culture", "Culture Minister"), "culture"),
    "agriculture": ("Minister of Agriculture", ("Minister of Agriculture", "Agriculture Minister"), "agriculture"),
    "finance": ("Minister of Finance", ("Minister of Finance", "Finance Minister"), "finance"),
    "defense": ("Minister of Defense", ("Minister of Defense", "Defense Minister"), "security"),
}
SURFACE_TITLES = {
    "Prime Minister": ("Prime Minister", "Prime Minister", "PM"),
    "Foreign Minister": ("Foreign Minister", "Foreign Minister", "FM", "Minister of Foreign Affairs"),
    "Deputy Foreign Minister": ("Deputy Foreign Minister", "Deputy FM", "Deputy Minister of Foreign Affairs"),
    "Deputy Prime Minister": ("Deputy Prime Minister", "Deputy Prime Minister", "Deputy PM"),
}
# Titles that read naturally as "<title> of <country>".
OF_COUNTRY_FORMS = {
    "President": "President", "Prime Minister": "Prime Minister", "Foreign Minister": "Minister of Foreign Affairs",
    "Deputy Foreign Minister": "Deputy Minister of Foreign Affairs", "Deputy Prime Minister": "Deputy Prime Minister",
    "Vice President": "Vice President",
}


@dataclass(frozen=True)
class Organization:
    full: str
    forms: tuple[str, ...]  # as written in running text
    secretary_general: bool  # has a Secretary-General who meets officials


ORGANIZATIONS = {
    "UN": Organization("United Nations", ("the United Nations", "the UN"), True),
    "UNSC": Organization("United Nations Security Council", ("the UN Security Council",), False),
    "SCO": Organization("Shanghai Cooperation Organization",
                        ("the Shanghai Cooperation Organization (SCO)", "the SCO"), True),
    "OSCE": Organization("Organization for Security and Co-operation in Europe",
                         ("the Organization for Security and Co-operation in Europe (OSCE)", "the OSCE"), True),
    "CICA": Organization("Conference on Interaction and Confidence Building Measures in Asia",
                         ("the Conference on Interaction and Confidence Building Measures in Asia (CICA)", "CICA"),
                         True),
    "OTS": Organization("Organization of Turkic States", ("the Organization of Turkic States",), True),
    "CIS": Organization("Commonwealth of Independent States", ("the Commonwealth of Independent States", "the CIS"),
                        False),
    "BRICS": Organization("BRICS", ("BRICS",), False),
    "ASEAN": Organization("Association of Southeast Asian Nations",
                          ("the Association of Southeast Asian Nations (ASEAN)", "ASEAN"), True),
    "EU": Organization("European Union", ("the European Union", "the EU"), False),
    "G20": Organization("G20", ("the G20",), False),
    "OIC": Organization("Organisation of Islamic Cooperation",
                        ("the Organisation of Islamic Cooperation (OIC)", "the OIC"), True),
    "WTO": Organization("World Trade Organization", ("the World Trade Organization", "the WTO"), False),
}
SG_ABBREVIATIONS = {"UN": "UN", "SCO": "SCO", "OSCE": "OSCE", "CICA": "CICA", "ASEAN": "ASEAN", "OIC": "OIC"}

# --------------------------------------------------------------------------------------------------
# Invented names. Each part is a list of alternatives; a name is one pick from every part, joined.


@dataclass(frozen=True)
class NameStyle:
    given_male: tuple[tuple[str, ...], ...]
    given_female: tuple[tuple[str, ...], ...]
    family: tuple[tuple[str, ...], ...]
    female_endings: tuple[tuple[str, str], ...] = ()
    family_first: bool = False
    short_is_last_token: bool = False  # Vietnamese back-references use the given name


def _t(words: str) -> tuple[str, ...]:
    return tuple(w.replace("_", " ") if w != "~" else "" for w in words.split())


NAME_STYLES = {
    "central_asian": NameStyle(
        (_t("Nur Ai Yer Dau Ser Ar Tal Bol Kai Asy Zhan Ras Tem Ulug Shav Dil Ot Sar Sam Bakh"),
         _t("lan bek ren ik man gat at rat zhan bol mur dar")),
        (_t("Ai Gul Dan Sau Ak Ma Zhan Di Ka Ul"), _t("gul nara le erke dina sulu mira bota")),
        (_t("Nurl Tok Sar Kas Zhum Ism Abd Tur Bek Ras Kar Mukh Ora Sult Dzhan Us Esen Kalm Temir Zhak"),
         _t("anov ayev ov bekov baev uly akhmetov imov")),
        (("ov", "ova"), ("ev", "eva"), ("uly", "kyzy")),
    ),
    "caucasus": NameStyle(
        (_t("Giorgi Levan Davit Irakli Zurab Nikoloz Tamaz Lasha Vakhtang"),),
        (_t("Nino Tamar Ketevan Salome Mariam Eka"),),
        (_t("Beri Kipi Lomi Chkhe Gvar Mach Tsere Abash Jape Kver Gogi"), _t("dze shvili ani ia ava")),
    ),
    "armenian": NameStyle(
        (_t("Aram Gevorg Tigran Arman Hayk Vahan Karen Suren Levon"),),
        (_t("Anahit Lusine Mariam Gayane Shushan"),),
        (_t("Grigor Hovhann Sarg Mkrtch Avet Khach Petros Ghazar Vardan Melik"), _t("yan ian yants")),
    ),
    "slavic": NameStyle(
        (_t("Sergei Andrei Dmitry Oleg Pavel Igor Viktor Nikolai Alexei Yuri Maxim Roman Stanislav Milan Petr"),),
        (_t("Anna Elena Irina Olga Natalia Marina Svetlana Katarina"),),
        (_t("Vol Kras Belo Sokol Zver Mor Lis Gor Dub Kuz Pet Zhar Bor Tikh Grom Seli Orl Chern"),
         _t("ov ev in sky enko ovich anov ovsky")),
        (("ovsky", "ovskaya"), ("sky", "skaya"), ("ov", "ova"), ("ev", "eva"), ("in", "ina")),
    ),
    "germanic": NameStyle(
        (_t("Stefan Markus Jens Tobias Lukas Henrik Florian Matthias Anders Lars Erik Jan"),),
        (_t("Katrin Anja Sabine Ingrid Julia Lena Frida Sanne"),),
        (_t("Hoff Brand Lind Wald Stein Kess Ost Rein Holm Berg Falk Schon Eck Vogel"),
         _t("mann berg feld stein hauer ler gren strom sen er meier")),
    ),
    "romance": NameStyle(
        (_t("Luca Marco Pierre Jean Carlos Javier Miguel Paolo Andrea Joao Tiago Diego Mateo Julien Rafael"),),
        (_t("Sofia Elena Claire Lucia Camille Ines Beatriz Giulia Mariana"),),
        (_t("Ross Bel Mar Fer Del Gal Mor Val Cas Ser Mont Ribe Lop Sant Card"),
         _t("ini elli ez ot ier ano eira etti ado ona aux")),
    ),
    "greek": NameStyle(
        (_t("Nikos Giorgos Dimitris Kostas Yannis Petros Stavros Alexandros"),),
        (_t("Eleni Maria Katerina Sofia Despina"),),
        (_t("Papa Kara Geor Anag Niko Chris Vasil Stavr Kon"), _t("opoulos idis akis atos iadis")),
        (("opoulos", "opoulou"), ("iadis", "iadou"), ("idis", "idou"), ("akis", "aki"), ("atos", "atou")),
    ),
    "anglo": NameStyle(
        (_t("James Michael David Richard Thomas Andrew Peter Daniel Mark Simon Robert Edward Benjamin"),),
        (_t("Sarah Emily Catherine Rachel Laura Helen Alison Joanna Fiona"),),
        (_t("Ash Brad Hart Whit Cole Ren Stan Hol Fair Rad Wake Black Pem Ox Lang Thorn"),
         _t("ford ley well ton wood field more by worth ham bridge dale")),
    ),
    "turkish": NameStyle(
        (_t("Mehmet Ahmet Emre Burak Kerem Murat Serkan Onur Volkan Tolga Baris Kaan"),),
        (_t("Selin Elif Zeynep Ayse Derya Esra Gulsen Pinar"),),
        (_t("Ak Kara Demir Yil Ol Tas Gun Ay Oz Kurt Sen Bal Cel"),
         _t("dag can oglu soy tekin kaya men han turk ci gul")),
    ),
    "persian": NameStyle(
        (_t("Reza Hossein Mehdi Amir Saeed Hamid Majid Farhad Kamran Dariush"),),
        (_t("Maryam Zahra Shirin Leila Parisa Nasrin"),),
        (_t("Rez Tehr Karim Mos Naj Fard Shir Haj Bagh Sal Raf"), _t("aei ani i zadeh pour nia vand abadi")),
    ),
    "arabic": NameStyle(
        (_t("Khalid Omar Tariq Yousef Hassan Faisal Samir Karim Nabil Walid Adel Rami Hisham Ziad Majed"),),
        (_t("Nadia Layla Rania Huda Salma Dina Mona Amal"),),
        (_t("Al- Al- ~"), _t("Mans Qas Hash Nour Zah Sal Far Jab Dab Khat Bad Ham Shar Tam"),
         _t("ouri imi ani iri awi oun ib")),
    ),
    "south_asian": NameStyle(
        (_t("Rajesh Suresh Anil Vikram Arjun Rohan Sanjay Ravi Amit Kiran Farhan Tanvir Dinesh Prakash"),),
        (_t("Priya Anjali Sunita Meera Kavita Nisha Ayesha Farida"),),
        (_t("Shar Ver Meh Kap Chaud Sax Bhat Kul Desh Qur Sidd Nand Trived"),
         _t("ma ta oor hary ena kar ani pande i")),
    ),
    "chinese": NameStyle(
        (_t("Ming Jian Wei Hong Xiao Guo Zhi Qing Hai Jun Rui Xin Jia Yun Wen Shu Kai Yong"),
         _t("hua ping lin tao feng yu bo hui qiang jie lei min yan peng rong chen long")),
        (_t("Mei Xiao Li Yan Hui Jing Ying Lan Xue"), _t("fang juan na ping lan ting yun hong")),
        (_t("Zhang Zhao Huang Zhou Wu Xu Ma Zhu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Feng Cao "
            "Peng Zeng Tian Pan Yuan Jiang Du Ye Cheng Su Lu Ren Shen Yao Jin Qin Fan Fu"),),
        family_first=True,
    ),
    "mongolian": NameStyle(
        (_t("Bat Gan Enkh Tumur Bold Ochir Sukh Altan Munkh"), _t("bold baatar erdene bayar jargal od sukh")),
        (_t("Sar Gerel Altan Naran Enkh"), _t("tuya zaya maa gerel")),
        (_t("Bat Gan Enkh Tumur Ochir Dorj Sukh"), _t("bold baatar erdene bayar jav")),
    ),
    "japanese": NameStyle(
        (_t("Hiro Ken Taka Yu Masa Kazu Shin Tomo Nao Yoshi Ryo Haru Aki Dai"),
         _t("shi ji to ki ya nori hiko suke o")),
        (_t("Yuko Akiko Naomi Emi Keiko Mariko Sachiko"),),
        (_t("Yama Naka Matsu Kawa Mori Fuji Oka Nishi Hara Kiku Sugi Ono Sakura"),
         _t("da mura moto guchi no shita zawa saki uchi")),
    ),
    "korean": NameStyle(
        (_t("Min Seo Ji Hyun Jae Dong Sung Young Tae Joon Kyung Sang"),
         _t("-ho -woo -jin -soo -hwan -bin -gyu -chul")),
        (_t("Hye Eun Ji Seo Min Yeon"), _t("-jin -hee -young -ah -kyung")),
        (_t("Kim Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Jeon Hong"),),
        family_first=True,
    ),
    "vietnamese": NameStyle(
        (_t("Van Duc Minh Quoc Thanh Hong"), _t("_Hung _Dung _Long _Nam _Tuan _Hai _Phuc _Thang _Khoa")),
        (_t("Thi"), _t("_Lan _Mai _Huong _Trang _Hoa _Ngoc")),
        (_t("Nguyen Tran Pham Hoang Vu Dang Ngo Duong Dinh"),),
        family_first=True,
        short_is_last_token=True,
    ),
    "indonesian": NameStyle(
        (_t("Budi Agus Bambang Hendra Rizal Arif Wahyu Eko Dimas"),),
        (_t("Dewi Sri Ratna Wulan Indah Fitri"),),
        (_t("Santo Wibo Sus Hart Kusu Setia Nug Gun Wira"), _t("so wo wan roho tomo yanto anto")),
    ),
    "malay": NameStyle(
        (_t("Ahmad Azmin Hafiz Faizal Rosli Zulkifli Amir Hakim"),),
        (_t("Nurul Siti Aisyah Farah Zarina"),),
        (_t("Hashim Rahman Ismail Yusof Osman Hamzah Latif Karim Salleh"),),
    ),
    "thai": NameStyle(
        (_t("Somchai Anucha Prasert Narong Kittisak Chaiwat Thanakorn Wichai"),),
        (_t("Suda Pimchanok Wanida Malee Ratana"),),
        (_t("Sri Wong Chai Sak Rat Thong Suk Phan Boon Kitti"),
         _t("sawat phan wong chai sombat panich rak siri kul")),
    ),
    "african": NameStyle(
        (_t("Chinedu Kwame Tunde Emeka Kofi Abebe Tesfaye Sipho Thabo Otieno Musa Yaw"),),
        (_t("Amina Ngozi Wanjiru Thandiwe Akosua Hirut Nomvula"),),
        (_t("Ade Oko Nwa Mba Kip Oti Mwa Asa Tes Mok Oye"),
         _t("yemi nkwo chukwu ogo rono eno ngi ele sola ke wale")),
    ),
}
# Names that must never be produced: the people of the bundled samples, and real office holders the
# syllable tables could otherwise assemble by chance.
FORBIDDEN_NAME_PARTS = (
    "mammadov", "liu bin", "bayramov", "wang yi", "ding xuexiang", "mustafayev", "li qiang", "huseynov",
    "sun zhuangzhi", "chen zhou", "yermekbayev", "aliyev", "xi jinping",
    "hu chunhua", "kim min-seok", "kim dong-yeon", "zhao leji", "cai qi", "han zheng",
)


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    style: NameStyle
    female: bool
    role: str  # hos, hog, deputy_hog, fm, deputy_fm, minister, ambassador, sg
    title: str  # canonical title for the gold
    country: Country | None
    host: Country | None = None  # an ambassador's host country
    organization: str | None = None  # key of ORGANIZATIONS for a Secretary-General
    portfolio: str | None = None

    @property
    def full(self) -> str:
        return f"{self.family} {self.given}" if self.style.family_first else f"{self.given} {self.family}"

    @property
    def short(self) -> str:
        return self.full.split()[-1] if self.style.short_is_last_token else self.family

    @property
    def pronoun(self) -> str:
        return "her" if self.female else "his"


def _assemble(parts: tuple[tuple[str, ...], ...], rng: random.Random) -> str:
    return "".join(rng.choice(options) for options in parts)


def _feminine(family: str, endings: tuple[tuple[str, str], ...]) -> str:
    for masculine, feminine in endings:
        if family.endswith(masculine):
            return family[: -len(masculine)] + feminine
    return family


class Roster:
    """Invented office holders, one per office and seed, unique across the corpus."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._people: dict[tuple[str, ...], Person] = {}
        self._taken: set[str] = set()

    def _name(self, style_name: str, key: str) -> tuple[str, str, NameStyle, bool]:
        style = NAME_STYLES[style_name]
        for attempt in range(200):
            rng = random.Random(f"{self._seed}|{key}|{attempt}")
            female = rng.random() < 0.22
            given = _assemble(style.given_female if female else style.given_male, rng)
            family = re.sub(r"(\w)\1\1", r"\1\1", _assemble(style.family, rng))  # "Kesssen" -> "Kessen"
            if female:
                family = _feminine(family, style.female_endings)
            full = f"{family} {given}" if style.family_first else f"{given} {family}"
            lowered = full.lower()
            if full in self._taken or any(part in lowered for part in FORBIDDEN_NAME_PARTS):
                continue
            self._taken.add(full)
            return given, family, style, female
        raise RuntimeError(f"no free name for {key}")

    def official(self, country: Country, role: str, *, host: Country | None = None,
                 portfolio: str | None = None) -> Person:
        key = (country.name, role, host.name if host else "", portfolio or "")
        if key not in self._people:
            given, family, style, female = self._name(country.name_style, "|".join(key))
            if role == "ambassador":
                title = f"Ambassador to {host.name}"
            elif role == "minister":
                title = PORTFOLIOS[portfolio][0]
            else:
                title = country.offices[role]
            self._people[key] = Person(given, family, style, female, role, title, country, host,
                                       portfolio=portfolio)
        return self._people[key]

    def secretary_general(self, org_key: str) -> Person:
        key = ("org", org_key)
        if key not in self._people:
            style = ("central_asian", "chinese", "romance", "germanic", "south_asian", "anglo")[
                len(org_key) % 6]
            given, family, style_obj, female = self._name(style, "|".join(key))
            title = f"Secretary-General of the {ORGANIZATIONS[org_key].full}"
            self._people[key] = Person(given, family, style_obj, female, "sg", title, None,
                                       organization=org_key)
        return self._people[key]


# --------------------------------------------------------------------------------------------------
# Sentences carry the facts they state.


@dataclass
class Facts:
    countries: list[str] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    money: list[dict] = field(default_factory=list)
    percents: list[dict] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)
    milestones: list[dict] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def merge(self, other: Facts) -> None:
        for name in ("countries", "persons", "organizations", "topics"):
            mine = getattr(self, name)
            for item in getattr(other, name):
                if item not in mine:
                    mine.append(item)
        for name in ("money", "percents", "meetings", "milestones"):
            mine = getattr(self, name)
            for item in getattr(other, name):
                if item not in mine:
                    mine.append(item)


@dataclass
class Sentence:
    text: str
    facts: Facts = field(default_factory=Facts)
    filler: bool = False  # states nothing the gold records: may be dropped or edited


@dataclass
class Paragraph:
    sentences: list[Sentence]
    optional: bool = False  # may be dropped as a whole (with its facts) to respect MAX_WORDS


def _finish(text: str) -> str:
    text = text.replace(APPOSITIVE_END + ".", ".").replace(APPOSITIVE_END + ",", ",")
    text = text.replace(APPOSITIVE_END, ",")
    text = re.sub(r"\s+([,.])", r"\1", re.sub(r" {2,}", " ", text)).strip()
    return text[0].upper() + text[1:]


def _indefinite(phrase: str) -> str:
    return f"an {phrase}" if phrase[0] in "aeiou" else f"a {phrase}"


def _join_names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------------------------------
# Dates


@dataclass(frozen=True)
class DatePhrase:
    text: str  # "on Wednesday", "" when the text leaves the date open
    value: str | None  # ISO day, month ("2024-07") or year, None when the text does not fix it


def event_date_phrase(rng: random.Random, published: date, year_known: bool) -> tuple[DatePhrase, date]:
    """The date of a contact reported as news, at most three days before publication."""
    day = published - timedelta(days=rng.choice((0, 1, 1, 1, 2, 3)))
    options = ["full", "none"] + (["weekday", "weekday", "weekday", "month_day", "month_day"]
                                  if year_known else [])
    kind = rng.choice(options)
    if kind == "weekday":
        return DatePhrase(f"on {WEEKDAYS[day.weekday()]}", day.isoformat()), day
    if kind == "month_day":
        return DatePhrase(f"on {MONTHS[day.month - 1]} {day.day}", day.isoformat()), day
    if kind == "full":
        return DatePhrase(f"on {MONTHS[day.month - 1]} {day.day}, {day.year}", day.isoformat()), day
    return DatePhrase("", None), day


def past_date_phrase(rng: random.Random, published: date, year_known: bool) -> DatePhrase:
    """An earlier date as agency copy recalls it: a day, a month or a year."""
    when = published - timedelta(days=rng.randint(40, 1100))
    month = MONTHS[when.month - 1]
    options = ["day", "month", "year"]
    if year_known and when.year == published.year - 1 and when.month > published.month:
        options += ["last_month", "last_month"]
    if year_known and when.year == published.year and when.month < published.month:
        options += ["this_year", "this_year"]
    kind = rng.choice(options)
    if kind == "day":
        return DatePhrase(f"on {month} {when.day}, {when.year}", when.isoformat())
    if kind == "month":
        return DatePhrase(f"in {month} {when.year}", when.isoformat()[:7])
    if kind == "last_month":
        return DatePhrase(f"last {month}", when.isoformat()[:7])
    if kind == "this_year":
        return DatePhrase(f"in {month} this year", when.isoformat()[:7])
    return DatePhrase(f"in {when.year}", str(when.year))


# --------------------------------------------------------------------------------------------------
# Outlets and datelines


@dataclass(frozen=True)
class Outlet:
    name: str  # canonical, as the product's reference data names it
    home: str | None
    datelines: tuple[str, ...]
    reports_in_lead: str | None  # "Trend reports" style attribution


OUTLETS = (
    Outlet("Reuters", None, ("paren_dash:Reuters",), None),
    Outlet("Agence France-Presse", "France", ("city_paren:AFP",), None),
    Outlet("Xinhua", "China", ("xinhua",), None),
    Outlet("TASS", "Russia", ("tass",), None),
    Outlet("Kazinform", "Kazakhstan", ("paren_ddash:Kazinform", "none"), "Kazinform"),
    Outlet("Anadolu Agency", "Turkey", ("city_paren:AA", "city_paren:Anadolu Agency"), None),
    Outlet("Press Trust of India", "India", ("pti_year", "paren_ddash:PTI"), None),
    Outlet("Trend", "Azerbaijan", ("trend",), "Trend"),
    Outlet("AZERTAC", "Azerbaijan", ("azertac",), None),
    Outlet("Yonhap", "South Korea", ("paren_ddash:Yonhap",), None),
    Outlet("Kyodo News", "Japan", ("paren_ddash:Kyodo",), None),
    Outlet("UzA", "Uzbekistan", ("paren_ddash:UzA", "none"), "UzA"),
    Outlet("Kabar", "Kyrgyzstan", ("paren_ddash:Kabar", "none"), "Kabar"),
    Outlet("News.Az", "Azerbaijan", ("none",), "News.Az"),
)


@dataclass(frozen=True)
class Dateline:
    text: str | None
    own_line: bool
    has_day: bool
    has_year: bool
    evidence: str


def render_dateline(style: str, city: Country, published: date, rng: random.Random) -> Dateline:
    kind, _, label = style.partition(":")
    upper = city.capital.upper()
    month, day, year = MONTHS[published.month - 1], published.day, published.year
    if kind == "paren_dash":
        text = f"{upper}, {month} {day} ({label}) -"
    elif kind == "paren_ddash":
        text = f"{upper}, {month} {day} ({label}) --"
    elif kind == "city_paren":
        return Dateline(f"{upper} ({label}) -", False, False, False, "")
    elif kind == "xinhua":
        text = f"{upper}, {MONTHS_XINHUA[published.month - 1]} {day} (Xinhua) --"
    elif kind == "tass":
        text = f"{upper}, {month} {day}. /TASS/."
    elif kind == "pti_year":
        text = f"{upper}, {day} {month} {year} /PTI/"
        return Dateline(text, rng.random() < 0.5, True, True, f"dateline '{text}'")
    elif kind == "trend":
        text = f"{upper}, {city.name}, {month} {day}."
    elif kind == "azertac":
        text = f"{city.capital}, {month} {day}, AZERTAC"
        return Dateline(text, True, True, False, f"dateline '{text}' gives no year")
    elif kind == "generic_year":
        text = f"{upper}, {month} {day}, {year} -"
        return Dateline(text, False, True, True, f"dateline '{text}'")
    elif kind == "byline":
        text = f"Published: {month} {day}, {year} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}"
        return Dateline(text, True, True, True, f"byline '{text}'")
    else:
        return Dateline(None, False, False, False, "")
    return Dateline(text, False, True, False, f"dateline '{text}' gives no year")


# --------------------------------------------------------------------------------------------------
# Text tables. Placeholders: {A} {B} country names in running text, {dA} {dB} demonyms, {spk} the
# surname of a speaker already introduced.

TOPIC_SENTENCES = {
    "trade": (
        "The sides discussed ways to increase mutual trade and diversify the range of goods supplied.",
        "{spk} noted that {A} is interested in expanding exports of {dA} products to the {dB} market.",
        "Special attention was paid to removing barriers to trade and simplifying customs procedures.",
        "The two sides agreed to work towards a more balanced structure of trade.",
    ),
    "investment": (
        "{spk} invited {dB} companies to invest in the special economic zones of {A}.",
        "The parties discussed the implementation of joint investment projects.",
        "The sides noted the need to create favourable conditions for investors from both countries.",
        "Both sides welcomed the launch of a new platform for investment cooperation.",
    ),
    "energy": (
        "Cooperation in the energy sector, including electricity supplies, was also on the agenda.",
        "{spk} stressed that energy remains one of the key areas of bilateral cooperation.",
        "The parties considered prospects for joint projects in oil refining and power generation.",
        "The sides discussed cooperation in the oil and gas industry.",
    ),
    "green_transition": (
        "The sides also discussed the green transition and the development of solar and wind farms.",
        "{spk} highlighted the importance of joint efforts to combat climate change.",
        "The parties expressed interest in cooperation on green hydrogen production and decarbonisation.",
        "Both sides agreed to share experience in the green transition.",
    ),
    "digital": (
        "The sides agreed to step up cooperation in digital transformation and e-government.",
        "Particular attention was paid to digital services and the development of data centres.",
        "{spk} proposed a joint programme on the digitalization of public services.",
    ),
    "transport_logistics": (
        "The parties discussed the development of transport and logistics links, including the Middle Corridor.",
        "{spk} stressed the importance of increasing cargo transit through {A}.",
        "Both sides noted progress on new railway and road routes connecting the two countries.",
        "The sides agreed to expand freight traffic and modernise border crossing points.",
    ),
    "agriculture": (
        "The sides discussed cooperation in agriculture, including supplies of grain and fruit.",
        "{spk} noted the potential for cooperation in agricultural processing and irrigation.",
        "Both sides agreed to exchange experience in modern farming and veterinary services.",
    ),
    "education": (
        "The parties agreed to expand academic exchanges and increase the number of scholarships for students.",
        "{spk} welcomed plans to open a branch of a {dB} university in {A}.",
        "Cooperation in education, including joint degree programmes, was also discussed.",
    ),
    "culture": (
        "The sides discussed holding Days of Culture of {A} in {B} next year.",
        "{spk} stressed the importance of cultural exchanges in bringing the two peoples closer.",
        "The parties agreed to strengthen cooperation between museums, theatres and libraries.",
    ),
    "tourism": (
        "The sides agreed to promote tourism and increase tourist flows between the two countries.",
        "{spk} noted the growing interest of {dB} tourists in the historical sites of {A}.",
        "Both parties discussed joint tourism routes and simplified travel procedures.",
    ),
    "humanitarian_demining": (
        "{spk} thanked {B} for its support in humanitarian demining.",
        "The sides discussed cooperation in mine clearance and the training of deminers.",
        "Both parties noted the importance of humanitarian mine action for the safe return of residents.",
    ),
    "security": (
        "The sides exchanged views on regional security and the fight against terrorism and extremism.",
        "{spk} underlined the importance of cooperation in countering drug trafficking and cross-border crime.",
        "The parties agreed to strengthen cooperation between their law enforcement and defence agencies.",
    ),
    "health": (
        "The sides discussed cooperation in health care, including the production of medicines.",
        "{spk} proposed joint training programmes for doctors and medical staff.",
        "Both parties expressed interest in cooperation between hospitals and pharmaceutical companies.",
    ),
    "science_technology": (
        "The parties agreed to expand scientific cooperation and joint research.",
        "{spk} proposed establishing joint laboratories between the research institutes of the two countries.",
        "Cooperation in science and technology, including space research, was also discussed.",
    ),
    "finance": (
        "The sides discussed cooperation in the banking and financial sector.",
        "{spk} proposed expanding settlements in national currencies.",
        "The parties agreed to strengthen ties between their central banks and financial regulators.",
    ),
}
TOPIC_WORDS = {
    "trade": "trade", "investment": "investment", "energy": "energy", "green_transition": "green transition",
    "digital": "digital", "transport_logistics": "transport", "agriculture": "agriculture",
    "education": "education", "culture": "cultural", "tourism": "tourism",
    "humanitarian_demining": "demining", "security": "security", "health": "health",
    "science_technology": "science", "finance": "finance",
}
AGREEMENT_FIELDS = {
    "trade": "trade", "investment": "mutual protection of investments", "energy": "energy",
    "green_transition": "the green transition", "digital": "digital transformation",
    "transport_logistics": "transport and logistics", "agriculture": "agriculture", "education": "education",
    "culture": "culture", "tourism": "tourism", "humanitarian_demining": "humanitarian demining",
    "security": "security", "health": "health care", "science_technology": "science and technology",
    "finance": "finance",
}
POLITICAL_DIALOGUE = (
    "The sides discussed the current state and prospects of bilateral relations, as well as regional and "
    "international issues.",
    "The parties highlighted the high level of political dialogue between {A} and {B}.",
    "The interlocutors noted the importance of regular high-level contacts and their positive impact on "
    "bilateral relations.",
    "The two sides reviewed the political dialogue and the agenda of bilateral relations.",
)
FILLER = (
    "The sides exchanged views on the schedule of upcoming bilateral events.",
    "Both sides expressed satisfaction with the current level of interaction and agreed to maintain regular contacts.",
    "The parties agreed to hold the next round of consultations at a mutually convenient time.",
    "Particular attention was paid to the implementation of agreements reached at previous meetings.",
    "The interlocutors noted the friendly and constructive atmosphere of the conversation.",
    "It was noted that the two countries share similar approaches to many issues on the international agenda.",
    "The meeting was held in a warm and friendly atmosphere.",
    "The sides reaffirmed their commitment to the principles of mutual respect and non-interference in internal affairs.",
    "The parties discussed the preparation of a roadmap for the coming years.",
    "Both sides agreed that there is significant untapped potential in bilateral cooperation.",
    "The officials instructed the relevant agencies to work out concrete proposals.",
    "The delegations agreed to intensify contacts between the relevant ministries and agencies.",
    "The sides noted that the legal framework of bilateral relations continues to expand.",
    "Following the meeting, the parties agreed to continue the dialogue at various levels.",
    "The two sides also touched upon a number of issues of mutual interest.",
    "It was emphasized that the relations are based on long-standing traditions of friendship.",
    "The sides expressed confidence that the agreements reached would give new momentum to cooperation.",
    "Views were also exchanged on the preparation of upcoming high-level visits.",
    "The parties highlighted the role of interparliamentary ties in strengthening mutual understanding.",
    "Both sides underlined the need to step up cooperation between regions and cities.",
    "The meeting ended with an agreement to keep in close contact.",
    "In addition, the sides considered ways to simplify procedures for citizens of both countries.",
    "The sides pointed out that there are no unresolved issues between the two countries.",
    "The parties agreed to set up a joint working group to monitor the implementation of the decisions taken.",
    "They also discussed the agenda of the upcoming session of the joint committee.",
    "According to the statement, the talks were constructive and result-oriented.",
    "Officials on both sides described the talks as substantive and forward-looking.",
    "The sides agreed to expand contacts between expert communities.",
    "The two sides stressed the need to fully implement the agreements signed earlier.",
    "Speaking at the meeting, the officials noted the positive dynamics of bilateral contacts.",
    "The parties also discussed consular matters and the protection of the rights of citizens.",
    "It was agreed that the relevant ministries would prepare a list of priority projects.",
    "Both sides spoke in favour of holding the next meeting in the near future.",
    "The parties also reviewed the progress in preparing a number of new documents.",
    "They confirmed their interest in deepening the partnership in all areas of mutual interest.",
    "The parties noted that the upcoming events would help strengthen mutual trust.",
    "The interlocutors also touched upon preparations for the next round of consultations between the two "
    "foreign ministries.",
    "Further steps to strengthen bilateral ties were outlined at the end of the meeting.",
    "The sides agreed to maintain an active exchange of delegations at all levels.",
    "It was stressed that there is a solid foundation for further development of relations.",
    "The parties expressed their readiness to consider new formats of interaction.",
    "The two sides agreed to instruct their experts to continue working on the draft documents.",
    "The sides noted with satisfaction that the dialogue has become more regular in recent years.",
    "Both delegations agreed that the results of the talks would be reported to the leadership of the two countries.",
    "The participants also exchanged views on the timing of the next bilateral consultations.",
    "The sides praised the work of the embassies in promoting bilateral contacts.",
)
QUOTES = (
    "We are ready to further expand our cooperation in all areas",
    "{B} is a reliable and important partner for {A}",
    "Our relations have reached a new level, and we intend to build on this momentum",
    "We attach great importance to the development of relations with {B}",
    "There is great potential for the further development of our partnership",
)
SAID = ("said", "noted", "stressed", "emphasized", "told reporters")
REPRINT_SWAPS = (
    ("discussed", "reviewed"), ("stressed", "underlined"), ("noted", "pointed out"), ("agreed", "decided"),
    ("expressed", "voiced"), ("important", "significant"), ("upcoming", "forthcoming"),
    ("friendly", "cordial"),
)
MILESTONE_LEVELS = ("strategic partnership", "comprehensive strategic partnership",
                    "enhanced strategic partnership", "comprehensive partnership")
ORDINALS = {10: "10th", 15: "15th", 20: "20th", 25: "25th", 30: "30th", 35: "35th", 40: "40th", 50: "50th"}
NON_ENGLISH = (
    "Der Außenminister des Landes traf sich am Mittwoch mit seinem Amtskollegen zu Gesprächen über den "
    "Ausbau der wirtschaftlichen Zusammenarbeit. Beide Seiten betonten die Bedeutung regelmäßiger "
    "Konsultationen und vereinbarten, die Arbeit an einem gemeinsamen Aktionsplan fortzusetzen. Nach "
    "Angaben des Ministeriums wurden auch Fragen der Energieversorgung, des Verkehrs und der Bildung "
    "erörtert. Das nächste Treffen soll im Herbst in der Hauptstadt stattfinden.",
    "Die Regierungen beider Staaten unterzeichneten ein Abkommen über die Zusammenarbeit im Bereich der "
    "erneuerbaren Energien. Der Handel zwischen den beiden Ländern sei im vergangenen Jahr deutlich "
    "gewachsen, hieß es in einer gemeinsamen Erklärung. Die Delegationen sprachen zudem über kulturelle "
    "Austauschprogramme und neue Direktflüge zwischen den Hauptstädten.",
    "Министр иностранных дел провел переговоры с коллегой в столице страны. Стороны обсудили состояние "
    "и перспективы двустороннего сотрудничества в торгово-экономической, транспортной и гуманитарной "
    "сферах. Отмечено, что товарооборот между странами в прошлом году вырос, а число совместных "
    "предприятий продолжает увеличиваться. Министры договорились продолжить регулярные консультации.",
    "В ходе встречи стороны подчеркнули важность дальнейшего развития стратегического партнерства и "
    "обменялись мнениями по актуальным региональным и международным вопросам. По итогам переговоров "
    "был подписан меморандум о сотрудничестве в области образования и науки.",
)
BAD_KINDS = ("empty", "binary", "non_english", "whitespace_only")
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


# --------------------------------------------------------------------------------------------------
# Mentions of people


def _mention_facts(person: Person) -> Facts:
    countries = [c.name for c in (person.country, person.host) if c is not None]
    organizations = [ORGANIZATIONS[person.organization].full] if person.organization else []
    return Facts(countries=countries, persons=[person], organizations=organizations)


def first_mention(person: Person, rng: random.Random, *, counterpart_of: Person | None = None) -> tuple[str, Facts]:
    """The full name with the title in one of the usual English patterns."""
    facts = _mention_facts(person)
    full = person.full
    if person.role == "sg":
        org_key = person.organization
        org = ORGANIZATIONS[org_key]
        forms = [f"Secretary-General of the {org.full} {full}", f"{full}, Secretary-General of the {org.full}"
                 + APPOSITIVE_END]
        if org_key in SG_ABBREVIATIONS:
            forms.append(f"{SG_ABBREVIATIONS[org_key]} Secretary-General {full}")
            forms.append(f"Secretary-General of the {SG_ABBREVIATIONS[org_key]} {full}")
        return rng.choice(forms), facts
    country = person.country
    if person.role == "ambassador":
        host = person.host
        forms = [f"{country.demonym} Ambassador to {host.in_sentence} {full}",
                 f"Ambassador of {country.in_sentence} to {host.in_sentence} {full}",
                 f"{full}, {country.demonym} Ambassador to {host.in_sentence}" + APPOSITIVE_END]
        if country.name not in NAMES_WITH_ARTICLE:
            forms.append(f"{country.name}'s Ambassador to {host.in_sentence} {full}")
        return rng.choice(forms), facts
    if person.role == "minister":
        surfaces = PORTFOLIOS[person.portfolio][1]
    else:
        surfaces = SURFACE_TITLES.get(person.title, (person.title,))
    surface = rng.choice(surfaces)
    forms = [f"{country.demonym} {surface} {full}", f"{country.demonym} {surface} {full}"]
    if country.name not in NAMES_WITH_ARTICLE:
        forms.append(f"{country.name}'s {surface} {full}")
    long_title = OF_COUNTRY_FORMS.get(person.title) or (person.title if person.role == "minister" else None)
    if long_title:
        where = rng.choice((country.official_in_sentence, country.in_sentence))
        forms.append(f"{long_title} of {where} {full}")
        forms.append(f"{full}, {long_title} of {country.in_sentence}" + APPOSITIVE_END)
    if counterpart_of is not None and counterpart_of.title == person.title:
        counterpart = f"{counterpart_of.pronoun} {country.demonym} counterpart {full}"
        forms += [counterpart, counterpart]
    return rng.choice(forms), facts


def leader(country: Country) -> str | None:
    for role in ("hos", "hog"):
        if role in country.offices:
            return role
    return None


# --------------------------------------------------------------------------------------------------
# One article


@dataclass
class Article:
    index: int
    title: Sentence | None
    paragraphs: list[Paragraph]
    published: date
    home: Country  # where the dateline is filed
    year_required: bool  # the body uses relative dates, so any reprint must state the year
    ministry: Country | None  # the foreign ministry the lead cites


@dataclass(frozen=True)
class Presentation:
    outlet: Outlet | None
    dateline_style: str
    header: bool
    curly: bool
    crlf: bool
    attribution_variant: int


# (role of the A side, role of the B side, allowed interaction kinds)
ROLE_PAIRS = (
    ("hos", "hos", ("talks", "meeting", "visit", "phone_call", "agreement_signed")),
    ("hog", "hog", ("talks", "meeting", "visit", "phone_call", "agreement_signed")),
    ("fm", "fm", ("talks", "meeting", "visit", "phone_call", "agreement_signed")),
    ("fm", "fm", ("talks", "meeting", "phone_call")),
    ("deputy_fm", "deputy_fm", ("talks", "meeting", "delegations")),
    ("deputy_hog", "deputy_hog", ("talks", "meeting", "agreement_signed")),
    ("minister", "minister", ("talks", "meeting", "agreement_signed", "delegations")),
    ("fm", "ambassador", ("received",)),
    ("hos", "fm", ("received",)),
    ("hos", "ambassador", ("received",)),
    ("hog", "fm", ("received",)),
    ("deputy_fm", "ambassador", ("received", "meeting")),
    ("minister", "ambassador", ("received", "meeting")),
)


class ArticleWriter:
    """Plans the facts of one article and renders them sentence by sentence."""

    def __init__(self, roster: Roster, rng: random.Random, published: date, year_known: bool,
                 a: Country, b: Country) -> None:
        self.roster = roster
        self.rng = rng
        self.published = published
        self.year_known = year_known
        self.a, self.b = a, b
        self.introduced: list[Person] = []

    # -- helpers -----------------------------------------------------------------------------------
    def fill(self, template: str, speaker: Person | None = None) -> str:
        return template.format(A=self.a.in_sentence, B=self.b.in_sentence, dA=self.a.demonym,
                               dB=self.b.demonym, spk=self.refer(speaker) if speaker else "")

    def template_facts(self, template: str) -> Facts:
        facts = Facts()
        if "{A}" in template or "{dA}" in template:
            facts.countries.append(self.a.name)
        if "{B}" in template or "{dB}" in template:
            facts.countries.append(self.b.name)
        return facts

    def mention(self, person: Person, counterpart_of: Person | None = None) -> tuple[str, Facts]:
        if person in self.introduced:
            return person.full, _mention_facts(person)
        self.introduced.append(person)
        return first_mention(person, self.rng, counterpart_of=counterpart_of)

    def speaker(self, people: list[Person]) -> Person:
        unique = [p for p in people if sum(q.short == p.short for q in self.introduced) == 1]
        return self.rng.choice(unique) if unique else people[0]

    def refer(self, person: Person) -> str:
        return person.short if sum(q.short == person.short for q in self.introduced) == 1 else person.full

    # -- blocks ------------------------------------------------------------------------------------
    def main_contact(self) -> tuple[list[Sentence], Person, Person, DatePhrase, str, str | None, Country]:
        rng = self.rng
        def holds(role: str, country: Country) -> bool:
            return role in ("minister", "ambassador") or role in country.offices

        while True:
            role_a, role_b, kinds = rng.choice(ROLE_PAIRS)
            if holds(role_a, self.a) and holds(role_b, self.b):
                break
        portfolio = rng.choice(sorted(PORTFOLIOS)) if "minister" in (role_a, role_b) else None
        kind = rng.choice(kinds)
        if kind in ("received", "visit") or role_b == "ambassador":
            host = self.a
        else:
            host = rng.choice((self.a, self.a, self.b))
        first = self.roster.official(self.a, role_a, portfolio=portfolio if role_a == "minister" else None)
        if role_b == "ambassador":
            second = self.roster.official(self.b, "ambassador", host=self.a)
        else:
            second = self.roster.official(self.b, role_b, portfolio=portfolio if role_b == "minister" else None)
        when, _ = event_date_phrase(rng, self.published, self.year_known)
        place: str | None = host.capital
        if kind == "phone_call":
            place = None
        elif kind in ("meeting", "talks") and rng.random() < 0.2:
            place = None
        if kind == "visit":  # the visitor is named first, so "his counterpart" would have no antecedent
            o_text, o_facts = self.mention(second)
            s_text, s_facts = self.mention(first)
        else:
            s_text, s_facts = self.mention(first)
            o_text, o_facts = self.mention(second, counterpart_of=first)
        date_text = when.text
        lead_date = date_text
        start_date = rng.random() < 0.3 and bool(date_text)
        if start_date:
            lead_date = ""
        at = f" in {place}" if place else ""
        dem_a, dem_b = self.a.demonym, self.b.demonym
        topic_facts = Facts()
        if kind == "talks":
            text = rng.choice((f"{s_text} held talks with {o_text}{at} {lead_date}{ATTRIBUTION_SLOT}.",
                               f"{s_text} {lead_date} held talks with {o_text}{at}{ATTRIBUTION_SLOT}.",
                               f"{s_text} and {o_text} held talks{at} {lead_date}{ATTRIBUTION_SLOT}."))
        elif kind == "delegations":
            text = (f"The {dem_a} delegation, led by {s_text}, held talks {lead_date} with the {dem_b} "
                    f"delegation, headed by {o_text}{at}{ATTRIBUTION_SLOT}.")
        elif kind == "meeting":
            text = rng.choice((f"{s_text} met with {o_text}{at} {lead_date}{ATTRIBUTION_SLOT}.",
                               f"{s_text} {lead_date} met with {o_text}{at}{ATTRIBUTION_SLOT}.",
                               f"A meeting between {s_text} and {o_text} took place{at} {lead_date}"
                               f"{ATTRIBUTION_SLOT}."))
        elif kind == "received":
            place = self.a.capital
            text = rng.choice((f"{s_text} received {o_text} in {place} {lead_date}{ATTRIBUTION_SLOT}.",
                               f"{s_text} {lead_date} received {o_text} in {place}{ATTRIBUTION_SLOT}."))
        elif kind == "visit":
            place = self.a.capital
            text = (f"{o_text} arrived in {place} {lead_date} on an official visit to {self.a.in_sentence}"
                    f"{ATTRIBUTION_SLOT}. During the visit, {self.refer(second)} held talks with {s_text}.")
            s_facts.countries.append(self.a.name)
            s_facts, o_facts = o_facts, s_facts
        elif kind == "phone_call":
            text = rng.choice((f"{s_text} held a phone conversation with {o_text} {lead_date}{ATTRIBUTION_SLOT}.",
                               f"{s_text} and {o_text} spoke by phone {lead_date}{ATTRIBUTION_SLOT}.",
                               f"{s_text} had a telephone conversation {lead_date} with {o_text}"
                               f"{ATTRIBUTION_SLOT}."))
        else:  # agreement_signed
            topic = rng.choice(sorted(AGREEMENT_FIELDS))
            topic_facts.topics.append(topic)
            field_text = AGREEMENT_FIELDS[topic]
            text = rng.choice((
                f"{s_text} and {o_text} signed a memorandum of understanding on cooperation in {field_text}"
                f"{at} {lead_date}{ATTRIBUTION_SLOT}.",
                f"Following talks{at} {lead_date}, {s_text} and {o_text} signed an agreement on cooperation "
                f"in {field_text}{ATTRIBUTION_SLOT}."))
        if start_date:
            if text.startswith(("A ", "The ", "Following ")):
                text = text[0].lower() + text[1:]
            text = f"{date_text[0].upper()}{date_text[1:]}, {text}"
        facts = Facts()
        facts.merge(s_facts)
        facts.merge(o_facts)
        facts.merge(topic_facts)
        if first.portfolio:
            facts.topics.append(PORTFOLIOS[first.portfolio][2])
        facts.meetings.append(meeting_record([first, second], when.value, place))
        sentences = [Sentence(text, facts)]
        return sentences, first, second, when, kind, place, host

    def political_dialogue(self) -> Sentence:
        template = self.rng.choice(POLITICAL_DIALOGUE)
        facts = self.template_facts(template)
        facts.topics.append("political_dialogue")
        return Sentence(self.fill(template), facts)

    def topic_paragraph(self, topic: str, speakers: list[Person]) -> Paragraph:
        templates = list(TOPIC_SENTENCES[topic])
        self.rng.shuffle(templates)
        sentences = []
        for template in templates[: self.rng.choice((1, 2, 2, 3))]:
            facts = self.template_facts(template)
            facts.topics.append(topic)
            speaker = self.speaker(speakers) if "{spk}" in template else None
            if speaker is not None:
                facts.persons.append(speaker)
            sentences.append(Sentence(self.fill(template, speaker), facts))
        return Paragraph(sentences, optional=True)

    def money_text(self) -> str:
        rng = self.rng
        if rng.random() < 0.55:
            amount = f"{rng.randint(10, 150) / 10:g}"
            unit = "billion"
        else:
            amount = str(rng.randint(5, 95) * 10)
            unit = "million"
        return rng.choice((f"${amount} {unit}", f"${amount} {unit}", f"{amount} {unit} euros",
                           f"{amount} {unit} US dollars", f"{amount} {unit} dollars"))

    def percent_text(self) -> str:
        rng = self.rng
        number = f"{rng.randint(20, 600) / 10:g}" if rng.random() < 0.25 else str(rng.randint(3, 60))
        qualifier = rng.choice(("", "", "", "almost ", "about ", "more than ", "nearly "))
        unit = rng.choice((" percent", " percent", " percent", "%", " per cent"))
        return f"{qualifier}{number}{unit}"

    def period(self) -> str:
        options = ["in the first half of the year", "in 2023" if self.published.year > 2023 else "in 2021",
                   "in January-September", "in the first quarter"]
        if self.year_known:
            options += ["last year", "last year", "in the first half of this year"]
        return self.rng.choice(options)

    def figures_paragraph(self) -> Paragraph:
        rng = self.rng
        money, percent, period = self.money_text(), self.percent_text(), self.period()
        kind = rng.choice(("trade", "trade", "trade", "investment", "energy", "finance", "tourism"))
        a, b, da, db = self.a.in_sentence, self.b.in_sentence, self.a.demonym, self.b.demonym
        facts = Facts(countries=[])
        money_items, percent_items = [], []
        if kind == "trade":
            text = rng.choice((
                f"Bilateral trade turnover reached {money} {period}, up {percent} year-on-year.",
                f"Trade between the two countries amounted to {money} {period}, an increase of {percent}.",
                f"{period[0].upper()}{period[1:]}, trade between {a} and {b} grew by {percent} to {money}."))
            money_items.append({"text": money, "about": f"bilateral trade turnover {period}"})
            percent_items.append({"text": percent, "about": f"growth of bilateral trade {period}"})
            if "between " + a in text:
                facts.countries += [self.a.name, self.b.name]
        elif kind == "investment":
            text = (f"{da} investments in the economy of {b} have exceeded {money}, and the number of joint "
                    f"ventures grew by {percent} {period}.")
            money_items.append({"text": money, "about": f"{da} investments in {b}"})
            percent_items.append({"text": percent, "about": f"growth in joint ventures {period}"})
            facts.countries += [self.a.name, self.b.name]
        elif kind == "energy":
            text = (f"The sides discussed a {money} project to build a power plant in {a}, which would cover "
                    f"{percent} of the region's electricity demand.")
            money_items.append({"text": money, "about": "cost of a power plant project"})
            percent_items.append({"text": percent, "about": "share of regional electricity demand"})
            facts.countries.append(self.a.name)
        elif kind == "finance":
            text = (f"The {db} side announced a credit line of {money} for joint projects, and the share of "
                    f"national currencies in mutual settlements rose to {percent} {period}.")
            money_items.append({"text": money, "about": "credit line for joint projects"})
            percent_items.append({"text": percent, "about": f"share of national currencies in settlements {period}"})
            facts.countries.append(self.b.name)
        else:
            text = (f"The number of {db} tourists visiting {a} increased by {percent} {period}, and tourism "
                    f"revenues reached {money}.")
            money_items.append({"text": money, "about": f"tourism revenues {period}"})
            percent_items.append({"text": percent, "about": f"growth in {db} tourists {period}"})
            facts.countries += [self.b.name, self.a.name]
        facts.money, facts.percents, facts.topics = money_items, percent_items, [kind]
        return Paragraph([Sentence(text, facts)], optional=True)

    def milestone_sentence(self, main_date: DatePhrase, kind: str, second: Person) -> Sentence:
        rng = self.rng
        level = rng.choice(MILESTONE_LEVELS)
        a, b = self.a.in_sentence, self.b.in_sentence
        facts = Facts(countries=[self.a.name, self.b.name])
        choice = rng.random()
        if choice < 0.2 and kind in ("talks", "meeting", "visit", "delegations") and second.role != "ambassador":
            what = f"Joint Statement on the establishment of {_indefinite(level)}"
            text = (f"Following the talks, the sides signed a Joint Statement on the establishment of "
                    f"{_indefinite(level)} between {a} and {b}.")
            facts.milestones.append({"what": what, "level": level, "date": main_date.value})
        elif choice < 0.45:
            when = past_date_phrase(rng, self.published, self.year_known)
            what = f"elevation of relations to the level of {level}"
            text = rng.choice((f"{when.text[0].upper()}{when.text[1:]}, {a} and {b} elevated their relations to the level of {level}.",
                               f"The sides recalled that {a} and {b} elevated their relations to the level of {level} {when.text}."))
            facts.milestones.append({"what": what, "level": level, "date": when.value})
        elif choice < 0.7:
            when = past_date_phrase(rng, self.published, self.year_known)
            what = f"Joint Declaration on {level}"
            text = (f"The sides emphasized the importance of the Joint Declaration on {level} between {a} and "
                    f"{b}, adopted {when.text}.")
            facts.milestones.append({"what": what, "level": level, "date": when.value})
        else:
            years = rng.choice(sorted(ORDINALS))
            if self.year_known and rng.random() < 0.5:
                text = (f"This year marks the {ORDINALS[years]} anniversary of the establishment of diplomatic "
                        f"relations between {a} and {b}.")
                year = self.published.year
            else:
                year = self.published.year + rng.choice((1, 2))
                text = (f"The {ORDINALS[years]} anniversary of the establishment of diplomatic relations between "
                        f"the two countries will be celebrated in {year}.")
                facts.countries = []
            facts.milestones.append({"what": f"{ORDINALS[years]} anniversary of diplomatic relations",
                                     "level": None, "date": str(year)})
        return Sentence(text, facts)

    def leaders_sentence(self, speaker: Person, recall: bool) -> Sentence | None:
        role_a, role_b = leader(self.a), leader(self.b)
        if role_a is None or role_b is None:
            return None
        leader_a = self.roster.official(self.a, role_a)
        leader_b = self.roster.official(self.b, role_b)
        if not recall and speaker in (leader_a, leader_b):
            return None
        la, fa = self.mention(leader_a)
        lb, fb = self.mention(leader_b)
        facts = Facts()
        facts.merge(fa)
        facts.merge(fb)
        if recall:
            when = past_date_phrase(self.rng, self.published, self.year_known)
            host = self.rng.choice((self.a, self.b))
            text = (f"The sides recalled the talks between {la} and {lb} held in {host.capital} {when.text}, "
                    f"which gave a new impetus to bilateral cooperation.")
            facts.meetings.append(meeting_record([leader_a, leader_b], when.value, host.capital))
            facts.topics.append("political_dialogue")
        else:
            text = (f"{self.refer(speaker)} noted that, under the leadership of {la} and {lb}, relations "
                    f"between the two countries are developing dynamically.")
            facts.persons.append(speaker)
        return Sentence(text, facts)

    def multilateral_sentence(self, speaker: Person) -> Sentence:
        rng = self.rng
        keys = rng.sample(sorted(ORGANIZATIONS), rng.choice((1, 2, 2, 3)))
        if "UN" not in keys and rng.random() < 0.5:
            keys[0] = "UN"
        keys = list(dict.fromkeys(keys))
        forms = [rng.choice(ORGANIZATIONS[k].forms) for k in keys]
        facts = Facts(organizations=[ORGANIZATIONS[k].full for k in keys], topics=["multilateral"])
        joined = _join_names(forms)
        variant = rng.randrange(3)
        if variant == 0:
            text = f"The sides also discussed cooperation within {joined}, as well as other international platforms."
        elif variant == 1:
            text = (f"{self.a.in_sentence} and {self.b.in_sentence} reaffirmed their readiness to support each "
                    f"other within international organizations, including {joined}.")
            facts.countries = [self.a.name, self.b.name]
        else:
            text = f"{self.refer(speaker)} thanked {self.b.in_sentence} for supporting {self.a.demonym} initiatives within {joined}."
            facts.countries = [self.b.name, self.a.name]
            facts.persons.append(speaker)
        return Sentence(text, facts)

    def regional_sentence(self) -> Sentence:
        rng = self.rng
        candidates = list(REGIONAL_ISSUE_COUNTRIES) + [c.name for c in COUNTRIES if c not in (self.a, self.b)]
        third = rng.choice(candidates)
        where = COUNTRY_BY_NAME[third].in_sentence if third in COUNTRY_BY_NAME else third
        return Sentence(f"The parties also exchanged views on the situation in {where} and other international issues.",
                        Facts(countries=[third]))

    def secretary_general_sentence(self, first: Person, main_date: DatePhrase) -> Sentence:
        org_key = self.rng.choice([k for k, o in ORGANIZATIONS.items() if o.secretary_general])
        sg = self.roster.secretary_general(org_key)
        sg_text, sg_facts = self.mention(sg)
        if main_date.value and self.rng.random() < 0.6:
            text = f"On the same day, {self.refer(first)} also met with {sg_text}."
            when = main_date.value
        else:
            text = f"{self.refer(first)} also held a meeting with {sg_text} to discuss regional cooperation."
            when = None
        facts = Facts(persons=[first])
        facts.merge(sg_facts)
        facts.meetings.append(meeting_record([first, sg], when, None))
        return Sentence(text, facts)

    def quote_sentence(self, speaker: Person) -> Sentence:
        template = self.rng.choice(QUOTES)
        quote = self.fill(template)
        quote = quote[0].upper() + quote[1:]
        facts = self.template_facts(template)
        facts.persons.append(speaker)
        said = self.rng.choice(SAID)
        if self.rng.random() < 0.6:
            text = f'"{quote}," {self.refer(speaker)} {said}.'
        else:
            text = f'{self.refer(speaker)} {said}: "{quote}."'
        return Sentence(text, facts)

    def title(self, first: Person, second: Person, kind: str, topics: list[str]) -> Sentence:
        rng = self.rng
        a, b, da, db = self.a.name, self.b.name, self.a.demonym, self.b.demonym
        plural = {"hos": "leaders", "hog": "heads of government", "fm": "foreign ministers",
                  "deputy_fm": "deputy foreign ministers", "deputy_hog": "deputy heads of government",
                  "minister": "ministers"}
        verb = {"talks": "hold talks", "meeting": "meet", "visit": "hold talks", "phone_call": "hold phone talks",
                "agreement_signed": "sign cooperation documents", "delegations": "hold consultations",
                "received": "meet"}[kind]
        facts = Facts(countries=[self.a.name, self.b.name])
        options = [f"{a}, {b} discuss prospects for cooperation", f"{a}-{b} relations on the agenda in {self.a.capital}"
                   if kind in ("received", "visit") else f"{a} and {b} mull expanding ties"]
        if first.role == second.role and first.role in plural:
            options.append(f"{da}, {db} {plural[first.role]} {verb}")
        if first.role != "minister" and second.role != "ambassador":
            options.append(f"{da} {first.title.lower()} holds talks with {db} {second.title.lower()}")
        if second.role == "ambassador":
            options.append(f"{da} {first.title} receives {db} ambassador")
        topic_words = [t for t in topics if t in TOPIC_WORDS][:2]
        if topic_words:
            phrase = " and ".join(TOPIC_WORDS[t] for t in topic_words)
            options.append(f"{a}, {b} discuss {phrase} cooperation")
            chosen = rng.choice(options)
            if chosen.endswith(f"{phrase} cooperation"):
                facts.topics += topic_words
            return Sentence(chosen, facts)
        return Sentence(rng.choice(options), facts)


def meeting_record(people: list[Person], when: str | None, place: str | None) -> dict:
    countries: list[str] = []
    for person in people:
        if person.country is not None and person.country.name not in countries:
            countries.append(person.country.name)
    return {"participants": [p.full for p in people], "countries": countries, "date": when, "place": place}


def plan_article(index: int, rng: random.Random, roster: Roster, pair: tuple[Country, Country],
                 published: date, year_known: bool) -> Article:
    a, b = pair
    writer = ArticleWriter(roster, rng, published, year_known, a, b)
    lead, first, second, when, kind, place, host = writer.main_contact()
    speakers = [first, second]
    topics = rng.sample([t for t in TOPIC_SENTENCES], rng.randint(2, 7))
    body: list[Paragraph] = [Paragraph(lead)]
    if rng.random() < 0.12:
        body[0].sentences.append(writer.secretary_general_sentence(first, when))
    body.append(Paragraph([writer.political_dialogue()]))
    middle: list[Paragraph] = []
    if rng.random() < 0.45:
        middle.append(Paragraph([writer.milestone_sentence(when, kind, second)], optional=True))
    if rng.random() < 0.35:
        sentence = writer.leaders_sentence(writer.speaker(speakers), recall=rng.random() < 0.6)
        if sentence is not None:
            middle.append(Paragraph([sentence], optional=True))
    rng.shuffle(middle)
    body += middle
    for topic in topics:
        body.append(writer.topic_paragraph(topic, speakers))
    if rng.random() < 0.5:
        figures = writer.figures_paragraph()
        body.insert(min(len(body), 3), figures)
    if rng.random() < 0.55:
        body.append(Paragraph([writer.multilateral_sentence(writer.speaker(speakers))], optional=True))
    if rng.random() < 0.3:
        body.append(Paragraph([writer.regional_sentence()], optional=True))
    closing = Paragraph([writer.quote_sentence(writer.speaker(speakers))]) if rng.random() < 0.6 else None
    title = writer.title(first, second, kind, topics) if rng.random() < 0.75 else None
    # Relative dates in the text ("on Wednesday", "last July", "this year") need the year to be stated.
    citable = [c for c in (a, b) if c.offices.get("fm") == "Foreign Minister"]
    ministry = rng.choice(citable) if citable and rng.random() < 0.35 else None
    article = Article(index, title, body, published, rng.choice((a, b)) if place is None else host,
                      year_known, ministry)
    fit_length(article, rng, closing)
    return article


def _words(text: str) -> int:
    return len(text.split())


def fit_length(article: Article, rng: random.Random, closing: Paragraph | None) -> None:
    """Drop optional paragraphs above the ceiling, then add filler up to a random target."""
    def body_words() -> int:
        title = _words(article.title.text) if article.title else 0
        return title + 14 + sum(_words(s.text) for p in article.paragraphs for s in p.sentences) + (
            sum(_words(s.text) for s in closing.sentences) if closing else 0)

    while body_words() > MAX_WORDS - 40:
        optional = [i for i, p in enumerate(article.paragraphs) if p.optional]
        if not optional:
            break
        del article.paragraphs[optional[-1]]
    target = round(rng.triangular(MIN_WORDS + 20, MAX_WORDS - 60, MIN_WORDS + 100))
    pool = list(FILLER)
    rng.shuffle(pool)
    current: Paragraph | None = None
    while body_words() < target and pool:
        if current is None or len(current.sentences) >= rng.choice((2, 3, 4)):
            current = Paragraph([])
            position = rng.randint(2, len(article.paragraphs))
            article.paragraphs.insert(position, current)
        current.sentences.append(Sentence(pool.pop(), filler=True))
    if closing is not None:
        article.paragraphs.append(closing)


# --------------------------------------------------------------------------------------------------
# Rendering an article with an outlet, dateline and header


def attribution(outlet: Outlet | None, ministry: Country | None, variant: int) -> str:
    ministry_text = None
    if ministry is not None:
        ministry_text = (f"the {ministry.demonym} Foreign Ministry",
                         f"the press service of the Ministry of Foreign Affairs of {ministry.in_sentence}")[variant % 2]
    if outlet is not None and outlet.reports_in_lead:
        if ministry_text:
            return f", {outlet.reports_in_lead} reports, citing {ministry_text}"
        return f", {outlet.reports_in_lead} reports"
    if ministry_text:
        return (f", {ministry_text} said", f", according to {ministry_text}")[variant // 2 % 2]
    return ""


def render(article: Article, look: Presentation) -> tuple[str, Dateline]:
    rng = random.Random(f"render|{article.index}|{look.dateline_style}")
    dateline = render_dateline(look.dateline_style, article.home, article.published, rng)
    attr = attribution(look.outlet, article.ministry, look.attribution_variant)
    paragraphs = []
    for paragraph in article.paragraphs:
        if paragraph.sentences:
            paragraphs.append(" ".join(_finish(s.text.replace(ATTRIBUTION_SLOT, attr)) for s in paragraph.sentences))
    if dateline.text and not dateline.own_line:
        paragraphs[0] = f"{dateline.text} {paragraphs[0]}"
    lines = []
    if article.title is not None:
        lines.append(_finish(article.title.text))
    if dateline.text and dateline.own_line:
        lines.append(dateline.text)
    lines += paragraphs
    if look.header:
        lines[0] = f" date {article.published.isoformat()} {lines[0]}"
    text = "\n\n".join(lines) + "\n"
    if look.curly:
        text = text.replace("'s ", "\u2019s ")
        text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
    if look.crlf:
        text = text.replace("\n", "\r\n")
    return text, dateline


def gold_entry(article: Article, look: Presentation, dateline: Dateline, file_name: str) -> dict:
    facts = Facts()
    if article.title is not None:
        facts.merge(article.title.facts)
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences:
            if ATTRIBUTION_SLOT in sentence.text and article.ministry is not None:
                facts.organizations.append(f"Ministry of Foreign Affairs of {article.ministry.name}")
            facts.merge(sentence.facts)
    entry: dict = {"file": file_name, "outlet": look.outlet.name if look.outlet else None}
    if look.header:
        entry["published_date"] = article.published.isoformat()
        entry["date_evidence"] = f"header line ' date {article.published.isoformat()}'"
    elif dateline.has_year:
        entry["published_date"] = article.published.isoformat()
        entry["date_evidence"] = dateline.evidence
    elif dateline.has_day:
        entry["published_date"] = article.published.isoformat()
        entry["published_date_acceptable"] = [None]
        entry["date_evidence"] = dateline.evidence
    else:
        entry["published_date"] = None
        entry["date_evidence"] = "no date in the text"
    dyads: list[list[str]] = []
    for meeting in facts.meetings:
        if len(meeting["countries"]) >= 2:
            pair = meeting["countries"][:2]
            if pair not in dyads and pair[::-1] not in dyads:
                dyads.append(pair)
    entry.update({
        "countries": facts.countries,
        "persons": [{"name": p.full, "country": p.country.name if p.country else None, "title": p.title}
                    for p in facts.persons],
        "organizations": facts.organizations,
        "money": facts.money,
        "percents": facts.percents,
        "meetings": facts.meetings,
        "milestones": facts.milestones,
        "topics": facts.topics,
        "dyads": dyads,
    })
    return entry


def choose_presentation(rng: random.Random, outlet: Outlet | None, year_required: bool) -> Presentation:
    """How one outlet files the story; relative dates in the body force a stated year."""
    if outlet is None:
        style = rng.choice(("none", "none", "generic_year", "byline"))
    else:
        style = rng.choice(outlet.datelines)
    header = rng.random() < 0.5
    if year_required and not header and style not in ("pti_year", "generic_year", "byline"):
        header = True
    return Presentation(outlet, style, header, rng.random() < 0.2, rng.random() < 0.03, rng.randrange(4))


def reprint_of(article: Article, rng: random.Random, index: int, *, edit: bool = True) -> Article:
    """Same facts, small edits: one filler sentence dropped and one word changed."""
    paragraphs = [Paragraph([replace(s) for s in p.sentences], p.optional) for p in article.paragraphs]
    fillers = [(pi, si) for pi, p in enumerate(paragraphs) for si, s in enumerate(p.sentences) if s.filler]
    if fillers and edit:
        pi, si = rng.choice(fillers)
        del paragraphs[pi].sentences[si]
    swaps = [(s, old, new) for p in paragraphs for s in p.sentences if s.filler
             for old, new in REPRINT_SWAPS if re.search(rf"\b{old}\b", s.text)]
    if swaps and edit:
        sentence, old, new = rng.choice(swaps)
        sentence.text = re.sub(rf"\b{old}\b", new, sentence.text, count=1)
    return Article(index, article.title, paragraphs, article.published, article.home,
                   article.year_required, article.ministry)


# --------------------------------------------------------------------------------------------------
# The corpus


@dataclass(frozen=True)
class CorpusSummary:
    articles: int
    words: int
    reprints: int
    bad_files: int


def _pick_pair(rng: random.Random, outlet: Outlet | None) -> tuple[Country, Country]:
    if outlet is not None and outlet.home and rng.random() < 0.7:
        home = COUNTRY_BY_NAME[outlet.home]
        other = rng.choice([c for c in COUNTRIES if c is not home])
        return home, other
    a, b = rng.sample(COUNTRIES, 2)
    return a, b


def _bad_file(kind: str, rng: random.Random) -> bytes:
    if kind == "empty":
        return b""
    if kind == "binary":
        return PNG_HEADER + rng.randbytes(rng.randint(200, 2000))
    if kind == "whitespace_only":
        return "".join(rng.choice((" ", "\n", "\t", "\r\n")) for _ in range(rng.randint(1, 60))).encode()
    return (rng.choice(NON_ENGLISH) + "\n").encode("utf-8")


def _file_name(position: int, width: int, data: bytes) -> str:
    return f"{position:0{width}d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"


_GENERATED_NAME = re.compile(r"^\d+_[0-9a-f]{16}\.txt$")


def generate_corpus(n: int, seed: int, out_dir: Path, *, bad_fraction: float = 0.01,
                    reprint_fraction: float = 0.03) -> CorpusSummary:
    """Write n articles (originals and reprints) plus round(n * bad_fraction) bad files and gold.json."""
    out_dir = Path(out_dir)
    articles_dir = out_dir / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    for stale in articles_dir.iterdir():  # files of an earlier run would otherwise leak into this corpus
        if stale.is_file() and _GENERATED_NAME.match(stale.name):
            stale.unlink()
    rng = random.Random(seed)
    roster = Roster(seed)
    n_bad = round(n * bad_fraction)
    n_reprints = min(round(n * reprint_fraction), max(n - 1, 0))
    total = n + n_bad
    width = max(3, len(str(max(total - 1, 0))))
    bad_positions = set(rng.sample(range(total), n_bad))
    reprint_slots = set(rng.sample(range(1, n), n_reprints)) if n_reprints else set()
    recent: deque[tuple[Article, str, Presentation]] = deque(maxlen=25)
    documents: list[dict] = []
    bad_files: list[dict] = []
    words = reprints = article_number = 0
    span = (LAST_PUBLISHED - FIRST_PUBLISHED).days
    for position in range(total):
        item_rng = random.Random(f"{seed}|item|{position}")
        if position in bad_positions:
            kind = BAD_KINDS[len(bad_files) % len(BAD_KINDS)] if len(bad_files) < len(BAD_KINDS) \
                else item_rng.choice(BAD_KINDS)
            data = _bad_file(kind, item_rng)
            name = _file_name(position, width, data)
            (articles_dir / name).write_bytes(data)
            bad_files.append({"file": name, "kind": kind})
            continue
        if article_number in reprint_slots and recent:
            original, original_file, original_look = item_rng.choice(list(recent))
            article = reprint_of(original, item_rng, position)
            outlets = [o for o in OUTLETS if o != original_look.outlet] + [None]
            if original_look.outlet is None:
                outlets.remove(None)
            look = choose_presentation(item_rng, item_rng.choice(outlets), article.year_required)
            text, dateline = render(article, look)
            if not MIN_WORDS <= _words(text) <= MAX_WORDS:  # the dropped sentence was needed: keep it whole
                article = reprint_of(original, item_rng, position, edit=False)
                text, dateline = render(article, look)
            reprint_source: str | None = original_file
            reprints += 1
        else:
            outlet = item_rng.choice(OUTLETS + (None, None))
            pair = _pick_pair(item_rng, outlet)
            published = FIRST_PUBLISHED + timedelta(days=item_rng.randint(0, span))
            year_known = item_rng.random() < 0.85
            article = plan_article(position, item_rng, roster, pair, published, year_known)
            look = choose_presentation(item_rng, outlet, article.year_required)
            text, dateline = render(article, look)
            reprint_source = None
        data = text.encode("utf-8")
        name = _file_name(position, width, data)
        (articles_dir / name).write_bytes(data)
        entry = gold_entry(article, look, dateline, name)
        if reprint_source is not None:
            entry["reprint_of"] = reprint_source
        else:
            recent.append((article, name, look))
        documents.append(entry)
        words += _words(text)
        article_number += 1
    gold = {
        "about": ("Synthetic corpus generated by benchmarks.corpus. Every article was rendered from "
                  "structured facts and its entry lists exactly those facts; all people are invented."),
        "generator": {"n": n, "seed": seed, "bad_fraction": bad_fraction, "reprint_fraction": reprint_fraction},
        "topic_taxonomy": list(TOPIC_TAXONOMY),
        "documents": documents,
        "bad_files": bad_files,
    }
    (out_dir / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return CorpusSummary(articles=len(documents), words=words, reprints=reprints, bad_files=len(bad_files))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles (originals and reprints)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="output folder (articles/ and gold.json)")
    parser.add_argument("--bad-fraction", type=float, default=0.01)
    parser.add_argument("--reprint-fraction", type=float, default=0.03)
    args = parser.parse_args(argv)
    summary = generate_corpus(args.n, args.seed, args.out, bad_fraction=args.bad_fraction,
                              reprint_fraction=args.reprint_fraction)
    print(f"{summary.articles} articles ({summary.reprints} reprints), {summary.words} words, "
          f"{summary.bad_files} bad files -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
