"""Certificates in the staff console: look one up by its code and revoke it with a reason."""
