"""Value timelines of key results and KPIs, from check-ins and the sheets' versions in git."""
