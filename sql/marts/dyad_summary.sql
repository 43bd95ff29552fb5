-- Relationship activity per unordered country pair over all time, undated work included. Articles
-- are distinct stories (reprints once), whether or not their publication date is known; interactions
-- are distinct real-world events, including recalled ones with no known date, which
-- marts.dyad_monthly leaves out because their month is unknown (the event figures are
-- staging.stg_dyad_event_counts' all-time row). The first and last month are those of the pair's
-- dated articles and events (the months of marts.dyad_monthly).
-- @unique: dyad
-- @not_null: dyad, country_a, country_b, articles, undated_articles, interactions, undated_interactions, contact_intensity, undated_share, verbal_cooperation, material_cooperation, verbal_conflict, material_conflict
-- @sources: doc_ids
-- dyad: the pair as 'AAA-BBB' with country_a first
-- country_a: alphabetically first ISO3 code of the pair
-- country_a_name: name of country_a
-- country_b: alphabetically second ISO3 code of the pair
-- country_b_name: name of country_b
-- articles: distinct stories about the pair, dated or not
-- undated_articles: of those, stories none of whose documents has a publication date
-- interactions: distinct interaction events between the pair, dated or not
-- undated_interactions: of those, events with no month in marts.dyad_monthly (no date and no dated
--     publication, or recalled without a known date)
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
-- milestones: rows of marts.relationship_milestones for the pair
-- figures: rows of marts.economic_figures whose document's main pair is the pair
-- first_month: first month with a dated article or event of the pair (NULL when nothing is dated)
-- last_month: last month with a dated article or event of the pair
-- undated_share: (undated_articles + undated_interactions) / (articles + interactions)
-- doc_ids: sorted ids of every document behind the row (articles and interaction reports)
with pair_stories as (
    select dyad, story_id, bool_or(month is not null) as is_dated
    from staging.stg_document_dyads
    group by dyad, story_id
),

story_counts as (
    select
        dyad,
        count(*) as articles,
        count(*) filter (where not is_dated) as undated_articles
    from pair_stories
    group by dyad
),

event_counts as (
    select *
    from staging.stg_dyad_event_counts
    where month is null
),

dated_months as (
    select dyad, min(month) as first_month, max(month) as last_month
    from marts.dyad_monthly
    group by dyad
),

milestone_counts as (
    select dyad, count(*) as milestones
    from marts.relationship_milestones
    group by dyad
),

figure_counts as (
    select dyad, count(*) as figures
    from marts.economic_figures
    where dyad is not null
    group by dyad
),

pairs as (
    select distinct dyad, country_a, country_b from staging.stg_document_dyads
    union
    select distinct dyad, country_a, country_b from staging.stg_interaction_dyads
),

source_documents as (
    select dyad, list_sort(list_distinct(list(doc_id))) as doc_ids
    from (
        select dyad, doc_id from staging.stg_document_dyads
        union
        select dyad, doc_id from staging.stg_interaction_dyads
    ) as cited
    group by dyad
)

select
    p.dyad,
    p.country_a,
    na.country_name as country_a_name,
    p.country_b,
    nb.country_name as country_b_name,
    coalesce(a.articles, 0) as articles,
    coalesce(a.undated_articles, 0) as undated_articles,
    coalesce(e.interactions, 0) as interactions,
    coalesce(e.undated_interactions, 0) as undated_interactions,
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
    coalesce(m.milestones, 0) as milestones,
    coalesce(f.figures, 0) as figures,
    d.first_month,
    d.last_month,
    (coalesce(a.undated_articles, 0) + coalesce(e.undated_interactions, 0))
        / greatest(coalesce(a.articles, 0) + coalesce(e.interactions, 0), 1) as undated_share,
    s.doc_ids
from pairs as p
left join story_counts as a on a.dyad = p.dyad
left join event_counts as e on e.dyad = p.dyad
left join dated_months as d on d.dyad = p.dyad
left join milestone_counts as m on m.dyad = p.dyad
left join figure_counts as f on f.dyad = p.dyad
left join source_documents as s on s.dyad = p.dyad
left join staging.stg_countries as na on na.country_code = p.country_a
left join staging.stg_countries as nb on nb.country_code = p.country_b
