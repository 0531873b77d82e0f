"""Background jobs in the staff console: counts by state, the list, retry and discard (also
`flask jobs retry|discard`), and the periodic jobs' last runs. Importing it registers the routes
and commands."""

from challenge.staff.jobs import commands, views  # noqa: F401 - registers routes and commands
