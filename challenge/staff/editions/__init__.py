"""Editions in the staff console: each one's status, dates and live totals."""
