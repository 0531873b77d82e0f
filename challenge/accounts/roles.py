"""The staff roles an account may hold: the vocabulary every layer shares.

What each role may do is the staff console's business (challenge/staff/access.py).
"""

ROLES = ("admin", "editor", "translator", "moderator", "analyst")


def is_staff(account, *roles: str) -> bool:
    """Whether the account (or current_user) is staff, with one of `roles` if any are given. A
    role counts only once the account's address is confirmed (see staff.access.has_verified_address)."""
    if not account.is_authenticated or getattr(account, "email_verified_at", None) is None:
        return False
    role = getattr(account, "staff_role", None)
    return role in ROLES and (not roles or role in roles)
