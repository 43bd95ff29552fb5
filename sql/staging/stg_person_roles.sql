-- The role of every person a live document names (title, rank, country, organisation), with the
-- rank's label, seniority weight and order from the editable ref.ranks table. Where the document
-- leaves the person's country out, the corpus fills it in: the country other documents state for
-- the same person (in the text or through the body they serve), from the document closest in time
-- (country_source 'corpus'); a stated country elsewhere also wins over the document's own guess from
-- the state it is about. A new article that states a country so fills older ones, without parsing
-- them again.
-- @unique: doc_id, entity_id
-- @not_null: doc_id, entity_id
-- doc_id: document naming the person
-- story_id: the document's near-duplicate story
-- published_date: publication date of the document
-- entity_id: the person
-- title: title as canonicalised ("Foreign Minister"), NULL when the document gives none
-- rank: level of the title (a ref.ranks rank), NULL when unknown
-- rank_label: display label of the rank
-- rank_weight: seniority weight of the rank
-- rank_sort_order: seniority order of the rank (1 = most senior)
-- country_code: ISO3 of the country the person represents, from the document or the corpus
-- country_source: where country_code comes from: 'text' (the document states it), 'organisation'
--     (the body the person is introduced with), 'reference' (a state-specific title or the actor
--     table), 'document' (the state the document is about), 'corpus' (another document about the
--     same person, closest in time); NULL when nothing gives one
-- organization: organisation the person speaks for, when not a state
-- sentence_index: sentence the role was stated in, NULL when the document states none
with ok_documents as (
    select doc_id, coalesce(story_id, doc_id) as story_id, published_date
    from core.documents
    where status = 'ok'
),

document_people as (
    select distinct m.doc_id, m.entity_id
    from core.mentions as m
    join core.entities as e on e.entity_id = m.entity_id and e.entity_type = 'person'
    join ok_documents as d on d.doc_id = m.doc_id
),

stated_countries as (
    select r.entity_id, r.doc_id, r.country_code, d.published_date
    from core.person_roles as r
    join ok_documents as d on d.doc_id = r.doc_id
    where r.country_code is not null and r.country_source in ('text', 'organisation')
),

corpus_countries as (
    select
        p.doc_id,
        p.entity_id,
        arg_min(
            s.country_code,
            (coalesce(abs(datediff('day', here.published_date, s.published_date)), 100000), s.doc_id)
        ) as country_code
    from document_people as p
    join ok_documents as here on here.doc_id = p.doc_id
    join stated_countries as s on s.entity_id = p.entity_id and s.doc_id <> p.doc_id
    group by p.doc_id, p.entity_id
)

select
    p.doc_id,
    d.story_id,
    d.published_date,
    p.entity_id,
    r.title,
    r.rank,
    k.label as rank_label,
    k.weight as rank_weight,
    k.sort_order as rank_sort_order,
    case
        when r.country_source = 'document' and c.country_code is not null then c.country_code
        else coalesce(r.country_code, c.country_code)
    end as country_code,
    case
        when r.country_source = 'document' and c.country_code is not null then 'corpus'
        when r.country_code is not null then r.country_source
        when c.country_code is not null then 'corpus'
    end as country_source,
    r.organization,
    r.sentence_index
from document_people as p
join ok_documents as d on d.doc_id = p.doc_id
left join core.person_roles as r on r.doc_id = p.doc_id and r.entity_id = p.entity_id
left join corpus_countries as c on c.doc_id = p.doc_id and c.entity_id = p.entity_id
left join ref.ranks as k on k.rank = r.rank
