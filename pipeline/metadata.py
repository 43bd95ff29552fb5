"""Small helpers that turn query results into Dagster metadata."""

from __future__ import annotations

import polars as pl


def markdown_table(frame: pl.DataFrame, limit: int = 20) -> str:
    if frame.height == 0:
        return "(empty)"
    frame = frame.head(limit)
    header = "| " + " | ".join(frame.columns) + " |\n| " + " | ".join("---" for _ in frame.columns) + " |"
    rows = [
        "| " + " | ".join("" if value is None else str(value).replace("|", "\\|") for value in row) + " |"
        for row in frame.iter_rows()
    ]
    return "\n".join([header, *rows])
