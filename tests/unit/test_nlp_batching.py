"""How the documents of a run are split between spaCy's worker processes."""

import math

from pipeline.nlp.parser_process import MIN_DOCUMENTS_PER_WORKER, batching_for


def test_large_chunks_use_the_configured_batch_on_every_core():
    assert batching_for(500, 64, 2) == (64, 2)
    assert batching_for(128, 64, 2) == (64, 2)


def test_a_few_new_articles_are_still_shared_between_cores():
    assert batching_for(10, 64, 2) == (5, 2)
    assert batching_for(100, 64, 2) == (50, 2)
    assert batching_for(9, 64, 4) == (5, 2)


def test_tiny_chunks_and_one_core_need_no_worker():
    assert batching_for(MIN_DOCUMENTS_PER_WORKER - 1, 64, 2) == (MIN_DOCUMENTS_PER_WORKER - 1, 1)
    assert batching_for(1, 64, 2) == (1, 1)
    assert batching_for(10, 64, 1) == (64, 1)


def test_no_worker_sits_idle_or_starts_for_too_little_work():
    for documents in range(1, 300):
        for n_process in (1, 2, 3, 8):
            batch, processes = batching_for(documents, 64, n_process)
            assert 1 <= processes <= n_process and 1 <= batch <= 64
            assert math.ceil(documents / batch) >= processes, "every worker gets at least one batch"
            assert processes == 1 or documents / processes >= MIN_DOCUMENTS_PER_WORKER
