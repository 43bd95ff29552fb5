-- Every money and percent figure about trade (turnover, growth, exports, imports, ...), newest first,
-- with the country pair of its article and the sentence that states it.
-- Columns: published_date, dyad, kind, measure, period, value, unit, text, sentence, doc_ids.
select
    published_date,
    dyad,
    kind,
    measure,
    period,
    value,
    unit,
    text,
    sentence,
    doc_ids
from marts.economic_figures
where topic = 'trade' or measure like 'trade%'
order by published_date desc nulls last, dyad, measure, value desc;
