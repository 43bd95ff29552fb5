"""Plotly figures of the relationship report, built from the frames of queries.py.

Hover texts name the document ids behind every mark so a reader can find them in the Evidence
section. Layouts are computed here (no randomness) so the same warehouse draws the same page.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from pipeline.report.queries import PairReport

# One colour per seniority level, from the most senior (dark) to the least (light).
LEVEL_COLOURS = (
    "#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6", "#9ecae1", "#c6dbef", "#bdbdbd", "#e0e0e0",
)
COUNTRY_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
INTENSITY_COLOUR = "#e6550d"
MILESTONE_COLOUR = "#31a354"
# The four CAMEO quad classes, cooperation in greens and conflict in reds, verbal lighter than material.
QUAD_CLASSES = (
    ("verbal_cooperation", "Verbal cooperation", "#a1d99b"),
    ("material_cooperation", "Material cooperation", "#31a354"),
    ("verbal_conflict", "Verbal conflict", "#fc9272"),
    ("material_conflict", "Material conflict", "#de2d26"),
)
GOLDSTEIN_COLOUR = "#3f007d"
FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", size=12)


def _doc_list(ids: list[str] | None, limit: int = 6) -> str:
    ids = list(ids or [])
    shown = ", ".join(ids[:limit])
    return shown + (f" (+{len(ids) - limit} more)" if len(ids) > limit else "")


def time_range(report: PairReport) -> tuple[str, str] | None:
    """The x-range shared by the time charts: every month with activity, topics or a dated milestone."""
    days: list[date] = []
    days += [d for d in report.monthly["month"].to_list() if d]
    days += [d for d in report.topics["month"].to_list() if d]
    days += [d for d in report.milestones["milestone_date"].to_list() if d]
    if not days:
        return None
    # Half a month of margin on both sides so the first and last bars are drawn whole.
    return ((min(days) - timedelta(days=20)).isoformat(), (max(days) + timedelta(days=40)).isoformat())


def month_span(first: date, last: date) -> list[date]:
    """Every first-of-month from first to last, so months without stories show as gaps."""
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def timeline_figure(report: PairReport) -> go.Figure:
    """Interactions per month stacked by level, intensity on a second axis, milestones as markers."""
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    monthly = report.monthly
    months = monthly["month"].to_list()
    hover_docs = [_doc_list(ids) for ids in monthly["doc_ids"].to_list()] if monthly.height else []
    for index, level in enumerate(report.levels.iter_rows(named=True)):
        counts = monthly[level["rank"]].to_list() if monthly.height else []
        if not any(counts):
            continue
        figure.add_trace(
            go.Bar(
                x=months, y=counts, name=level["label"],
                marker_color=LEVEL_COLOURS[index % len(LEVEL_COLOURS)],
                customdata=hover_docs,
                hovertemplate=f"{level['label']}: %{{y}}<br>%{{x|%b %Y}}<br>docs: %{{customdata}}<extra></extra>",
            ),
            secondary_y=False,
        )
    if monthly.height:
        figure.add_trace(
            go.Scatter(
                x=months, y=monthly["contact_intensity"].to_list(), name="Intensity (seniority-weighted)",
                mode="lines+markers", line=dict(color=INTENSITY_COLOUR, width=2),
                customdata=hover_docs,
                hovertemplate="intensity %{y:.2f}<br>%{x|%b %Y}<br>docs: %{customdata}<extra></extra>",
            ),
            secondary_y=True,
        )
    dated = report.milestones.filter(pl.col("milestone_date").is_not_null())
    if dated.height:
        top = max([int(v) for v in monthly["interactions"].to_list()] + [1]) if monthly.height else 1
        figure.add_trace(
            go.Scatter(
                x=dated["milestone_date"].to_list(), y=[top + 0.5] * dated.height, name="Milestone",
                mode="markers+text", marker=dict(symbol="diamond", size=14, color=MILESTONE_COLOUR),
                text=[level.replace("_", " ") for level in dated["level"].to_list()], textposition="top center",
                customdata=[[description, _doc_list(ids)] for description, ids in
                            zip(dated["description"].to_list(), dated["doc_ids"].to_list())],
                hovertemplate="%{customdata[0]}<br>%{x|%d %b %Y}<br>docs: %{customdata[1]}<extra></extra>",
            ),
            secondary_y=False,
        )
        for milestone_date in dated["milestone_date"].to_list():
            figure.add_vline(x=milestone_date.isoformat(), line=dict(color=MILESTONE_COLOUR, width=1, dash="dot"))
    figure.update_layout(
        barmode="stack", font=FONT, height=460, margin=dict(l=60, r=60, t=40, b=40),
        legend=dict(orientation="h", y=-0.15), hovermode="closest", plot_bgcolor="white",
    )
    figure.update_yaxes(title_text="interactions", rangemode="tozero", secondary_y=False, gridcolor="#eee")
    figure.update_yaxes(title_text="intensity", rangemode="tozero", secondary_y=True, showgrid=False,
                       tickformat=".1f")
    figure.update_xaxes(type="date", range=time_range(report), gridcolor="#f4f4f4")
    return figure


def quad_figure(report: PairReport) -> go.Figure:
    """Events per month by quad class (cooperation up, conflict down), mean Goldstein weight on a second axis."""
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    monthly = report.monthly
    months = monthly["month"].to_list()
    hover_docs = [_doc_list(ids) for ids in monthly["doc_ids"].to_list()] if monthly.height else []
    for quad, label, colour in QUAD_CLASSES:
        counts = [int(v) for v in monthly[quad].to_list()] if monthly.height else []
        if not any(counts):
            continue
        # Conflict is drawn below the axis so the bars read as a cooperation-conflict balance.
        sign = -1 if quad.endswith("_conflict") else 1
        figure.add_trace(
            go.Bar(
                x=months, y=[sign * count for count in counts], name=label, marker_color=colour,
                customdata=[[count, docs] for count, docs in zip(counts, hover_docs)],
                hovertemplate=f"{label}: %{{customdata[0]}}<br>%{{x|%b %Y}}<br>docs: %{{customdata[1]}}<extra></extra>",
            ),
            secondary_y=False,
        )
    if monthly.height and monthly["goldstein_mean"].is_not_null().any():
        figure.add_trace(
            go.Scatter(
                x=months, y=monthly["goldstein_mean"].to_list(), name="Mean Goldstein weight",
                mode="lines+markers", line=dict(color=GOLDSTEIN_COLOUR, width=2), connectgaps=False,
                customdata=hover_docs,
                hovertemplate="mean Goldstein %{y:.2f}<br>%{x|%b %Y}<br>docs: %{customdata}<extra></extra>",
            ),
            secondary_y=True,
        )
    figure.update_layout(
        barmode="relative", font=FONT, height=420, margin=dict(l=60, r=60, t=40, b=40),
        legend=dict(orientation="h", y=-0.15), hovermode="closest", plot_bgcolor="white",
    )
    figure.update_yaxes(title_text="events (conflict below zero)", secondary_y=False, gridcolor="#eee",
                        zeroline=True, zerolinecolor="#999")
    figure.update_yaxes(title_text="mean Goldstein", range=[-10.5, 10.5], secondary_y=True, showgrid=False)
    figure.update_xaxes(type="date", range=time_range(report), gridcolor="#f4f4f4")
    return figure


def topic_figure(report: PairReport) -> go.Figure:
    """Heat map of the share of the pair's stories touching each topic, per publication month."""
    topics = report.topics
    figure = go.Figure()
    if topics.height:
        order = [topic for topic, _ in report.top_topics(limit=topics["topic"].n_unique())]
        months = month_span(min(topics["month"].to_list()), max(topics["month"].to_list()))
        cell = {(row["topic"], row["month"]): row for row in topics.iter_rows(named=True)}
        shares = [[cell[(t, m)]["share"] if (t, m) in cell else None for m in months] for t in order]
        hover = [
            [
                f"{cell[(t, m)]['articles']} of {cell[(t, m)]['pair_articles']} stories<br>docs: "
                f"{_doc_list(cell[(t, m)]['doc_ids'])}" if (t, m) in cell else "no story"
                for m in months
            ]
            for t in order
        ]
        figure.add_trace(
            go.Heatmap(
                x=months, y=[t.replace("_", " ") for t in order], z=shares, zmin=0, zmax=1,
                colorscale="Blues", colorbar=dict(title="share"), customdata=hover, xgap=2, ygap=2,
                hovertemplate="%{y}, %{x|%b %Y}: %{z:.0%}<br>%{customdata}<extra></extra>",
            )
        )
    figure.update_layout(
        font=FONT, height=max(320, 24 * topics["topic"].n_unique() + 120), margin=dict(l=160, r=40, t=30, b=40),
        plot_bgcolor="white",
    )
    figure.update_xaxes(type="date", range=time_range(report))
    figure.update_yaxes(autorange="reversed")
    return figure


