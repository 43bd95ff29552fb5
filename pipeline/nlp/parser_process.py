"""The parser process: spaCy and the extractors run in a child of the run's process.

Loading spaCy takes about a second, and a re-run after a few new articles would spend it waiting.
The ingest step starts this process as soon as it sees new or changed files, so the model loads on
another core while the inbox is read and cleaned; the NLP stage then only sends texts and writes
what comes back. The run's process stays the only DuckDB writer; the parser never opens the
warehouse. It is forked (it starts with everything the run has imported) and parses with spaCy's own
worker processes, a pool per `CHUNKS_PER_WORKER_POOL` chunks, each chunk inside `nlp.memory_zone()`.

Protocol, over two queues (a put never blocks, so neither side can wait on the other's send):
    run → parser   ("job", documents), then pages [(doc_id, text, published, outlet, date source, dateline), ...],
                   then END
    parser → run   ("ready", ParserStart), then ("chunk", [ParsedDocument, ...], spaCy workers) ...,
                   ("done",)
                   or ("error", traceback) at any point
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import os
import queue
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

END = None
# Below this many documents a worker process costs more to start than it saves.
MIN_DOCUMENTS_PER_WORKER = 4
# One pool of spaCy workers parses this many chunks before it is replaced: workers forked inside a
# memory zone never leave it, so their string stores grow until the pool ends.
CHUNKS_PER_WORKER_POOL = 10
# The run keeps this many chunks' texts on their way to the parser, on top of what spaCy reads ahead:
# bounded memory, and the parser never waits for the next page while a chunk is being written.
CHUNKS_AHEAD = 2
# How often either side checks that the other is still alive while waiting.
POLL_SECONDS = 1.0

# (doc_id, text, published date, outlet, where the publication date comes from, dateline)
Item = tuple[str, str, "date | None", "str | None", "str | None", "str | None"]


def batching_for(documents: int, batch_size: int, n_process: int) -> tuple[int, int]:
    """(batch size, worker processes) for one pool of workers that parses `documents`.

    Large jobs use the configured batch size on every core. A job smaller than one batch per core
    (a re-run after a few new articles) is split into smaller batches so that every core still gets a
    share, unless the shares are too small to pay for starting a worker.
    """
    batch_size = max(batch_size, 1)
    if n_process <= 1 or documents >= batch_size * n_process:
        return batch_size, max(1, min(n_process, math.ceil(documents / batch_size)))
    processes = max(1, min(n_process, documents // MIN_DOCUMENTS_PER_WORKER))
    batch_size = math.ceil(documents / processes)
    return batch_size, math.ceil(documents / batch_size)


@lru_cache(maxsize=2)
def _pipeline(model_name: str, reference_fingerprint: str, selective: bool):
    from pipeline import collector
    from pipeline.nlp.extract import prepare_extractors
    from pipeline.nlp.model import build_nlp
    from pipeline.reference import load_reference

    nlp = build_nlp(model_name, load_reference(), selective)
    prepare_extractors(nlp, load_reference())
    collector.settle()  # the model lives as long as the process
    return nlp


def load_pipeline(model_name: str):
    """The pipeline with every extractor prepared, built once per process and reference."""
    from pipeline.reference import load_reference
    from pipeline.settings import selective_parse_enabled

    return _pipeline(model_name, load_reference().fingerprint(), selective_parse_enabled())


@dataclass(frozen=True)
class ParsedDocument:
    doc_id: str
    words: int
    records: dict[str, list[dict]]  # rows per core table, as `extraction_records` returns them
    error: str | None = None  # why the extractors failed on this document (its records are then empty)


@dataclass(frozen=True)
class ParserStart:
    seconds: float      # wall time the parser took to build the pipeline
    cpu_seconds: float  # CPU time of that build, kept apart from the parsing's


class ParserFailed(RuntimeError):
    """The parser process raised, or ended without answering (killed, out of memory)."""


# ---------------------------------------------------------------------------------------------
# The parser's side


def extraction_failure(error: Exception) -> str:
    """The reason recorded for a document the extractors failed on: the error and where it arose."""
    frames = traceback.extract_tb(error.__traceback__)
    where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames) if "pipeline" in f.filename), "")
    return f"extraction failed ({type(error).__name__}: {error}{' at ' + where if where else ''})"


def parse_stream(nlp, reference, items: Iterator[Item], documents: int, batch_size: int, n_process: int,
                 chunk_size: int) -> Iterator[tuple[list[ParsedDocument], int]]:
    """Parse and extract `items` (about `documents` of them): one list per chunk, with the number of
    spaCy worker processes that parsed it."""
    from pipeline.nlp.extract import extract_document, extraction_records

    order: deque = deque()

    def texts() -> Iterator[str]:
        for doc_id, text, published, outlet, date_source, dateline in items:
            order.append((doc_id, published, outlet, date_source, dateline))  # `pipe` keeps the order of its input
            yield text

    def parsed(doc) -> ParsedDocument:
        doc_id, published, outlet, date_source, dateline = order.popleft()
        try:
            records = extraction_records(extract_document(doc, doc_id, published, reference, outlet, date_source,
                                                          dateline))
        except Exception as error:  # noqa: BLE001 - one document never stops the others
            return ParsedDocument(doc_id, len(doc), {}, extraction_failure(error))
        return ParsedDocument(doc_id, len(doc), records)

    stream = texts()
    pool_size = chunk_size * CHUNKS_PER_WORKER_POOL
    remaining = documents
    while remaining > 0:
        pool_documents = min(pool_size, remaining)
        batch, processes = batching_for(pool_documents, batch_size, n_process)
        if processes == 1:
            # In one process `pipe` makes a whole batch of Docs when the first is read: a batch
            # begun in one memory zone and read in the next points at strings the first zone
            # freed. So each chunk is its own `pipe`, inside its zone (no worker pool to keep).
            parsed_in_pool = 0
            while parsed_in_pool < pool_documents:
                with nlp.memory_zone():
                    texts_of_chunk = itertools.islice(stream, min(chunk_size, pool_documents - parsed_in_pool))
                    chunk = [parsed(doc) for doc in nlp.pipe(texts_of_chunk, batch_size=batch)]
                if not chunk:
                    return  # the texts ended early (documents gone since the count)
                parsed_in_pool += len(chunk)
                yield chunk, processes
            remaining -= pool_documents
            continue
        docs = nlp.pipe(itertools.islice(stream, pool_documents), batch_size=batch, n_process=processes)
        parsed_in_pool = 0
        try:
            while True:
                # Docs from worker processes are made one at a time as they are read, so in the zone
                # of the chunk that reads them.
                with nlp.memory_zone():
                    chunk = [parsed(doc) for doc in itertools.islice(docs, chunk_size)]
                if not chunk:
                    break
                parsed_in_pool += len(chunk)
                yield chunk, processes
        finally:
            if hasattr(docs, "close"):
                docs.close()  # on an error too: stops and joins the workers
        if parsed_in_pool < pool_documents:  # the texts ended early (documents gone since the count)
            return
        remaining -= pool_documents


def _received(inbound, parent: int) -> Iterator:
    """Messages from the run, ending if the run's process is gone (so no orphan keeps waiting)."""
    while True:
        try:
            yield inbound.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if os.getppid() != parent:
                return


