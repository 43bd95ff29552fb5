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


def write_chunk(conn, doc_ids: list[str], records: dict[str, list[dict] | pl.DataFrame], version: str,
                failures: dict[str, str] | None = None, processed_at: str | None = None) -> None:
    """Replace the rows of `doc_ids` and record their extraction state: call inside one transaction.

    A document the extractors failed on (`failures`: doc_id -> reason) keeps no rows and is listed in
    raw.rejected_documents (stage 'extract') under its path; it is tried again when the extractor
    version changes. `processed_at` (when the results were parsed) defaults to now.
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
            rows = records.get(table)
            if isinstance(rows, pl.DataFrame):
                insert_frame(conn, table, rows)
            elif rows:
                insert_frame(conn, table, pl.DataFrame(rows, infer_schema_length=None))
        if processed_at is None:
            conn.execute(
                "insert or replace into core.extraction_state select doc_id, ?, now() from chunk_ids", [version]
            )
        else:
            conn.execute(
                "insert or replace into core.extraction_state select doc_id, ?, ?::timestamp from chunk_ids",
                [version, processed_at],
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
    parser_started: str = ""  # before the run, in the ingest step or in the NLP step (NlpResource)
    processes: int = 0  # most spaCy worker processes a chunk used
    failed: int = 0  # documents the extractors failed on (listed in raw.rejected_documents)


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def read_pages(reader, doc_ids: list[str], page_size: int) -> Iterator[list[Item]]:
    """(doc_id, text, published date, outlet, date source, dateline) of `doc_ids` in order, read one page at a
    time: the corpus is never held in memory."""
    for offset in range(0, len(doc_ids), page_size):
        yield reader.execute(
            """select doc_id, any_value(text), any_value(published_date), any_value(outlet),
                      any_value(published_date_source), any_value(dateline) from core.documents
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


def _core_specs(extra_deps: list[list[str]] = ()) -> list[dg.AssetSpec]:
    return [
        dg.AssetSpec(
            ["core", name],
            description=description,
            deps=[["core", "documents"], ["ref", "ranks"], *extra_deps],  # ranks: read by the role check
            kinds={"duckdb", "spacy"},
            group_name="nlp",
            code_version=extractor_version(setting("PIPELINE_SPACY_MODEL")),
        )
        for name, description in NLP_TABLES.items()
    ]


def _results(conn, timing: NlpTiming, version: str, parsed_metadata: dict | None = None):
    """Rebuild core.entities, count the tables, evaluate the checks: what both forms of the stage yield."""
    with transaction(conn):
        conn.execute(REBUILD_ENTITIES)
    counts = {name: conn.execute(f"select count(*) from core.{name}").fetchone()[0] for name in NLP_TABLES}
    check_results = [check.evaluate(conn) for check in NLP_CHECKS]
    results = []
    for name in NLP_TABLES:
        results.append(dg.MaterializeResult(
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
                **({"nlp_parser_started": timing.parser_started} if timing.parser_started else {}),
                "documents_failed": timing.failed,
                **(parsed_metadata or {}),
            },
        ))
    return results + check_results


