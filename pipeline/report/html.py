"""Assembles the relationship report: one HTML file that works offline, opened straight from disk.

The plotly.js bundle is inlined once in <head>; each figure is a div plus a small script. Every
text that comes from the data goes through html.escape. Tables link each number to its evidence
(#evidence-<id>) and each evidence item to its source document (#doc-<doc_id>).
"""

from __future__ import annotations

import html
from datetime import date, datetime, timezone
from typing import Iterable

import plotly.graph_objects as go
import plotly.offline
import polars as pl

from pipeline.report import figures
from pipeline.report.queries import PairReport

CHART_IDS = ("chart-timeline", "chart-quad", "chart-topics", "chart-network")

# Recorded before anything else runs, so errors of the plotly bundle or a chart are caught too; the
# hidden <pre> lets a headless browser's DOM dump expose them.
CONSOLE_CAPTURE = """<script>
(function () {
  var errors = [];
  function show() {
    var box = document.getElementById("console-errors");
    if (box) { box.textContent = errors.join("\\n"); }
  }
  function record(message) { errors.push(String(message)); show(); }
  window.addEventListener("error", function (event) {
    record("error: " + (event.message || event.type) + (event.filename ? " (" + event.filename + ":" + event.lineno + ")" : ""));
  });
  window.addEventListener("unhandledrejection", function (event) { record("unhandled rejection: " + event.reason); });
  var originalError = console.error;
  console.error = function () {
    record(Array.prototype.map.call(arguments, String).join(" "));
    return originalError.apply(console, arguments);
  };
  document.addEventListener("DOMContentLoaded", show);
})();
</script>"""

STYLE = """<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0 auto;
       max-width: 1280px; padding: 1rem 2rem 4rem; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
.subtitle { color: #666; margin-top: 0; }
dl.kpis { display: flex; flex-wrap: wrap; gap: 1rem; }
dl.kpis div { border: 1px solid #ddd; border-radius: 6px; padding: 0.6rem 1rem; min-width: 9rem; }
dl.kpis dt { color: #666; font-size: 0.85rem; } dl.kpis dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.5rem 0 1rem; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f6f6f6; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.selected { background: #fff7d6; }
.sentence { color: #333; font-style: italic; }
.muted { color: #777; font-size: 0.85rem; }
ol.evidence li { margin-bottom: 0.6rem; } ol.evidence li:target, tr:target { background: #fff3b0; }
.chart { width: 100%; }
</style>"""


