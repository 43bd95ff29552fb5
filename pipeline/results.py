"""The results store: where the NLP shards read their texts and write their extraction rows.

When the NLP stage runs in shards (`PIPELINE_NLP_SHARDS` > 1, or an executor other than
`in_process`), no shard opens the warehouse. The planning step, a warehouse writer, puts each shard's
texts into the store; each shard step parses them and writes its rows as Parquet files; the loader
step, the only other writer, loads every shard's files into the core tables. The store is a folder
beside the warehouse by default, or any fsspec URL (`PIPELINE_RESULTS_URL`, e.g. `s3://bucket/relations`
with s3fs installed), so shard steps on other machines need nothing but the store and the code.

Layout, one batch per run (the root run's id, so a re-executed run finds its plan):

    <store>/<batch>/shard-000-of-002/inputs.parquet          texts to parse (removed once loaded)
    <store>/<batch>/shard-000-of-002/v-<extractor version>/
        documents.parquet                                      doc_id, words, error
        core.mentions.parquet, core.interactions.parquet, ... rows per core table (empty ones left out)
        _manifest.json                                         written last: the set is finished

A shard's files are one set per extractor version; the loader refuses a set written by another
version (a worker running other code, or a store left from before an extractor change).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from typing import Any

import polars as pl

MANIFEST = "_manifest.json"
INPUTS = "inputs.parquet"
DOCUMENTS = "documents.parquet"
INPUT_COLUMNS = ("doc_id", "text", "published_date", "outlet", "published_date_source", "dateline")


class ResultsVersionMismatch(RuntimeError):
    """A shard's files were written by another extractor version than the loader's."""


class ResultsNotFinished(RuntimeError):
    """A shard has no finished set of files (no manifest): its step did not complete."""


def filesystem(url: str):
    """(fsspec filesystem, path) of a results store URL or local path."""
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    return fs, path.rstrip("/") or "/"


def shard_of(doc_id: str, shards: int) -> int:
    """The shard of a document: its doc_id (hex of a SHA-256) read as a number, modulo the shards."""
    return int(doc_id[:15], 16) % shards if shards > 1 else 0


def shard_name(shard: int, shards: int) -> str:
    return f"shard-{shard:03d}-of-{shards:03d}"


@dataclass(frozen=True)
class ShardLocation:
    """Where one shard of one batch lives in the store."""

    url: str      # the store
    batch: str
    shard: int
    shards: int

    @property
    def fs(self):
        return filesystem(self.url)[0]

    @property
    def path(self) -> str:
        return posixpath.join(filesystem(self.url)[1], self.batch, shard_name(self.shard, self.shards))

    def version_path(self, version: str) -> str:
        return posixpath.join(self.path, f"v-{version}")

    def describe(self) -> str:
        return f"shard {self.shard} of {self.shards} (batch {self.batch}) in {self.url}"


def _write_parquet(fs, path: str, frame: pl.DataFrame) -> None:
    temporary = path + ".tmp"
    with fs.open(temporary, "wb") as handle:
        frame.write_parquet(handle)
    fs.mv(temporary, path)


def _read_parquet(fs, path: str) -> pl.DataFrame:
    with fs.open(path, "rb") as handle:
        return pl.read_parquet(handle)


def write_inputs(location: ShardLocation, items: list[tuple]) -> None:
    """The texts a shard parses: (doc_id, text, published date, outlet, date source, dateline) rows."""
    fs = location.fs
    fs.makedirs(location.path, exist_ok=True)
    frame = pl.DataFrame(
        {column: [item[index] for item in items] for index, column in enumerate(INPUT_COLUMNS)},
        schema={"doc_id": pl.String, "text": pl.String, "published_date": pl.Date, "outlet": pl.String,
                "published_date_source": pl.String, "dateline": pl.String},
    )
    _write_parquet(fs, posixpath.join(location.path, INPUTS), frame)


def read_inputs(location: ShardLocation) -> list[tuple]:
    fs = location.fs
    path = posixpath.join(location.path, INPUTS)
    if not fs.exists(path):
        return []
    frame = _read_parquet(fs, path)
    if "dateline" not in frame.columns:  # inputs written before datelines were passed on
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("dateline"))
    return frame.select(INPUT_COLUMNS).rows()


def remove_inputs(location: ShardLocation) -> None:
    fs = location.fs
    path = posixpath.join(location.path, INPUTS)
    if fs.exists(path):
        fs.rm(path)


def write_results(location: ShardLocation, version: str, documents: list[dict[str, Any]],
                  records: dict[str, list[dict]], parsed_at: str) -> dict[str, Any]:
    """One finished set of a shard's files: `documents` (doc_id, words, error) and rows per core table,
    then the manifest, written last, so a set without one is a shard that did not finish."""
    fs = location.fs
    folder = location.version_path(version)
    if fs.exists(folder):
        fs.rm(folder, recursive=True)  # a set left by an attempt that did not finish
    fs.makedirs(folder, exist_ok=True)
    _write_parquet(fs, posixpath.join(folder, DOCUMENTS), pl.DataFrame(
        documents, schema={"doc_id": pl.String, "words": pl.Int64, "error": pl.String}))
    tables = {}
    for table, rows in records.items():
        if rows:
            _write_parquet(fs, posixpath.join(folder, f"{table}.parquet"),
                           pl.DataFrame(rows, infer_schema_length=None))
            tables[table] = len(rows)
    manifest = {
        "extractor_version": version, "batch": location.batch, "shard": location.shard,
        "shards": location.shards, "documents": len(documents), "tables": tables, "parsed_at": parsed_at,
    }
    with fs.open(posixpath.join(folder, MANIFEST + ".tmp"), "w") as handle:
        json.dump(manifest, handle, indent=1)
    fs.mv(posixpath.join(folder, MANIFEST + ".tmp"), posixpath.join(folder, MANIFEST))
    return manifest


@dataclass
class ShardResults:
    manifest: dict[str, Any]
    documents: pl.DataFrame
    tables: dict[str, pl.DataFrame]


def read_results(location: ShardLocation, version: str) -> ShardResults:
    """The finished set of a shard for `version`; refuses one written by another extractor version."""
    fs = location.fs
    folder = location.version_path(version)
    manifest_path = posixpath.join(folder, MANIFEST)
    if not fs.exists(manifest_path):
        others = sorted(
            posixpath.basename(path.rstrip("/"))[2:]
            for path in (fs.glob(posixpath.join(location.path, "v-*", MANIFEST)) if fs.exists(location.path) else [])
            for path in [posixpath.dirname(path)]
        )
        if others:
            raise ResultsVersionMismatch(
                f"{location.describe()} holds results of extractor version {', '.join(others)}, not of the "
                f"current version {version}: they were parsed by other code, model or reference data and are "
                f"not loaded. Parse the shard again (run the pipeline) or remove {location.path}."
            )
        raise ResultsNotFinished(f"{location.describe()} has no finished results for extractor version {version}")
    with fs.open(manifest_path, "r") as handle:
        manifest = json.load(handle)
    if manifest.get("extractor_version") != version:
        raise ResultsVersionMismatch(
            f"{location.describe()}: its manifest says extractor version {manifest.get('extractor_version')!r}, "
            f"the current version is {version!r}; results of another version are never loaded. Parse the "
            f"shard again (run the pipeline) or remove {folder}."
        )
    documents = _read_parquet(fs, posixpath.join(folder, DOCUMENTS))
    tables = {table: _read_parquet(fs, posixpath.join(folder, f"{table}.parquet")) for table in manifest["tables"]}
    return ShardResults(manifest, documents, tables)