@dg.multi_asset(
    specs=_core_specs(),
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
                timing.parser_started = nlp.parser_started
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
        results = _results(conn, timing, version)
    yield from results


# ---------------------------------------------------------------------------------------------
# The NLP stage in shards (PIPELINE_NLP_SHARDS > 1, or an executor other than in_process):
#   nlp/shard_inputs   a warehouse writer: drops stale rows, puts each shard's texts in the results store
#   nlp/shard_<i>      parses one shard's texts, writes its rows as Parquet files; never opens DuckDB
#   core/*             the loader (step `nlp_extractions`): loads each shard's files in one transaction

SHARD_INPUTS_KEY = ["nlp", "shard_inputs"]


def batch_id(context) -> str:
    """The results store batch of a run: its root run's id, so a re-executed run finds its plan."""
    run = context.dagster_run
    return run.root_run_id or run.run_id


def shard_location(context, shard: int, shards: int):
    from pipeline.results import ShardLocation
    from pipeline.settings import results_url

    return ShardLocation(results_url(), batch_id(context), shard, shards)


def plan_shards(conn, version: str, shards: int, locations: list, page_size: int) -> list[int]:
    """Write each shard's texts (documents without results for `version`) to the store; counts."""
    from pipeline.results import shard_of, write_inputs

    todo = documents_to_parse(conn, version)
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for doc_id in todo:
        buckets[shard_of(doc_id, shards)].append(doc_id)
    reader = conn.cursor()
    try:
        for location, doc_ids in zip(locations, buckets):
            items = [item for page in read_pages(reader, doc_ids, page_size) for item in page]
            write_inputs(location, items)
    finally:
        reader.close()
    return [len(bucket) for bucket in buckets]


def load_shard(conn, location, version: str) -> dict:
    """Load one finished shard's files into the core tables in one transaction.

    Idempotent: a document whose extraction state already says this version and this parse time is
    left alone, so a shard loaded twice changes nothing. Documents no longer current (changed or
    removed since the shard was planned) are skipped. Results of another extractor version are
    refused (`ResultsVersionMismatch`).
    """
    from pipeline.results import read_results

    results = read_results(location, version)
    parsed_at = results.manifest["parsed_at"]
    doc_ids = results.documents["doc_id"].to_list()
    if not doc_ids:
        return {"documents": 0, "words": 0, "failed": 0}
    conn.register("shard_ids", pl.DataFrame({"doc_id": doc_ids}, schema={"doc_id": pl.String}))
    try:
        to_load = {row[0] for row in conn.execute(
            """select doc_id from shard_ids
               where doc_id in (select doc_id from core.documents where status = 'ok')
                 and doc_id not in (select doc_id from core.extraction_state
                                    where extractor_version = ? and processed_at = ?::timestamp)""",
            [version, parsed_at],
        ).fetchall()}
    finally:
        conn.unregister("shard_ids")
    if not to_load:
        return {"documents": 0, "words": 0, "failed": 0}
    documents = results.documents.filter(pl.col("doc_id").is_in(list(to_load)))
    failures = {row["doc_id"]: row["error"] for row in documents.iter_rows(named=True) if row["error"]}
    records = {table: frame.filter(pl.col("doc_id").is_in(list(to_load))) for table, frame in results.tables.items()}
    with transaction(conn):
        write_chunk(conn, sorted(to_load), records, version, failures, processed_at=parsed_at)
    return {"documents": len(to_load), "words": int(documents["words"].sum() or 0), "failed": len(failures)}


def shard_processes(n_process: int, shards: int) -> int:
    """spaCy worker processes of one shard step: all cores when shards run one after another in the
    run's process; a share of them under a multi-process executor; one in a Dask worker (a daemonic
    process may not start processes, and the cluster has a worker per core already)."""
    import multiprocessing

    from pipeline.settings import executor_name

    if multiprocessing.current_process().daemon:
        return 1
    if executor_name() == "in_process":
        return max(1, n_process)
    return max(1, n_process // shards)


def parse_shard(context, nlp: NlpResource, location) -> dict:
    """Parse one shard's texts from the store and write its finished set of result files."""
    from datetime import datetime

    from pipeline.nlp.parser_process import load_pipeline, parse_stream
    from pipeline.reference import load_reference
    from pipeline.results import read_inputs, write_results

    version = nlp.extractor_version()
    items = read_inputs(location)
    timing = NlpTiming()
    documents: list[dict] = []
    records: dict[str, list[dict]] = {table: [] for table in DOCUMENT_TABLES}
    context.log.info(f"{len(items)} documents to parse in {location.describe()}")
    if items:
        waiting = time.perf_counter()
        model = load_pipeline(nlp.model_name)
        timing.model_load_seconds = time.perf_counter() - waiting
        started, cpu_started = time.perf_counter(), cpu_seconds()
        processes = shard_processes(nlp.n_process, location.shards)
        for chunk, used in parse_stream(model, load_reference(), iter(items), len(items), nlp.batch_size,
                                        processes, nlp.chunk_size):
            timing.processes = max(timing.processes, used)
            for document in chunk:
                documents.append({"doc_id": document.doc_id, "words": document.words, "error": document.error})
                timing.words += document.words
                for table, rows in document.records.items():
                    records[table].extend(rows)
                if document.error:
                    timing.failed += 1
                    context.log.warning(f"document {document.doc_id}: {document.error}")
            timing.documents += len(chunk)
            timing.seconds = time.perf_counter() - started
            context.log.info(f"shard {location.shard}: {timing.documents}/{len(items)} documents parsed")
        timing.seconds = time.perf_counter() - started
        timing.cpu_seconds = cpu_seconds() - cpu_started
    parsed_at = datetime.now().isoformat(sep=" ", timespec="microseconds")
    manifest = write_results(location, version, documents, records, parsed_at)
    return {
        "documents_parsed": timing.documents, "documents_failed": timing.failed, "extractor_version": version,
        "nlp_seconds": round(timing.seconds, 3), "nlp_words": timing.words,
        "nlp_cpu_seconds": round(timing.cpu_seconds, 3), "nlp_model_load_seconds": round(timing.model_load_seconds, 3),
        "nlp_processes": timing.processes, "results": location.version_path(version),
        "rows": sum(manifest["tables"].values()),
    }


def build_sharded_assets(shards: int) -> list[dg.AssetsDefinition]:
    shard_keys = [["nlp", f"shard_{shard}"] for shard in range(shards)]

    @dg.asset(
        key=SHARD_INPUTS_KEY,
        deps=[["core", "documents"]],
        description="The texts each NLP shard parses (documents without results for the current extractor "
        "version, split by doc_id hash), written to the results store; rows of documents no longer current "
        "leave the core tables first.",
        kinds={"duckdb", "parquet"},
        group_name="nlp",
        pool="warehouse",
    )
    def nlp_shard_inputs(context: dg.AssetExecutionContext, nlp: NlpResource, warehouse: WarehouseResource):
        version = nlp.extractor_version()
        locations = [shard_location(context, shard, shards) for shard in range(shards)]
        with warehouse.get_connection() as conn:
            with transaction(conn):
                purge_stale_documents(conn)
            counts = plan_shards(conn, version, shards, locations, nlp.chunk_size)
        context.log.info(f"{sum(counts)} documents to parse with extractor version {version} "
                         f"in {shards} shards ({', '.join(map(str, counts))})")
        return dg.MaterializeResult(metadata={
            "documents_to_parse": sum(counts), "per_shard": counts, "extractor_version": version,
            "batch": batch_id(context), "store": locations[0].url,
        })

    def shard_asset(shard: int) -> dg.AssetsDefinition:
        @dg.asset(
            key=shard_keys[shard],
            deps=[SHARD_INPUTS_KEY],
            description=f"Shard {shard} of {shards} of the NLP stage: parses its texts from the results store and "
            "writes its rows as Parquet files there (one set per shard and extractor version). Opens no warehouse.",
            kinds={"spacy", "parquet"},
            group_name="nlp",
            code_version=extractor_version(setting("PIPELINE_SPACY_MODEL")),
        )
        def nlp_shard(context: dg.AssetExecutionContext, nlp: NlpResource):
            return dg.MaterializeResult(metadata=parse_shard(context, nlp, shard_location(context, shard, shards)))

        return nlp_shard

    @dg.multi_asset(
        name="nlp_extractions",
        specs=_core_specs(shard_keys),
        check_specs=[check.spec for check in NLP_CHECKS],
        pool="warehouse",
    )
    def nlp_loader(context: dg.AssetExecutionContext, nlp: NlpResource, warehouse: WarehouseResource):
        from pipeline.results import remove_inputs

        version = nlp.extractor_version()
        timing = NlpTiming()
        started = time.perf_counter()
        with warehouse.get_connection() as conn:
            for shard in range(shards):
                location = shard_location(context, shard, shards)
                loaded = load_shard(conn, location, version)
                timing.documents += loaded["documents"]
                timing.words += loaded["words"]
                timing.failed += loaded["failed"]
                context.log.info(f"loaded {loaded['documents']} documents of {location.describe()}")
            timing.seconds = time.perf_counter() - started
            results = _results(conn, timing, version, {"shards": shards})
        for shard in range(shards):  # the texts; the result files stay
            remove_inputs(shard_location(context, shard, shards))
        yield from results

    return [nlp_shard_inputs, *(shard_asset(shard) for shard in range(shards)), nlp_loader]


def build_nlp_assets() -> list[dg.AssetsDefinition]:
    """The NLP stage as the settings ask: one step (the default), or shards, a planner and a loader."""
    from pipeline.settings import nlp_shards, sharded_nlp

    return build_sharded_assets(nlp_shards()) if sharded_nlp() else [nlp_extractions]
