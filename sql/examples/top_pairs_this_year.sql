-- Which country pairs had the most (and most senior) contact in the latest year of the data?
-- "This year" is the latest year present in marts.dyad_monthly, so the query answers on any corpus,
-- including an archive that stops before the current calendar year. To pin a year instead:
--   SET VARIABLE year = 2024;
-- Columns: year, dyad, country_a_name, country_b_name, interactions, articles, contact_intensity,
-- goldstein_total, senior_meetings (head of state or government), active_months, last_month.
with params as (
    select coalesce(
        getvariable('year')::integer,
        (select max(year(month)) from marts.dyad_monthly)
    ) as year
)

select
    params.year,
    d.dyad,
    any_value(d.country_a_name) as country_a_name,
    any_value(d.country_b_name) as country_b_name,
    sum(d.interactions) as interactions,
    sum(d.articles) as articles,
    round(sum(d.contact_intensity), 2) as contact_intensity,
    round(sum(d.goldstein_total), 2) as goldstein_total,
    sum(d.head_of_state + d.head_of_government) as senior_meetings,
    count(distinct d.month) as active_months,
    max(d.month) as last_month
from marts.dyad_monthly d
join params on year(d.month) = params.year
group by params.year, d.dyad
order by contact_intensity desc, interactions desc, articles desc, d.dyad
limit 20;
