"""Turns every `sql/<schema>/<name>.sql` file into one Dagster asset that builds `<schema>.<name>`.

A model file is a header comment block followed by one SELECT statement:

    -- What the model is, in prose (becomes the asset and table description).
    -- @unique: dyad, month          (no two rows share these columns)
    -- @not_null: dyad, month        (none of these columns is NULL)
    -- @sources: doc_ids             (every row names live source documents)
    -- dyad: the country pair, e.g. 'IND-KAZ'      (one line per output column)
    --     continuation lines are indented further
    select ...

The rules a header declares make up the asset's one `integrity` check. The loading and running
halves are plain Python + DuckDB so they can be tested without Dagster; only `build_sql_model_assets`
touches Dagster.
"""

import hashlib
import json
import re
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

from pipeline.metadata import markdown_rows
from pipeline.settings import setting
from pipeline.warehouse import record_state, recorded_state, state_fingerprint

EXCLUDED_DIRS = frozenset({"examples"})
WAREHOUSE_SCHEMAS = ("raw", "core", "ref", "staging", "marts")
WAREHOUSE_POOL = "warehouse"
PREVIEW_ROWS = 10
EXAMPLE_ROWS = 3  # rows named in the log when a model breaks one of its rules

_DIRECTIVE = re.compile(r"^@(?P<name>[a-z_]+)\s*:\s*(?P<args>.*)$")
_COLUMN = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)\s*:\s*(?P<text>.*)$")
_QUALIFIED_TABLE = re.compile(
    r"\b(?:from|join)\s+\"?(" + "|".join(WAREHOUSE_SCHEMAS) + r")\"?\s*\.\s*\"?([a-z_][a-z0-9_]*)\"?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TableRef:
    schema: str
    name: str

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True)
class ModelHeader:
    description: str
    columns: dict[str, str]
    unique: tuple[tuple[str, ...], ...] = ()
    not_null: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class SqlModel:
    name: str
    schema: str
    path: Path
    sql: str                      # the whole file, header included (what code_version hashes)
    deps: tuple[TableRef, ...]
    columns: dict[str, str]
    description: str
    code_version: str
    unique: tuple[tuple[str, ...], ...] = ()
    not_null: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def select_sql(self) -> str:
        """The statement without the header and trailing semicolon, ready to wrap in CREATE TABLE AS."""
        return strip_header(self.sql).strip().rstrip(";").strip()


@dataclass(frozen=True)
class ModelRun:
    row_count: int
    columns: list[tuple[str, str]]          # (name, DuckDB type)
    preview: list[tuple[Any, ...]]


@dataclass(frozen=True)
class CheckOutcome:
    name: str
    passed: bool
    description: str
    metadata: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Loading


def load_sql_models(sql_dir: Path) -> list[SqlModel]:
    """Every model under `sql_dir` (recursively, `examples/` excluded), ordered by schema and name."""
    sql_dir = Path(sql_dir)
    paths = [
        path
        for path in sorted(sql_dir.rglob("*.sql"))
        if not EXCLUDED_DIRS.intersection(path.relative_to(sql_dir).parts[:-1])
    ]
    return [load_sql_model(path) for path in paths]


def load_sql_model(path: Path) -> SqlModel:
    sql = path.read_text(encoding="utf-8")
    header = parse_header(sql)
    return SqlModel(
        name=path.stem,
        schema=path.parent.name,
        path=path,
        sql=sql,
        deps=tuple(sorted(parse_table_refs(strip_header(sql)), key=lambda ref: ref.qualified)),
        columns=header.columns,
        description=header.description,
        code_version=code_version(sql),
        unique=header.unique,
        not_null=header.not_null,
        sources=header.sources,
    )


def order_models(models: list[SqlModel]) -> list[SqlModel]:
    """Models sorted so that every model comes after the models it reads (outside Dagster)."""
    by_name = {model.qualified_name: model for model in models}
    ordered: list[SqlModel] = []
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(model: SqlModel) -> None:
        if model.qualified_name in done:
            return
        if model.qualified_name in visiting:
            raise ValueError(f"SQL models form a cycle through {model.qualified_name}")
        visiting.add(model.qualified_name)
        for ref in model.deps:
            if ref.qualified in by_name:
                visit(by_name[ref.qualified])
        visiting.discard(model.qualified_name)
        done.add(model.qualified_name)
        ordered.append(model)

    for model in models:
        visit(model)
    return ordered


