-- One row per interaction report and unordered pair of distinct countries involved in it: a
-- meeting of three countries yields three dyads. Reads stg_interactions so the event key has a
-- single definition.
-- @unique: interaction_id, dyad
-- @not_null: interaction_id, event_key, dyad, country_a, country_b
-- interaction_id: id of the report
-- event_key: id of the real-world event; count distinct event_key to count events
-- doc_id: document of the report
-- story_id: the document's near-duplicate story
-- published_date: publication date of the document
-- dyad: the pair as 'AAA-BBB' with country_a first
-- country_a: alphabetically first ISO3 code of the pair
-- country_b: alphabetically second ISO3 code of the pair
-- interaction_type: interaction type of the report
-- event_date: date stated in the report
-- resolved_event_date: stated or borrowed event date
-- event_month: first day of the event's month; NULL when neither the event nor its articles are dated
-- is_recalled: the report recalls an earlier interaction
-- level: the event's level (rank)
-- level_weight: seniority weight of the event's level
-- event_goldstein: Goldstein weight of the event
-- quad_class: CAMEO quad class of the report (stg_interactions.quad_class)
-- event_quad_class: quad class of the event, from its earliest report that has one
-- root_code: CAMEO root of the report's code (first two digits)
-- source_country: the acting side of the report (ISO3, or an international body's name); NULL when
--     no side is placed. The dyad itself is unordered: source_country need not be country_a
-- target_country: the side acted upon; NULL when unknown
with interaction_countries as (
    select interaction_id, unnest(country_codes) as country_code
    from staging.stg_interactions
),

country_pairs as (
    select a.interaction_id, a.country_code as country_a, b.country_code as country_b
    from interaction_countries as a
    join interaction_countries as b
        on b.interaction_id = a.interaction_id and a.country_code < b.country_code
)

select
    i.interaction_id,
    i.event_key,
    i.doc_id,
    i.story_id,
    i.published_date,
    p.country_a || '-' || p.country_b as dyad,
    p.country_a,
    p.country_b,
    i.interaction_type,
    i.event_date,
    i.resolved_event_date,
    i.event_month,
    i.is_recalled,
    i.level,
    i.level_weight,
    i.event_goldstein,
    i.quad_class,
    i.event_quad_class,
    i.root_code,
    i.source_country,
    i.target_country
from country_pairs as p
join staging.stg_interactions as i on i.interaction_id = p.interaction_id
