-- Money and percent figures reported in articles, with the main country pair of their document.
-- A figure repeated by reprints of one story (same kind, value, unit and text) is one row; the
-- earliest document's statement is kept as evidence and doc_ids lists every document.
-- @unique: quantity_id
-- @not_null: quantity_id, doc_id, kind
-- @sources: doc_ids
-- quantity_id: id of the kept statement of the figure
-- doc_id: document of the kept statement (earliest publication)
-- story_id: the story the figure was reported in
-- published_date: publication date of that document
-- dyad: the document's main country pair ('AAA-BBB'), NULL when it has none
-- country_a: alphabetically first ISO3 code of the pair
-- country_b: alphabetically second ISO3 code of the pair
-- kind: 'money' or 'percent'
-- topic: topic of the sentence
-- measure: what is measured ("trade turnover", "investment")
-- period: period the figure refers to, when stated
-- value: numeric value
-- unit: currency code or '%'
-- text: the figure as written
-- sentence: the sentence stating it (evidence)
-- doc_ids: sorted ids of every document of the story stating the figure
with figure_statements as (
    select
        *,
        row_number() over (
            partition by story_id, kind, value, unit, text
            order by published_date, doc_id, sentence_index
        ) as statement_order,
        list(doc_id) over (partition by story_id, kind, value, unit, text) as story_doc_ids
    from staging.stg_quantities
),

kept_figures as (
    select * from figure_statements where statement_order = 1
),

main_dyads as (
    select doc_id, dyad, country_a, country_b
    from staging.stg_document_dyads
    where pair_rank = 1
)

select
    f.quantity_id,
    f.doc_id,
    f.story_id,
    f.published_date,
    d.dyad,
    d.country_a,
    d.country_b,
    f.kind,
    f.topic,
    f.measure,
    f.period,
    f.value,
    f.unit,
    f.text,
    f.sentence,
    list_sort(list_distinct(f.story_doc_ids)) as doc_ids
from kept_figures as f
left join main_dyads as d on d.doc_id = f.doc_id