def code_version(sql: str) -> str:
    return hashlib.sha256(sql.encode("utf-8")).hexdigest()[:16]


def header_lines(sql: str) -> list[str]:
    """The leading `--` comment lines (blank lines allowed between them), without the `--`."""
    lines: list[str] = []
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("--"):
            break
        lines.append(stripped[2:])
    return lines


def strip_header(sql: str) -> str:
    lines = sql.splitlines()
    index = 0
    while index < len(lines) and (not lines[index].strip() or lines[index].strip().startswith("--")):
        index += 1
    return "\n".join(lines[index:])


def parse_header(sql: str) -> ModelHeader:
    description: list[str] = []
    columns: dict[str, str] = {}
    unique: list[tuple[str, ...]] = []
    not_null: list[str] = []
    sources: list[str] = []
    last_column: str | None = None
    for raw in header_lines(sql):
        # A continuation line is indented deeper than the one-space column lines.
        is_continuation = raw.startswith("   ") and raw.strip() != ""
        line = raw.strip()
        if not line:
            last_column = None
            continue
        if is_continuation and last_column is not None:
            columns[last_column] = f"{columns[last_column]} {line}"
            continue
        directive = _DIRECTIVE.match(line)
        if directive:
            names = tuple(part.strip() for part in directive["args"].split(",") if part.strip())
            kind = directive["name"]
            if kind == "unique":
                unique.append(names)
            elif kind == "not_null":
                not_null.extend(names)
            elif kind == "sources":
                sources.extend(names)
            else:
                raise ValueError(f"unknown header directive @{kind}")
            last_column = None
            continue
        column = _COLUMN.match(line)
        if column:
            columns[column["name"]] = column["text"].strip()
            last_column = column["name"]
            continue
        description.append(line)
        last_column = None
    return ModelHeader(
        description=" ".join(description).strip(),
        columns=columns,
        unique=tuple(unique),
        not_null=tuple(dict.fromkeys(not_null)),
        sources=tuple(dict.fromkeys(sources)),
    )


# ---------------------------------------------------------------------------------------------
# Dependency parsing


@lru_cache(maxsize=1)
def _parser_connection() -> duckdb.DuckDBPyConnection:
    """One in-memory database for parsing every model: opening one per model cost ~13 ms each."""
    return duckdb.connect()


def parse_table_refs(select_sql: str) -> set[TableRef]:
    """Warehouse tables a statement reads, found with DuckDB's own parser.

    `json_serialize_sql` only parses (no binding), so it works before any table exists; CTE names are
    dropped because they appear as unqualified base tables. `duckdb.get_table_names` is not used: it
    binds the statement and fails on valid SQL (e.g. UNNEST in a lateral join) when tables are absent.
    """
    try:
        serialized = _parser_connection().execute("select json_serialize_sql(?)", [select_sql]).fetchone()[0]
        tree = json.loads(serialized)
    except (duckdb.Error, json.JSONDecodeError):
        return _regex_table_refs(select_sql)
    if tree.get("error"):
        return _regex_table_refs(select_sql)
    cte_names: set[str] = set()
    tables: set[tuple[str, str]] = set()
    _walk_tree(tree, cte_names, tables)
    # An unqualified name that is not a CTE would silently read the default schema: report it as
    # `main.<name>` so layering tests catch it.
    return {
        TableRef((schema or "main").lower(), name.lower())
        for schema, name in tables
        if schema or name not in cte_names
    }


def _walk_tree(node: Any, cte_names: set[str], tables: set[tuple[str, str]]) -> None:
    if isinstance(node, dict):
        if node.get("type") == "BASE_TABLE" and "table_name" in node:
            tables.add((node.get("schema_name") or "", node["table_name"]))
        cte_map = node.get("cte_map")
        if isinstance(cte_map, dict):
            cte_names.update(entry.get("key", "") for entry in cte_map.get("map", []))
        for value in node.values():
            _walk_tree(value, cte_names, tables)
    elif isinstance(node, list):
        for value in node:
            _walk_tree(value, cte_names, tables)


