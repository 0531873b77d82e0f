"""Moderation of the names people choose (display names, organisation names): their state
(models.py), the one helper every public page asks (names.py), and the moderators' list (views.py)."""
