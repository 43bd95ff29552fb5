"""Ingest: read the inbox into raw.documents; unusable files into raw.rejected_documents.

A file is read only when its size or modification time differs from the manifest, and hashed only
then, so a run over an unchanged inbox touches no file contents. The rows of accepted files and the
manifest are written in batches (`IngestWrites`), a few statements per run instead of four per file.
"""


from dataclasses import dataclass, field
from datetime import datetime

import dagster as dg
import duckdb
import polars as pl

from pipeline.checks import sql_check
from pipeline.inbox import SUPPORTED_SUFFIXES, InboxFile, scan_inbox
from pipeline.resources import InboxResource, NlpResource, WarehouseResource
from pipeline.settings import sharded_nlp
from pipeline.warehouse import insert_frame, transaction
from pipeline.text.decode import decode_bytes
from pipeline.text.dedup import content_hash
from pipeline.text.language import detect_language

INGEST_CODE_VERSION = "ingest-v1"


@dataclass
class IngestCounts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    rejected: int = 0
    rejections: list[tuple[str, str]] = field(default_factory=list)


DOCUMENT_SCHEMA = {
    "source_path": pl.String, "content_hash": pl.String, "size_bytes": pl.Int64, "modified_at": pl.Datetime("us"),
    "raw_text": pl.String, "encoding": pl.String, "decode_warnings": pl.String, "language": pl.String,
    "first_seen_at": pl.Datetime("us"), "last_changed_at": pl.Datetime("us"),
}
REJECTION_SCHEMA = {
    "source_path": pl.String, "content_hash": pl.String, "size_bytes": pl.Int64, "reason": pl.String,
    "language": pl.String,
}
MANIFEST_SCHEMA = {
    "source_path": pl.String, "size_bytes": pl.Int64, "modified_at": pl.Datetime("us"), "content_hash": pl.String,
    "outcome": pl.String, "checked_at": pl.Datetime("us"),
}


class IngestWrites:
    """Rows of one ingest run, written by `flush` in a few statements (inside the run's transaction).

    `known` holds the paths raw.documents already has (read once), which decide insert or update.
    Rejections are batched too (a corpus with many bad files would otherwise pay two statements per
    file); a path is either accepted or rejected in one run, never both.
    """

    def __init__(self, known: set[str]) -> None:
        self.known = known
        self.inserted: list[dict] = []
        self.updated: list[dict] = []
        self.rejected: dict[str, tuple] = {}
        self.manifest: dict[str, tuple] = {}

    def record_rejection(self, file: InboxFile, reason: str, digest: str | None, language: str | None) -> None:
        self.rejected[file.source_path] = (file.source_path, digest, file.size_bytes, reason, language)

    def record_manifest(self, file: InboxFile, digest: str | None, outcome: str, now: datetime) -> None:
        self.manifest[file.source_path] = (file.source_path, file.size_bytes, file.modified_at, digest, outcome, now)

    def flush(self, conn) -> None:
        accepted = [row["source_path"] for row in (*self.inserted, *self.updated)]
        if self.inserted:
            insert_frame(conn, "raw.documents", pl.DataFrame(self.inserted, schema=DOCUMENT_SCHEMA))
        if self.updated:
            conn.register("changed_documents", pl.DataFrame(self.updated, schema=DOCUMENT_SCHEMA))
            try:
                conn.execute(
                    """update raw.documents d set content_hash = c.content_hash, size_bytes = c.size_bytes,
                       modified_at = c.modified_at, raw_text = c.raw_text, encoding = c.encoding,
                       decode_warnings = c.decode_warnings, language = c.language,
                       last_changed_at = c.last_changed_at, deleted_at = null
                       from changed_documents c where d.source_path = c.source_path"""
                )
            finally:
                conn.unregister("changed_documents")
        if accepted:
            conn.register("accepted_paths", pl.DataFrame({"source_path": accepted}, schema={"source_path": pl.String}))
            try:
                conn.execute("delete from raw.rejected_documents where source_path in "
                             "(select source_path from accepted_paths)")
            finally:
                conn.unregister("accepted_paths")
        if self.rejected:
            # A file rejected on arrival has no later stage: reasons of other stages go with its old text.
            conn.register("rejected_rows", pl.DataFrame(list(self.rejected.values()), schema=REJECTION_SCHEMA, orient="row"))
            try:
                conn.execute("delete from raw.rejected_documents where source_path in (select source_path from rejected_rows)")
                conn.execute(
                    """insert into raw.rejected_documents (source_path, content_hash, size_bytes, reason, language, detected_at, stage)
                       select source_path, content_hash, size_bytes, reason, language, now(), 'ingest' from rejected_rows"""
                )
            finally:
                conn.unregister("rejected_rows")
        if self.manifest:
            frame = pl.DataFrame(list(self.manifest.values()), schema=MANIFEST_SCHEMA, orient="row")
            conn.register("manifest_rows", frame)
            try:
                conn.execute("delete from raw.inbox_manifest where source_path in (select source_path from manifest_rows)")
                conn.execute("insert into raw.inbox_manifest select * from manifest_rows")
            finally:
                conn.unregister("manifest_rows")
        self.inserted, self.updated, self.rejected, self.manifest = [], [], {}, {}