def _regex_table_refs(select_sql: str) -> set[TableRef]:
    without_comments = re.sub(r"--[^\n]*", "", select_sql)
    return {TableRef(s.lower(), n.lower()) for s, n in _QUALIFIED_TABLE.findall(without_comments)}


# ---------------------------------------------------------------------------------------------
# Running (plain DuckDB)


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def run_sql_model(conn: duckdb.DuckDBPyConnection, model: SqlModel) -> ModelRun:
    """Rebuild the model's table atomically, document it, and describe the result."""
    target = f"{_quote_identifier(model.schema)}.{_quote_identifier(model.name)}"
    conn.execute(f"create schema if not exists {_quote_identifier(model.schema)}")
    conn.execute("begin transaction")
    try:
        conn.execute(f"create or replace table {target} as\n{model.select_sql}")
        if model.description:
            conn.execute(f"comment on table {target} is {_quote_literal(model.description)}")
        produced = {name for name, _ in _table_columns(conn, model)}
        for column, text in model.columns.items():
            if column in produced:
                conn.execute(
                    f"comment on column {target}.{_quote_identifier(column)} is {_quote_literal(text)}"
                )
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise
    row_count = conn.execute(f"select count(*) from {target}").fetchone()[0]
    preview = conn.execute(f"select * from {target} limit {PREVIEW_ROWS}").fetchall()
    return ModelRun(row_count=row_count, columns=_table_columns(conn, model), preview=preview)


def _table_columns(conn: duckdb.DuckDBPyConnection, model: SqlModel) -> list[tuple[str, str]]:
    return [
        (name, data_type)
        for name, data_type in conn.execute(
            "select column_name, data_type from duckdb_columns() "
            "where schema_name = ? and table_name = ? order by column_index",
            [model.schema, model.name],
        ).fetchall()
    ]


def undocumented_columns(model: SqlModel, produced: list[str]) -> tuple[list[str], list[str]]:
    """(output columns without a header line, header lines naming no output column)."""
    missing = [name for name in produced if name not in model.columns]
    stale = [name for name in model.columns if name not in produced]
    return missing, stale


INTEGRITY_CHECK = "integrity"


def integrity_rules(model: SqlModel) -> list[str]:
    """The rules the header declares (@unique, @not_null, @sources), in words."""
    rules = [f"no two rows share ({', '.join(cols)})" for cols in model.unique]
    if model.not_null:
        rules.append(f"{', '.join(model.not_null)} are never NULL")
    rules += [
        f"every row names at least one source document in {column}, each a live (status 'ok') row of "
        "core.documents"
        for column in model.sources
    ]
    return rules


def check_names(model: SqlModel) -> list[tuple[str, str]]:
    """(check name, description) of the model's one check, if its header declares any rule.

    One check holds every rule of a model, with a count per rule in its metadata: a check per rule
    would add three run events each (planned, output, evaluation), a third of a small re-run's time.
    """
    rules = integrity_rules(model)
    return [(INTEGRITY_CHECK, f"{model.qualified_name}: " + "; ".join(rules))] if rules else []