def esc(value: object) -> str:
    """Escaped text of a value from the data; missing values become an em dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, (date, datetime)):
        return html.escape(value.isoformat())
    return html.escape(str(value))


def month_label(value: date | None) -> str:
    return value.strftime("%Y-%m") if value else "—"


def format_intensity(value: float | None) -> str:
    return f"{(value or 0.0):.2f}"


def format_goldstein(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def format_share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def format_figure_value(value: float | None, unit: str | None) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value:g} %"
    number = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return f"{number} {unit or ''}".strip()


def doc_links(doc_ids: Iterable[str] | None) -> str:
    return ", ".join(f'<a href="#doc-{esc(doc_id)}">{esc(doc_id)}</a>' for doc_id in (doc_ids or [])) or "—"


def evidence_link(evidence_id: str, label: str = "evidence") -> str:
    return f'<a href="#evidence-{esc(evidence_id)}">{esc(label)}</a>'


def figure_div(figure: go.Figure, div_id: str) -> str:
    return figure.to_html(
        full_html=False, include_plotlyjs=False, div_id=div_id,
        config={"displaylogo": False, "responsive": True},
    )


def _table(headers: list[str], rows: list[str], table_id: str) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "\n".join(rows) if rows else f'<tr><td colspan="{len(headers)}" class="muted">none</td></tr>'
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'


def key_numbers(report: PairReport) -> str:
    items = [
        ("kpi-articles", "articles", report.articles, str(report.articles)),
        ("kpi-undated-articles", "of them undated", report.undated_articles, str(report.undated_articles)),
        ("kpi-interactions", "interactions", report.interaction_count, str(report.interaction_count)),
        ("kpi-undated-interactions", "of them undated", report.undated_interactions,
         str(report.undated_interactions)),
        ("kpi-intensity", "intensity (seniority-weighted)", report.intensity, format_intensity(report.intensity)),
        ("kpi-goldstein-mean", "mean Goldstein weight", report.summary.get("goldstein_mean"),
         format_goldstein(report.summary.get("goldstein_mean"))),
        ("kpi-cooperation-share", "cooperative events", report.summary.get("cooperation_share"),
         format_share(report.summary.get("cooperation_share"))),
        ("kpi-milestones", "milestones", report.milestones.height, str(report.milestones.height)),
        ("kpi-figures", "money and percent figures", report.figures.height, str(report.figures.height)),
    ]
    cells = "".join(
        f'<div><dt>{esc(label)}</dt><dd id="{element_id}" data-value="{esc(value)}">{esc(shown)}</dd></div>'
        for element_id, label, value, shown in items
    )
    return f'<dl class="kpis">{cells}</dl>'


def pairs_table(report: PairReport) -> str:
    rows = []
    for row in report.overview.iter_rows(named=True):
        selected = ' class="selected"' if row["dyad"] == report.dyad else ""
        rows.append(
            f'<tr data-dyad="{esc(row["dyad"])}"{selected}><td>{esc(row["dyad"])}</td>'
            f'<td>{esc(row["country_a_name"])} – {esc(row["country_b_name"])}</td>'
            f'<td class="num" data-col="articles">{row["articles"]}</td>'
            f'<td class="num" data-col="interactions">{row["interactions"]}</td>'
            f'<td class="num" data-col="intensity">{format_intensity(row["intensity"])}</td>'
            f'<td>{month_label(row["first_month"])}</td><td>{month_label(row["last_month"])}</td>'
            f'<td class="num" data-col="undated-share">{row["undated_share"]:.0%}</td></tr>'
        )
    return _table(["pair", "countries", "articles", "interactions", "intensity", "first dated month",
                   "last dated month", "undated"], rows, "pairs-table")


def monthly_table(report: PairReport) -> str:
    levels = report.levels.iter_rows(named=True)
    level_columns = [(level["rank"], level["label"]) for level in levels]
    rows = []
    for row in report.monthly.iter_rows(named=True):
        level_cells = "".join(f'<td class="num">{row[rank]}</td>' for rank, _ in level_columns)
        rows.append(
            f'<tr data-month="{month_label(row["month"])}"><td>{month_label(row["month"])}</td>'
            f'<td class="num" data-col="articles">{row["articles"]}</td>'
            f'<td class="num" data-col="interactions">{row["interactions"]}</td>{level_cells}'
            f'<td class="num" data-col="intensity">{format_intensity(row["contact_intensity"])}</td>'
            f'<td>{doc_links(row["doc_ids"])}</td></tr>'
        )
    headers = ["month", "articles", "interactions", *(label for _, label in level_columns), "intensity", "documents"]
    return _table(headers, rows, "monthly-table")


def quad_table(report: PairReport) -> str:
    rows = []
    for row in report.monthly.iter_rows(named=True):
        quad_cells = "".join(f'<td class="num" data-col="{quad}">{row[quad]}</td>' for quad, _, _ in figures.QUAD_CLASSES)
        rows.append(
            f'<tr data-quad-month="{month_label(row["month"])}"><td>{month_label(row["month"])}</td>{quad_cells}'
            f'<td class="num" data-col="goldstein-mean" data-value="{esc(row["goldstein_mean"])}">'
            f'{format_goldstein(row["goldstein_mean"])}</td>'
            f'<td class="num" data-col="cooperation-share">{format_share(row["cooperation_share"])}</td>'
            f'<td>{doc_links(row["doc_ids"])}</td></tr>'
        )
    headers = ["month", *(label.lower() for _, label, _ in figures.QUAD_CLASSES), "mean Goldstein",
               "cooperative", "documents"]
    return _table(headers, rows, "quad-table")


def directed_table(report: PairReport) -> str:
    rows = []
    for row in report.directed.iter_rows(named=True):
        key = f'{row["source_country"]}|{row["target_country"]}|{month_label(row["month"])}|{row["root_code"]}'
        rows.append(
            f'<tr data-directed="{esc(key)}"><td>{month_label(row["month"])}</td>'
            f'<td>{esc(row["source_name"])}</td>'
            f'<td>{esc(row["root_label"])} <span class="muted">({esc(row["root_code"])})</span></td>'
            f'<td>{esc(row["target_name"])}</td><td>{esc((row["quad_class"] or "").replace("_", " ") or None)}</td>'
            f'<td class="num" data-col="events">{row["events"]}</td>'
            f'<td class="num" data-col="goldstein-total">{format_goldstein(row["goldstein_total"])}</td>'
            f'<td class="sentence">{esc(row["sentence"])}</td><td>{doc_links(row["doc_ids"])}</td></tr>'
        )
    return _table(["month", "who", "did what", "to whom", "quad class", "events", "Goldstein total",
                   "example sentence", "documents"], rows, "directed-table")


def milestones_table(report: PairReport) -> str:
    rows = [
        f'<tr id="row-{esc(row["evidence_id"])}"><td>{esc(row["milestone_date"])}'
        f' <span class="muted">{esc(row["date_precision"]) if row["date_precision"] else "undated"}</span></td>'
        f'<td>{esc(row["level"].replace("_", " "))}</td><td>{esc(row["description"])}</td>'
        f'<td class="num">{row["reports"]}</td><td>{esc(row["first_reported"])}</td>'
        f'<td>{evidence_link(row["evidence_id"])}</td></tr>'
        for row in report.milestones.iter_rows(named=True)
    ]
    return _table(["date", "level", "description", "reports", "first reported", "source"], rows, "milestones-table")


def figures_table(report: PairReport) -> str:
    rows = [
        f'<tr id="row-{esc(row["evidence_id"])}"><td>{esc(row["text"])}</td>'
        f'<td class="num">{esc(format_figure_value(row["value"], row["unit"]))}</td>'
        f'<td>{esc(row["kind"])}</td><td>{esc((row["measure"] or "").replace("_", " ") or None)}</td>'
        f'<td>{esc(row["period"])}</td><td>{esc(row["topic"])}</td>'
        f'<td class="sentence">{esc(row["sentence"])}</td><td>{evidence_link(row["evidence_id"])}</td></tr>'
        for row in report.figures.iter_rows(named=True)
    ]
    return _table(["figure", "value", "kind", "measures", "period", "topic", "source sentence", "source"],
                  rows, "figures-table")


def top_topics_list(report: PairReport) -> str:
    items = "".join(f"<li>{esc(topic.replace('_', ' '))}: {count} stories</li>" for topic, count in report.top_topics())
    return f'<ol id="top-topics">{items}</ol>' if items else '<p class="muted">No topics.</p>'


def _source_of(report: PairReport, doc_id: str | None) -> str:
    match = report.documents.filter(pl.col("doc_id") == doc_id)
    path = match["source_path"][0] if match.height else None
    return f'<a href="#doc-{esc(doc_id)}">{esc(path or doc_id)}</a>'


def evidence_item(evidence_id: object, heading: str, details: str, sentence: object, provenance: str) -> str:
    """One entry of the evidence list: what the number is, the sentence behind it, where it was read."""
    return (
        f'<li id="evidence-{esc(evidence_id)}"><strong>{heading}</strong> {details}<br>'
        f'<span class="sentence">“{esc(sentence)}”</span><br>'
        f'<span class="muted">{provenance}</span></li>'
    )


def interaction_evidence(report: PairReport) -> str:
    names = {row["entity_id"]: row["name"] for row in report.participants.iter_rows(named=True)}
    items = []
    for row in report.interactions.iter_rows(named=True):
        people = ", ".join(esc(names.get(entity_id, entity_id)) for entity_id in row["participant_ids"] or [])
        counted = (f"counted in {month_label(row['event_month'])}" if row["counted"]
                   else "not counted (month unknown)")
        recalled = " · recalls an earlier event" if row["is_recalled"] else ""
        items.append(evidence_item(
            row["evidence_id"],
            esc(row["interaction_type"]),
            f'{esc(row["event_date"])} · level {esc((row["level"] or "").replace("_", " ") or None)} · '
            f'{esc(row["place"])} · {people}',
            row["sentence"],
            f'{counted}{recalled} · event {esc(row["event_key"])} · source {_source_of(report, row["doc_id"])}',
        ))
    return "\n".join(items)


def milestone_evidence(report: PairReport) -> str:
    return "\n".join(
        evidence_item(
            row["evidence_id"],
            esc(row["level"].replace("_", " ")),
            f'{esc(row["milestone_date"])} · {esc(row["description"])}',
            row["sentence"],
            f'reported in {doc_links(row["doc_ids"])}',
        )
        for row in report.milestones.iter_rows(named=True)
    )


def figure_evidence(report: PairReport) -> str:
    return "\n".join(
        evidence_item(
            row["evidence_id"],
            esc(row["text"]),
            f'({esc((row["measure"] or "").replace("_", " ") or None)}, {esc(row["period"])})',
            row["sentence"],
            f'source {_source_of(report, row["doc_id"])}; stated in {doc_links(row["doc_ids"])}',
        )
        for row in report.figures.iter_rows(named=True)
    )


def sources_list(report: PairReport) -> str:
    return "\n".join(
        f'<li id="doc-{esc(row["doc_id"])}"><code>{esc(row["source_path"])}</code> · {esc(row["title"])} · '
        f'{esc(row["outlet"])} · published {esc(row["published_date"])} <span class="muted">doc {esc(row["doc_id"])}</span></li>'
        for row in report.documents.iter_rows(named=True)
    )


def charts_section(report: PairReport) -> str:
    timeline = figure_div(figures.timeline_figure(report), CHART_IDS[0])
    quad = figure_div(figures.quad_figure(report), CHART_IDS[1])
    topics = figure_div(figures.topic_figure(report), CHART_IDS[2])
    network = figure_div(figures.network_figure(report), CHART_IDS[3])
    return f"""
