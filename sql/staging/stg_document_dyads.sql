-- The country pairs each live document is about. A country's weight in a document is the number
-- of mentions of the country itself plus mentions of people and organisations of that country.
-- A pair is kept when both countries have at least 2 such mentions and are among the document's
-- 5 most mentioned countries, or when an interaction or milestone of the document involves both.
-- @unique: doc_id, dyad
-- @not_null: doc_id, story_id, dyad, country_a, country_b
-- doc_id: document
-- story_id: the document's near-duplicate story
-- published_date: publication date of the document
-- month: first day of the publication month
-- dyad: the pair as 'AAA-BBB' with country_a first
-- country_a: alphabetically first ISO3 code of the pair
-- country_b: alphabetically second ISO3 code of the pair
-- country_a_mentions: mentions attributed to country_a in the document
-- country_b_mentions: mentions attributed to country_b in the document
-- from_mentions: both countries pass the mention threshold
-- from_events: an interaction or milestone of the document involves both countries
-- pair_rank: 1 for the document's main pair (ordered by the weaker side's mentions, then total)
with ok_documents as (
    select doc_id, coalesce(story_id, doc_id) as story_id, published_date
    from core.documents
    where status = 'ok'
),

entity_countries as (
    select entity_id, min(country_code) as country_code
    from core.entities
    where country_code is not null and entity_type in ('country', 'person', 'organization')
    group by entity_id
),

country_mentions as (
    select m.doc_id, c.country_code, count(*) as mentions
    from core.mentions as m
    join entity_countries as c on c.entity_id = m.entity_id
    group by m.doc_id, c.country_code
),

top_countries as (
    select doc_id, country_code, mentions
    from country_mentions
    where mentions >= 2
    qualify rank() over (partition by doc_id order by mentions desc) <= 5
),

mention_pairs as (
    select a.doc_id, a.country_code as country_a, b.country_code as country_b
    from top_countries as a
    join top_countries as b on b.doc_id = a.doc_id and a.country_code < b.country_code
),

event_countries as (
    select interaction_id as event_id, doc_id, unnest(list_distinct(country_codes)) as country_code
    from core.interactions
    union all
    select milestone_id as event_id, doc_id, unnest(list_distinct(country_codes)) as country_code
    from core.milestones
),

event_pairs as (
    select distinct a.doc_id, a.country_code as country_a, b.country_code as country_b
    from event_countries as a
    join event_countries as b
        on b.event_id = a.event_id and b.doc_id = a.doc_id and a.country_code < b.country_code
),

all_pairs as (
    select
        coalesce(m.doc_id, e.doc_id) as doc_id,
        coalesce(m.country_a, e.country_a) as country_a,
        coalesce(m.country_b, e.country_b) as country_b,
        m.doc_id is not null as from_mentions,
        e.doc_id is not null as from_events
    from mention_pairs as m
    full outer join event_pairs as e
        on e.doc_id = m.doc_id and e.country_a = m.country_a and e.country_b = m.country_b
)

select
    p.doc_id,
    d.story_id,
    d.published_date,
    cast(date_trunc('month', d.published_date) as date) as month,
    p.country_a || '-' || p.country_b as dyad,
    p.country_a,
    p.country_b,
    coalesce(ma.mentions, 0) as country_a_mentions,
    coalesce(mb.mentions, 0) as country_b_mentions,
    p.from_mentions,
    p.from_events,
    row_number() over (
        partition by p.doc_id
        order by
            least(coalesce(ma.mentions, 0), coalesce(mb.mentions, 0)) desc,
            coalesce(ma.mentions, 0) + coalesce(mb.mentions, 0) desc,
            p.from_events desc,
            p.country_a,
            p.country_b
    ) as pair_rank
from all_pairs as p
join ok_documents as d on d.doc_id = p.doc_id
left join country_mentions as ma on ma.doc_id = p.doc_id and ma.country_code = p.country_a
left join country_mentions as mb on mb.doc_id = p.doc_id and mb.country_code = p.country_b
