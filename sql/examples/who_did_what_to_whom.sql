-- Who did what to whom, and how often? Directed acts per acting side, side acted upon and kind of
-- act (CAMEO root) over the whole corpus, with the latest month and an example sentence. To see only
-- conflict ("who criticised, accused, threatened or sanctioned whom") or one acting state:
--   SET VARIABLE quad = 'verbal_conflict';   -- or 'material_conflict', 'verbal_cooperation', ...
--   SET VARIABLE source = 'GBR';
-- Columns: source_name, target_name, root_label, quad_class, events, goldstein_total, last_month,
-- example.
select
    source_name,
    target_name,
    root_label,
    quad_class,
    sum(events) as events,
    round(sum(goldstein_total), 2) as goldstein_total,
    max(month) as last_month,
    arg_max(sentence, month) as example
from marts.directed_events_monthly
where (getvariable('quad') is null or quad_class = getvariable('quad'))
    and (getvariable('source') is null or source_country = getvariable('source'))
group by source_name, target_name, root_label, quad_class
order by events desc, goldstein_total, source_name, target_name, root_label
limit 50;
