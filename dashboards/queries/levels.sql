-- The seniority levels (columns of the pair marts), most senior first.
select rank as level, label, weight, sort_order
from ref.ranks
order by sort_order, rank
