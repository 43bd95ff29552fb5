-- Milestones of each country pair's relationship (partnership levels established, upgraded,
-- announced). A milestone naming two or more countries belongs to each pair among them; one
-- naming fewer belongs to its document's main pair (when that pair includes its country).
-- The same (pair, level, date) reported by several articles is one row; an undated milestone is
-- identified by its story instead of its date.
-- @unique: dyad, level, milestone_key
-- @not_null: dyad, country_a, country_b, level, milestone_key, reports
-- @sources: doc_ids
-- dyad: the pair as 'AAA-BBB' with country_a first
-- country_a: alphabetically first ISO3 code of the pair
-- country_b: alphabetically second ISO3 code of the pair
-- level: relationship level
-- milestone_key: the milestone date as 'YYYY-MM-DD', or 'story:<story_id>' when undated
-- description: description from the earliest report
-- milestone_date: date of the milestone, when stated
-- date_precision: precision of milestone_date ('day', 'month', 'year')
-- first_reported: earliest publication date of a report
-- reports: distinct stories reporting it
-- sentence: the earliest report's sentence (evidence)
-- doc_ids: sorted ids of the documents reporting it
with milestone_countries as (
    select milestone_id, unnest(country_codes) as country_code
    from staging.stg_milestones
),

named_pairs as (
    select a.milestone_id, a.country_code as country_a, b.country_code as country_b
    from milestone_countries as a
    join milestone_countries as b on b.milestone_id = a.milestone_id and a.country_code < b.country_code
),

main_dyads as (
    select doc_id, country_a, country_b
    from staging.stg_document_dyads
    where pair_rank = 1
),

inferred_pairs as (
    select m.milestone_id, d.country_a, d.country_b
    from staging.stg_milestones as m
    join main_dyads as d on d.doc_id = m.doc_id
    where len(m.country_codes) < 2
      and (len(m.country_codes) = 0 or list_contains([d.country_a, d.country_b], m.country_codes[1]))
),

milestone_pairs as (
    select
        m.*,
        p.country_a,
        p.country_b,
        p.country_a || '-' || p.country_b as dyad,
        coalesce(strftime(m.milestone_date, '%Y-%m-%d'), 'story:' || m.story_id) as milestone_key
    from (select * from named_pairs union all select * from inferred_pairs) as p
    join staging.stg_milestones as m on m.milestone_id = p.milestone_id
),

ordered_reports as (
    select
        *,
        row_number() over (
            partition by dyad, level, milestone_key
            order by published_date, doc_id, sentence_index
        ) as report_order
    from milestone_pairs
),

milestone_groups as (
    select
        dyad, level, milestone_key,
        min(published_date) as first_reported,
        count(distinct story_id) as reports,
        list_sort(list(distinct doc_id)) as doc_ids
    from ordered_reports
    group by dyad, level, milestone_key
)

select
    r.dyad,
    r.country_a,
    r.country_b,
    r.level,
    r.milestone_key,
    r.description,
    r.milestone_date,
    r.date_precision,
    g.first_reported,
    g.reports,
    r.sentence,
    g.doc_ids
from ordered_reports as r
join milestone_groups as g
    on g.dyad = r.dyad and g.level = r.level and g.milestone_key = r.milestone_key
where r.report_order = 1
