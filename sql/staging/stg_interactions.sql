-- One row per interaction report (a sentence of a live document describing a meeting, call,
-- visit, signing, ...), with the key of the real-world event it reports.
-- Reports are one event when they share the interaction family (the CAMEO code, with the
-- in-person contact codes 040 meet/talks, 042 visit, 043 host a visit and 044 meet elsewhere taken
-- as one family because outlets describe one encounter with any of them), the exact participant set
-- (the country set when no participant was resolved) and the event date. A report without a date
-- borrows the latest date of a dated report of the same family and participants that happened in
-- the 7 days up to its publication (news of a meeting follows it by days); if none, it is keyed by
-- its story, so reprints still collapse into one event.
-- An event's level is the most senior rank any report gives any participant (ref.ranks sort_order);
-- an event with no ranked participant counts as 'other_official'.
-- A report's quad class is the extractor's; a report without one (warehouses older than the column,
-- edited rows) takes ref.event_codes' class of its code, else that of its root-level code: the root
-- alone decides the class, and the reference lists only some of the finer codes.
-- @unique: interaction_id
-- @not_null: interaction_id, event_key, doc_id, level
-- interaction_id: id of the report
-- event_key: id of the real-world event (16 hex); reports of the same event share it
-- doc_id: document of the report
-- story_id: the document's near-duplicate story
-- outlet: outlet of the document
-- published_date: publication date of the document
-- interaction_type: interaction type of the report ('meeting', 'talks', 'phone_call', ...)
-- interaction_family: 'in_person_contact', else the CAMEO code (else the interaction type)
-- event_code: CAMEO-style event code
-- goldstein: Goldstein weight of this report's interaction type
-- event_goldstein: Goldstein weight of the event, taken from its earliest report
-- quad_class: CAMEO quad class of the report ('verbal_cooperation', 'material_cooperation',
--     'verbal_conflict', 'material_conflict'); NULL when neither the report nor ref.event_codes has one
-- event_quad_class: quad class of the event, taken from its earliest report that has one
-- root_code: CAMEO root of the report's code (its first two digits, e.g. '11' for '111')
-- root_label: name of the root: description of its root-level code ('110') in ref.event_codes
-- event_date: date stated in this report, when any
-- date_precision: precision of event_date ('day', 'month', 'year')
-- resolved_event_date: event_date, or the date borrowed from a matching dated report
-- event_month: first day of the event's month (its resolved date, else its earliest publication);
--     NULL when neither the event nor any article reporting it is dated
-- place: where it happened, when stated
-- participant_ids: sorted distinct entity ids of the participants
-- country_codes: sorted distinct ISO3 codes of the countries involved
-- is_recalled: the sentence recalls an earlier interaction rather than reporting news
-- is_planned: the interaction was still to come when the article was published
-- source_country: the acting side: ISO3 of the state of the grammatical subject (visitor, host,
--     caller, the state that criticises or sanctions), or an international body's name; NULL when
--     no side is placed
-- target_country: the side acted upon: ISO3 of the counterpart's state, of the state visited or acted
--     on, or an international body's name; NULL when unknown
-- source_participant_id: entity id of the named person who acted for the source side; NULL when a
--     state, a body or an official named only by title acted
-- target_participant_id: entity id of the named person acted upon; NULL when none is named
-- sentence: the sentence (evidence)
-- sentence_index: index of that sentence
-- report_level: most senior rank among this report's participants (NULL when none is ranked)
-- level: the event's level: most senior rank over all its reports, else 'other_official'
-- level_label: display label of level
-- level_weight: seniority weight of level (ref.ranks), 0 when the rank is missing there
-- level_is_default: true when no report ranked any participant and level fell back
with ok_documents as (
    select doc_id, coalesce(story_id, doc_id) as story_id, published_date, outlet
    from core.documents
    where status = 'ok'
),

reference_codes as (
    select interaction_type, min(nullif(trim(cameo_code), '')) as cameo_code
    from ref.event_codes
    group by interaction_type
),

reference_classes as (
    select trim(cameo_code) as cameo_code, min(nullif(trim(quad_class), '')) as quad_class, min(description) as description
    from ref.event_codes
    where nullif(trim(cameo_code), '') is not null
    group by trim(cameo_code)
),

participants as (
    select interaction_id, doc_id, unnest(participant_ids) as entity_id
    from core.interactions
),

participant_ranks as (
    select p.interaction_id, min(k.sort_order) as best_sort_order
    from participants as p
    join core.person_roles as r on r.doc_id = p.doc_id and r.entity_id = p.entity_id
    join ref.ranks as k on k.rank = r.rank
    group by p.interaction_id
),

