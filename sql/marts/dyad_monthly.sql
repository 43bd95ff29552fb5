-- Relationship activity per unordered country pair and month. Articles are counted by publication
-- month and as distinct stories (reprints once); interactions by event month and as distinct
-- real-world events, so an event reported by several outlets counts once. Recalled interactions
-- with no known date are left out (their month is unknown), as are undated articles.
-- @unique: dyad, month
-- @not_null: dyad, country_a, country_b, month, articles, interactions, contact_intensity
-- @sources: doc_ids
-- dyad: the pair as 'AAA-BBB' with country_a first
-- country_a: alphabetically first ISO3 code of the pair
-- country_a_name: name of country_a
-- country_b: alphabetically second ISO3 code of the pair
-- country_b_name: name of country_b
-- month: first day of the month
-- articles: distinct stories published that month about the pair
-- interactions: distinct interaction events between the pair that month
-- head_of_state: events whose level is head_of_state
-- head_of_government: events whose level is head_of_government
-- deputy_head_of_government: events whose level is deputy_head_of_government
-- foreign_minister: events whose level is foreign_minister
-- minister: events whose level is minister
-- deputy_minister: events whose level is deputy_minister
-- ambassador: events whose level is ambassador
-- other_official: events whose level is other_official (including events with no ranked participant)
-- non_state: events whose level is non_state
-- contact_intensity: sum over distinct events of the seniority weight of the event's level (ref.ranks)
-- goldstein_total: sum over distinct events of the event's Goldstein weight
-- top_topics: up to 3 leading topics of the pair-month's articles (by stories, then score)
-- doc_ids: sorted ids of every document behind the row (articles and interaction reports)
with pair_documents as (
    select dyad, country_a, country_b, month, story_id, doc_id
    from staging.stg_document_dyads
    where month is not null
),

dated_interaction_reports as (
    select dyad, country_a, country_b, event_month as month, event_key, level, level_weight, event_goldstein, doc_id
    from staging.stg_interaction_dyads
    where event_month is not null and (not is_recalled or resolved_event_date is not null)
),

pair_events as (
    select
        dyad, month, event_key,
        min(level) as level,
        max(level_weight) as level_weight,
        max(event_goldstein) as goldstein
    from dated_interaction_reports
    group by dyad, month, event_key
),

pair_months as (
    select dyad, country_a, country_b, month from pair_documents
    union
    select dyad, country_a, country_b, month from dated_interaction_reports
),

article_counts as (
    select dyad, month, count(distinct story_id) as articles
    from pair_documents
    group by dyad, month
),

event_counts as (
    select
        dyad, month,
        count(*) as interactions,
        count(*) filter (where level = 'head_of_state') as head_of_state,
        count(*) filter (where level = 'head_of_government') as head_of_government,
        count(*) filter (where level = 'deputy_head_of_government') as deputy_head_of_government,
        count(*) filter (where level = 'foreign_minister') as foreign_minister,
        count(*) filter (where level = 'minister') as minister,
        count(*) filter (where level = 'deputy_minister') as deputy_minister,
        count(*) filter (where level = 'ambassador') as ambassador,
        count(*) filter (where level = 'other_official') as other_official,
        count(*) filter (where level = 'non_state') as non_state,
        round(sum(level_weight), 9) as contact_intensity,  -- rounded: the same whatever order the rows are summed in
        round(sum(goldstein), 9) as goldstein_total
    from pair_events
    group by dyad, month
),

leading_topics as (
    select dyad, month, list(topic order by topic_rank) as top_topics
    from marts.topic_trends
    where topic_rank <= 3
    group by dyad, month
),

source_documents as (
    select dyad, month, list_sort(list_distinct(list(doc_id))) as doc_ids
    from (
        select dyad, month, doc_id from pair_documents
        union
        select dyad, month, doc_id from dated_interaction_reports
    ) as cited
    group by dyad, month
)

select
    p.dyad,
    p.country_a,
    na.country_name as country_a_name,
    p.country_b,
    nb.country_name as country_b_name,
    p.month,
    coalesce(a.articles, 0) as articles,
    coalesce(e.interactions, 0) as interactions,
    coalesce(e.head_of_state, 0) as head_of_state,
    coalesce(e.head_of_government, 0) as head_of_government,
    coalesce(e.deputy_head_of_government, 0) as deputy_head_of_government,
    coalesce(e.foreign_minister, 0) as foreign_minister,
    coalesce(e.minister, 0) as minister,
    coalesce(e.deputy_minister, 0) as deputy_minister,
    coalesce(e.ambassador, 0) as ambassador,
    coalesce(e.other_official, 0) as other_official,
    coalesce(e.non_state, 0) as non_state,
    coalesce(e.contact_intensity, 0) as contact_intensity,
    coalesce(e.goldstein_total, 0) as goldstein_total,
    coalesce(t.top_topics, []) as top_topics,
    s.doc_ids
from pair_months as p
left join article_counts as a on a.dyad = p.dyad and a.month = p.month
left join event_counts as e on e.dyad = p.dyad and e.month = p.month
left join leading_topics as t on t.dyad = p.dyad and t.month = p.month
left join source_documents as s on s.dyad = p.dyad and s.month = p.month
left join staging.stg_countries as na on na.country_code = p.country_a
left join staging.stg_countries as nb on nb.country_code = p.country_b
