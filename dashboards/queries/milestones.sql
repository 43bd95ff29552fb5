-- Milestones of each pair's relationship (marts.relationship_milestones), with their source.
select
    m.dyad,
    m.level,
    m.milestone_key,
    m.description,
    strftime(m.milestone_date, '%Y-%m-%d') as milestone_date,
    m.date_precision,
    strftime(m.first_reported, '%Y-%m-%d') as first_reported,
    m.reports,
    m.sentence,
    m.doc_ids,
    doc.title,
    doc.source_path
from marts.relationship_milestones as m
left join core.documents as doc on doc.doc_id = m.doc_ids[1] and doc.status = 'ok'
order by m.dyad, m.milestone_date nulls last, m.first_reported, m.level, m.milestone_key
