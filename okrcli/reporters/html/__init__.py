"""okr report --format html: one self-contained page (page.py) and its style sheet (style.py)."""