def evaluate_checks(conn: duckdb.DuckDBPyConnection, model: SqlModel) -> list[CheckOutcome]:
    """The outcome of the model's check: passed only if every rule holds; counts per rule."""
    checks = check_names(model)
    if not checks:
        return []
    target = f"{_quote_identifier(model.schema)}.{_quote_identifier(model.name)}"
    metadata: dict[str, Any] = {}
    failed: list[str] = []
    violating = 0
    examples: list[str] = []
    for cols in model.unique:
        key = ", ".join(_quote_identifier(c) for c in cols)
        duplicates = conn.execute(
            f"select count(*) from (select {key} from {target} group by all having count(*) > 1)"
        ).fetchone()[0]
        metadata[f"duplicate_keys_{'_'.join(cols)}"] = duplicates
        if duplicates:
            failed.append(f"unique ({', '.join(cols)})")
            violating += duplicates
            examples += _examples(conn, model, target, f"({key}) in (select ({key}) from {target} "
                                                       "group by all having count(*) > 1)")
    if model.not_null:
        counts = ", ".join(f"count(*) filter ({_quote_identifier(c)} is null)" for c in model.not_null)
        nulls = dict(zip(model.not_null, conn.execute(f"select {counts} from {target}").fetchone()))
        metadata["null_rows"] = sum(nulls.values())
        metadata.update({f"null_rows_{column}": n for column, n in nulls.items()})
        for column, n in nulls.items():
            if n:
                failed.append(f"not null ({column})")
                violating += n
                examples += _examples(conn, model, target, f"{_quote_identifier(column)} is null")
    for column in model.sources:
        untraced, unknown = _source_violations(conn, model, target, column)
        metadata[f"rows_without_sources_{column}"] = untraced
        metadata[f"unknown_or_dead_doc_ids_{column}"] = unknown
        if untraced or unknown:
            failed.append(f"sources ({column})")
            violating += untraced + unknown
    metadata["violating_rows"] = violating
    metadata["examples"] = "; ".join(examples[:EXAMPLE_ROWS]) or "none"
    metadata["failed_rules"] = ", ".join(failed) or "none"
    [(name, description)] = checks
    return [CheckOutcome(name, not failed, description, metadata)]


def describe_failure(model: SqlModel, outcome: CheckOutcome) -> str:
    return (f"{model.qualified_name} {outcome.name}: {outcome.metadata.get('failed_rules')} "
            f"({outcome.metadata.get('violating_rows', '?')} rows; e.g. {outcome.metadata.get('examples')})")


def _examples(conn: duckdb.DuckDBPyConnection, model: SqlModel, target: str, condition: str) -> list[str]:
    """A few rows that break a rule, shown by their first columns (the model's key comes first)."""
    shown = [name for name, _ in _table_columns(conn, model)][:2]
    columns = ", ".join(_quote_identifier(c) for c in shown)
    rows = conn.execute(f"select {columns} from {target} where {condition} limit {EXAMPLE_ROWS}").fetchall()
    return [", ".join(f"{name}={value!r}" for name, value in zip(shown, row)) for row in rows]


def _source_violations(
    conn: duckdb.DuckDBPyConnection, model: SqlModel, target: str, column: str
) -> tuple[int, int]:
    column_type = dict(_table_columns(conn, model)).get(column, "")
    quoted = _quote_identifier(column)
    # Scalar doc_id columns are treated as one-element lists so both shapes share one query.
    as_list = quoted if column_type.endswith("[]") else f"list_value({quoted})"
    untraced = conn.execute(
        f"select count(*) from {target} where coalesce(len(list_filter({as_list}, lambda x: x is not null)), 0) = 0"
    ).fetchone()[0]
    unknown = conn.execute(
        f"""
        with cited as (select distinct unnest({as_list}) as doc_id from {target})
        select count(*) from cited
        where doc_id is not null
          and doc_id not in (select doc_id from core.documents where status = 'ok')
        """
    ).fetchone()[0]
    return untraced, unknown


# ---------------------------------------------------------------------------------------------
# Dagster edge


def markdown_preview(columns: list[tuple[str, str]], rows: list[tuple[Any, ...]]) -> str:
    return markdown_rows([name for name, _ in columns], rows)


def asset_key(model: SqlModel) -> dg.AssetKey:
    return dg.AssetKey([model.schema, model.name])


def _materialize_metadata(model: SqlModel, run: ModelRun) -> dict[str, Any]:
    schema = dg.TableSchema(
        columns=[
            dg.TableColumn(name=name, type=data_type, description=model.columns.get(name))
            for name, data_type in run.columns
        ]
    )
    return {
        "dagster/row_count": dg.MetadataValue.int(run.row_count),
        "dagster/column_schema": schema,
        "dagster/table_name": dg.MetadataValue.text(model.qualified_name),
        "preview": dg.MetadataValue.md(markdown_preview(run.columns, run.preview)),
        "path": dg.MetadataValue.path(str(model.path)),
    }


