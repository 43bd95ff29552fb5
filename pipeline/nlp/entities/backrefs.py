"""Stage 4: mentions of a person without their full name.

- Surnames: a single name belongs to the most recently introduced person whose name ends (or, for
  family-name-first names, starts) with it (`person_for_single_name`, used by the people stage for
  the NER's one-word person spans); a known surname the NER took for an organisation or a place, or
  missed, becomes a mention of that person (`add_surname_mentions`, before roles are assigned).
- Titles and descriptions: "the ambassador", "the Chinese foreign minister", "the head of state",
  "the diplomat" refer back to the most recently mentioned person whose role matches
  (`find_title_references`, after roles are assigned); a title that introduces a name does not.
"""

from __future__ import annotations

from pipeline.nlp.entities.context import Context, hyphen_group_end, is_attached_hyphen, is_name_token, name_words, normal_phrase
from pipeline.nlp.entities.types import Person, TypedSpan


def person_for_single_name(people: list[Person], word: str, position: int) -> Person | None:
    """Surname (last word) first, then the first word (family-name-first names); the most recently
    introduced matching person wins, a later-introduced one only when none came before."""
    for part in (-1, 0):
        matches = [p for p in people if len(p.tokens) >= 2 and p.tokens[part] == word]
        if matches:
            before = [p for p in matches if p.first_token_index <= position]
            pool = before or matches
            return max(pool, key=lambda p: p.first_token_index) if before else min(pool, key=lambda p: p.first_token_index)
    return None


def family_name_first(name: str) -> bool:
    """"TANAKA Emi", "WANG Lei": official texts write the family name first in capitals."""
    words = name.split()
    first = words[0] if words else ""
    return len(words) >= 2 and len(first) >= 2 and first.isalpha() and first.isupper() and not all(
        word.isupper() for word in words)


def add_surname_mentions(ctx: Context, spans: list[TypedSpan], people: list[Person], by_span: dict[int, Person]) -> list[TypedSpan]:
    """A known person's surname mislabelled as an organisation or place, or missed by the NER."""
    doc = ctx.doc
    surnames: dict[str, Person] = {}
    for person in people:
        if len(person.tokens) >= 2:
            surnames.setdefault(person.tokens[-1], person)
            if family_name_first(person.canonical):
                surnames.setdefault(person.tokens[0], person)
    result: list[TypedSpan] = []
    for span in spans:
        words = name_words(doc, span.start, span.end)
        word = words[0] if len(words) == 1 else ""
        if span.kind in ("organization", "place") and word in surnames and not ctx.reference.organization_by_text(doc[span.start].text):
            person_span = TypedSpan(span.start, span.end, "person", "PERSON")
            by_span[id(person_span)] = person_for_single_name(people, word, span.start) or surnames[word]
            result.append(person_span)
        else:
            result.append(span)
    if not surnames:
        return result
    # A surname's written form starts with its first token's: most tokens start no surname.
    prefixes = {surname[:n] for surname in surnames for n in range(1, len(surname) + 1)}
    covered = {i for s in result for i in range(s.start, s.end)}
    for index, lower in enumerate(ctx.lowers):
        if lower not in prefixes or index in covered:
            continue
        token = doc[index]
        if not is_name_token(token) or (token.i > 0 and is_attached_hyphen(doc, token.i - 1)):
            continue
        end = hyphen_group_end(ctx, token.i)
        word = doc[token.i : end].text.lower()
        if word in surnames and len(word) >= 3 and not any(i in covered for i in range(token.i, end)):
            person_span = TypedSpan(token.i, end, "person", "PERSON")
            by_span[id(person_span)] = person_for_single_name(people, word, token.i) or surnames[word]
            result.append(person_span)
    return result


