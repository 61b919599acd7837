"""Scoring: key results and their formulas, KPIs, objectives and owners, the scorebook of a period, alignment."""
