-- Money and percent figures of each pair's articles (marts.economic_figures), with their source.
select
    f.quantity_id,
    f.dyad,
    f.kind,
    f.topic,
    f.measure,
    f.period,
    f.value,
    f.unit,
    f.text,
    f.sentence,
    f.doc_id,
    strftime(f.published_date, '%Y-%m-%d') as published_date,
    doc.title,
    doc.outlet,
    doc.source_path,
    f.doc_ids
from marts.economic_figures as f
left join core.documents as doc on doc.doc_id = f.doc_id and doc.status = 'ok'
where f.dyad is not null
order by f.dyad, f.published_date nulls last, f.kind, f.quantity_id
