-- Distinct real-world interaction events per unordered country pair, counted once per dated month
-- and once over all time: the event figures of marts.dyad_monthly (the month rows) and
-- marts.dyad_summary (the all-time row), defined in one place so the two marts always agree. An
-- event is dated when one of its reports has a month and is not a recalled interaction with no known
-- date; its level is the most senior of its reports', its weights and quad class the largest.
-- @unique: dyad, month
-- @not_null: dyad, country_a, country_b, interactions, undated_interactions, contact_intensity, goldstein_total, verbal_cooperation, material_cooperation, verbal_conflict, material_conflict
-- dyad: the pair as 'AAA-BBB' with country_a first
-- country_a: alphabetically first ISO3 code of the pair
-- country_b: alphabetically second ISO3 code of the pair
-- month: first day of the month of the events counted; NULL on the pair's all-time row
-- interactions: distinct events of the pair in the month (all time: dated or not)
-- undated_interactions: of those, events with no month (0 on month rows)
-- head_of_state: events whose level is head_of_state
-- head_of_government: events whose level is head_of_government
-- deputy_head_of_government: events whose level is deputy_head_of_government
-- foreign_minister: events whose level is foreign_minister
-- minister: events whose level is minister
-- deputy_minister: events whose level is deputy_minister
-- ambassador: events whose level is ambassador
-- other_official: events whose level is other_official (including events with no ranked participant)
-- non_state: events whose level is non_state
-- contact_intensity: sum over the events of the seniority weight of the event's level (ref.ranks)
-- goldstein_total: sum over the events of the event's Goldstein weight
-- goldstein_mean: mean over the events of the event's Goldstein weight (-10 conflict ... +10
--     cooperation); NULL when no event has a weight
-- verbal_cooperation: events whose quad class is verbal_cooperation (CAMEO roots 01-05)
-- material_cooperation: events whose quad class is material_cooperation (roots 06-08)
-- verbal_conflict: events whose quad class is verbal_conflict (roots 09-13)
-- material_conflict: events whose quad class is material_conflict (roots 14-20)
-- cooperation_share: (verbal_cooperation + material_cooperation) / events with a quad class; NULL
--     when no event has one
with pair_events as (
    select
        dyad,
        country_a,
        country_b,
        event_key,
        -- An event's month is one (stg_interactions dates the event, not the report).
        max(event_month) filter (where event_month is not null
            and (not is_recalled or resolved_event_date is not null)) as event_month,
        min(level) as level,
        -- Decimals so the sums below are exact: a sum of doubles depends on the order threads add
        -- rows in, and two runs on the same input must give identical tables.
        cast(max(level_weight) as decimal(18, 6)) as level_weight,
        cast(max(event_goldstein) as decimal(18, 6)) as goldstein,
        max(event_quad_class) as quad_class
    from staging.stg_interaction_dyads
    group by dyad, country_a, country_b, event_key
),

counts_by_period as (
    select
        dyad,
        country_a,
        country_b,
        event_month as month,
        grouping(event_month) = 1 as is_all_time,
        count(*) as interactions,
        count(*) filter (where event_month is null) as undated_interactions,
        count(*) filter (where level = 'head_of_state') as head_of_state,
        count(*) filter (where level = 'head_of_government') as head_of_government,
        count(*) filter (where level = 'deputy_head_of_government') as deputy_head_of_government,
        count(*) filter (where level = 'foreign_minister') as foreign_minister,
        count(*) filter (where level = 'minister') as minister,
        count(*) filter (where level = 'deputy_minister') as deputy_minister,
        count(*) filter (where level = 'ambassador') as ambassador,
        count(*) filter (where level = 'other_official') as other_official,
        count(*) filter (where level = 'non_state') as non_state,
        coalesce(cast(sum(level_weight) as double), 0) as contact_intensity,
        coalesce(cast(sum(goldstein) as double), 0) as goldstein_total,
        cast(avg(goldstein) as double) as goldstein_mean,
        count(*) filter (where quad_class = 'verbal_cooperation') as verbal_cooperation,
        count(*) filter (where quad_class = 'material_cooperation') as material_cooperation,
        count(*) filter (where quad_class = 'verbal_conflict') as verbal_conflict,
        count(*) filter (where quad_class = 'material_conflict') as material_conflict,
        count(*) filter (where quad_class in ('verbal_cooperation', 'material_cooperation'))
            / nullif(count(quad_class), 0) as cooperation_share
    from pair_events
    group by grouping sets ((dyad, country_a, country_b, event_month), (dyad, country_a, country_b))
)

select
    dyad, country_a, country_b, month, interactions, undated_interactions, head_of_state, head_of_government,
    deputy_head_of_government, foreign_minister, minister, deputy_minister, ambassador, other_official,
    non_state, contact_intensity, goldstein_total, goldstein_mean, verbal_cooperation,
    material_cooperation, verbal_conflict, material_conflict, cooperation_share
from counts_by_period
-- The undated events' own group of the monthly grouping: they count only in the all-time row.
where is_all_time or month is not null
