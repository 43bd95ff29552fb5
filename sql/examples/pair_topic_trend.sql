-- How did the topics of one country pair's coverage move month by month?
-- The pair defaults to the pair with the most contact overall (contact intensity, then interactions,
-- then articles); choose another with its 'AAA-BBB' code (ISO3, alphabetical) before running:
--   SET VARIABLE dyad = 'IND-KAZ';
-- Columns: dyad, month, topic, topic_rank, articles, pair_articles, share, score_total.
with params as (
    select coalesce(
        getvariable('dyad')::varchar,
        (
            select dyad
            from marts.dyad_monthly
            group by dyad
            order by sum(contact_intensity) desc, sum(interactions) desc, sum(articles) desc, dyad
            limit 1
        )
    ) as dyad
)

select
    t.dyad,
    t.month,
    t.topic,
    t.topic_rank,
    t.articles,
    t.pair_articles,
    round(t.share, 3) as share,
    round(t.score_total, 3) as score_total
from marts.topic_trends t
join params on t.dyad = params.dyad
order by t.month, t.topic_rank, t.topic;
