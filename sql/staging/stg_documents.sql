-- Live, usable articles: the status 'ok' rows of core.documents (exact duplicates and rejected
-- files are dropped), with their near-duplicate story and publication month.
-- @unique: doc_id
-- @not_null: doc_id, story_id
-- doc_id: document id (16 hex of the normalised text)
-- story_id: near-duplicate group (smallest doc_id of the group); reprints share it
-- source_path: path of the file the document was read from
-- content_hash: sha256 of the raw bytes
-- title: headline
-- outlet: canonical outlet name, when known
-- published_date: publication date
-- published_date_source: where the date came from ('header', 'dateline', 'byline', 'inferred')
-- month: first day of the publication month
-- language: ISO 639-1 language code
-- word_count: words in the cleaned text
-- dateline: the dateline as printed, when present
-- processed_at: when the document was last extracted
with ok_documents as (
    select *
    from core.documents
    where status = 'ok'
)

select
    doc_id,
    coalesce(story_id, doc_id) as story_id,
    source_path,
    content_hash,
    title,
    outlet,
    published_date,
    published_date_source,
    cast(date_trunc('month', published_date) as date) as month,
    language,
    word_count,
    dateline,
    processed_at
from ok_documents
