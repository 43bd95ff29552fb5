"""NLP: one spaCy pass per document feeds every extractor; results land in the core tables.

Only documents without results for the current extractor version are parsed. Each chunk of documents
is written in one transaction together with its extraction state, so a crash loses at most the chunk
in flight and the next run resumes where this one stopped.
"""


import resource
import time
from dataclasses import dataclass
from typing import Callable, Iterator

import dagster as dg
import polars as pl

from pipeline.checks import sql_check
from pipeline.nlp.parser_process import Item, ParserProcess
from pipeline.nlp.version import extractor_version
from pipeline.resources import NlpResource, WarehouseResource
from pipeline.settings import setting
from pipeline.warehouse import DOCUMENT_TABLES, insert_frame, record_rejection, transaction

NLP_TABLES = {
    "entities": "Canonical entities (person, country, organization, place) with the ISO3 code of their country.",
    "mentions": "Every resolved entity mention with character offsets into core.documents.text and its sentence.",
    "person_roles": "Each person's title, rank and country as the document states them.",
    "document_topics": "Topics of each document from the taxonomy, with a score and evidence sentence.",
    "interactions": "Meetings, talks, visits, calls, receptions and signed agreements between political actors, "
    "with participants, states, direction, date, place, whether still to come, and evidence.",
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


def write_chunk(conn, doc_ids: list[str], records: dict[str, list[dict]], version: str,
                failures: dict[str, str] | None = None) -> None:
    """Replace the rows of `doc_ids` and record their extraction state: call inside one transaction.

    A document the extractors failed on (`failures`: doc_id -> reason) keeps no rows and is listed in
    raw.rejected_documents (stage 'extract') under its path; it is tried again when the extractor
    version changes.
    """
    conn.register("chunk_ids", pl.DataFrame({"doc_id": doc_ids}))
    try:
        conn.execute(
            "delete from raw.rejected_documents where stage = 'extract' and source_path in "
            "(select source_path from core.documents where doc_id in (select doc_id from chunk_ids))"
        )
        for doc_id, reason in (failures or {}).items():
            for (source_path,) in conn.execute(
                "select source_path from core.documents where doc_id = ? and status = 'ok'", [doc_id]
            ).fetchall():
                record_rejection(conn, source_path, reason, "extract")
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
    cpu_seconds: float = 0.0  # this process and its finished children, the model's loading apart
    model_load_seconds: float = 0.0  # how long the stage waited for the parser to be ready
    processes: int = 0  # most spaCy worker processes a chunk used
    failed: int = 0  # documents the extractors failed on (listed in raw.rejected_documents)


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def read_pages(reader, doc_ids: list[str], page_size: int) -> Iterator[list[Item]]:
    """(doc_id, text, published date, outlet, date source) of `doc_ids` in order, read one page at a
    time: the corpus is never held in memory."""
    for offset in range(0, len(doc_ids), page_size):
        yield reader.execute(
            """select doc_id, any_value(text), any_value(published_date), any_value(outlet),
                      any_value(published_date_source) from core.documents
               where status = 'ok' and doc_id in (select unnest(?::varchar[]))
               group by doc_id order by doc_id""",
            [doc_ids[offset : offset + page_size]],
        ).fetchall()


def parse_documents(conn, parser: ParserProcess, doc_ids: list[str], version: str, chunk_size: int,
                    timing: NlpTiming, report_progress: Callable[[], None],
                    log_warning: Callable[[str], None] = print) -> None:
    """Send the texts of `doc_ids` to the parser; commit each parsed chunk in one transaction with its
    extraction state, so a crash loses at most the chunk in flight. The parser keeps parsing the
    next chunk while this one is written."""
    reader = conn.cursor()  # its own connection: reads between this one's transactions
    try:
        for chunk in parser.parse(len(doc_ids), read_pages(reader, doc_ids, chunk_size)):
            records: dict[str, list[dict]] = {table: [] for table in DOCUMENT_TABLES}
            failures = {document.doc_id: document.error for document in chunk if document.error}
            for document in chunk:
                timing.words += document.words
                for table, table_rows in document.records.items():
                    records[table].extend(table_rows)
            with transaction(conn):
                write_chunk(conn, [document.doc_id for document in chunk], records, version, failures)
            for doc_id, reason in failures.items():
                log_warning(f"document {doc_id}: {reason}")
            timing.failed += len(failures)
            timing.documents += len(chunk)
            report_progress()
    finally:
        reader.close()


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
        ["core", "mentions"], "mention_offsets_match_text",
        "Every mention's offsets cut its own text out of core.documents.text.",
        """select count(*) from core.mentions m
           join core.documents d on d.doc_id = m.doc_id and d.status = 'ok'
           where substr(d.text, m.start_char + 1, m.end_char - m.start_char) is distinct from m.text""",
    ),
    sql_check(
        ["core", "entities"], "entities_unique", "entity_id is unique and every entity has a known type.",
        """select (select count(*) - count(distinct entity_id) from core.entities)
                + (select count(*) from core.entities
                   where entity_type not in ('person', 'country', 'organization', 'place', 'outlet'))""",
    ),
    sql_check(
        ["core", "interactions"], "interactions_have_participants",
        "Every interaction names known people or involves a state, and comes from a current document.",
        """select count(*) from core.interactions i
           where (len(i.participant_ids) = 0 and len(coalesce(i.country_codes, [])) = 0)
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
    timing = NlpTiming()
    with warehouse.get_connection() as conn:
        with transaction(conn):
            purge_stale_documents(conn)
        todo = documents_to_parse(conn, version)
        context.log.info(f"{len(todo)} documents to parse with extractor version {version}")
        if todo:
            parser = nlp.parser()  # already loading if the ingest step saw new files
            try:
                waiting = time.perf_counter()
                loading_cpu = parser.wait_ready().cpu_seconds
                timing.model_load_seconds = time.perf_counter() - waiting
                started, cpu_started = time.perf_counter(), cpu_seconds()

                def report_progress() -> None:
                    timing.seconds = time.perf_counter() - started
                    context.log.info(
                        f"NLP progress: {timing.documents}/{len(todo)} documents, "
                        f"{timing.words / max(timing.seconds, 1e-9):,.0f} tokens/s"
                    )

                parse_documents(conn, parser, todo, version, nlp.chunk_size, timing, report_progress,
                                context.log.warning)
                timing.seconds = time.perf_counter() - started
                timing.processes = parser.processes
            finally:
                nlp.close_parser()
            # The parser's CPU time counts once it has exited, i.e. after close_parser.
            timing.cpu_seconds = max(cpu_seconds() - cpu_started - loading_cpu, 0.0)
        else:
            nlp.close_parser()  # started for files that turned out unusable or unchanged
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
                "documents_failed": timing.failed,
            },
        )
    yield from check_results
