"""Warehouse -> Polars frames for the relationship report.

Every number of the report comes from the marts; core and staging tables are read only to reach the
sentences, documents and participants behind those numbers. Frames are sorted so that the same
warehouse always yields the same page.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

# Seniority levels as columns of marts.dyad_monthly, in ref.ranks order.
LEVELS_SQL = """
select rank, label, weight, sort_order
from ref.ranks
order by sort_order, rank
"""

# One row per pair over all time, undated articles and interactions included (marts.dyad_summary).
OVERVIEW_SQL = """
select
    dyad, country_a, country_a_name, country_b, country_b_name,
    articles, undated_articles, interactions, undated_interactions,
    round(contact_intensity, 4) as intensity,
    milestones, figures, first_month, last_month, undated_share,
    verbal_cooperation, material_cooperation, verbal_conflict, material_conflict,
    goldstein_mean, cooperation_share
from marts.dyad_summary
order by interactions desc, intensity desc, articles desc, dyad
"""

MONTHLY_SQL = "select * from marts.dyad_monthly where dyad = ? order by month"

TOPICS_SQL = """
select month, topic, articles, pair_articles, share, score_total, topic_rank, doc_ids
from marts.topic_trends
where dyad = ?
order by month, topic_rank, topic
"""

MILESTONES_SQL = """
select
    'milestone-' || substr(md5(dyad || '|' || level || '|' || milestone_key), 1, 16) as evidence_id,
    level, milestone_key, description, milestone_date, date_precision, first_reported, reports,
    sentence, doc_ids
from marts.relationship_milestones
where dyad = ?
order by milestone_date nulls last, first_reported, level, milestone_key
"""

FIGURES_SQL = """
select quantity_id as evidence_id, doc_id, published_date, kind, topic, measure, period, value, unit,
       text, sentence, doc_ids
from marts.economic_figures
where dyad = ?
order by published_date nulls last, kind, measure nulls last, quantity_id
"""

# An interaction report feeds dyad_monthly when its month is known and it is not an undated
# recollection; the same condition is repeated here so the evidence says which reports were counted.
INTERACTIONS_SQL = """
select
    d.interaction_id as evidence_id,
    d.event_key,
    d.doc_id,
    d.interaction_type,
    d.resolved_event_date as event_date,
    d.event_month,
    d.is_recalled,
    d.level,
    d.level_weight,
    (d.event_month is not null and (not d.is_recalled or d.resolved_event_date is not null)) as counted,
    i.place,
    i.sentence,
    i.participant_ids
from staging.stg_interaction_dyads as d
join core.interactions as i on i.interaction_id = d.interaction_id
where d.dyad = ?
order by d.event_month nulls last, d.resolved_event_date nulls last, d.interaction_id
"""

PARTICIPANTS_SQL = """
with reports as (
    select d.interaction_id, d.event_key, unnest(i.participant_ids) as entity_id
    from staging.stg_interaction_dyads as d
    join core.interactions as i on i.interaction_id = d.interaction_id
    where d.dyad = ?
)
select
    r.entity_id,
    coalesce(e.canonical_name, r.entity_id) as name,
    e.entity_type,
    e.country_code,
    c.name as country_name,
    count(distinct r.event_key) as meetings,
    list_sort(list_distinct(list(r.interaction_id))) as interaction_ids
from reports as r
left join core.entities as e on e.entity_id = r.entity_id
left join ref.countries as c on c.iso3 = e.country_code
group by all
order by r.entity_id
"""

# Two participants of one report met; meetings count distinct real-world events, not reports.
EDGES_SQL = """
with reports as (
    select d.interaction_id, d.event_key, unnest(i.participant_ids) as entity_id
    from staging.stg_interaction_dyads as d
    join core.interactions as i on i.interaction_id = d.interaction_id
    where d.dyad = ?
)
select
    a.entity_id as source,
    b.entity_id as target,
    count(distinct a.event_key) as meetings,
    list_sort(list_distinct(list(a.interaction_id))) as interaction_ids
from reports as a
join reports as b on b.interaction_id = a.interaction_id and a.entity_id < b.entity_id
group by a.entity_id, b.entity_id
order by a.entity_id, b.entity_id
"""

# Both directions: the pair is unordered, the acts between its countries are not.
DIRECTED_SQL = """
select
    source_country, source_name, target_country, target_name, month, root_code, root_label, quad_class,
    events, goldstein_total, goldstein_mean, sentence, doc_ids
