-- Milestones of each country pair's relationship (partnership levels established, upgraded,
-- announced, anniversaries, diplomatic relations established or restored). A milestone naming two or more countries belongs to each pair among
-- them; one naming fewer belongs to its document's main pair (when that pair includes its country).
-- Reports of the same (pair, level, date) are one row. Dates are compared at month precision, since
-- one article writes "on 3 July" and another "last July"; a report dated only by year joins the
-- pair-level's single dated month of that year when there is one; an undated report is identified
-- by its story. The most precise report (then the earliest) provides date and evidence.
-- @unique: dyad, level, milestone_key
-- @not_null: dyad, country_a, country_b, level, milestone_key, reports
-- @sources: doc_ids
-- dyad: the pair as 'AAA-BBB' with country_a first
-- country_a: alphabetically first ISO3 code of the pair
-- country_b: alphabetically second ISO3 code of the pair
-- level: relationship level; 'other' when the statement names none
-- milestone_key: 'YYYY-MM' (or 'YYYY' for a year-only date, 'story:<story_id>' when undated)
-- description: description from the most precise report
-- milestone_date: date of the milestone from the most precise report, when any
-- date_precision: precision of milestone_date ('day', 'month', 'year')
-- first_reported: earliest publication date of a report
-- reports: distinct stories reporting it
-- sentence: the most precise report's sentence (evidence)
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
        coalesce(m.level, 'other') as pair_level,
        p.country_a,
        p.country_b,
        p.country_a || '-' || p.country_b as dyad,
        case
            when m.milestone_date is null or m.date_precision = 'year' then null
            else strftime(m.milestone_date, '%Y-%m')
        end as month_key,
        year(m.milestone_date) as milestone_year,
        case m.date_precision when 'day' then 1 when 'month' then 2 when 'year' then 3 else 4 end as precision_order
    from (select * from named_pairs union all select * from inferred_pairs) as p
    join staging.stg_milestones as m on m.milestone_id = p.milestone_id
),

single_month_of_year as (
    select dyad, pair_level, milestone_year, min(month_key) as month_key
    from milestone_pairs
    where month_key is not null
    group by dyad, pair_level, milestone_year
    having count(distinct month_key) = 1
),

keyed_reports as (
    select
        p.*,
        coalesce(
            p.month_key,
            y.month_key,
            cast(p.milestone_year as varchar),
            'story:' || p.story_id
        ) as milestone_key
    from milestone_pairs as p
    left join single_month_of_year as y
        on y.dyad = p.dyad and y.pair_level = p.pair_level and y.milestone_year = p.milestone_year
),

ordered_reports as (
    select
        *,
        row_number() over (
            partition by dyad, pair_level, milestone_key
            order by precision_order, published_date, doc_id, sentence_index
        ) as report_order
    from keyed_reports
),

milestone_groups as (
    select
        dyad, pair_level, milestone_key,
        min(published_date) as first_reported,
        count(distinct story_id) as reports,
        list_sort(list(distinct doc_id)) as doc_ids
    from ordered_reports
    group by dyad, pair_level, milestone_key
)

select
    r.dyad,
    r.country_a,
    r.country_b,
    r.pair_level as level,
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
    on g.dyad = r.dyad and g.pair_level = r.pair_level and g.milestone_key = r.milestone_key
where r.report_order = 1
