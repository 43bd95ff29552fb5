"""Small helpers that turn query results into Dagster metadata."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

PREVIEW_CELL_CHARS = 80


def markdown_rows(names: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A Markdown table; cells are escaped and cut so a long sentence does not swamp the preview."""

    def cell(value: Any) -> str:
        text = "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")
        return text if len(text) <= PREVIEW_CELL_CHARS else text[: PREVIEW_CELL_CHARS - 1] + "…"

    lines = ["| " + " | ".join(names) + " |", "| " + " | ".join("---" for _ in names) + " |"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown_table(frame: pl.DataFrame, limit: int = 20) -> str:
    if frame.height == 0:
        return "(empty)"
    return markdown_rows(frame.columns, frame.head(limit).iter_rows())


def source_fingerprint(folder: Path) -> str:
    """Hash of the Python sources of a folder and its sub-packages: changes exactly when its code does.
    Files are named by their path inside the folder (for a flat folder: their name)."""
    digest = hashlib.sha256()
    for source in sorted(folder.rglob("*.py")):
        digest.update(source.relative_to(folder).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()
