"""Clean: raw text -> core.documents (title, dateline, body, outlet, publication date, status, story).

Only raw rows whose content (or the cleaning code) changed are cleaned again. Exact duplicates share a
doc_id (hash of the normalised text) and are marked 'duplicate'; near-duplicates (reprints with small
edits) share a story_id.
"""


import hashlib
from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.checks import sql_check
from pipeline.metadata import markdown_table, source_fingerprint
from pipeline.reference import load_reference
from pipeline.resources import WarehouseResource
from pipeline.text.clean import clean_document
from pipeline.text.dedup import minhash_signature, similar_pairs_sql, text_id, union_groups
from pipeline.warehouse import insert_frame, record_rejection, transaction


def _clean_code_version() -> str:
    text_code = source_fingerprint(Path(__file__).resolve().parents[1] / "pipeline" / "text")
    return hashlib.sha256(f"{text_code}|{load_reference().fingerprint()}".encode()).hexdigest()[:16]


CLEAN_SELECT_STALE = """
    select r.source_path, r.content_hash, r.raw_text, r.language, r.first_seen_at
    from raw.documents r
    left join core.documents d on d.source_path = r.source_path
    where r.deleted_at is null
      and (d.source_path is null or d.content_hash is distinct from r.content_hash
           or d.clean_version is distinct from ? or d.status = 'rejected')
    order by r.source_path
"""


def clean_rows(rows, clean_version: str) -> pl.DataFrame:
    """Cleaned rows; a text the cleaning fails on becomes a 'rejected' row with the reason."""
    reference = load_reference()
    records = []
    for source_path, digest, raw_text, language, first_seen_at in rows:
        base = {"source_path": source_path, "content_hash": digest, "language": language,
                "first_seen_at": first_seen_at, "clean_version": clean_version}
        try:
            cleaned = clean_document(raw_text, reference)
            doc_id = text_id(cleaned.normalised)
        except Exception as error:  # noqa: BLE001 - one bad text never stops the others
            records.append({**base, "doc_id": (digest or "")[:16], "status": "rejected",
                            "reason": f"cleaning failed ({type(error).__name__}: {error})"})
            continue
        records.append(
            {
                **base,
                "doc_id": doc_id,
                "title": cleaned.title,
                "outlet": cleaned.outlet,
                "published_date": cleaned.published_date,
                "published_date_source": cleaned.published_date_source,
                "word_count": cleaned.word_count,
                "status": "ok",
                "reason": None,
                "dateline": cleaned.dateline,
                "text": cleaned.text,
            }
        )
    return pl.DataFrame(
        records,
        schema={
            "doc_id": pl.String, "source_path": pl.String, "content_hash": pl.String, "title": pl.String,
            "outlet": pl.String, "published_date": pl.Date, "published_date_source": pl.String,
            "language": pl.String, "word_count": pl.Int32, "status": pl.String, "reason": pl.String,
            "dateline": pl.String, "text": pl.String, "first_seen_at": pl.Datetime("us"),
            "clean_version": pl.String,
        },
    )


ASSIGN_STATUS = """
    update core.documents d set status = ranked.status, reason = ranked.reason
    from (
        select source_path,
               case when row_number() over (partition by doc_id order by first_seen_at, source_path) = 1
                    then 'ok' else 'duplicate' end as status,
               case when row_number() over (partition by doc_id order by first_seen_at, source_path) = 1
                    then null
                    else 'same text as ' || first_value(source_path) over (
                        partition by doc_id order by first_seen_at, source_path) end as reason
        from core.documents where status <> 'rejected'
    ) ranked
    where d.source_path = ranked.source_path
"""

REJECTED_ROWS = """
    insert into core.documents (doc_id, source_path, content_hash, language, status, reason, first_seen_at)
    select substr(coalesce(content_hash, sha256(source_path)), 1, 16), source_path, content_hash, language,
           'rejected', reason, detected_at
    from raw.rejected_documents
    where source_path not in (select source_path from core.documents)
"""


