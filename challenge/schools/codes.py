"""Class codes: short, read aloud or copied from a board by children, so from an alphabet with
no look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V)."""

import secrets

ALPHABET = "ACDEFHJKMNPQRTWXY34679"
LENGTH = 6  # 22**6, about 113 million codes; joining is rate-limited


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str | None) -> str:
    """What a pupil typed, as stored: capitals, no spaces or hyphens."""
    return "".join(char for char in (typed or "").upper() if char not in " -")


def shown(code: str) -> str:
    """The code in two halves for reading aloud: "ACD-EFH"."""
    return f"{code[:3]}-{code[3:]}"