def find_title_references(ctx: Context, people: list[Person], spans: list[TypedSpan]) -> list[tuple[int, int, Person]]:
    """(start, end, person) of every title or description that refers back to a person with a role."""
    doc, lowers = ctx.doc, ctx.lowers
    if not any(person.role is not None and person.role.title for person in people):
        return []  # nobody to refer back to
    covered = {i for s in spans for i in range(s.start, s.end)}
    spans_starting = {s.start: s for s in spans}
    phrases = ctx.lexicon.back_reference_phrases
    longest = ctx.lexicon.longest_back_reference
    person_starts = {s.start for s in spans if s.kind == "person"}
    results: list[tuple[int, int, Person]] = []
    i = 0
    while i < len(doc):
        start = i
        k = i
        has_article = lowers[k] == "the"
        if has_article:
            k += 1
        country_code = None
        if k in spans_starting and spans_starting[k].kind == "country" and spans_starting[k].label == "NORP":
            country_code = spans_starting[k].country_code
            k = spans_starting[k].end
        if not has_article and country_code is None:
            i += 1
            continue
        # A phrase's normal form starts with the normal form of its first token: most words start none.
        first = normal_phrase(doc[k].text) if k < len(doc) else ""
        if k < len(doc) and first and first not in ctx.lexicon.back_reference_prefixes:
            i += 1
            continue
        match_end, match, matched_key = None, None, ""
        for length in range(longest, 0, -1):
            if k + length > len(doc) or any(j in covered for j in range(k, k + length)):
                continue
            key = normal_phrase(doc[k : k + length].text)
            if key in phrases and ctx.sentence_of[k] == ctx.sentence_of[k + length - 1]:
                match_end, match, matched_key = k + length, phrases[key], key
                break
        if match is None:
            i += 1
            continue
        if _introduces_name(ctx, match_end, person_starts, covered):
            i = match_end
            continue
        after = doc[match_end] if match_end < len(doc) else None
        if after is not None and (after.i in covered or (is_name_token(after) and after.pos_ == "PROPN")):
            i = match_end
            continue
        if after is not None and after.lower_ == "of":
            target = spans_starting.get(match_end + 1) or spans_starting.get(match_end + 2)
            if target is None or target.kind != "country":
                i = match_end
                continue
            country_code = country_code or target.country_code
        person = _resolve_back_reference(people, match, country_code, start, matched_key)
        if person is not None:
            results.append((start, match_end, person))
        i = match_end
    return results


def _introduces_name(ctx: Context, position: int, person_starts: set[int], covered: set[int]) -> bool:
    """A title followed (through "to China", "of the Council") by a name introduces that name."""
    doc = ctx.doc
    _, sentence_end = ctx.sentence_range(max(position - 1, 0))
    j = position
    while j < sentence_end and j not in person_starts and (doc[j].lower_ in ctx.vocabulary.title_prepositions or doc[j].lower_ in ctx.vocabulary.articles or j in covered):
        j += 1
    return j in person_starts


def _resolve_back_reference(
    people: list[Person], match: tuple[str | None, tuple[str, ...]], country_code: str | None, position: int,
    phrase: str = "",
) -> Person | None:
    canonical, ranks = match
    candidates = []
    for person in people:
        role = person.role
        if role is None or not role.title:
            continue
        if country_code and role.country_code != country_code:
            continue
        same_title = canonical is not None and (role.title == canonical or role.title.startswith(canonical + " "))
        same_rank = canonical is None and role.rank in ranks
        if same_title or same_rank:
            candidates.append(person)
    if not candidates:
        return None
    # "the Prime Minister" is the person titled so, when there is one, before a chancellor of the same rank
    titled = [p for p in candidates if phrase and (normal_phrase(p.role.title) == phrase
                                                   or normal_phrase(p.role.title).endswith(" " + phrase))]
    candidates = titled or candidates
    before = [(max((s for s, _ in p.mentions if s < position), default=-1), p) for p in candidates]
    before = [(s, p) for s, p in before if s >= 0]
    if before:
        return max(before, key=lambda item: item[0])[1]
    # nobody of that title named yet: a generic title ("the Prime Minister" opening a release) is the
    # article's own official, not someone named later; a specific one ("the Taoiseach") is the only holder
    return candidates[0] if len(candidates) == 1 and canonical is not None else None
