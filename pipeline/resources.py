"""Dagster resources: the DuckDB warehouse, the inbox folder and the spaCy pipeline."""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from pipeline.settings import resolve_path
from pipeline.warehouse import ensure_schema


class WarehouseResource(DuckDBResource):
    """The live DuckDB file. Only the pipeline writes it; readers use the published copy."""

    published_dir: str = "data/published"

    @property
    def path(self) -> Path:
        return resolve_path(self.database)

    @property
    def published_path(self) -> Path:
        return resolve_path(self.published_dir)

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = duckdb.connect(str(self.path), config={"custom_user_agent": "relations-pipeline"})
        try:
            ensure_schema(conn)
            yield conn
        finally:
            conn.close()


class InboxResource(dg.ConfigurableResource):
    """The folder where raw articles land."""

    path: str
    max_file_bytes: int = 5 * 1024 * 1024

    @property
    def directory(self) -> Path:
        return resolve_path(self.path)


class NlpResource(dg.ConfigurableResource):
    """The spaCy pipeline, built once per process and shared by every batch."""

    model_name: str
    batch_size: int = 64
    n_process: int = 1

    def load(self):
        from pipeline.reference import load_reference

        return _build_nlp(self.model_name, load_reference().fingerprint())

    def extractor_version(self) -> str:
        from pipeline.nlp.version import extractor_version

        return extractor_version(self.model_name)


@lru_cache(maxsize=2)
def _build_nlp(model_name: str, reference_fingerprint: str):
    from pipeline.nlp.extract import prepare_extractors
    from pipeline.nlp.model import build_nlp
    from pipeline.reference import load_reference

    nlp = build_nlp(model_name, load_reference())
    prepare_extractors(nlp, load_reference())
    return nlp