def _serve(model_name: str, batch_size: int, n_process: int, chunk_size: int, inbound, outbound,
           parent: int) -> None:
    # The run's process may handle or ignore SIGTERM (Dagster turns it into an interrupt); the
    # parser must end when the run terminates it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        nlp = load_pipeline(model_name)
        outbound.put(("ready", ParserStart(time.perf_counter() - started, time.process_time() - cpu_started)))
        from pipeline.reference import load_reference

        messages = _received(inbound, parent)
        job = next(messages, END)
        if job is END:  # the run had nothing to parse after all
            return
        _, documents = job

        def items() -> Iterator[Item]:
            for page in messages:
                if page is END:
                    return
                yield from page

        for chunk, processes in parse_stream(nlp, load_reference(), items(), documents, batch_size, n_process,
                                             chunk_size):
            outbound.put(("chunk", chunk, processes))
        outbound.put(("done",))
    except BaseException:  # noqa: BLE001 - everything goes back to the run, which raises it
        outbound.put(("error", traceback.format_exc()))


# ---------------------------------------------------------------------------------------------
# The run's side


class ParserProcess:
    """One parser process for one job: started early, fed pages, yields parsed chunks."""

    def __init__(self, model_name: str, batch_size: int, n_process: int, chunk_size: int) -> None:
        context = multiprocessing.get_context("fork")
        # spaCy takes two batches per worker (one batch with a single process) before it returns the
        # first document: fewer texts in flight than that and both sides would wait for each other.
        self.read_ahead = CHUNKS_AHEAD * chunk_size + (2 * max(n_process, 1) + 1) * max(batch_size, 1)
        self._inbound, self._outbound = context.Queue(), context.Queue()
        self._process = context.Process(
            target=_serve,
            args=(model_name, batch_size, n_process, chunk_size, self._inbound, self._outbound, os.getpid()),
            name="spacy-parser",
            daemon=False,  # it starts spaCy's worker processes; it ends when the run's process goes
        )
        self._process.start()
        self._start: ParserStart | None = None
        self._job_sent = False
        self.processes = 0  # most spaCy worker processes a chunk of the job used

    def _receive(self):
        while True:
            try:
                message = self._outbound.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not self._process.is_alive():
                    raise ParserFailed(
                        f"the spaCy parser process ended without answering (exit code "
                        f"{self._process.exitcode}; killed, or out of memory?)"
                    ) from None
                continue
            if message[0] == "error":
                raise ParserFailed(f"the spaCy parser process failed:\n{message[1]}")
            return message

    def wait_ready(self) -> ParserStart:
        """Block until the pipeline is built; how long that took in the parser."""
        if self._start is None:
            _, self._start = self._receive()
        return self._start

    def parse(self, documents: int, pages: Iterable[list[Item]]) -> Iterator[list[ParsedDocument]]:
        """Parsed chunks in the order of `pages`, sending pages only a few chunks ahead."""
        self.wait_ready()
        self._inbound.put(("job", documents))
        self._job_sent = True
        pages = iter(pages)
        in_flight = 0
        sent_all = False

        def send_ahead() -> None:
            nonlocal in_flight, sent_all
            while not sent_all and in_flight < self.read_ahead:
                page = next(pages, END)
                if page is END:
                    self._inbound.put(END)
                    sent_all = True
                else:
                    self._inbound.put(page)
                    in_flight += len(page)

        send_ahead()
        while True:
            message = self._receive()
            if message[0] == "done":
                return
            _, chunk, processes = message
            self.processes = max(self.processes, processes)
            in_flight -= len(chunk)
            yield chunk
            send_ahead()

    def close(self) -> None:
        """End the process and wait for it, so its CPU time counts."""
        if self._process.is_alive() and not self._job_sent:
            # No job came (nothing to parse after all): it holds nothing but a half-loaded model, and
            # SIGTERM may still meet the run's own handler, inherited across the fork.
            self._process.kill()
        elif self._process.is_alive():
            self._inbound.put(END)  # a parser whose job was cut short stops at the end of its texts
            self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=5)
        if self._process.is_alive():  # a signal it could not take yet
            self._process.kill()
            self._process.join()
        for channel in (self._inbound, self._outbound):
            channel.cancel_join_thread()  # nothing left to deliver to a process that has ended
            channel.close()