def _check_results(model: SqlModel, outcomes, selected: set[dg.AssetCheckKey]) -> list[dg.AssetCheckResult]:
    key = asset_key(model)
    return [
        dg.AssetCheckResult(
            asset_key=key,
            check_name=outcome.name,
            passed=outcome.passed,
            metadata=outcome.metadata,
            severity=dg.AssetCheckSeverity.ERROR,
        )
        for outcome in outcomes
        if dg.AssetCheckKey(key, outcome.name) in selected
    ]


# The fingerprint of what the models were built from, and of what the published copy holds.
PENDING_STATE = "sql_models_built"
PUBLISHED_STATE = "published"


def build_sql_models_asset(models: list[SqlModel]) -> dg.AssetsDefinition:
    """Every model is its own asset (key, group, deps, code version, checks), all run by one op.

    One step per model would spend more on Dagster's per-step bookkeeping than on DuckDB: a run with
    nothing new would be dominated by it. The op builds the selected models in dependency order.
    """
    ordered = order_models(models)
    specs = [
        dg.AssetSpec(
            asset_key(model),
            deps=[dg.AssetKey([ref.schema, ref.name]) for ref in model.deps],
            group_name=model.schema,
            kinds={"duckdb", "sql"},
            code_version=model.code_version,
            description=model.description or None,
            metadata={"sql_path": str(model.path)},
            skippable=True,
        )
        for model in ordered
    ]
    check_specs = [
        dg.AssetCheckSpec(name=name, asset=asset_key(model), description=description, blocking=True)
        for model in ordered
        for name, description in check_names(model)
    ]

    @dg.multi_asset(
        name="sql_models",
        specs=specs,
        check_specs=check_specs or None,
        can_subset=True,
        required_resource_keys={"warehouse"},
        # DuckDB allows one writing process per file; the pool serialises every warehouse writer.
        pool=WAREHOUSE_POOL,
    )
    def _sql_models(context: dg.AssetExecutionContext):
        selected = set(context.selected_asset_keys)
        selected_checks = set(context.selected_asset_check_keys)
        whole_graph = len(selected) == len(ordered)
        with _connection(context) as conn:
            # The published copy's storage format is part of what a skipped build would leave as it is.
            fingerprint = state_fingerprint(
                conn, *(model.code_version for model in ordered), setting("PIPELINE_PUBLISHED_STORAGE_VERSION")
            )
            published = getattr(context.resources.warehouse, "published_path", None)
            if (
                whole_graph
                and published is not None
                and (published / "warehouse.duckdb").exists()
                and recorded_state(conn, PUBLISHED_STATE) == fingerprint
            ):
                context.log.info("inputs and SQL unchanged since the last published build: no model rebuilt")
                return
            record_state(conn, PENDING_STATE, fingerprint if whole_graph else None)
            failures: list[str] = []
            for model in ordered:
                if asset_key(model) not in selected:
                    continue
                run = run_sql_model(conn, model)
                outcomes = evaluate_checks(conn, model)
                context.log.info(f"built {model.qualified_name}: {run.row_count} rows")
                for outcome in outcomes:
                    if not outcome.passed:
                        failures.append(describe_failure(model, outcome))
                        context.log.error(failures[-1])
                yield dg.MaterializeResult(asset_key=asset_key(model), metadata=_materialize_metadata(model, run))
                yield from _check_results(model, outcomes, selected_checks)
        if failures:
            # Blocking: the step fails, so the published copy and the report keep the last good build.
            raise dg.Failure(
                description="integrity checks failed, nothing was published:\n" + "\n".join(failures),
                allow_retries=False,
            )

    return _sql_models


def _connection(context: dg.AssetExecutionContext) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
    # Only `get_connection()` is required of the resource, so tests can pass a small stand-in.
    return context.resources.warehouse.get_connection()


def build_sql_model_assets(sql_dir: Path) -> list[dg.AssetsDefinition]:
    """One asset (with its declared checks) per model file under `sql_dir`, executed by one op."""
    models = load_sql_models(sql_dir)
    return [build_sql_models_asset(models)] if models else []
