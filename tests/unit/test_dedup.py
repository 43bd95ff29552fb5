import random

import duckdb

from pipeline.text.dedup import (
    content_hash,
    group_near_duplicates,
    minhash_signature,
    similar_pairs_sql,
    text_id,
    union_groups,
)

ORIGINAL = (
    "Kazakhstan and India agreed on Tuesday to expand cooperation in trade, transport and energy, "
    "the Kazakh Foreign Ministry said. The foreign minister of Kazakhstan met the Indian ambassador "
    "in Astana and discussed a new rail corridor, joint investment projects in renewable energy and "
    "the opening of direct flights between the two capitals. Both sides noted that bilateral trade "
    "grew by twelve percent last year and expressed readiness to hold the next meeting of the "
    "intergovernmental commission in New Delhi in the autumn. The ambassador conveyed an invitation "
    "for the Kazakh minister to visit India and said that both countries share a commitment to "
    "regional stability and to the development of the North-South transport route."
)
REPRINT = (
    ORIGINAL.replace("on Tuesday", "on Tuesday, March 4,")
    .replace("Kazakh Foreign Ministry said", "Kazakh Foreign Ministry said in a statement")
    + " Follow us on social media."
)
UNRELATED = (
    "Brazil and Argentina signed an agreement on beef exports during a meeting of agriculture "
    "ministers in Buenos Aires, where they also discussed drought relief for farmers, river "
    "shipping on the Parana and a joint veterinary inspection regime for the coming season. "
    "The ministers said the arrangement would take effect next month after ratification."
)


def test_content_hash_is_sha256_of_bytes():
    assert content_hash(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_text_id_is_sixteen_hex_chars_of_the_normalised_text():
    assert text_id("abc") == "ba7816bf8f01cfea"
    assert text_id("abc ") != text_id("abc")


def test_signature_is_deterministic():
    assert (minhash_signature(ORIGINAL).hashvalues == minhash_signature(ORIGINAL).hashvalues).all()
    assert len(minhash_signature(ORIGINAL).hashvalues) == 128


def test_signature_equals_one_update_per_shingle():
    # Signatures stored by earlier runs must stay comparable: the batched signature is datasketch's
    # plain one, shingle by shingle, with the same seed.
    from datasketch import MinHash

    from pipeline.text.dedup import MINHASH_SEED, NUM_PERM, shingles

    for text in (ORIGINAL, REPRINT, UNRELATED, "too short"):
        plain = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
        for shingle in sorted(shingles(text)):
            plain.update(shingle.encode("utf-8"))
        assert (minhash_signature(text).hashvalues == plain.hashvalues).all()
    assert not (minhash_signature(ORIGINAL).hashvalues == minhash_signature(UNRELATED).hashvalues).all()


def test_reprint_with_small_edits_groups_with_original_and_unrelated_does_not():
    groups = group_near_duplicates([("b2", REPRINT), ("a1", ORIGINAL), ("c3", UNRELATED)])
    assert groups == {"a1": "a1", "b2": "a1", "c3": "c3"}


def test_grouping_is_order_independent_and_transitive():
    items = [("d4", ORIGINAL), ("a1", UNRELATED), ("c3", REPRINT), ("b2", REPRINT + " Read more.")]
    forward = group_near_duplicates(items)
    backward = group_near_duplicates(list(reversed(items)))
    assert forward == backward
    assert forward == {"a1": "a1", "b2": "b2", "c3": "b2", "d4": "b2"}


def test_signatures_are_accepted_instead_of_texts():
    groups = group_near_duplicates([("x", minhash_signature(ORIGINAL)), ("y", minhash_signature(REPRINT))])
    assert groups == {"x": "x", "y": "x"}


def test_empty_input():
    assert group_near_duplicates([]) == {}


def _variants(seed: int) -> list[tuple[str, str]]:
    """Base texts and copies with 0-40 words replaced: some stay above the threshold, some fall below."""
    rng = random.Random(seed)
    words = ORIGINAL.split() + UNRELATED.split()
    items = []
    for base in range(6):
        text = [rng.choice(words) for _ in range(120)]
        items.append((f"b{base}", " ".join(text)))
        for copy in range(5):
            changed = list(text)
            for position in rng.sample(range(len(changed)), rng.choice([0, 1, 2, 4, 8, 20, 40])):
                changed[position] = f"w{rng.randrange(10_000)}"
            items.append((f"b{base}c{copy}", " ".join(changed)))
    return items


def test_warehouse_grouping_in_sql_equals_the_in_memory_lsh():
    items = _variants(seed=3)
    expected = group_near_duplicates(items)
    conn = duckdb.connect()
    conn.execute("create table signatures (doc_id varchar, minhash ubigint[])")
    conn.executemany("insert into signatures values (?, ?)",
                     [(doc_id, minhash_signature(text).hashvalues.tolist()) for doc_id, text in items])
    pairs = conn.execute(similar_pairs_sql("signatures")).fetchall()
    assert union_groups([doc_id for doc_id, _ in items], pairs) == expected
    stories = set(expected.values())
    assert 6 < len(stories) < len(items), "the sample must hold both merged and separate copies"


def test_union_groups_is_transitive_and_names_the_smallest_id():
    assert union_groups(["c", "b", "a", "d"], [("c", "b"), ("b", "a")]) == {"a": "a", "b": "a", "c": "a", "d": "d"}
