"""Gathering the review report of a period from scores and histories."""