from marts.directed_events_monthly
where (source_country = ? and target_country = ?) or (source_country = ? and target_country = ?)
order by month, source_country, root_code, target_country
"""

DOCUMENTS_SQL = """
select doc_id, source_path, title, outlet, published_date
from core.documents
where list_contains(?::varchar[], doc_id)
order by published_date nulls last, doc_id
"""


@dataclass(frozen=True)
class PairReport:
    """Everything the page shows about one pair of countries, plus the overview of every pair."""

    dyad: str
    country_a: str
    country_a_name: str
    country_b: str
    country_b_name: str
    overview: pl.DataFrame
    levels: pl.DataFrame
    monthly: pl.DataFrame
    topics: pl.DataFrame
    milestones: pl.DataFrame
    figures: pl.DataFrame
    interactions: pl.DataFrame
    participants: pl.DataFrame
    edges: pl.DataFrame
    directed: pl.DataFrame
    documents: pl.DataFrame

    @property
    def title(self) -> str:
        if not self.dyad:
            return "no country pair"
        return f"{self.country_a_name} – {self.country_b_name}"

    @property
    def summary(self) -> dict:
        """The pair's row of marts.dyad_summary (all time, undated work included); {} without a pair."""
        if not self.dyad:
            return {}
        return self.overview.filter(pl.col("dyad") == self.dyad).row(0, named=True)

    @property
    def articles(self) -> int:
        return int(self.summary.get("articles") or 0)

    @property
    def undated_articles(self) -> int:
        return int(self.summary.get("undated_articles") or 0)

    @property
    def interaction_count(self) -> int:
        return int(self.summary.get("interactions") or 0)

    @property
    def undated_interactions(self) -> int:
        return int(self.summary.get("undated_interactions") or 0)

    @property
    def intensity(self) -> float:
        return round(float(self.summary.get("intensity") or 0.0), 4)

    def top_topics(self, limit: int = 5) -> list[tuple[str, int]]:
        """Topics by the number of the pair's stories touching them, then by keyword score, then name."""
        if not self.topics.height:
            return []
        totals = (
            self.topics.group_by("topic").agg(pl.col("articles").sum(), pl.col("score_total").sum())
            .sort(["articles", "score_total", "topic"], descending=[True, True, False])
            .head(limit)
        )
        return [(row["topic"], int(row["articles"])) for row in totals.iter_rows(named=True)]


def _frame(conn: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return conn.sql(sql, params=params).pl()


def pair_overview(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per pair: articles, interactions, seniority-weighted intensity, first and last month."""
    return _frame(conn, OVERVIEW_SQL)


def normalise_pair(text: str) -> str:
    """'chn-aze', 'CHN/AZE' and 'AZE-CHN' all name the dyad 'AZE-CHN' (codes sorted, upper case)."""
    codes = [part.strip().upper() for part in text.replace("/", "-").replace("_", "-").split("-") if part.strip()]
    if len(codes) != 2 or codes[0] == codes[1]:
        raise ValueError(f"a country pair is two different ISO3 codes such as 'AZE-CHN', not {text!r}")
    return "-".join(sorted(codes))


def resolve_pair(overview: pl.DataFrame, requested: str | None) -> str:
    """The requested pair, or by default the pair with the most interactions ('' when there is none)."""
    if requested and requested.strip():
        dyad = normalise_pair(requested)
        if dyad not in overview["dyad"].to_list():
            known = ", ".join(overview["dyad"].head(20).to_list()) or "none"
            raise ValueError(f"pair {dyad} has no row in marts.dyad_summary (pairs: {known})")
        return dyad
    return overview["dyad"][0] if overview.height else ""


def _documents_behind(conn: duckdb.DuckDBPyConnection, frames: list[pl.DataFrame]) -> pl.DataFrame:
    doc_ids: set[str] = set()
    for frame in frames:
        if "doc_id" in frame.columns:
            doc_ids.update(value for value in frame["doc_id"].to_list() if value)
        if "doc_ids" in frame.columns:
            doc_ids.update(value for ids in frame["doc_ids"].to_list() for value in (ids or []))
    return _frame(conn, DOCUMENTS_SQL, [sorted(doc_ids)])


def load_report(conn: duckdb.DuckDBPyConnection, requested_pair: str | None = None) -> PairReport:
    """Read the report of one pair (see resolve_pair) from a warehouse built by the pipeline."""
    overview = pair_overview(conn)
    dyad = resolve_pair(overview, requested_pair)
    monthly = _frame(conn, MONTHLY_SQL, [dyad])
    levels = _frame(conn, LEVELS_SQL).filter(pl.col("rank").is_in(monthly.columns))
    topics = _frame(conn, TOPICS_SQL, [dyad])
    milestones = _frame(conn, MILESTONES_SQL, [dyad])
    figures = _frame(conn, FIGURES_SQL, [dyad])
    interactions = _frame(conn, INTERACTIONS_SQL, [dyad])
    participants = _frame(conn, PARTICIPANTS_SQL, [dyad])
    edges = _frame(conn, EDGES_SQL, [dyad])
    row = overview.filter(pl.col("dyad") == dyad).row(0, named=True) if dyad else {}
    a, b = row.get("country_a") or "", row.get("country_b") or ""
    directed = _frame(conn, DIRECTED_SQL, [a, b, b, a])
    documents = _documents_behind(conn, [monthly, topics, milestones, figures, interactions, directed])
    return PairReport(
        dyad=dyad,
        country_a=row.get("country_a") or "",
        country_a_name=row.get("country_a_name") or row.get("country_a") or "",
        country_b=row.get("country_b") or "",
        country_b_name=row.get("country_b_name") or row.get("country_b") or "",
        overview=overview,
        levels=levels,
        monthly=monthly,
        topics=topics,
        milestones=milestones,
        figures=figures,
        interactions=interactions,
        participants=participants,
        edges=edges,
        directed=directed,
        documents=documents,
    )
