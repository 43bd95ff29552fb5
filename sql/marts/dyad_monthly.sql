-- Relationship activity per unordered country pair and month. Articles are counted by publication
-- month and as distinct stories (reprints once); interactions by event month and as distinct
-- real-world events, so an event reported by several outlets counts once (the event figures are
-- staging.stg_dyad_event_counts' month rows). Recalled interactions with no known date are left out
-- (their month is unknown), as are undated articles.
-- @unique: dyad, month
-- @not_null: dyad, country_a, country_b, month, articles, interactions, contact_intensity, verbal_cooperation, material_cooperation, verbal_conflict, material_conflict
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
-- goldstein_mean: mean over distinct events of the event's Goldstein weight (-10 conflict ... +10
--     cooperation); NULL when no event has a weight
-- verbal_cooperation: events whose quad class is verbal_cooperation (CAMEO roots 01-05)
-- material_cooperation: events whose quad class is material_cooperation (roots 06-08)
-- verbal_conflict: events whose quad class is verbal_conflict (roots 09-13)
-- material_conflict: events whose quad class is material_conflict (roots 14-20)
-- cooperation_share: (verbal_cooperation + material_cooperation) / events with a quad class; NULL
--     when no event has one
-- top_topics: up to 3 leading topics of the pair-month's articles (by stories, then score)
-- doc_ids: sorted ids of every document behind the row (articles and interaction reports)
with pair_documents as (
    select dyad, country_a, country_b, month, story_id, doc_id
    from staging.stg_document_dyads
    where month is not null
),

event_counts as (
    select *
    from staging.stg_dyad_event_counts
    where month is not null
),

dated_interaction_reports as (
    select dyad, event_month as month, doc_id
    from staging.stg_interaction_dyads
    where event_month is not null and (not is_recalled or resolved_event_date is not null)
),

pair_months as (
    select dyad, country_a, country_b, month from pair_documents
    union
    select dyad, country_a, country_b, month from event_counts
),

article_counts as (
    select dyad, month, count(distinct story_id) as articles
    from pair_documents
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
    e.goldstein_mean,
    coalesce(e.verbal_cooperation, 0) as verbal_cooperation,
    coalesce(e.material_cooperation, 0) as material_cooperation,
    coalesce(e.verbal_conflict, 0) as verbal_conflict,
    coalesce(e.material_conflict, 0) as material_conflict,
    e.cooperation_share,
    coalesce(t.top_topics, []) as top_topics,
    s.doc_ids
from pair_months as p
left join article_counts as a on a.dyad = p.dyad and a.month = p.month
left join event_counts as e on e.dyad = p.dyad and e.month = p.month
left join leading_topics as t on t.dyad = p.dyad and t.month = p.month
left join source_documents as s on s.dyad = p.dyad and s.month = p.month
left join staging.stg_countries as na on na.country_code = p.country_a
left join staging.stg_countries as nb on nb.country_code = p.country_b
