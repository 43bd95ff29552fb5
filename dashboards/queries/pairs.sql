-- One row per country pair over all time, undated work included (marts.dyad_summary).
select
    dyad, country_a, country_a_name, country_b, country_b_name,
    articles, undated_articles, interactions, undated_interactions,
    head_of_state, head_of_government, deputy_head_of_government, foreign_minister, minister,
    deputy_minister, ambassador, other_official, non_state,
    round(contact_intensity, 4) as contact_intensity, round(goldstein_total, 4) as goldstein_total,
    milestones, figures,
    strftime(first_month, '%Y-%m') as first_month, strftime(last_month, '%Y-%m') as last_month,
    undated_share
from marts.dyad_summary
order by interactions desc, contact_intensity desc, articles desc, dyad
