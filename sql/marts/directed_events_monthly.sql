-- Who did what to whom, per month: directed acts between states (and international bodies) by acting
-- side, side acted upon, event month and CAMEO root, to answer "who criticised whom, how often".
-- Events are distinct real-world events, dated as in marts.dyad_monthly: by event month, leaving out
-- events with no month and recalled ones with no known date (marts.dyad_summary counts those in its
-- quad class columns). An event's direction, root and example sentence come from its earliest report
-- that names both sides, so an event that outlets tell from either side is counted once; reports
-- that name no side acted upon give no row.
-- @unique: source_country, target_country, month, root_code
-- @not_null: source_country, source_name, target_country, target_name, month, root_code, events, goldstein_total
-- @sources: doc_ids
-- source_country: the acting side: ISO3 code of a state, or the name of an international body
-- source_name: name of the acting side (the country's name; a body's name as it stands)
-- target_country: the side acted upon: ISO3 code of a state, or the name of an international body
-- target_name: name of the side acted upon
-- month: first day of the events' month
-- root_code: CAMEO root of the events' code ('01' make statement ... '20' mass violence)
-- root_label: name of the root: description of its root-level code ('110') in ref.event_codes
-- quad_class: quad class of the events ('verbal_cooperation', 'material_cooperation',
--     'verbal_conflict', 'material_conflict'); NULL when the reference gives none
-- events: distinct events
-- goldstein_total: sum over the events of the event's Goldstein weight
-- goldstein_mean: mean over the events of the event's Goldstein weight; NULL when none has one
-- sentence: an example: the sentence of the earliest report that sets the direction of one of the events
-- doc_ids: sorted ids of every document reporting the row's events in that month
with dated_reports as (
    select
        *,
        concat_ws('|', strftime(published_date, '%Y-%m-%d'), doc_id, lpad(cast(sentence_index as varchar), 6, '0'),
                  interaction_id) as report_order
    from staging.stg_interactions
    where event_month is not null and (not is_recalled or resolved_event_date is not null)
),

directed_reports as (
    select *
    from dated_reports
    where source_country is not null and target_country is not null and source_country <> target_country
        and root_code is not null
),

directed_events as (
    select
        event_key,
        min(event_month) as month,
        arg_min(source_country, report_order) as source_country,
        arg_min(target_country, report_order) as target_country,
        arg_min(root_code, report_order) as root_code,
        arg_min(root_label, report_order) as root_label,
        max(event_quad_class) as quad_class,
        -- A decimal, so that the sums are exact whatever order threads add them in.
        cast(max(event_goldstein) as decimal(18, 6)) as goldstein,
        arg_min(sentence, report_order) as sentence,
        min(report_order) as first_report
    from directed_reports
    group by event_key
),

event_documents as (
    select e.source_country, e.target_country, e.month, e.root_code, r.doc_id
    from directed_events as e
    join dated_reports as r on r.event_key = e.event_key
),

source_documents as (
    select source_country, target_country, month, root_code, list_sort(list_distinct(list(doc_id))) as doc_ids
    from event_documents
    group by source_country, target_country, month, root_code
),

directed_counts as (
    select
        source_country,
        target_country,
        month,
        root_code,
        min(root_label) as root_label,
        min(quad_class) as quad_class,
        count(*) as events,
        cast(coalesce(sum(goldstein), 0) as double) as goldstein_total,
        cast(avg(goldstein) as double) as goldstein_mean,
        arg_min(sentence, first_report) as sentence
    from directed_events
    group by source_country, target_country, month, root_code
)

select
    c.source_country,
    coalesce(ns.country_name, c.source_country) as source_name,
    c.target_country,
    coalesce(nt.country_name, c.target_country) as target_name,
    c.month,
    c.root_code,
    c.root_label,
    c.quad_class,
    c.events,
    c.goldstein_total,
    c.goldstein_mean,
    c.sentence,
    s.doc_ids
from directed_counts as c
join source_documents as s
    on s.source_country = c.source_country and s.target_country = c.target_country
    and s.month = c.month and s.root_code = c.root_code
left join staging.stg_countries as ns on ns.country_code = c.source_country
left join staging.stg_countries as nt on nt.country_code = c.target_country