def network_layout(participants: pl.DataFrame, pair_codes: tuple[str, str]) -> dict[str, tuple[float, float]]:
    """Positions on a circle, one arc per country: the pair's first country on the left, the second
    on the right, any third country below; within an arc people are sorted by name."""
    def group_order(code: str | None) -> tuple[int, str]:
        if code in pair_codes:
            return (pair_codes.index(code), code or "")
        return (2, code or "~")

    people = sorted(participants.iter_rows(named=True),
                    key=lambda row: (group_order(row["country_code"]), row["name"], row["entity_id"]))
    groups: dict[str | None, list[dict]] = {}
    for row in people:
        groups.setdefault(row["country_code"], []).append(row)
    positions: dict[str, tuple[float, float]] = {}
    total = max(len(people), 1)
    # Each group gets an arc proportional to its size, separated by a gap, starting at the top.
    gap = 0.35 if len(groups) > 1 else 0.0
    available = 2 * math.pi - gap * len(groups)
    angle = math.pi / 2 + gap / 2
    for members in groups.values():
        span = available * len(members) / total
        for index, row in enumerate(members):
            theta = angle + span * (index + 0.5) / len(members)
            positions[row["entity_id"]] = (round(math.cos(theta), 6), round(math.sin(theta), 6))
        angle += span + gap
    return positions


