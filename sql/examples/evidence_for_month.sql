-- What happened in a month, and which sentences say so? One row per interaction report whose event
-- falls in the month, with its participants and the evidence sentence.
-- The month defaults to the latest month with interactions; choose another before running:
--   SET VARIABLE month = DATE '2024-07-01';
-- Columns: month, event_date, interaction_type, level_label, place, participants, countries,
-- is_recalled, outlet, published_date, sentence, doc_id.
with params as (
    select coalesce(
        date_trunc('month', getvariable('month')::date),
        (select max(event_month) from staging.stg_interactions)
    )::date as month
),

month_reports as (
    select i.*
    from staging.stg_interactions i
    join params on i.event_month = params.month
),

participant_names as (
    select r.interaction_id, list(e.canonical_name order by e.canonical_name) as participants
    from month_reports r, unnest(r.participant_ids) as p(entity_id)
    join staging.stg_entities e on e.entity_id = p.entity_id
    group by r.interaction_id
)

select
    params.month,
    coalesce(i.resolved_event_date, i.event_date) as event_date,
    i.interaction_type,
    i.level_label,
    i.place,
    coalesce(n.participants, []) as participants,
    i.country_codes as countries,
    i.is_recalled,
    i.outlet,
    i.published_date,
    i.sentence,
    i.doc_id
from month_reports i
cross join params
left join participant_names n on n.interaction_id = i.interaction_id
order by event_date, i.published_date, i.doc_id, i.sentence_index;
