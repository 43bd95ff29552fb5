-- Countries from the editable reference table, one row per ISO3 code, so marts can name the
-- countries of a dyad without reading ref directly.
-- @unique: country_code
-- @not_null: country_code, country_name
-- country_code: ISO 3166-1 alpha-3 code
-- country_name: canonical short name ("Kazakhstan")
with reference_countries as (
    select
        upper(trim(iso3)) as country_code,
        name as country_name
    from ref.countries
    where iso3 is not null and trim(iso3) <> ''
)

select
    country_code,
    min(country_name) as country_name
from reference_countries
group by country_code
