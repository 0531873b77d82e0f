"""The staff console's content section: editing, revisions, scheduling, translation coverage,
and `flask content export|publish-due`. Importing it registers the routes on the staff blueprint."""

from challenge.staff.content import (  # noqa: F401 - registers routes, hooks and commands
    cli,
    history_views,
    models,
    scheduling,
    translation_views,
    views,
)
