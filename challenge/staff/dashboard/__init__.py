"""The campaign dashboard in the staff console, with CSV exports."""