<section id="timeline"><h2>Interactions by month</h2>
<p>Distinct interaction events per month of the event, stacked by the level of the most senior
participant; the line is the seniority-weighted intensity (right axis); diamonds mark the milestones.
Hover a bar for the documents behind it.</p>
<div class="chart">{timeline}</div>
{monthly_table(report)}</section>
<section id="cooperation-conflict"><h2>Cooperation and conflict</h2>
<p>Distinct events per month of the event by CAMEO quad class, cooperation above the axis and
conflict below it; the line is the mean Goldstein weight of the month's events (right axis, -10
conflict to +10 cooperation).</p>
<div class="chart">{quad}</div>
{quad_table(report)}</section>
<section id="directed"><h2>Who did what to whom</h2>
<p>Directed acts between the two countries per month and CAMEO root: the acting side, the act, the
side acted upon, distinct events and an example sentence. Events whose report names no side acted
upon, and undated ones, are not listed.</p>
{directed_table(report)}</section>
<section id="milestones"><h2>Milestones</h2>{milestones_table(report)}</section>
<section id="topics"><h2>Topics over time</h2>
<p>Share of the pair's stories published each month that touch each topic.</p>
<div class="chart">{topics}</div>{top_topics_list(report)}</section>
<section id="network"><h2>Who met whom</h2>
<p>People in interactions between the two countries; node colour is the person's country, edge width
the number of distinct meetings.</p>
<div class="chart">{network}</div></section>
<section id="figures"><h2>Money and percent figures</h2>{figures_table(report)}</section>
<section id="evidence"><h2>Evidence</h2>
<h3>Interactions</h3><ol class="evidence" id="evidence-interactions">{interaction_evidence(report)}</ol>
<h3>Milestones</h3><ol class="evidence" id="evidence-milestones">{milestone_evidence(report)}</ol>
<h3>Figures</h3><ol class="evidence" id="evidence-figures">{figure_evidence(report)}</ol>
<h3>Source documents</h3><ol class="evidence" id="sources">{sources_list(report)}</ol></section>"""


def render_report(report: PairReport, generated_at: datetime | None = None) -> str:
    """The complete page as one string (plotly.js inlined once; no external resource)."""
    generated = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    heading = f"{esc(report.title)} ({esc(report.dyad)})" if report.dyad else "No country pair in the warehouse"
    body = charts_section(report) if report.dyad else '<p class="muted">The marts hold no country pair yet.</p>'
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Relationship report: {esc(report.title)}</title>
{CONSOLE_CAPTURE}
{STYLE}
<script>{plotly.offline.get_plotlyjs()}</script>
</head><body data-dyad="{esc(report.dyad)}">
<pre id="console-errors" hidden></pre>
<header><h1>Relationship report: {heading}</h1>
<p class="subtitle">Generated {esc(generated)} from the published warehouse.
Articles are counted by publication month, interactions by event month, each reprint once.</p>
{key_numbers(report)}</header>
<section id="pairs"><h2>All country pairs</h2>{pairs_table(report)}</section>
{body}
</body></html>
"""


def markdown_summary(report: PairReport) -> str:
    """Key numbers for the asset's metadata preview (Markdown; values escaped for Markdown tables)."""
    def cell(text: object) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    lines = [
        f"**{cell(report.title)}** (`{cell(report.dyad) or '—'}`)",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| articles | {report.articles} |",
        f"| interactions | {report.interaction_count} |",
        f"| undated articles / interactions | {report.undated_articles} / {report.undated_interactions} |",
        f"| intensity | {format_intensity(report.intensity)} |",
        f"| mean Goldstein weight / cooperative events | {format_goldstein(report.summary.get('goldstein_mean'))} / "
        f"{format_share(report.summary.get('cooperation_share'))} |",
        f"| pairs in the warehouse | {report.overview.height} |",
        "",
        "Top topics: " + (", ".join(f"{cell(topic)} ({count})" for topic, count in report.top_topics()) or "none"),
        "",
        "Milestones:",
    ]
    lines += [
        f"- {cell(row['milestone_date'] or 'undated')}: {cell(row['level'])} — {cell(row['description'])}"
        for row in report.milestones.iter_rows(named=True)
    ] or ["- none"]
    return "\n".join(lines)
