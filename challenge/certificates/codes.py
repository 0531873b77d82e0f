"""Certificate codes: 80 random bits from `secrets`, written in Crockford's base32 in four groups
of four after the campaign's prefix, as in QCC-7K2M-9XQH-D4TV-WB3R.

Crockford's alphabet leaves out I, L, O and U, so a code read aloud or copied by hand survives:
on input, case, spaces and hyphens do not matter, and I and L read as 1, O as 0.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
BITS = 80
SYMBOLS = BITS // 5  # 16
GROUP = 4
PREFIX = "QCC"
LENGTH = len(PREFIX) + SYMBOLS + SYMBOLS // GROUP  # "QCC" + 16 symbols + 4 hyphens = 23
# What a person may type for a symbol that is not its canonical form.
READS_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})
TYPED = re.compile(r"[0-9A-Za-z\s-]{1,64}")


def encode(number: int) -> str:
    """`number` (0 <= number < 2**80) as 16 base32 symbols in groups, with the prefix."""
    symbols = []
    for _ in range(SYMBOLS):
        number, digit = divmod(number, 32)
        symbols.append(ALPHABET[digit])
    body = "".join(reversed(symbols))
    groups = [body[i : i + GROUP] for i in range(0, SYMBOLS, GROUP)]
    return "-".join([PREFIX, *groups])


def new_code() -> str:
    """A fresh code: 80 bits from the operating system's random source, never from ids."""
    return encode(secrets.randbits(BITS))


def normalise(typed: str) -> str | None:
    """The canonical form of a code as someone typed or scanned it, or None if it cannot be one.
    Nothing is looked up: every malformed input is simply None."""
    if not isinstance(typed, str) or not TYPED.fullmatch(typed):
        return None
    compact = re.sub(r"[\s-]", "", typed).upper()
    if compact.startswith(PREFIX) and len(compact) == len(PREFIX) + SYMBOLS:
        compact = compact[len(PREFIX) :]
    compact = compact.translate(READS_AS)
    if len(compact) != SYMBOLS or any(symbol not in ALPHABET for symbol in compact):
        return None
    groups = [compact[i : i + GROUP] for i in range(0, SYMBOLS, GROUP)]
    return "-".join([PREFIX, *groups])
