"""Organisations in the staff console: verify, unverify and merge duplicates."""
