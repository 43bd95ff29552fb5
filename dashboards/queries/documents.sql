-- The pairs' articles: which pair each live document is about, with its title, outlet and date.
select
    d.dyad,
    d.doc_id,
    d.story_id,
    strftime(d.published_date, '%Y-%m-%d') as published_date,
    strftime(d.month, '%Y-%m') as month,
    doc.title,
    doc.outlet,
    doc.source_path
from staging.stg_document_dyads as d
join core.documents as doc on doc.doc_id = d.doc_id and doc.status = 'ok'
order by d.dyad, d.published_date nulls last, d.doc_id
