"""Content hashes and near-duplicate story grouping (MinHash + LSH, union-find)."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # datasketch pulls in SciPy: imported only where signatures are made
    from datasketch import LeanMinHash, MinHash

NUM_PERM = 128
SHINGLE_WORDS = 5
# Fixed seed: signatures stored in the warehouse must stay comparable across runs.
MINHASH_SEED = 1
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def content_hash(data: bytes) -> str:
    """sha256 hex digest of the raw bytes."""
    return hashlib.sha256(data).hexdigest()


def text_id(normalised_text: str) -> str:
    """The document id: the first 16 hex characters of sha256 of the normalised text."""
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()[:16]


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word n-grams; a text shorter than n words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@functools.lru_cache(maxsize=1)
def _seeded_minhash() -> "MinHash":
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)


def minhash_signature(text: str) -> "MinHash":
    """The text's MinHash over its shingles: the same values as one `update` per shingle.

    One `update_batch` permutes all of a text's shingle hashes at once (five times faster than a
    call per shingle), and the seed's permutations are drawn once per process, not per text.
    """
    from datasketch import MinHash

    seeded = _seeded_minhash()
    signature = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, permutations=seeded.permutations,
                        scheme=seeded.scheme)
    signature.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
    return signature


def lsh_bands(threshold: float = 0.8, num_perm: int = NUM_PERM) -> list[tuple[int, int]]:
    """The (start, end) slices of a signature that datasketch's MinHashLSH bands for `threshold`."""
    from datasketch import MinHashLSH

    return list(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


def similar_pairs_sql(table: str, threshold: float = 0.8, num_perm: int = NUM_PERM) -> str:
    """SQL over `table(doc_id, minhash)` returning the (doc_id, doc_id) pairs `group_near_duplicates`
    unites: they share a whole LSH band and their estimated Jaccard similarity reaches `threshold`.

    The same banding and confirmation as datasketch, done by DuckDB: the stored signatures are
    never turned back into Python objects, so regrouping a large corpus stays cheap.
    """
    slices = ", ".join(f"({band}, {start + 1}, {end})" for band, (start, end) in enumerate(lsh_bands(threshold, num_perm)))
    return f"""
        with band_slices(band, first_value, last_value) as (values {slices}),
        buckets as (
            select s.doc_id, b.band, s.minhash[b.first_value:b.last_value] as band_values
            from {table} s cross join band_slices b
        ),
        candidates as (
            select distinct x.doc_id as doc_a, y.doc_id as doc_b
            from buckets x join buckets y
              on x.band = y.band and hash(x.band_values) = hash(y.band_values)
             and x.band_values = y.band_values and x.doc_id < y.doc_id
        )
        select c.doc_a, c.doc_b
        from candidates c
        join {table} a on a.doc_id = c.doc_a
        join {table} b on b.doc_id = c.doc_b
        where len(list_filter(range(1, len(a.minhash) + 1), lambda i: a.minhash[i] = b.minhash[i]))::double
              / len(a.minhash) >= {float(threshold)!r}
        order by 1, 2
    """


def union_groups(doc_ids: Iterable[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{doc_id: story_id}: documents linked by pairs share a story, transitively; the story_id is the
    smallest doc_id of the group."""
    parent = {doc_id: doc_id for doc_id in doc_ids}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for a, b in pairs:
        root_a, root_b = root(a), root(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return {doc_id: root(doc_id) for doc_id in sorted(parent)}


def group_near_duplicates(
    items: Iterable[tuple[str, "str | MinHash | LeanMinHash"]], threshold: float = 0.8
) -> dict[str, str]:
    """{doc_id: story_id}: texts (or their signatures) whose estimated Jaccard similarity reaches
    `threshold` share a story, transitively; story_id is the smallest doc_id of the group.

    In memory, with datasketch's LSH; the warehouse does the same in SQL (`similar_pairs_sql`).
    """
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    signatures: dict[str, MinHash | LeanMinHash] = {}
    for doc_id, content in items:
        if doc_id not in signatures:
            signatures[doc_id] = content if isinstance(content, (MinHash, LeanMinHash)) else minhash_signature(content)
    if not signatures:
        return {}
    num_perm = len(next(iter(signatures.values())).hashvalues)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    pairs: list[tuple[str, str]] = []
    for doc_id in sorted(signatures):
        signature = signatures[doc_id]
        for candidate in lsh.query(signature):
            # LSH finds candidates; the estimated similarity confirms them, so the result does not
            # depend on banding accidents or on the order documents arrive in.
            if signature.jaccard(signatures[candidate]) >= threshold:
                pairs.append((candidate, doc_id))
        lsh.insert(doc_id, signature)
    return union_groups(signatures, pairs)
