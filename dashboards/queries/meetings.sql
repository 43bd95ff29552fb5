-- Who met whom: two participants of one interaction report met; meetings are distinct events.
with reports as (
    select d.dyad, d.interaction_id, d.event_key, unnest(i.participant_ids) as entity_id
    from staging.stg_interaction_dyads as d
    join core.interactions as i on i.interaction_id = d.interaction_id
),

people as (
    select e.entity_id, e.canonical_name as name, e.entity_type, e.country_code, c.name as country_name
    from core.entities as e
    left join ref.countries as c on c.iso3 = e.country_code
)

select
    a.dyad,
    pa.name as person_a,
    pa.country_name as country_a_name,
    pb.name as person_b,
    pb.country_name as country_b_name,
    count(distinct a.event_key) as meetings,
    list_sort(list(distinct a.event_key)) as event_keys
from reports as a
join reports as b on b.interaction_id = a.interaction_id and a.entity_id < b.entity_id
join people as pa on pa.entity_id = a.entity_id
join people as pb on pb.entity_id = b.entity_id
group by all
order by a.dyad, meetings desc, person_a, person_b