def _reject(counts: IngestCounts, file: InboxFile, reason: str, digest: str | None,
            language: str | None, now: datetime, writes: IngestWrites) -> None:
    writes.record_rejection(file, reason, digest, language)
    writes.record_manifest(file, digest, "rejected", now)
    counts.rejected += 1
    counts.rejections.append((file.source_path, reason))


def rejections_message(rejections: list[tuple[str, str]]) -> str:
    """One warning for every file rejected in a run, a line per file: each log message is an event
    Dagster stores and commits on its own (about 10 ms here), which 1 % of bad files in a large
    inbox made a fifth of the step."""
    lines = [f"rejected {path}: {reason}" for path, reason in rejections]
    if len(lines) == 1:
        return lines[0]
    return f"rejected {len(lines)} files:\n" + "\n".join(f"  {line}" for line in lines)


def looks_unchanged(file: InboxFile, manifest_row) -> bool:
    """Same size and modification time as when last read: the file is not read again."""
    return bool(manifest_row) and manifest_row[0] == file.size_bytes and manifest_row[1] == file.modified_at


def ingest_file(conn: duckdb.DuckDBPyConnection, file: InboxFile, manifest_row, max_bytes: int,
                max_chars: int, counts: IngestCounts, log, now: datetime, writes: IngestWrites) -> None:
    """Decide what one file needs and record it in `writes` (a rejection is written at once); never
    raises for a bad file."""
    if looks_unchanged(file, manifest_row):
        counts.unchanged += 1
        return
    if file.suffix not in SUPPORTED_SUFFIXES:
        _reject(counts, file, f"unsupported file type '{file.suffix or '(none)'}'", None, None, now, writes)
        return
    if file.size_bytes > max_bytes:
        _reject(counts, file,
                f"file too large ({file.size_bytes} bytes; limit {max_bytes})", None, None, now, writes)
        return
    try:
        data = file.absolute_path.read_bytes()
    except FileNotFoundError:
        log.warning(f"{file.source_path} disappeared between listing and reading; skipped")
        return
    except OSError as error:
        _reject(counts, file, f"cannot read file: {error.strerror or error}", None, None, now, writes)
        return
    digest = content_hash(data)
    if manifest_row and manifest_row[2] == digest:
        writes.record_manifest(file, digest, manifest_row[3], now)  # touched, same bytes
        counts.unchanged += 1
        return
    decoded = decode_bytes(data, suffix=file.suffix)
    if decoded.reject_reason or decoded.text is None:
        _reject(counts, file, decoded.reject_reason or "undecodable", digest, None, now, writes)
        return
    if len(decoded.text) > max_chars:
        # The parser needs about 1 GB per 100,000 characters: such a text is no article.
        _reject(counts, file,
                f"text too long to parse ({len(decoded.text)} characters; limit {max_chars})", digest, None, now, writes)
        return
    language, confidence = detect_language(decoded.text)
    if language != "en":
        _reject(counts, file,
                f"not English (detected language '{language}', confidence {confidence:.2f})",
                digest, language, now, writes)
        return
    warnings = "; ".join(decoded.warnings) or None
    row = {"source_path": file.source_path, "content_hash": digest, "size_bytes": file.size_bytes,
           "modified_at": file.modified_at, "raw_text": decoded.text, "encoding": decoded.encoding,
           "decode_warnings": warnings, "language": language, "first_seen_at": now, "last_changed_at": now}
    if file.source_path not in writes.known:
        writes.inserted.append(row)
        counts.new += 1
    else:
        writes.updated.append(row)
        counts.changed += 1
    if warnings:
        log.warning(f"{file.source_path}: {warnings}")
    writes.record_manifest(file, digest, "accepted", now)


