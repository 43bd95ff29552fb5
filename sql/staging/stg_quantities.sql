-- Money and percent figures found in live documents, with the document's story and date.
-- @unique: quantity_id
-- @not_null: quantity_id, doc_id, kind
-- quantity_id: id of the figure
-- doc_id: document the figure is in
-- story_id: the document's near-duplicate story
-- published_date: publication date of the document
-- kind: 'money' or 'percent'
-- text: the figure as written
-- value: numeric value (money in units of `unit`, percent as a number like 12.5)
-- unit: currency code or '%'
-- measure: what is measured ("trade turnover", "investment")
-- period: period the figure refers to, when stated
-- topic: topic of the sentence
-- sentence: the sentence (evidence)
-- sentence_index: index of that sentence
with ok_documents as (
    select doc_id, coalesce(story_id, doc_id) as story_id, published_date
    from core.documents
    where status = 'ok'
)

select
    q.quantity_id,
    q.doc_id,
    d.story_id,
    d.published_date,
    q.kind,
    q.text,
    q.value,
    q.unit,
    q.measure,
    q.period,
    q.topic,
    q.sentence,
    q.sentence_index
from core.quantities as q
join ok_documents as d on d.doc_id = q.doc_id