reports as (
    select
        i.interaction_id,
        i.doc_id,
        d.story_id,
        d.outlet,
        d.published_date,
        i.interaction_type,
        case
            when coalesce(nullif(trim(i.event_code), ''), f.cameo_code) in ('040', '042', '043', '044')
                then 'in_person_contact'
            else coalesce(nullif(trim(i.event_code), ''), f.cameo_code, i.interaction_type)
        end as interaction_family,
        i.event_code,
        i.goldstein,
        coalesce(nullif(trim(i.quad_class), ''), code_class.quad_class, root_class.quad_class) as quad_class,
        substr(coalesce(nullif(trim(i.event_code), ''), f.cameo_code), 1, 2) as root_code,
        root_class.description as root_label,
        i.event_date,
        i.date_precision,
        i.place,
        list_sort(list_distinct(coalesce(i.participant_ids, []))) as participant_ids,
        list_sort(list_distinct(coalesce(i.country_codes, []))) as country_codes,
        coalesce(i.is_recalled, false) as is_recalled,
        coalesce(i.is_planned, false) as is_planned,
        i.source_country,
        i.target_country,
        i.source_participant_id,
        i.target_participant_id,
        i.sentence,
        i.sentence_index,
        pr.best_sort_order
    from core.interactions as i
    join ok_documents as d on d.doc_id = i.doc_id
    left join reference_codes as f on f.interaction_type = i.interaction_type
    left join reference_classes as code_class
        on code_class.cameo_code = coalesce(nullif(trim(i.event_code), ''), f.cameo_code)
    left join reference_classes as root_class
        on root_class.cameo_code = substr(coalesce(nullif(trim(i.event_code), ''), f.cameo_code), 1, 2) || '0'
    left join participant_ranks as pr on pr.interaction_id = i.interaction_id
),

identified_reports as (
    select
        *,
        case
            when len(participant_ids) > 0 then 'p:' || array_to_string(participant_ids, ',')
            else 'c:' || array_to_string(country_codes, ',')
        end as participant_key
    from reports
),

dated_events as (
    select distinct interaction_family, participant_key, event_date
    from identified_reports
    where event_date is not null
),

borrowed_dates as (
    select u.interaction_id, max(e.event_date) as borrowed_date
    from identified_reports as u
    join dated_events as e
        on e.interaction_family = u.interaction_family
        and e.participant_key = u.participant_key
        and e.event_date between u.published_date - interval 7 day and u.published_date
    where u.event_date is null
    group by u.interaction_id
),

keyed_reports as (
    select
        r.*,
        coalesce(r.event_date, b.borrowed_date) as resolved_event_date,
        substr(md5(concat_ws(
            '|',
            r.interaction_family,
            r.participant_key,
            coalesce('d:' || strftime(coalesce(r.event_date, b.borrowed_date), '%Y-%m-%d'), 's:' || r.story_id)
        )), 1, 16) as event_key
    from identified_reports as r
    left join borrowed_dates as b on b.interaction_id = r.interaction_id
),

events as (
    select
        event_key,
        min(best_sort_order) as event_sort_order,
        cast(date_trunc('month', min(coalesce(resolved_event_date, published_date))) as date) as event_month,
        arg_min(goldstein, concat_ws('|', strftime(published_date, '%Y-%m-%d'), doc_id, lpad(cast(sentence_index as varchar), 6, '0'))) as event_goldstein,
        arg_min(quad_class, concat_ws('|', strftime(published_date, '%Y-%m-%d'), doc_id, lpad(cast(sentence_index as varchar), 6, '0')))
            filter (where quad_class is not null) as event_quad_class
    from keyed_reports
    group by event_key
),

default_rank as (
    select rank, label, weight from ref.ranks where rank = 'other_official'
)

select
    r.interaction_id,
    r.event_key,
    r.doc_id,
    r.story_id,
    r.outlet,
    r.published_date,
    r.interaction_type,
    r.interaction_family,
    r.event_code,
    r.goldstein,
    e.event_goldstein,
    r.quad_class,
    e.event_quad_class,
    r.root_code,
    r.root_label,
    r.event_date,
    r.date_precision,
    r.resolved_event_date,
    e.event_month,
    r.place,
    r.participant_ids,
    r.country_codes,
    r.is_recalled,
    r.is_planned,
    r.source_country,
    r.target_country,
    r.source_participant_id,
    r.target_participant_id,
    r.sentence,
    r.sentence_index,
    report_rank.rank as report_level,
    coalesce(event_rank.rank, 'other_official') as level,
    coalesce(event_rank.label, dr.label) as level_label,
    coalesce(event_rank.weight, dr.weight, 0) as level_weight,
    event_rank.rank is null as level_is_default
from keyed_reports as r
join events as e on e.event_key = r.event_key
left join ref.ranks as report_rank on report_rank.sort_order = r.best_sort_order
left join ref.ranks as event_rank on event_rank.sort_order = e.event_sort_order
left join default_rank as dr on true
