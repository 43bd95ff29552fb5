-- Canonical entities, one row per entity_id. When documents disagree on an entity's country, the
-- country most documents agree on wins (ties: alphabetical), so every mart sees one country.
-- @unique: entity_id
-- @not_null: entity_id, canonical_name, entity_type
-- entity_id: stable id (16 hex of sha256 of type and canonical name)
-- canonical_name: display name
-- entity_type: 'person', 'country', 'organization', 'place' or 'outlet' (a news outlet the text
--     names or credits: never an organisation or an actor)
-- country_code: ISO3 of the entity's country (a country's own code; for a place, the state its name
--     points to: a capital, a first-level region, a city of seeds/reference/cities.csv)
-- country_name: name of that country from the reference table
with entity_rows as (
    select entity_id, canonical_name, entity_type, country_code
    from core.entities
),

country_votes as (
    select entity_id, country_code, count(*) as votes
    from entity_rows
    where country_code is not null
    group by entity_id, country_code
),

chosen_countries as (
    select entity_id, country_code
    from country_votes
    qualify row_number() over (partition by entity_id order by votes desc, country_code) = 1
),

distinct_entities as (
    select entity_id, min(canonical_name) as canonical_name, min(entity_type) as entity_type
    from entity_rows
    group by entity_id
),

country_names as (
    select upper(iso3) as country_code, min(name) as country_name
    from ref.countries
    group by upper(iso3)
)

select
    e.entity_id,
    e.canonical_name,
    e.entity_type,
    c.country_code,
    n.country_name
from distinct_entities as e
left join chosen_countries as c on c.entity_id = e.entity_id
left join country_names as n on n.country_code = c.country_code
