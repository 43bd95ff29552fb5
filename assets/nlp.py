"""NLP: one spaCy pass per document feeds every extractor; results land in the core tables.

Only documents without results for the current extractor version are parsed. Each chunk of documents
is written in one transaction together with its extraction state, so a crash loses at most the chunk
in flight and the next run resumes where this one stopped.
"""


import itertools
import math
import resource
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterator

import dagster as dg
import polars as pl

from pipeline.checks import sql_check
from pipeline.nlp.version import extractor_version
from pipeline.reference import load_reference
from pipeline.resources import NlpResource, WarehouseResource
from pipeline.settings import setting
from pipeline.warehouse import DOCUMENT_TABLES, insert_frame, transaction

NLP_TABLES = {
    "entities": "Canonical entities (person, country, organization, place) with the ISO3 code of their country.",
    "mentions": "Every resolved entity mention with character offsets into core.documents.text and its sentence.",
    "person_roles": "Each person's title, rank and country as the document states them.",
    "document_topics": "Topics of each document from the taxonomy, with a score and evidence sentence.",
    "interactions": "Meetings, talks, visits, calls and signed agreements with participants, date, place, evidence.",
    "quantities": "Money and percent figures with what they measure, their period, topic and sentence.",
    "milestones": "Statements of partnership level and anniversaries with their dates.",
}

REBUILD_ENTITIES = """
    create or replace table core.entities as
    with votes as (
        select entity_id, canonical_name, entity_type, country_code, count(*) as documents
        from core.document_entities group by all
    )
    select entity_id,
           any_value(canonical_name order by documents desc, canonical_name) as canonical_name,
           any_value(entity_type order by documents desc, entity_type) as entity_type,
           any_value(country_code order by (country_code is null), documents desc, country_code) as country_code
    from votes group by entity_id order by entity_id
"""


def documents_to_parse(conn, version: str) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            """select distinct doc_id from core.documents
               where status = 'ok' and doc_id not in
                   (select doc_id from core.extraction_state where extractor_version = ?)
               order by doc_id""",
            [version],
        ).fetchall()
    ]


def purge_stale_documents(conn) -> None:
    """Rows of documents that are no longer current (removed, changed, now duplicate) leave every table."""
    for table in (*DOCUMENT_TABLES, "core.extraction_state"):
        conn.execute(
            f"delete from {table} where doc_id not in (select doc_id from core.documents where status = 'ok')"
        )


def write_chunk(conn, doc_ids: list[str], records: dict[str, list[dict]], version: str) -> None:
    conn.register("chunk_ids", pl.DataFrame({"doc_id": doc_ids}))
    try:
        for table in DOCUMENT_TABLES:
            conn.execute(f"delete from {table} where doc_id in (select doc_id from chunk_ids)")
            if records[table]:
                insert_frame(conn, table, pl.DataFrame(records[table], infer_schema_length=None))
        conn.execute(
            "insert or replace into core.extraction_state select doc_id, ?, now() from chunk_ids", [version]
        )
        conn.execute(
            "update core.documents d set processed_at = s.processed_at from core.extraction_state s "
            "where d.doc_id = s.doc_id and d.doc_id in (select doc_id from chunk_ids)"
        )
    finally:
        conn.unregister("chunk_ids")


@dataclass
class NlpTiming:
    documents: int = 0
    words: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process and its finished spaCy workers: robust on a busy machine
    model_load_seconds: float = 0.0
    processes: int = 0  # most worker processes one chunk used


def cpu_seconds() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


# Below this many documents a worker process costs more to start than it saves.
MIN_DOCUMENTS_PER_WORKER = 4


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


# One pool of spaCy workers parses this many chunks before it is replaced: workers forked inside a
# memory zone never leave it, so their string stores grow until the pool ends.
CHUNKS_PER_WORKER_POOL = 10


def read_texts(reader, doc_ids: list[str], page_size: int, order: deque) -> Iterator[str]:
    """Texts of `doc_ids` in order, read from the warehouse one page at a time (never the whole corpus).

    (doc_id, published_date) of each text is appended to `order`, for the consumer of `nlp.pipe`.
    """
    for offset in range(0, len(doc_ids), page_size):
        page = reader.execute(
            """select doc_id, any_value(text), any_value(published_date) from core.documents
               where status = 'ok' and doc_id in (select unnest(?::varchar[]))
               group by doc_id order by doc_id""",
            [doc_ids[offset : offset + page_size]],
        ).fetchall()
        for doc_id, text, published in page:
            order.append((doc_id, published))
            yield text


def parse_documents(conn, model, doc_ids: list[str], version: str, reference, nlp: NlpResource,
                    timing: NlpTiming, report_progress: Callable[[], None]) -> None:
    """Parse `doc_ids`: spaCy workers parse, this process extracts and is the only writer.

    One `nlp.pipe` streams a whole pool's share of documents, so the workers keep parsing while this
    process writes a finished chunk and opens the next memory zone. Plain texts, not `as_tuples`:
    with tuples spaCy tokenizes in this process and ships Docs to the workers.
    """
    pool_size = nlp.chunk_size * CHUNKS_PER_WORKER_POOL
    reader = conn.cursor()  # its own connection: reads between this one's transactions
    try:
        for pool_start in range(0, len(doc_ids), pool_size):
            pool_ids = doc_ids[pool_start : pool_start + pool_size]
            batch_size, processes = batching_for(len(pool_ids), nlp.batch_size, nlp.n_process)
            timing.processes = max(timing.processes, processes)
            order: deque = deque()
            docs = model.pipe(read_texts(reader, pool_ids, nlp.chunk_size, order),
                              batch_size=batch_size, n_process=processes)
            try:
                write_chunks(conn, model, docs, order, version, reference, nlp.chunk_size, timing,
                             report_progress)
            finally:
                docs.close()  # on an error too: stops and joins the workers
    finally:
        reader.close()


