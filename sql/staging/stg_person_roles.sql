-- The role a person holds in a live document (title, rank, country, organisation), with the
-- rank's label, seniority weight and order from the editable ref.ranks table.
-- @unique: doc_id, entity_id, sentence_index
-- @not_null: doc_id, entity_id
-- doc_id: document stating the role
-- story_id: the document's near-duplicate story
-- published_date: publication date of the document
-- entity_id: the person
-- title: title as canonicalised ("Foreign Minister")
-- rank: level of the title (a ref.ranks rank), NULL when unknown
-- rank_label: display label of the rank
-- rank_weight: seniority weight of the rank
-- rank_sort_order: seniority order of the rank (1 = most senior)
-- country_code: ISO3 of the country the person represents
-- organization: organisation the person speaks for, when not a state
-- sentence_index: sentence the role was stated in
with ok_documents as (
    select doc_id, coalesce(story_id, doc_id) as story_id, published_date
    from core.documents
    where status = 'ok'
)

select
    r.doc_id,
    d.story_id,
    d.published_date,
    r.entity_id,
    r.title,
    r.rank,
    k.label as rank_label,
    k.weight as rank_weight,
    k.sort_order as rank_sort_order,
    r.country_code,
    r.organization,
    r.sentence_index
from core.person_roles as r
join ok_documents as d on d.doc_id = r.doc_id
left join ref.ranks as k on k.rank = r.rank
