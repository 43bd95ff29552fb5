-- Every interaction report of every pair: the evidence behind the interaction counts. `counted_in_month`
-- says whether marts.dyad_monthly counts it (undated recollections are not; marts.dyad_summary counts
-- every event).
select
    d.interaction_id,
    d.event_key,
    d.dyad,
    d.doc_id,
    d.interaction_type,
    strftime(d.resolved_event_date, '%Y-%m-%d') as event_date,
    strftime(d.event_month, '%Y-%m') as event_month,
    d.is_recalled,
    d.level,
    d.source_country,
    d.target_country,
    r.label as level_label,
    d.event_month is not null and (not d.is_recalled or d.resolved_event_date is not null) as counted_in_month,
    i.place,
    i.sentence,
    -- an act between states that names no person has no participants: an empty list, not NULL
    coalesce(list_sort(list(distinct coalesce(e.canonical_name, p.entity_id)) filter (where p.entity_id is not null)), [])
        as participants,
    doc.title,
    doc.outlet,
    doc.source_path,
    strftime(doc.published_date, '%Y-%m-%d') as published_date
from staging.stg_interaction_dyads as d
join core.interactions as i on i.interaction_id = d.interaction_id
left join unnest(i.participant_ids) as p(entity_id) on true
left join core.entities as e on e.entity_id = p.entity_id
left join ref.ranks as r on r.rank = d.level
left join core.documents as doc on doc.doc_id = d.doc_id and doc.status = 'ok'
group by all
order by d.dyad, event_month nulls last, event_date nulls last, d.interaction_id