def assign_stories(conn) -> int:
    """Compute MinHash signatures for new texts, then regroup every current text into stories."""
    missing = conn.execute(
        """select doc_id, any_value(text) from core.documents
           where status = 'ok' and doc_id not in (select doc_id from core.document_signatures)
           group by doc_id order by doc_id"""
    ).fetchall()
    if missing:
        frame = pl.DataFrame(
            {
                "doc_id": [doc_id for doc_id, _ in missing],
                "minhash": [minhash_signature(text).hashvalues.tolist() for _, text in missing],
            },
            schema={"doc_id": pl.String, "minhash": pl.List(pl.UInt64)},
        )
        insert_frame(conn, "core.document_signatures", frame)
    removed = conn.execute(
        "delete from core.document_signatures where doc_id not in "
        "(select doc_id from core.documents where status = 'ok')"
    ).fetchone()[0]
    unassigned = conn.execute(
        "select count(*) from core.documents where status = 'ok' and story_id is null"
    ).fetchone()[0]
    if not missing and not removed and not unassigned:
        # The same texts as last time: the grouping cannot have changed.
        return conn.execute("select count(distinct story_id) from core.documents where status = 'ok'").fetchone()[0]
    doc_ids = [row[0] for row in conn.execute("select doc_id from core.document_signatures").fetchall()]
    stories = union_groups(doc_ids, conn.execute(similar_pairs_sql("core.document_signatures")).fetchall())
    conn.execute("update core.documents set story_id = null")
    if stories:
        mapping = pl.DataFrame({"doc_id": list(stories), "story_id": list(stories.values())})
        conn.register("story_map", mapping)
        conn.execute(
            "update core.documents d set story_id = m.story_id from story_map m where d.doc_id = m.doc_id"
        )
        conn.unregister("story_map")
    return len(set(stories.values()))


CLEAN_CHECKS = (
    sql_check(
        ["core", "documents"], "documents_ok_unique", "doc_id is unique among documents with status ok.",
        "select count(*) from (select doc_id from core.documents where status = 'ok' group by 1 having count(*) > 1)",
    ),
    sql_check(
        ["core", "documents"], "documents_dates_have_provenance",
        "A publication date is given only with its provenance (no silently guessed year).",
        "select count(*) from core.documents where published_date is not null and "
        "published_date_source not in ('header', 'dateline', 'byline', 'inferred')",
    ),
)


@dg.asset(
    key=["core", "documents"],
    deps=[["raw", "documents"], ["raw", "rejected_documents"]],
    description="One row per current inbox file: doc_id (hash of the normalised text), title, outlet, "
    "publication date with its provenance, language, word count, status ok/duplicate/rejected with a "
    "reason, story_id grouping near-duplicate reprints, and processed_at (when NLP last ran on it).",
    kinds={"duckdb", "python"},
    group_name="clean",
    code_version="clean-v1",
    check_specs=[check.spec for check in CLEAN_CHECKS],
    pool="warehouse",
)
def core_documents(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    version = _clean_code_version()
    with warehouse.get_connection() as conn:
        stale = conn.execute(CLEAN_SELECT_STALE, [version]).fetchall()
        cleaned = clean_rows(stale, version)
        with transaction(conn):
            conn.execute(
                "delete from core.documents where source_path not in "
                "(select source_path from raw.documents where deleted_at is null)"
                " or status = 'rejected'"
            )
            if cleaned.height:
                conn.register("cleaned_paths", cleaned.select("source_path", "status"))
                conn.execute("delete from core.documents where source_path in (select source_path from cleaned_paths)")
                conn.execute("delete from raw.rejected_documents where stage = 'clean' and source_path in "
                             "(select source_path from cleaned_paths where status = 'ok')")
                conn.unregister("cleaned_paths")
                insert_frame(conn, "core.documents", cleaned)
                for failure in cleaned.filter(pl.col("status") == "rejected").iter_rows(named=True):
                    record_rejection(conn, failure["source_path"], failure["reason"], "clean",
                                     content_hash=failure["content_hash"], language=failure["language"])
                    context.log.warning(f"{failure['source_path']}: {failure['reason']}")
            conn.execute(ASSIGN_STATUS)
            conn.execute(REJECTED_ROWS)
            conn.execute(
                "update core.documents d set processed_at = s.processed_at from core.extraction_state s "
                "where d.doc_id = s.doc_id and d.status = 'ok'"
            )
            stories = assign_stories(conn)
        counts = dict(conn.execute("select status, count(*) from core.documents group by 1").fetchall())
        preview = conn.sql(
            "select source_path, status, outlet, published_date, published_date_source, word_count "
            "from core.documents order by source_path limit 20"
        ).pl()
        check_results = [check.evaluate(conn) for check in CLEAN_CHECKS]
    context.log.info(f"cleaned {cleaned.height} documents; status counts {counts}; {stories} stories")
    return dg.MaterializeResult(
        metadata={
            "cleaned_this_run": cleaned.height,
            "ok": counts.get("ok", 0),
            "duplicate": counts.get("duplicate", 0),
            "rejected": counts.get("rejected", 0),
            "stories": stories,
            "preview": dg.MetadataValue.md(markdown_table(preview)),
        },
        check_results=check_results,
    )