def write_chunks(conn, model, docs: Iterator, order: deque, version: str, reference, chunk_size: int,
                 timing: NlpTiming, report_progress: Callable[[], None]) -> None:
    """Extract from each parsed doc; every `chunk_size` documents, commit them in one transaction
    with their extraction state, so a crash loses at most the chunk in flight."""
    # Imported here: spaCy is loaded only by runs that have something to parse.
    from pipeline.nlp.extract import extract_document, extraction_records

    while True:
        done: list[str] = []
        records: dict[str, list[dict]] = {table: [] for table in DOCUMENT_TABLES}
        with model.memory_zone():
            for doc in itertools.islice(docs, chunk_size):
                doc_id, published = order.popleft()  # `pipe` keeps the order of its input
                timing.words += len(doc)
                extraction = extract_document(doc, doc_id, published, reference)
                for table, table_rows in extraction_records(extraction).items():
                    records[table].extend(table_rows)
                done.append(doc_id)
        if not done:
            return
        with transaction(conn):
            write_chunk(conn, done, records, version)
        timing.documents += len(done)
        report_progress()


# Integrity rules of the core tables: each query counts the rows that break the rule.
NLP_CHECKS = (
    sql_check(
        ["core", "mentions"], "mentions_point_at_documents",
        "Every mention points at a current document and a known entity.",
        """select count(*) from core.mentions m
           where m.doc_id not in (select doc_id from core.documents where status = 'ok')
              or m.entity_id not in (select entity_id from core.entities)""",
    ),
    sql_check(
        ["core", "entities"], "entities_unique", "entity_id is unique and every entity has a known type.",
        """select (select count(*) - count(distinct entity_id) from core.entities)
                + (select count(*) from core.entities
                   where entity_type not in ('person', 'country', 'organization', 'place'))""",
    ),
    sql_check(
        ["core", "interactions"], "interactions_have_participants",
        "Every interaction has known participants and comes from a current document.",
        """select count(*) from core.interactions i
           where len(i.participant_ids) = 0
              or i.doc_id not in (select doc_id from core.documents where status = 'ok')
              or exists (select 1 from unnest(i.participant_ids) as p(id)
                         where p.id not in (select entity_id from core.entities))""",
    ),
    sql_check(
        ["core", "person_roles"], "person_roles_rank_known", "Every stated rank is one of the levels in ref.ranks.",
        "select count(*) from core.person_roles where rank is not null and rank not in (select rank from ref.ranks)",
    ),
    sql_check(
        ["core", "quantities"], "quantities_kinds", "Quantities are money or percent figures with a sentence.",
        "select count(*) from core.quantities where kind not in ('money', 'percent') or sentence is null",
    ),
)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["core", name],
            description=description,
            deps=[["core", "documents"], ["ref", "ranks"]],  # ranks: read by the role check
            kinds={"duckdb", "spacy"},
            group_name="nlp",
            code_version=extractor_version(setting("PIPELINE_SPACY_MODEL")),
        )
        for name, description in NLP_TABLES.items()
    ],
    check_specs=[check.spec for check in NLP_CHECKS],
    pool="warehouse",
)
def nlp_extractions(context: dg.AssetExecutionContext, nlp: NlpResource, warehouse: WarehouseResource):
    version = nlp.extractor_version()
    reference = load_reference()
    timing = NlpTiming()
    with warehouse.get_connection() as conn:
        with transaction(conn):
            purge_stale_documents(conn)
        todo = documents_to_parse(conn, version)
        context.log.info(f"{len(todo)} documents to parse with extractor version {version}")
        if todo:
            loading = time.perf_counter()
            model = nlp.load()  # loaded only when there is something to parse
            timing.model_load_seconds = time.perf_counter() - loading
            started, cpu_started = time.perf_counter(), cpu_seconds()

            def measure() -> None:
                timing.seconds = time.perf_counter() - started
                # Workers' CPU time counts once they have exited, i.e. fully after parse_documents.
                timing.cpu_seconds = cpu_seconds() - cpu_started

            def report_progress() -> None:
                measure()
                context.log.info(
                    f"NLP progress: {timing.documents}/{len(todo)} documents, "
                    f"{timing.words / max(timing.seconds, 1e-9):,.0f} tokens/s"
                )

            parse_documents(conn, model, todo, version, reference, nlp, timing, report_progress)
            measure()
        with transaction(conn):
            conn.execute(REBUILD_ENTITIES)
        counts = {name: conn.execute(f"select count(*) from core.{name}").fetchone()[0] for name in NLP_TABLES}
        check_results = [check.evaluate(conn) for check in NLP_CHECKS]
    for name in NLP_TABLES:
        yield dg.MaterializeResult(
            asset_key=["core", name],
            metadata={
                "rows": counts[name],
                "documents_parsed": timing.documents,
                "extractor_version": version,
                # Throughput of the stage (read, parse, extract, write; model loading apart).
                "nlp_seconds": round(timing.seconds, 3),
                "nlp_words": timing.words,
                "nlp_cpu_seconds": round(timing.cpu_seconds, 3),
                "nlp_model_load_seconds": round(timing.model_load_seconds, 3),
                "nlp_processes": timing.processes,
            },
        )
    yield from check_results
