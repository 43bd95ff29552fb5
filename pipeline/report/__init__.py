"""The relationship report: one self-contained HTML page about a pair of countries.

queries.py reads the warehouse into Polars frames, figures.py draws them with Plotly and html.py
assembles the page. Nothing here knows about Dagster.
"""

from pipeline.report.html import render_report
from pipeline.report.queries import PairReport, load_report, pair_overview, resolve_pair

__all__ = ["PairReport", "load_report", "pair_overview", "render_report", "resolve_pair"]
