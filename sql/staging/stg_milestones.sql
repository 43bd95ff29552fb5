-- Relationship milestones (partnership levels reached or announced) in live documents, with the
-- countries sorted and de-duplicated.
-- @unique: milestone_id
-- @not_null: milestone_id, doc_id
-- milestone_id: id of the milestone statement
-- doc_id: document stating it
-- story_id: the document's near-duplicate story
-- published_date: publication date of the document
-- level: relationship level ("strategic_partnership", ...); NULL when the statement names none
--     (an anniversary of diplomatic relations, relations established or restored)
-- description: what happened, as extracted
-- milestone_date: date of the milestone, when stated
-- date_precision: 'day', 'month' or 'year'
-- country_codes: sorted distinct ISO3 codes of the countries involved
-- sentence: the sentence (evidence)
-- sentence_index: index of that sentence
with ok_documents as (
    select doc_id, coalesce(story_id, doc_id) as story_id, published_date
    from core.documents
    where status = 'ok'
)

select
    m.milestone_id,
    m.doc_id,
    d.story_id,
    d.published_date,
    m.level,
    m.description,
    m.milestone_date,
    m.date_precision,
    list_sort(list_distinct(coalesce(m.country_codes, []))) as country_codes,
    m.sentence,
    m.sentence_index
from core.milestones as m
join ok_documents as d on d.doc_id = m.doc_id
