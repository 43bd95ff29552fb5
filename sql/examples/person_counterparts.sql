-- Whom did a person meet, talk to or call, how often, at what level and when?
-- The person defaults to the most active one (most interaction events, then mentions); choose
-- another by canonical name before running the query:
--   SET VARIABLE person = 'Full Name';
-- Columns: person, person_country, counterpart, counterpart_country, counterpart_titles, events,
-- interaction_types, first_date, last_date, most_senior_level.
with params as (
    select coalesce(
        getvariable('person')::varchar,
        (select name from marts.actor_profiles order by interactions desc, mentions desc, name limit 1)
    ) as person
),

person as (
    select a.entity_id, a.name, a.country_name
    from marts.actor_profiles a
    join params on a.name = params.person
),

events as (
    select distinct
        i.event_key,
        i.interaction_type,
        coalesce(i.resolved_event_date, i.event_date) as event_date,
        i.level,
        unnest(i.participant_ids) as participant_id
    from staging.stg_interactions i
    join person p on list_contains(i.participant_ids, p.entity_id)
)

select
    p.name as person,
    p.country_name as person_country,
    c.name as counterpart,
    c.country_name as counterpart_country,
    c.titles as counterpart_titles,
    count(distinct e.event_key) as events,
    list(distinct e.interaction_type order by e.interaction_type) as interaction_types,
    min(e.event_date) as first_date,
    max(e.event_date) as last_date,
    arg_min(e.level, r.sort_order) as most_senior_level
from events e
cross join person p
join marts.actor_profiles c on c.entity_id = e.participant_id
left join ref.ranks r on r.rank = e.level
where e.participant_id <> p.entity_id
group by all
order by events desc, last_date desc nulls last, counterpart;
