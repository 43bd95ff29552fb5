-- Topics of live documents, ranked within each document by score.
-- @unique: doc_id, topic
-- @not_null: doc_id, topic
-- doc_id: document
-- story_id: the document's near-duplicate story
-- published_date: publication date of the document
-- month: first day of the publication month
-- topic: topic name from the fixed taxonomy
-- score: topic score of the document
-- evidence: words or phrases that matched
-- topic_rank: 1 for the document's highest-scoring topic
with ok_documents as (
    select doc_id, coalesce(story_id, doc_id) as story_id, published_date
    from core.documents
    where status = 'ok'
)

select
    t.doc_id,
    d.story_id,
    d.published_date,
    cast(date_trunc('month', d.published_date) as date) as month,
    t.topic,
    t.score,
    t.evidence,
    row_number() over (partition by t.doc_id order by t.score desc, t.topic) as topic_rank
from core.document_topics as t
join ok_documents as d on d.doc_id = t.doc_id
