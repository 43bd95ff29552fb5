-- Interactions per pair, dated month and level (marts.dyad_monthly unpivoted), with the month's
-- articles and seniority-weighted intensity.
with monthly as (
    select * from marts.dyad_monthly
),

by_level as (
    unpivot monthly
    on head_of_state, head_of_government, deputy_head_of_government, foreign_minister, minister,
       deputy_minister, ambassador, other_official, non_state
    into name level value events
)

select
    b.dyad,
    strftime(b.month, '%Y-%m') as month,
    b.level,
    r.label as level_label,
    r.sort_order,
    b.events,
    b.articles,
    b.interactions,
    round(b.contact_intensity, 4) as contact_intensity
from by_level as b
join ref.ranks as r on r.rank = b.level
order by b.dyad, b.month, r.sort_order