def mark_removed(conn, listed: set[str], now: datetime) -> int:
    """Tombstone documents whose file left the inbox; forget rejections of removed files."""
    known = {row[0] for row in conn.execute("select source_path from raw.inbox_manifest").fetchall()}
    gone = sorted(known - listed)
    for path in gone:
        conn.execute(
            "update raw.documents set deleted_at = ? where source_path = ? and deleted_at is null", [now, path]
        )
        conn.execute("delete from raw.rejected_documents where source_path = ?", [path])
        conn.execute("delete from raw.inbox_manifest where source_path = ?", [path])
    return len(gone)


INGEST_CHECKS = (
    sql_check(
        ["raw", "documents"], "raw_documents_unique_path", "At most one row per source path.",
        "select count(*) from (select source_path from raw.documents group by 1 having count(*) > 1)",
    ),
    sql_check(
        ["raw", "rejected_documents"], "rejected_documents_have_reason", "Every rejection states a reason.",
        "select count(*) from raw.rejected_documents where reason is null or trim(reason) = ''",
    ),
)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["raw", "documents"],
            description="Every usable article file of the inbox: path, content hash, size, modification "
            "time, decoded text, first seen / last changed, and a deleted_at tombstone.",
            kinds={"duckdb"},
            group_name="ingest",
            code_version=INGEST_CODE_VERSION,
        ),
        dg.AssetSpec(
            ["raw", "rejected_documents"],
            description="Files that could not be used (empty, binary, undecodable, not English, too "
            "large, unreadable) with the reason.",
            kinds={"duckdb"},
            group_name="ingest",
            code_version=INGEST_CODE_VERSION,
        ),
    ],
    check_specs=[check.spec for check in INGEST_CHECKS],
    pool="warehouse",
)
def raw_documents(context: dg.AssetExecutionContext, inbox: InboxResource, warehouse: WarehouseResource,
                  nlp: NlpResource):
    now = datetime.now()
    files = scan_inbox(inbox.directory)
    counts = IngestCounts()
    with warehouse.get_connection() as conn:
        manifest = {
            row[0]: row[1:]
            for row in conn.execute(
                "select source_path, size_bytes, modified_at, content_hash, outcome from raw.inbox_manifest"
            ).fetchall()
        }
        if not sharded_nlp() and any(not looks_unchanged(file, manifest.get(file.source_path)) for file in files):
            # New articles will need spaCy: start the parser now, so the model loads on another core
            # while this step and the cleaning run (otherwise a small re-run's largest single cost).
            # Shard steps load their own model (in other processes, or other machines).
            nlp.warm_up("the ingest step")
        known = {row[0] for row in conn.execute("select source_path from raw.documents").fetchall()}
        writes = IngestWrites(known)
        with transaction(conn):
            for file in files:
                try:
                    ingest_file(conn, file, manifest.get(file.source_path), inbox.max_file_bytes,
                                inbox.max_text_chars, counts, context.log, now, writes)
                except Exception as error:  # noqa: BLE001 - one bad file never stops the others
                    _reject(counts, file,
                            f"could not be ingested ({type(error).__name__}: {error})", None, None, now, writes)
            writes.flush(conn)
            counts.removed = mark_removed(conn, {f.source_path for f in files}, now)
        if counts.rejections:
            context.log.warning(rejections_message(counts.rejections))
        current = conn.execute("select count(*) from raw.documents where deleted_at is null").fetchone()[0]
        rejected_total = conn.execute("select count(*) from raw.rejected_documents").fetchone()[0]
        check_results = [check.evaluate(conn) for check in INGEST_CHECKS]
    context.log.info(
        f"inbox {inbox.directory}: {len(files)} files; new {counts.new}, changed {counts.changed}, "
        f"unchanged {counts.unchanged}, removed {counts.removed}, rejected {counts.rejected}"
    )
    summary = {
        "files_listed": len(files),
        "new": counts.new,
        "changed": counts.changed,
        "unchanged": counts.unchanged,
        "removed": counts.removed,
        "rejected": counts.rejected,
    }
    rejections_md = "\n".join(f"| {path} | {reason} |" for path, reason in counts.rejections[:50])
    yield dg.MaterializeResult(
        asset_key=["raw", "documents"],
        metadata={**summary, "current_documents": current, "inbox": str(inbox.directory)},
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "rejected_documents"],
        metadata={
            "rejected_this_run": counts.rejected,
            "rejected_total": rejected_total,
            "rejections": dg.MetadataValue.md(
                "| file | reason |\n| --- | --- |\n" + rejections_md if rejections_md else "none this run"
            ),
        },
    )
    yield from check_results
