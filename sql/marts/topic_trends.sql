-- Topics of the articles about each country pair per month: how many stories (reprints counted
-- once) touch the topic and what share of the pair-month's stories that is.
-- @unique: dyad, month, topic
-- @not_null: dyad, country_a, country_b, month, topic, articles, share
-- @sources: doc_ids
-- dyad: the pair as 'AAA-BBB' with country_a first
-- country_a: alphabetically first ISO3 code of the pair
-- country_b: alphabetically second ISO3 code of the pair
-- month: first day of the publication month
-- topic: topic name
-- articles: distinct stories about the pair that month with this topic
-- pair_articles: distinct stories about the pair that month (any topic)
-- share: articles / pair_articles
-- score_total: sum over those stories of the story's best score for the topic
-- topic_rank: 1 for the pair-month's leading topic (by articles, then score_total, then name)
-- doc_ids: sorted ids of the documents behind the count
with pair_documents as (
    select dyad, country_a, country_b, month, story_id, doc_id
    from staging.stg_document_dyads
    where month is not null
),

pair_month_articles as (
    select dyad, month, count(distinct story_id) as pair_articles
    from pair_documents
    group by dyad, month
),

story_topics as (
    select
        p.dyad, p.country_a, p.country_b, p.month, t.topic, p.story_id,
        max(t.score) as score,
        list(distinct p.doc_id) as doc_ids
    from pair_documents as p
    join staging.stg_document_topics as t on t.doc_id = p.doc_id
    group by p.dyad, p.country_a, p.country_b, p.month, t.topic, p.story_id
),

topic_counts as (
    select
        dyad, country_a, country_b, month, topic,
        count(*) as articles,
        round(sum(score), 9) as score_total,  -- rounded: the same whatever order the rows are summed in
        list_sort(list_distinct(flatten(list(doc_ids)))) as doc_ids
    from story_topics
    group by dyad, country_a, country_b, month, topic
)

select
    c.dyad,
    c.country_a,
    c.country_b,
    c.month,
    c.topic,
    c.articles,
    a.pair_articles,
    c.articles / a.pair_articles as share,
    c.score_total,
    row_number() over (
        partition by c.dyad, c.month order by c.articles desc, c.score_total desc, c.topic
    ) as topic_rank,
    c.doc_ids
from topic_counts as c
join pair_month_articles as a on a.dyad = c.dyad and a.month = c.month
