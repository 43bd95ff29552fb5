"""Stage 1a: candidate spans of a document, before they are classified.

Starts from `doc.ents`: the statistical NER's entities and the reference EntityRuler's matches (these
carry their reference id). Then, in order:
- a person name the NER cut in pieces is joined ("Amara Okafor" + "Nwosu", "Ivan" +
  "Petrovich Orlov", "Tran Van" + "Minh");
- two names the NER ran together over "and" are two ("KVX and Orbis", "the Falcons and Norway");
- a person the NER found by surname alone gains the full name it missed elsewhere ("by Ann Lee");
- a name a sentence opens by introducing ("This is Ann Lee with ...", "I'm Ann Lee.") is a person;
- a person name glued to the end of an organisation or title is split off ("... Academy of
  Sciences Li Wen");
- "Long Name (ABBR)" defines an organisation and an alias used later in the document (nothing when
  the long name is a document's: "... Act of 2012 (ABBR)");
- every member of a list of names the NER mostly took for organisations is one ("A, B Group, C and
  D Ltd");
- a name written exactly as a capital that the NER missed or took for a person or a body is a
  place ("Kyiv accused ...", "Yerevan" tagged PERSON), unless it is part of a longer name;
- organisation pieces are merged or extended: joint bodies ("India-Qatar Joint Commission"),
  national bodies ("Russian" + "Academy of Sciences"), "X of [the] Y", "<name> Foundation",
  names ending in "for"/"of"/"on" that take in what follows.
"""

from __future__ import annotations

from collections import Counter

from pipeline.nlp.entities.context import (
    Context,
    is_attached_hyphen,
    is_capitalised_word,
    is_name_token,
    normal_phrase,
    undotted,
)
from pipeline.nlp.entities.types import Candidate
from pipeline.nlp.patterns import OUTLET_ID_PREFIX


def find_candidates(ctx: Context) -> list[Candidate]:
    cands = [Candidate(e.start, e.end, e.label_, e.ent_id_) for e in ctx.doc.ents]
    cands = _split_coordinated_names(ctx, cands)
    cands = _split_hyphenated_bodies(ctx, cands)
    cands = _join_name_pieces(ctx, cands)
    cands = _full_names_the_ner_missed(ctx, cands)
    cands = _self_introductions(ctx, cands)
    cands = _split_trailing_person(ctx, cands)
    cands = _acronym_definitions(ctx, cands)
    cands = _listed_organisations(ctx, cands)
    cands = _places_named_after_states(ctx, cands)
    cands = _capitals_the_ner_missed(ctx, cands)
    return _merge_organisations(ctx, cands)


# ---------------------------------------------------------------------------------------------
# Capitals

MAX_CAPITAL_WORDS = 4


def _capital_names(ctx: Context) -> dict[str, str]:
    """Capitals as written -> their state; not those that are also another state's region
    ("Victoria")."""
    reference = ctx.reference

    def build() -> dict[str, str]:
        return {
            country.capital: country.iso3 for country in reference.countries
            if country.capital and reference.subdivision_state(country.capital) in (None, country.iso3)
        }

    return reference.derived("capital_names", build)


