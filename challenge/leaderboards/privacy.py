"""Small-group suppression for the leaderboards: the rule is the platform's
(challenge/participation/public.py), shared with the editions' leaderboards."""

from challenge.participation.public import Suppressed, suppress

__all__ = ["Suppressed", "suppress"]