def network_figure(report: PairReport) -> go.Figure:
    """People who met: nodes coloured by country, edge width by the number of meetings."""
    figure = go.Figure()
    participants = report.participants
    positions = network_layout(participants, (report.country_a, report.country_b))
    names = {row["entity_id"]: row["name"] for row in participants.iter_rows(named=True)}
    for edge in report.edges.iter_rows(named=True):
        if edge["source"] not in positions or edge["target"] not in positions:
            continue
        (x0, y0), (x1, y1) = positions[edge["source"]], positions[edge["target"]]
        label = (f"{names.get(edge['source'])} – {names.get(edge['target'])}: {edge['meetings']} meeting(s)"
                 f"<br>evidence: {_doc_list(edge['interaction_ids'])}")
        figure.add_trace(
            go.Scatter(
                x=[x0, (x0 + x1) / 2, x1], y=[y0, (y0 + y1) / 2, y1], mode="lines+markers",
                line=dict(width=1.5 + 2 * edge["meetings"], color="#9e9e9e"),
                marker=dict(size=[0, 6, 0], color="#9e9e9e"),
                hovertext=[label] * 3, hoverinfo="text", showlegend=False,
            )
        )
    country_order = sorted({row["country_code"] or "" for row in participants.iter_rows(named=True)},
                           key=lambda code: (code not in (report.country_a, report.country_b), code))
    for index, code in enumerate(country_order):
        members = participants.filter(pl.col("country_code").fill_null("") == code).sort(["name", "entity_id"])
        label = (members["country_name"][0] or code) if members.height and code else "unknown country"
        figure.add_trace(
            go.Scatter(
                x=[positions[e][0] for e in members["entity_id"].to_list()], y=[positions[e][1] for e in members["entity_id"].to_list()],
                mode="markers+text", name=label, text=members["name"].to_list(), textposition="top center",
                marker=dict(size=[12 + 4 * m for m in members["meetings"].to_list()], color=COUNTRY_COLOURS[index % len(COUNTRY_COLOURS)],
                            line=dict(color="white", width=1)),
                customdata=[[m, _doc_list(ids)] for m, ids in zip(members["meetings"].to_list(), members["interaction_ids"].to_list())],
                hovertemplate="%{text}<br>%{customdata[0]} meeting(s)<br>evidence: %{customdata[1]}<extra></extra>",
            )
        )
    axis = dict(visible=False, range=[-1.45, 1.45])
    figure.update_layout(
        font=FONT, height=560, margin=dict(l=20, r=20, t=30, b=20), plot_bgcolor="white",
        xaxis=axis, yaxis=dict(axis, scaleanchor="x"), legend=dict(orientation="h", y=-0.02),
    )
    return figure
