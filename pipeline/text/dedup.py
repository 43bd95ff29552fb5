"""Content hashes and near-duplicate story grouping (MinHash + LSH, union-find)."""

from __future__ import annotations

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


def minhash_signature(text: str) -> "MinHash":
    from datasketch import MinHash

    signature = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    for shingle in sorted(shingles(text)):
        signature.update(shingle.encode("utf-8"))
    return signature


def signature_from_values(values: Iterable[int]) -> "LeanMinHash":
    """A signature stored in the warehouse (its hash values), comparable with fresh ones."""
    import numpy as np
    from datasketch import LeanMinHash, MinHash

    hashvalues = np.array(list(values), dtype=np.uint64)
    return LeanMinHash(
        MinHash(num_perm=len(hashvalues), seed=MINHASH_SEED, hashvalues=hashvalues, scheme="affine32")
    )


def group_near_duplicates(
    items: Iterable[tuple[str, "str | MinHash | LeanMinHash"]], threshold: float = 0.8
) -> dict[str, str]:
    """{doc_id: story_id}: texts (or their signatures) whose estimated Jaccard similarity reaches
    `threshold` share a story, transitively; story_id is the smallest doc_id of the group."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    signatures: dict[str, MinHash | LeanMinHash] = {}
    for doc_id, content in items:
        if doc_id not in signatures:
            signatures[doc_id] = content if isinstance(content, (MinHash, LeanMinHash)) else minhash_signature(content)
    if not signatures:
        return {}
    num_perm = len(next(iter(signatures.values())).hashvalues)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    parent = {doc_id: doc_id for doc_id in signatures}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    def union(a: str, b: str) -> None:
        root_a, root_b = root(a), root(b)
        if root_a != root_b:
            # The smaller id becomes the root, so the root is the group's story_id.
            parent[max(root_a, root_b)] = min(root_a, root_b)

    for doc_id in sorted(signatures):
        signature = signatures[doc_id]
        for candidate in lsh.query(signature):
            # LSH finds candidates; the estimated similarity confirms them, so the result does not
            # depend on banding accidents or on the order documents arrive in.
            if signature.jaccard(signatures[candidate]) >= threshold:
                union(doc_id, candidate)
        lsh.insert(doc_id, signature)
    return {doc_id: root(doc_id) for doc_id in sorted(signatures)}
