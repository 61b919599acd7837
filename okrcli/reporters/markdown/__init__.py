"""The Markdown documents: okr score --format markdown (score.py) and the review report (report.py)."""
