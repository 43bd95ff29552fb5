-- Pairs of entities mentioned together, in the same sentence or in the same article. Reprints of
-- a story count once: a pair's sentence count within a story is the largest count among the
-- story's documents. News outlets are not entities of the story: they pair with nothing.
-- @unique: entity_a, entity_b
-- @not_null: entity_a, entity_b, sentence_count, article_count
-- @sources: doc_ids
-- entity_a: the pair's smaller entity id
-- entity_a_name: canonical name of entity_a
-- entity_a_type: type of entity_a
-- entity_b: the pair's larger entity id
-- entity_b_name: canonical name of entity_b
-- entity_b_type: type of entity_b
-- sentence_count: sentences mentioning both (summed over stories, reprints once)
-- article_count: distinct stories mentioning both
-- document_count: distinct documents mentioning both (reprints included)
-- first_date: earliest publication date of a document mentioning both
-- last_date: latest publication date of a document mentioning both
-- doc_ids: sorted ids of the documents mentioning both
with story_mentions as (
    select m.*
    from staging.stg_mentions as m
    join staging.stg_entities as e on e.entity_id = m.entity_id
    where e.entity_type <> 'outlet'
),

sentence_entities as (
    select distinct doc_id, story_id, sentence_index, entity_id
    from story_mentions
),

document_entities as (
    select distinct doc_id, story_id, published_date, entity_id
    from story_mentions
),

sentence_pairs as (
    select a.doc_id, a.story_id, a.entity_id as entity_a, b.entity_id as entity_b, count(*) as sentences
    from sentence_entities as a
    join sentence_entities as b
        on b.doc_id = a.doc_id and b.sentence_index = a.sentence_index and a.entity_id < b.entity_id
    group by a.doc_id, a.story_id, a.entity_id, b.entity_id
),

story_sentence_counts as (
    select entity_a, entity_b, story_id, max(sentences) as sentences
    from sentence_pairs
    group by entity_a, entity_b, story_id
),

sentence_totals as (
    select entity_a, entity_b, sum(sentences) as sentence_count
    from story_sentence_counts
    group by entity_a, entity_b
),

document_pairs as (
    select a.doc_id, a.story_id, a.published_date, a.entity_id as entity_a, b.entity_id as entity_b
    from document_entities as a
    join document_entities as b on b.doc_id = a.doc_id and a.entity_id < b.entity_id
),

article_totals as (
    select
        entity_a, entity_b,
        count(distinct story_id) as article_count,
        count(distinct doc_id) as document_count,
        min(published_date) as first_date,
        max(published_date) as last_date,
        list_sort(list(distinct doc_id)) as doc_ids
    from document_pairs
    group by entity_a, entity_b
)

select
    t.entity_a,
    ea.canonical_name as entity_a_name,
    ea.entity_type as entity_a_type,
    t.entity_b,
    eb.canonical_name as entity_b_name,
    eb.entity_type as entity_b_type,
    coalesce(s.sentence_count, 0) as sentence_count,
    t.article_count,
    t.document_count,
    t.first_date,
    t.last_date,
    t.doc_ids
from article_totals as t
left join sentence_totals as s on s.entity_a = t.entity_a and s.entity_b = t.entity_b
left join staging.stg_entities as ea on ea.entity_id = t.entity_a
left join staging.stg_entities as eb on eb.entity_id = t.entity_b
