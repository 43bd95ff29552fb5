-- Every resolved entity mention in a live document, with the document's story and date.
-- @not_null: doc_id, story_id, entity_id
-- doc_id: document the mention is in
-- story_id: the document's near-duplicate story
-- published_date: publication date of the document
-- month: first day of the publication month
-- entity_id: the canonical entity mentioned
-- text: mention text as written
-- label: entity label (PERSON, GPE, NORP, ORG, ...)
-- start_char: start offset in the document text
-- end_char: end offset in the document text
-- sentence_index: index of the sentence the mention is in
with ok_documents as (
    select doc_id, coalesce(story_id, doc_id) as story_id, published_date
    from core.documents
    where status = 'ok'
)

select
    m.doc_id,
    d.story_id,
    d.published_date,
    cast(date_trunc('month', d.published_date) as date) as month,
    m.entity_id,
    m.text,
    m.label,
    m.start_char,
    m.end_char,
    m.sentence_index
from core.mentions as m
join ok_documents as d on d.doc_id = m.doc_id
