-- One profile per person: who they are, the titles and most senior rank they were reported with,
-- how often and where they appear, the interaction events they took part in and the people they
-- met there.
-- @unique: entity_id
-- @not_null: entity_id, name, mentions, articles, interactions
-- @sources: doc_ids
-- entity_id: the person's entity id
-- name: canonical name
-- country_code: ISO3 of the person's country (entity country, else the most stated role country)
-- country_name: name of that country
-- titles: sorted distinct titles the person was reported with
-- highest_rank: most senior rank the person was reported with (ref.ranks sort_order)
-- highest_rank_label: display label of highest_rank
-- mentions: mentions of the person across live documents
-- articles: distinct stories mentioning the person
-- interactions: distinct interaction events the person took part in
-- counterparts: sorted distinct names of the other people in those events
-- first_seen: earliest publication date of a document mentioning the person
-- last_seen: latest publication date of a document mentioning the person
-- doc_ids: sorted ids of the documents mentioning the person or reporting their interactions
with persons as (
    select entity_id, canonical_name, country_code
    from staging.stg_entities
    where entity_type = 'person'
),

person_mentions as (
    select
        entity_id,
        count(*) as mentions,
        count(distinct story_id) as articles,
        min(published_date) as first_seen,
        max(published_date) as last_seen,
        list(distinct doc_id) as doc_ids
    from staging.stg_mentions
    group by entity_id
),

person_roles as (
    select
        entity_id,
        list_sort(list(distinct title) filter (where title is not null)) as titles,
        -- ties broken by value so that every run gives the same answer
        arg_min(rank, (rank_sort_order, rank)) filter (where rank_sort_order is not null) as highest_rank,
        arg_min(rank_label, (rank_sort_order, rank)) filter (where rank_sort_order is not null) as highest_rank_label,
        arg_max(country_code, (country_documents, country_code)) filter (where country_code is not null) as role_country_code,
        list(distinct doc_id) as doc_ids
    from (
        select *, count(*) over (partition by entity_id, country_code) as country_documents
        from staging.stg_person_roles
    ) as roles_with_country_counts
    group by entity_id
),

event_participants as (
    select distinct event_key, doc_id, unnest(participant_ids) as entity_id
    from staging.stg_interactions
),

person_events as (
    select
        entity_id,
        count(distinct event_key) as interactions,
        list(distinct doc_id) as doc_ids
    from event_participants
    group by entity_id
),

person_counterparts as (
    select me.entity_id, list_sort(list(distinct other.canonical_name)) as counterparts
    from event_participants as me
    join event_participants as them on them.event_key = me.event_key and them.entity_id <> me.entity_id
    join persons as other on other.entity_id = them.entity_id
    group by me.entity_id
),

country_names as (
    select country_code, country_name from staging.stg_countries
)

select
    p.entity_id,
    p.canonical_name as name,
    coalesce(p.country_code, r.role_country_code) as country_code,
    n.country_name,
    coalesce(r.titles, []) as titles,
    r.highest_rank,
    r.highest_rank_label,
    coalesce(m.mentions, 0) as mentions,
    coalesce(m.articles, 0) as articles,
    coalesce(e.interactions, 0) as interactions,
    coalesce(c.counterparts, []) as counterparts,
    m.first_seen,
    m.last_seen,
    list_sort(list_distinct(flatten([
        coalesce(m.doc_ids, []), coalesce(r.doc_ids, []), coalesce(e.doc_ids, [])
    ]))) as doc_ids
from persons as p
left join person_mentions as m on m.entity_id = p.entity_id
left join person_roles as r on r.entity_id = p.entity_id
left join person_events as e on e.entity_id = p.entity_id
left join person_counterparts as c on c.entity_id = p.entity_id
left join country_names as n on n.country_code = coalesce(p.country_code, r.role_country_code)
where m.entity_id is not null or r.entity_id is not null or e.entity_id is not null
