"""The relationship report: one self-contained HTML page written beside the published warehouse.

It reads the published copy (read-only), never the live file, so it never holds the writer's lock;
the pair comes from PIPELINE_REPORT_PAIR (e.g. "AZE-CHN"), by default the pair with the most
interactions.
"""

import os
from typing import TYPE_CHECKING
from pathlib import Path

import dagster as dg
import duckdb

from pipeline.resources import WarehouseResource

if TYPE_CHECKING:
    from pipeline.report import PairReport

PAIR_VARIABLE = "PIPELINE_REPORT_PAIR"
MART_NAMES = (
    "dyad_summary", "dyad_monthly", "entity_cooccurrence", "topic_trends", "actor_profiles", "economic_figures",
    "relationship_milestones", "directed_events_monthly",
)


def write_atomically(path: Path, text: str) -> None:
    # A reader with the old page open (or a browser reloading it) never sees half a file.
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_text(text, encoding="utf-8")
    os.replace(staging, path)


def build_report(published_dir: Path, requested_pair: str | None) -> tuple[Path, str, "PairReport"]:
    """Render the report from <published_dir>/warehouse.duckdb; returns the page, its summary and data."""
    # Plotly is imported by the step that draws, not by every process that loads the definitions.
    from pipeline.report import load_report, render_report
    from pipeline.report.html import markdown_summary

    with duckdb.connect(str(published_dir / "warehouse.duckdb"), read_only=True) as conn:
        report = load_report(conn, requested_pair)
    target = published_dir / "report.html"
    write_atomically(target, render_report(report))
    return target, markdown_summary(report), report


@dg.asset(
    key=["published", "report"],
    deps=[*(dg.AssetKey(["marts", name]) for name in MART_NAMES), dg.AssetKey(["published", "warehouse"])],
    description="Relationship report (data/published/report.html): one offline HTML page about a pair of "
    "countries (PIPELINE_REPORT_PAIR, default the pair with the most interactions) with its timeline, "
    "milestones, topics, network of people who met, figures and the evidence sentences behind every number.",
    kinds={"html", "plotly"},
    group_name="publish",
    code_version="report-v2",
)
def relationship_report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    path, summary, report = build_report(warehouse.published_path, os.environ.get(PAIR_VARIABLE))
    context.log.info(f"report for {report.dyad or 'no pair'} written to {path}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "pair": report.dyad,
            "interactions": report.interaction_count,
            "articles": report.articles,
            "intensity": report.intensity,
            "preview": dg.MetadataValue.md(summary),
        }
    )