def _capitals_the_ner_missed(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"Kyiv accused ...", "Minsk denied ...": the small model misses many capitals, or takes them
    for a person or a body. A name written exactly as a capital is a place (the classifier gives it
    its state), unless it is part of a longer name of a person in the document ("Sofia Rossi")."""
    doc = ctx.doc
    capitals = _capital_names(ctx)
    in_longer_names = {t.text for c in cands if c.label == "PERSON" and c.end - c.start > 1 for t in doc[c.start : c.end]}
    covered = {i for c in cands for i in range(c.start, c.end)}
    first_words = {name.split()[0] for name in capitals}
    missed: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if doc[i].text not in first_words or doc[i].pos_ != "PROPN":
            i += 1
            continue
        width = next((n for n in range(MAX_CAPITAL_WORDS, 0, -1)
                      if i + n <= len(doc) and doc[i : i + n].text in capitals
                      and not covered & set(range(i, i + n))), 0)
        if not width:
            i += 1
            continue
        if _is_name_word(doc, i - 1) or _is_name_word(doc, i + width):
            in_longer_names.add(doc[i : i + width].text)  # "Sofia Marin", unlabelled
        else:
            missed.append((i, i + width))
        i += width
    found: list[Candidate] = []
    for cand in cands:
        text = doc[cand.start : cand.end].text
        if cand.label in ("PERSON", "ORG") and not cand.ent_id and text in capitals and text not in in_longer_names:
            cand = Candidate(cand.start, cand.end, "GPE", cand.ent_id, cand.alias_of, cand.listed)
        found.append(cand)
    found += [Candidate(start, end, "GPE") for start, end in missed if doc[start:end].text not in in_longer_names]
    return sorted(found, key=lambda c: (c.start, c.end))


def _is_name_word(doc, index: int) -> bool:
    """A capitalised proper noun at `index` (inside the document)."""
    return 0 <= index < len(doc) and doc[index].pos_ == "PROPN" and is_capitalised_word(doc[index])


# ---------------------------------------------------------------------------------------------
# Places named after states

COMPASS_WORDS = frozenset({"north", "south", "east", "west", "central"})


def _places_named_after_states(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"the Indian Ocean", "the Sea of Japan", "Mexico City", "the South China Sea": a state's name
    or demonym inside a geographic name is no mention of the state; the whole name is one place."""
    doc, heads = ctx.doc, ctx.vocabulary.geographic_heads
    places: list[tuple[int, int]] = []
    for cand in cands:
        if not cand.is_country:
            continue
        start, end = cand.start, cand.end
        if end < len(doc) and doc[end].lower_ in heads and is_capitalised_word(doc[end]):
            end += 1  # "Indian Ocean", "Taiwan Strait", "Niger Delta"
            while start > 0 and doc[start - 1].lower_ in COMPASS_WORDS and is_capitalised_word(doc[start - 1]):
                start -= 1  # "South China Sea"
        elif start >= 2 and ctx.lowers[start - 1] == "of" and doc[start - 2].lower_ in heads and is_capitalised_word(doc[start - 2]):
            start -= 2  # "Sea of Japan", "Gulf of Guinea"
        else:
            continue
        places.append((start, end))
    if not places:
        return cands
    kept = [c for c in cands if not any(c.start < end and start < c.end for start, end in places)]
    return sorted([*kept, *(Candidate(start, end, "LOC") for start, end in places)], key=lambda c: c.start)


# ---------------------------------------------------------------------------------------------
# Names run together

NAME_PUNCTUATION = frozenset({"'", "\u2019", "-", "."})


def _split_coordinated_names(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"a merger between [KVX and Orbis]", "[The Falcons and Norway] meet in the final": names joined
    by "and" that the NER took for one are two, unless the whole is a known name ("Trinidad and
    Tobago"), holds other words than names ("Ministry of Trade and Industry"), is one body's or
    document's name (`body` below), or is two plain words ("Procter and Gamble"): a side is an
    abbreviation, a state or a known body, or has two words or more."""
    doc, ref, vocabulary = ctx.doc, ctx.reference, ctx.vocabulary
    heads = vocabulary.org_heads | vocabulary.document_heads | vocabulary.event_heads | vocabulary.place_heads

    def has_head(a: int, b: int) -> bool:
        return any(undotted(ctx.lowers[i]) in heads for i in range(a, b))

    def telling(a: int, b: int) -> bool:
        text = doc[a:b].text
        return b - a >= 2 or text.isupper() or bool(ref.country_by_text(text) or ref.organization_by_text(text))

    result: list[Candidate] = []
    for cand in cands:
        joints = [i for i in range(cand.start + 1, cand.end - 1) if ctx.lowers[i] == "and"]
        if cand.ent_id or len(joints) != 1 or cand.label not in ("ORG", "PERSON", "GPE", "NORP"):
            result.append(cand)
            continue
        [joint] = joints
        start = cand.start + 1 if ctx.lowers[cand.start] in ctx.vocabulary.articles else cand.start
        sides = ((start, joint), (joint + 1, cand.end))
        words = [doc[i] for i in range(start, cand.end) if i != joint]
        plain = all(is_capitalised_word(t) or t.text in NAME_PUNCTUATION for t in words)
        whole = doc[start : cand.end].text
        first = doc[start]
        # "[Trade] and Industry Ministry": a first side of one word that cannot stand alone; "Green
        # Growth and Innovation Concept", "Eastside Heat and Power Plant No. 2": the second
        # side holds a head word and the first none, so the first is no name of its own
        body = (joint - start == 1 and (first.lower_ in vocabulary.org_heads or ctx.is_title_token(first))) or (
            has_head(joint + 1, cand.end) and not has_head(start, joint)
        )
        if not plain or body or ref.country_by_text(whole) or ref.organization_by_text(whole) or start >= joint:
            result.append(cand)
            continue
        if not any(telling(a, b) for a, b in sides):
            result.append(cand)
            continue
        for a, b in sides:
            result.append(Candidate(a, b, "GPE" if ref.country_by_text(doc[a:b].text) else cand.label))
    return result


def _split_hyphenated_bodies(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"the [Labour Party-Green Party] coalition": two bodies joined by a hyphen, each with its head
    word, are two; the second may be cut in two by the NER ("[Labour Party-Green] [Left Party]")."""
    heads = ctx.vocabulary.org_heads

    def has_head(a: int, b: int) -> bool:
        return any(ctx.lowers[i] in heads for i in range(a, b))

    result: list[Candidate] = []
    k = 0
    while k < len(cands):
        cand = cands[k]
        k += 1
        joint = next((
            i for i in range(cand.start + 1, cand.end - 1)
            if is_attached_hyphen(ctx.doc, i) and ctx.lowers[i - 1] in heads
        ), None)
        if cand.label != "ORG" or cand.ent_id or joint is None:
            result.append(cand)
            continue
        end = cand.end
        if not has_head(joint + 1, end):
            following = cands[k] if k < len(cands) else None
            if following is None or following.start != end or following.label != "ORG" or not has_head(following.start, following.end):
                result.append(cand)
                continue
            end = following.end
            k += 1
        result += [Candidate(cand.start, joint, "ORG"), Candidate(joint + 1, end, "ORG")]
    return result


# ---------------------------------------------------------------------------------------------
# A name in pieces

# Name words a person's name may gain after its end, when the NER stopped short.
MAX_NAME_WORDS_ADDED = 2
# "Deputy Secretary of [Foreign Affairs]": words of a title before the portfolio the NER took for a body
MAX_TITLE_WORDS_BEFORE_PORTFOLIO = 3


def _is_loose_name_word(ctx: Context, i: int) -> bool:
    """A capitalised proper-noun word that could continue a name: not a title, a body's or place's
    head word, a common noun of the non-name list, or a country."""
    token = ctx.tokens[i]
    lower = token.lower_
    return (
        is_name_token(token)
        and token.pos_ == "PROPN"
        and not ctx.is_title_token(token)
        and not ctx.is_descriptor_word(token)
        and lower not in ctx.vocabulary.non_name_words
        and lower not in ctx.vocabulary.place_heads
        and lower not in ctx.vocabulary.honorifics
        and ctx.reference.country_by_text(token.text) is None
    )


def _join_name_pieces(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """A person followed at once, in the same sentence, by more name words: another person span, an
    organisation or place span of name words only that the reference does not know, or name words
    the NER left out."""
    ordered = sorted(cands, key=lambda c: c.start)
    starting = {c.start: c for c in ordered}
    covered = {i for c in ordered for i in range(c.start, c.end)}
    dropped: set[int] = set()
    for cand in ordered:
        if cand.label != "PERSON" or id(cand) in dropped:
            continue
        _, sentence_end = ctx.sentence_range(cand.start)
        while True:
            nxt = starting.get(cand.end)
            if (
                nxt is not None
                and id(nxt) not in dropped
                and not nxt.ent_id
                and nxt.end <= sentence_end
                and nxt.end - nxt.start <= 3
                and (nxt.label == "PERSON" or nxt.label in ("ORG", "GPE", "LOC", "NORP"))
                and all(_is_loose_name_word(ctx, i) for i in range(nxt.start, nxt.end))
                and ctx.tokens[cand.end - 1].whitespace_
            ):
                dropped.add(id(nxt))
                cand.end = nxt.end
                continue
            break
        added = 0
        while (
            added < MAX_NAME_WORDS_ADDED
            and cand.end < sentence_end
            and cand.end not in covered
            and ctx.tokens[cand.end - 1].whitespace_
            and _is_loose_name_word(ctx, cand.end)
        ):
            cand.end += 1
            added += 1
        # "President of Brazil [Luiz] Inacio Lula da Silva": a given name the NER left out between the
        # span and the state or title that introduces it
        before = cand.start - 1
        if (
            before - 1 >= ctx.sentence_range(cand.start)[0]
            and before not in covered
            and (before - 1 in covered or ctx.is_title_token(ctx.tokens[before - 1]))
            and ctx.tokens[before].whitespace_
            and not (ctx.headline_end is not None and before < ctx.headline_end)
            and _is_loose_name_word(ctx, before)
        ):
            cand.start = before
    return [c for c in ordered if id(c) not in dropped]


def _full_names_the_ner_missed(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """A person the NER found by surname alone ("Venick scored 16 points") whose full name stands
    elsewhere in the document, untagged ("by Corla Venick"): that full name is a person too, so the
    surname refers back to it. Only a name word straight before the surname, outside any span."""
    surnames = {
        ctx.tokens[c.start].text for c in cands
        if c.label == "PERSON" and c.end - c.start == 1 and is_name_token(ctx.tokens[c.start])
    }
    surnames -= {ctx.tokens[c.end - 1].text for c in cands if c.label == "PERSON" and c.end - c.start > 1}
    if not surnames:
        return cands
    covered = {i for c in cands for i in range(c.start, c.end)}
    added = []
    for token in ctx.tokens:
        i = token.i
        if token.text not in surnames or i in covered or i == 0 or i - 1 in covered:
            continue
        if ctx.headline_end is not None and i < ctx.headline_end:
            continue  # every word of a title-case headline looks like a name word
        if (
            ctx.sentence_of[i - 1] == ctx.sentence_of[i]
            and ctx.tokens[i - 1].whitespace_
            and _is_loose_name_word(ctx, i - 1)
            and _is_loose_name_word(ctx, i)
        ):
            start = i - 1
            # "Kassym-Jomart Tokayev": a hyphenated given name is one name word
            while start >= 2 and start - 2 not in covered and is_attached_hyphen(ctx.doc, start - 1) \
                    and _is_loose_name_word(ctx, start - 2):
                start -= 2
            added.append(Candidate(start, i + 1, "PERSON", ""))
            covered.update(range(start, i + 1))
    return sorted([*cands, *added], key=lambda c: c.start) if added else cands


# A name introduced: two or three name words, then the sentence's end or a word that may follow it
MIN_INTRODUCED_WORDS, MAX_INTRODUCED_WORDS = 2, 3


def _self_introductions(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"This is Ann Lee with the evening report.", "I'm Ann Lee.": a presenter or writer names
    themselves, often where the NER sees no person (a name in capitals, a sentence with no context)."""
    doc = ctx.doc
    found: list[Candidate] = []
    for sentence_start, sentence_end in ctx.sentence_bounds:
        opening = doc[sentence_start:sentence_end]
        match = ctx.vocabulary.self_introduction.match(opening.text)
        if match is None:
            continue
        offset = opening.start_char + match.end()
        first = next((t.i for t in opening if t.idx >= offset), sentence_end)
        end = first
        while end < sentence_end and end - first < MAX_INTRODUCED_WORDS and _is_introduced_name_word(ctx, end):
            end += 1
        after = doc[end] if end < sentence_end else None
        ends_well = after is None or after.text in (".", ",", "!", ";") or after.lower_ in ctx.vocabulary.introduction_followers
        if end - first >= MIN_INTRODUCED_WORDS and ends_well and ctx.reference.outlet_by_text(doc[first:end].text) is None:
            found.append(Candidate(first, end, "PERSON"))
    if not found:
        return cands
    taken = {i for c in found for i in range(c.start, c.end)}
    kept = [c for c in cands if not any(i in taken for i in range(c.start, c.end))]
    return sorted([*kept, *found], key=lambda c: c.start)


def _is_introduced_name_word(ctx: Context, i: int) -> bool:
    token = ctx.tokens[i]
    lower = token.lower_
    return (
        is_name_token(token)
        # "This is Big News": capitalised, but no name; the tagger guesses at words in capitals
        and (token.pos_ == "PROPN" or token.text.isupper())
        and not ctx.is_title_token(token)
        and lower not in ctx.vocabulary.non_name_words
        and lower not in ctx.vocabulary.org_heads
        and lower not in ctx.vocabulary.connectors
        and lower not in ctx.vocabulary.articles
        and ctx.reference.country_by_text(token.text) is None
    )


# ---------------------------------------------------------------------------------------------
# A person glued to an organisation or a title


def _trailing_name_start(ctx: Context, start: int, end: int) -> int:
    """Start of the run of proper-noun name words that ends an organisation span (== end if none)."""
    doc = ctx.doc
    k = end
    while k > start:
        word_start = k - 1
        while word_start - 2 >= start and is_attached_hyphen(doc, word_start - 1):
            word_start -= 2  # "Al-Qasimi" is one word
        token = doc[word_start]
        if (
            not is_name_token(token)
            or token.pos_ != "PROPN"
            or token.lower_ in ctx.vocabulary.connectors
            or token.lower_ in ctx.vocabulary.place_heads  # "... Heat and Power Plant": a facility's name
            or ctx.is_descriptor_word(token)
            or ctx.reference.country_by_text(doc[word_start:k].text) is not None
        ):
            break
        k = word_start
    return k


def _split_trailing_person(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"Academy of Social Sciences Li Wen", "Cabinet of Ministers Ana Kova": proper-noun words after
    the organisation's or title's last descriptive word are a person introduced by that title."""
    doc = ctx.doc
    result: list[Candidate] = []
    taken = {i for c in cands for i in range(c.start, c.end)}
    for cand in cands:
        if cand.label not in ("ORG", "FAC") or cand.ent_id:
            result.append(cand)
            continue
        tail_start = _trailing_name_start(ctx, cand.start, cand.end)
        tail_words = len(doc[tail_start : cand.end].text.split())
        before = doc[tail_start - 1] if tail_start > cand.start else None
        after_head = before is not None and before.lower_ in ctx.vocabulary.org_heads
        after_descriptor = before is not None and ctx.is_descriptor_word(before) and tail_words >= 2
        if tail_start >= cand.end or tail_words > 3 or not (after_head or after_descriptor):
            result.append(cand)
            continue
        end = cand.end
        while end < len(doc) and end - tail_start < 3 and end not in taken and is_name_token(doc[end]) and doc[end].pos_ == "PROPN":
            end += 1
        head_part = doc[cand.start : tail_start]
        if any(t.lower_ in ctx.vocabulary.org_heads for t in head_part):
            result.append(Candidate(cand.start, tail_start, cand.label))
        # else the words before the name are the rest of a title ("Minister of Agriculture"), no body
        result.append(Candidate(tail_start, end, "PERSON"))
    return sorted(result, key=lambda c: c.start)


# ---------------------------------------------------------------------------------------------
# Acronym definitions


def _acronym_definitions(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"Long Capitalised Name (ABBR)": the long name is one organisation, ABBR its alias here."""
    doc, texts = ctx.doc, ctx.texts
    aliases: dict[str, Candidate] = {}
    documents: set[str] = set()
    for i in range(1, len(doc) - 2):
        if texts[i] != "(" or texts[i + 2] != ")":
            continue
        abbreviation = texts[i + 1]
        letters = _abbreviation_initials(abbreviation)
        if letters is None or abbreviation in ctx.vocabulary.non_body_abbreviations:
            continue
        start = _acronym_phrase_start(ctx, i, letters)
        if start is None:
            continue
        phrase = doc[start:i].text
        if ctx.reference.country_by_text(phrase) is not None:
            continue
        if _names_a_document(ctx, start, i) and ctx.reference.organization_by_text(phrase) is None:
            # "... Act of 2012 (ABBR)": no actor, but the states named inside it stay
            documents.add(abbreviation)
            cands = [c for c in cands if c.end <= start or c.start >= i + 3 or (c.is_country and c.end <= i)]
            continue
        reference_org = ctx.reference.organization_by_text(phrase)
        ent_id = reference_org.canonical_name if reference_org else ""
        definition = Candidate(start, i, "ORG", ent_id)
        cands = [c for c in cands if c.end <= start or c.start >= i + 3]
        cands.append(definition)
        abbreviation_cand = Candidate(i + 1, i + 2, "ORG", ent_id, alias_of=definition)
        cands.append(abbreviation_cand)
        aliases[abbreviation] = definition
    if documents:
        cands = [c for c in cands if not (c.end - c.start == 1 and texts[c.start] in documents)]
    if not aliases:
        return sorted(cands, key=lambda c: c.start)
    # Later uses of a defined abbreviation are the same organisation.
    for i, text in enumerate(texts):
        if text in aliases and not any(c.start <= i < c.end for c in cands):
            cands.append(Candidate(i, i + 1, "ORG", aliases[text].ent_id, alias_of=aliases[text]))
    for cand in cands:
        if cand.end - cand.start == 1 and texts[cand.start] in aliases:
            definition = aliases[texts[cand.start]]
            cand.label, cand.ent_id, cand.alias_of = "ORG", definition.ent_id, definition
    return sorted(cands, key=lambda c: c.start)


def _names_a_document(ctx: Context, start: int, end: int) -> bool:
    """The phrase ends with a document's head word, a year after it aside ("Act of 2012")."""
    return ctx.doc[_end_before_year(ctx.doc, start, end) - 1].lower_ in ctx.vocabulary.document_heads


def _end_before_year(doc, start: int, end: int) -> int:
    """Where a name ends without the year after it ("... Act [of 2012]"), when a word stays before."""
    if end - start > 2 and doc[end - 1].like_num and doc[end - 2].lower_ == "of":
        return end - 2
    return end


# A list of organisations: at least this many members, this many of them found by the NER
MIN_LIST_MEMBERS = 4
MIN_LIST_ORGANISATIONS = 2
MAX_LIST_MEMBER_WORDS = 4


def _listed_organisations(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"representatives from A, B Group, C, D Ltd and E": in a list of capitalised names whose
    members the NER mostly took for organisations (at least two, and twice as many as it took for
    people or places), every member but a state is one, each on its own (the NER misses some,
    mistypes others and runs some together over a comma)."""
    doc = ctx.doc
    result = list(cands)
    organisations_per_sentence = Counter(ctx.sentence_of[c.start] for c in cands if c.label == "ORG")
    sentences = {
        ctx.sentence_range(c.start) for c in cands
        if c.label == "ORG" and organisations_per_sentence[ctx.sentence_of[c.start]] >= MIN_LIST_ORGANISATIONS
    }
    for sentence_start, sentence_end in sorted(sentences):
        for members in _capitalised_lists(ctx, sentence_start, sentence_end):
            spans = set(members)
            inside = [c for c in result if c.start < members[-1][1] and c.end > members[0][0]]
            if any(c.ent_id.startswith(OUTLET_ID_PREFIX) for c in inside):
                continue
            others = [c for c in inside if c.label != "ORG" and not c.is_country]
            exact = sum(1 for c in inside if c.label == "ORG" and (c.start, c.end) in spans)
            # the NER's organisations must outnumber twice what it took for people or places there
            if exact < MIN_LIST_ORGANISATIONS or exact < 2 * len(others):
                continue
            result = [
                c for c in result
                if c not in inside or c.is_country or (c.label == "ORG" and (c.start, c.end) in spans)
            ]
            covered = {(c.start, c.end) for c in result}
            for a, b in members:
                if (a, b) not in covered and ctx.reference.country_by_text(doc[a:b].text) is None:
                    result.append(Candidate(a, b, "ORG", listed=True))
    return sorted(result, key=lambda c: c.start)


def _capitalised_lists(ctx: Context, start: int, end: int) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words (as token ranges) joined by commas, with "and" before the last."""
    doc = ctx.doc
    lists: list[list[tuple[int, int]]] = []
    members: list[tuple[int, int]] = []
    k = start
    while k < end:
        run_start = k
        while k < end and (is_capitalised_word(doc[k]) or (doc[k].text == "&" and k > run_start)):
            k += 1
        if k > run_start and run_start > start and k - run_start <= MAX_LIST_MEMBER_WORDS:
            members.append((run_start, k))
            # the separator: "," | ", and" | "and"
            if k < end and doc[k].text == ",":
                k += 1
                if k < end and doc[k].lower_ == "and":
                    k += 1
                continue
            if k < end and doc[k].lower_ == "and":
                k += 1
                if k < end and is_capitalised_word(doc[k]):
                    continue
        if len(members) >= MIN_LIST_MEMBERS:
            lists.append(members)
        members = []
        k = max(k, run_start + 1)
    if len(members) >= MIN_LIST_MEMBERS:
        lists.append(members)
    return lists


def _abbreviation_initials(abbreviation: str) -> str | None:
    """The initials an abbreviation spells: all of "SCO", the capitals of "AfCFTA" (lower-case
    letters there are the rest of a word: "Af" for "African"); None for a word that is no
    abbreviation."""
    letters = "".join(c for c in abbreviation if c.isalpha())
    capitals = "".join(c for c in letters if c.isupper())
    if len(letters) < 2 or len(capitals) < 2 or not letters[0].isupper():
        return None
    if letters.isupper():
        return letters
    # Mixed case only when capitals dominate: "AfCFTA", "ECOWAS"-like forms, not "Astana".
    return capitals if len(capitals) * 2 > len(letters) else None


def _acronym_phrase_start(ctx: Context, paren: int, letters: str) -> int | None:
    """Start of the phrase an abbreviation stands for: exact initials if some start gives them,
    else the nearest start whose initials contain ABBR in order with the same first letter
    ("Council for Trade and Economic Cooperation in Europe (CTCE)")."""
    doc = ctx.doc
    sentence_start = ctx.sentence_range(paren)[0]
    nearest = None
    # "... Act of 2012 (ABBR)": a year ends the name without an initial of its own
    k = _end_before_year(doc, sentence_start, paren) - 1
    while k >= max(sentence_start, paren - 16):
        token = doc[k]
        if not (is_capitalised_word(token) or token.lower_ in ctx.vocabulary.connectors or token.text in (",", "'s", "\u2019s")):
            break
        if is_capitalised_word(token):
            words = [t for t in doc[k:paren] if is_capitalised_word(t)]
            initials = "".join(w.text[0].upper() for w in words)
            if initials == letters.upper():
                return k
            if nearest is None and initials[0] == letters[0] and _is_subsequence(letters.upper(), initials):
                nearest = k
        k -= 1
    return nearest


def _is_subsequence(needle: str, haystack: str) -> bool:
    position = 0
    for char in haystack:
        if position < len(needle) and char == needle[position]:
            position += 1
    return position == len(needle)


# ---------------------------------------------------------------------------------------------
# Organisation merging and extension


def _merge_organisations(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    doc = ctx.doc
    cands = _bilateral_bodies(ctx, cands)
    cands = _extend_national_bodies(ctx, cands)
    changed = True
    while changed:
        changed = False
        cands = sorted(cands, key=lambda c: c.start)
        for index in range(len(cands) - 1):
            left, right = cands[index], cands[index + 1]
            merged = _merge_pair(ctx, left, right)
            if merged is not None:
                cands[index : index + 2] = [merged]
                changed = True
                break
    # "Saparov Family Foundation": a person-like span followed by an organisation head word.
    for cand in cands:
        if cand.label == "PERSON" and cand.end < len(doc):
            nxt = doc[cand.end]
            if is_capitalised_word(nxt) and nxt.lower_ in ctx.vocabulary.org_heads:
                cand.end, cand.label = cand.end + 1, "ORG"
    # "Center for Asia and Development": a name ending in a connector absorbs what follows.
    for cand in cands:
        if cand.label in ("ORG", "FAC") and not cand.ent_id and doc[cand.end - 1].lower_ in ctx.vocabulary.open_name_endings:
            following = [c for c in cands if c.start == cand.end]
            if following and following[0].is_country and doc[cand.end - 1].lower_ == "of" and _personal_name(
                    ctx, cand.start, cand.end - 1):
                # "[Marko Petrovic of] Serbia": a person and their state, as in "A of Russia"
                cand.end, cand.label = cand.end - 1, "PERSON"
                continue
            if following:
                cand.end = following[0].end
                following[0].label = "_MERGED"
            end = cand.end
            if end + 1 < len(doc) and doc[end].lower_ == "and" and is_capitalised_word(doc[end + 1]):
                covering = [c for c in cands if c.start == end + 1]
                cand.end = covering[0].end if covering else end + 2
                for c in covering:
                    c.label = "_MERGED"
    return [c for c in cands if c.label != "_MERGED"]


def _personal_name(ctx: Context, start: int, end: int) -> bool:
    """Two or three capitalised words, none of them a title, an organisation's or a place's head word."""
    words = ctx.doc[start:end]
    vocabulary = ctx.vocabulary
    return 2 <= len(words) <= 3 and all(
        t.is_alpha and t.is_title and not ctx.is_title_token(t)
        and t.lower_ not in vocabulary.org_heads and t.lower_ not in vocabulary.place_heads
        for t in words
    )


def _merge_pair(ctx: Context, left: Candidate, right: Candidate) -> Candidate | None:
    doc = ctx.doc
    gap_words = ctx.lowers[left.end : right.start]
    if ctx.sentence_of[left.start] != ctx.sentence_of[right.start]:
        return None
    # "Chinese" + "Academy of Sciences", "Kazakh" + "National Bank"
    if not gap_words and left.is_country and right.label == "ORG" and not right.ent_id and is_capitalised_word(doc[right.start]):
        return Candidate(left.start, right.end, "ORG")
    if left.label != "ORG" or left.ent_id:
        return None
    if tuple(gap_words) not in ctx.vocabulary.organization_links or _completes_title(ctx, left):
        return None
    # "Standing Committee" of "the Political Bureau"; "State Council" of "Ruritania"
    if right.label == "ORG" and not right.ent_id.startswith(OUTLET_ID_PREFIX):
        return Candidate(left.start, right.end, "ORG")
    if right.is_country and right.label == "GPE":
        return Candidate(left.start, right.end, "ORG")
    return None


def _completes_title(ctx: Context, cand: Candidate) -> bool:
    """"Secretary of [Foreign Affairs]": the words the NER took for an organisation end a title of
    the title table, so what follows ("of the Republic of Ruritania") is the title holder's state."""
    doc = ctx.doc
    for start in range(max(0, cand.start - MAX_TITLE_WORDS_BEFORE_PORTFOLIO - 1), cand.start - 1):
        if normal_phrase(doc[start:cand.end].text) in ctx.title_phrases:
            return True
    return False


def _extend_national_bodies(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"Russian Academy of Sciences" missed by the NER: a demonym or country followed by capitalised
    words that include an organisation head word; ends at the last head word, so a following name
    ("... Academy of Sciences Ivan Petrov") stays outside."""
    doc = ctx.doc
    covered = {i for c in cands for i in range(c.start, c.end)}
    result = []
    for cand in cands:
        result.append(cand)
        if not cand.is_country or cand.end >= len(doc):
            continue
        first = doc[cand.end]
        if cand.end in covered or not is_capitalised_word(first):
            continue
        last_head = None
        k = cand.end
        while k < len(doc) and k not in covered and ctx.sentence_of[k] == ctx.sentence_of[cand.start]:
            token = doc[k]
            if token.lower_ in ctx.vocabulary.org_heads and is_capitalised_word(token):
                last_head = k
            elif not (is_capitalised_word(token) or token.lower_ in ctx.vocabulary.organization_joiners) or (
                token.lower_ in ctx.title_heads and k + 1 < len(doc) and is_capitalised_word(doc[k + 1])
            ):
                break  # a title and a name ("Supreme Leader A", "Court Justice B") introduce a person
            if token.lower_ in ctx.vocabulary.org_heads and _begins_a_title(ctx, k):
                last_head = None
                break  # "Ruritanian Cabinet Secretary A": the head word begins a title
            k += 1
        if last_head is not None:
            end = _portfolio_end(ctx, last_head + 1, k)
            result[-1] = Candidate(cand.start, end, "ORG")
            covered.update(range(cand.end, end))
    return result


def _begins_a_title(ctx: Context, k: int) -> bool:
    """A body's head word right before a title's head word ("Cabinet Secretary", "Party Chairman")."""
    doc = ctx.doc
    if k + 1 >= len(doc):
        return False
    after = doc[k + 1].lower_
    return after in ctx.title_heads and after not in ctx.vocabulary.org_heads


def _portfolio_end(ctx: Context, start: int, end: int) -> int:
    """"[Constitutional Court] of Justice", "[Ministry] of Energy": the portfolio words after the
    last head word of a body belong to it when nothing but them follows it (no name)."""
    doc = ctx.doc
    if end - start < 2 or doc[start].lower_ != "of":
        return start
    tail = doc[start + 1 : end]
    if all(t.lower_ in ctx.vocabulary.ministry_words or t.lower_ == "and" for t in tail) and tail[-1].lower_ != "and":
        return end
    return start


def _country_at(ctx: Context, cands_at: dict[int, Candidate], i: int) -> int | None:
    """End of the country or demonym written at token i (a candidate or a single known word)."""
    cand = cands_at.get(i)
    if cand is not None and cand.is_country:
        return cand.end
    token = ctx.tokens[i]
    if is_capitalised_word(token) and ctx.reference.country_by_text(token.text) is not None:
        return i + 1
    return None


def _bilateral_bodies(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """"India-Qatar Joint Commission", "Polish-German Youth Office": two states joined by a hyphen
    and followed by capitalised words up to an organisation head word are one joint body. The NER
    usually keeps only part of it ("Qatar Joint Commission") or nothing."""
    doc = ctx.doc
    cands_at = {c.start: c for c in cands}
    bodies: list[Candidate] = []
    i = 0
    while i < len(doc) - 2:
        left_end = _country_at(ctx, cands_at, i)
        if left_end is None or left_end >= len(doc) - 1 or not is_attached_hyphen(doc, left_end):
            i += 1
            continue
        right_end = _country_at(ctx, cands_at, left_end + 1)
        if right_end is None:
            i += 1
            continue
        last_head, seen_connector = None, False
        k = right_end
        while k < len(doc) and ctx.sentence_of[k] == ctx.sentence_of[i]:
            token = doc[k]
            if is_capitalised_word(token) and token.lower_ in ctx.vocabulary.org_heads:
                last_head = k
            elif token.lower_ in ctx.vocabulary.organization_joiners:
                seen_connector = seen_connector or last_head is not None
            elif token.text == "," and seen_connector and k + 1 < len(doc) and is_capitalised_word(doc[k + 1]):
                pass  # "Commission on Trade, Economic and Technical Cooperation"
            elif not is_capitalised_word(token) or ctx.is_title_token(token) and token.lower_ in ctx.title_heads:
                break
            k += 1
        if last_head is None:
            i = right_end
            continue
        bodies.append(Candidate(i, last_head + 1, "ORG"))
        i = last_head + 1
    if not bodies:
        return cands
    kept = [c for c in cands if not any(c.start < b.end and b.start < c.end for b in bodies)]
    return sorted(kept + bodies, key=lambda c: c.start)
