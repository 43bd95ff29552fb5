"""The data dictionary: every public table of a warehouse with its columns, types and descriptions.

It is rendered from the comments stored in the warehouse itself (pipeline/catalog.py for the tables the
Python assets write, the SQL headers for the models), so the document cannot drift from the tables
without `--check` noticing:

    python -m pipeline.data_dictionary [--warehouse PATH] [--out docs/data-dictionary.md] [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.settings import REPO_ROOT, published_dir

SCHEMA_ORDER = ("raw", "core", "ref", "staging", "marts")
DEFAULT_OUT = REPO_ROOT / "docs" / "data-dictionary.md"

SCHEMA_INTROS = {
    "raw": "What was read from the inbox.",
    "core": "What was extracted from each article (one row set per document).",
    "ref": "Reference tables analysts may edit in SQL (kept until the reference files change).",
    "staging": "SQL models that clean and key the core tables for the marts (in the published copy, "
    "not exported to Parquet).",
    "marts": "SQL models with the metrics: per country pair and month, per person, per figure.",
}


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    data_type: str
    description: str


@dataclass(frozen=True)
class TableDocEntry:
    qualified_name: str
    description: str
    columns: tuple[ColumnDoc, ...]

    @property
    def schema(self) -> str:
        return self.qualified_name.split(".", 1)[0]


def documented_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """The public tables of the published copy plus the staging models, in schema order then by name.

    The staging models are in the published copy too (readers may join them), so they are documented.
    """
    # Imported here: the public list is owned by the publish asset, and importing it pulls in Dagster.
    from assets.publish import public_tables

    staging = [
        row[0]
        for row in conn.execute(
            "select schema_name || '.' || table_name from duckdb_tables() "
            "where database_name = current_database() and schema_name = 'staging'"
        ).fetchall()
    ]
    return sorted(set(public_tables(conn)) | set(staging), key=_schema_sort_key)


def _schema_sort_key(table: str) -> tuple[int, str]:
    schema, name = table.split(".", 1)
    rank = SCHEMA_ORDER.index(schema) if schema in SCHEMA_ORDER else len(SCHEMA_ORDER)
    return rank, name


def read_table_docs(conn: duckdb.DuckDBPyConnection, tables: list[str]) -> list[TableDocEntry]:
    entries: list[TableDocEntry] = []
    for table in tables:
        schema, name = table.split(".", 1)
        rows = conn.execute(
            "select comment from duckdb_tables() where database_name = current_database() "
            "and schema_name = ? and table_name = ?",
            [schema, name],
        ).fetchall()
        columns = conn.execute(
            "select column_name, data_type, comment from duckdb_columns() "
            "where database_name = current_database() and schema_name = ? and table_name = ? "
            "order by column_index",
            [schema, name],
        ).fetchall()
        entries.append(
            TableDocEntry(
                qualified_name=table,
                description=(rows[0][0] or "") if rows else "",
                columns=tuple(ColumnDoc(c, t, d or "") for c, t, d in columns),
            )
        )
    return entries


def missing_comments(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Every documented table or `table.column` without a non-empty comment."""
    missing: list[str] = []
    for entry in read_table_docs(conn, documented_tables(conn)):
        if not entry.description.strip():
            missing.append(entry.qualified_name)
        missing += [
            f"{entry.qualified_name}.{column.name}" for column in entry.columns if not column.description.strip()
        ]
    return missing


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _anchor(qualified_name: str) -> str:
    # GitHub's heading slug: lower case, punctuation other than '-' and '_' dropped.
    return qualified_name.lower().replace(".", "")


def _first_sentence(text: str) -> str:
    # An ellipsis ("head of state ... non-state") does not end a sentence.
    match = re.search(r"(?<!\.)\.\s", text)
    return text[: match.start() + 1] if match else text


def render_table(entry: TableDocEntry) -> str:
    lines = [f"### {entry.qualified_name}", ""]
    if entry.description:
        lines += [entry.description, ""]
    lines += ["| column | type | description |", "| --- | --- | --- |"]
    lines += [
        f"| `{column.name}` | `{_cell(column.data_type)}` | {_cell(column.description)} |"
        for column in entry.columns
    ]
    return "\n".join(lines)


def render_data_dictionary(conn: duckdb.DuckDBPyConnection) -> str:
    """Markdown with one section per documented table; deterministic (no dates, stable order)."""
    entries = read_table_docs(conn, documented_tables(conn))
    parts = [
        "# Data dictionary",
        "",
        "Generated from the comments stored in the warehouse by `python -m pipeline.data_dictionary` "
        "(`make docs`); do not edit by hand. Query the published copy "
        "(`data/published/warehouse.duckdb`, see `docs/dashboards.md`), where the same descriptions are "
        "in `duckdb_tables()` and `duckdb_columns()`. Descriptions starting with \"Internal\" are "
        "pipeline bookkeeping, not for analysis.",
        "",
        "| table | description |",
        "| --- | --- |",
    ]
    parts += [
        f"| [{e.qualified_name}](#{_anchor(e.qualified_name)}) | {_cell(_first_sentence(e.description))} |"
        for e in entries
    ]
    current_schema = None
    for entry in entries:
        if entry.schema != current_schema:
            current_schema = entry.schema
            parts += ["", f"## {current_schema}"]
            if current_schema in SCHEMA_INTROS:
                parts += ["", SCHEMA_INTROS[current_schema]]
        parts += ["", render_table(entry)]
    return "\n".join(parts).rstrip() + "\n"


def default_warehouse() -> Path:
    return published_dir() / "warehouse.duckdb"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.data_dictionary", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--warehouse", type=Path, default=None,
                        help="DuckDB file to read (default: the published copy)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown file to write")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when --out differs from what would be generated")
    args = parser.parse_args(argv)
    warehouse = args.warehouse or default_warehouse()
    if not warehouse.exists():
        print(f"no warehouse at {warehouse}: run `make run` first", file=sys.stderr)
        return 2
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        rendered = render_data_dictionary(conn)
    current = args.out.read_text(encoding="utf-8") if args.out.exists() else None
    if args.check:
        if current != rendered:
            print(f"{args.out} is stale: run `make docs`", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(rendered, encoding="utf-8")
    print(f"wrote {args.out} from {warehouse}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
