"""The password policy, after NIST SP 800-63B: length, a list of common and leaked passwords, and
nothing else (no composition rules, every Unicode character allowed).

Passwords are NFKC-normalised before they are measured, hashed or checked, so the same passphrase
typed on another keyboard (full-width letters, composed accents) still matches. The list of common
passwords ships with the package (common-passwords.txt.gz, its sources and licences in its header)
and is read once per process, on first use.
"""

import gzip
import threading
import unicodedata
from itertools import pairwise
from pathlib import Path

from flask_babel import lazy_gettext as _l

# NIST SP 800-63B rev. 4: at least 15 characters when a password is the only factor, as here;
# what the lessons teach (ASD: passphrases of 15+ characters). At least 64 must be accepted.
PASSWORD_MIN = 15
PASSWORD_MAX = 256
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt.gz")
CONTEXT_WORD_MIN = 4  # context words shorter than this are ordinary words, not identifiers
LEFTOVER_MIN = 8  # what is left beside the e-mail or site name must be at least this long
# Rows and columns of a QWERTY keyboard, for walks such as "qwertyuiopasdfgh" or "1qaz2wsx3edc".
KEYBOARD_WALKS = ("1234567890qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p")

TOO_SHORT_OR_LONG = _l(
    "Use %(min)d to %(max)d characters: a few random words make a strong passphrase.",
    min=PASSWORD_MIN,
    max=PASSWORD_MAX,
)
TOO_COMMON = _l(
    "That password is on a list of common or leaked passwords, or is easy to guess. Choose another: a few random words make a strong passphrase."
)
FROM_CONTEXT = _l(
    "Choose a password that is not based on your email address or the name of this site."
)

_common: frozenset[str] | None = None
_lock = threading.Lock()


def normalise(password: str) -> str:
    """The form a password is measured, hashed and compared in."""
    return unicodedata.normalize("NFKC", password)


def common_passwords() -> frozenset[str]:
    """The shipped list, loaded on first use and kept for the life of the process."""
    global _common
    if _common is None:
        with _lock:
            if _common is None:
                with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
                    _common = frozenset(
                        line.rstrip("\n") for line in lines if line.strip() and line[0] != "#"
                    )
    return _common


def squash(text: str) -> str:
    """Case-folded, with spaces and separators removed: "Correct-Horse" and "correcthorse" match."""
    folded = normalise(text).casefold()
    return "".join(ch for ch in folded if not (ch.isspace() or unicodedata.category(ch)[0] in "PZ"))


def _repetitive(text: str) -> bool:
    """One short unit over and over: "aaaa...", "abcabc...", "passwordpassword"."""
    return any(
        text == (text[:size] * (len(text) // size + 1))[: len(text)]
        for size in range(1, len(text) // 2 + 1)
    )


def _step(a: str, b: str) -> int | None:
    if a.isdigit() and b.isdigit() and a.isascii() and b.isascii():
        return {1: 1, 9: -1}.get((int(b) - int(a)) % 10)  # 8, 9, 0, 1 runs on
    difference = ord(b) - ord(a)
    return difference if difference in (1, -1) else None


def _sequential(text: str) -> bool:
    """A run up or down the alphabet or the digits: "abcdefgh...", "123456789012345"."""
    if len(text) < 3:
        return False
    first = _step(text[0], text[1])
    return first is not None and all(_step(a, b) == first for a, b in pairwise(text))


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"  # marks too: Devanagari vowel signs


def _keyboard_walk(text: str) -> bool:
    return len(text) >= 3 and any(text in walk or text in walk[::-1] for walk in KEYBOARD_WALKS)


def _strip_padding(text: str) -> tuple[str, str]:
    """(core, padding): digits and symbols around the letters, as in "password123$"."""
    start, end = 0, len(text)
    while start < end and not _is_letter(text[start]):
        start += 1
    while end > start and not _is_letter(text[end - 1]):
        end -= 1
    return text[start:end], text[:start] + text[end:]


def _predictable(text: str) -> bool:
    return _repetitive(text) or _sequential(text) or _keyboard_walk(text)


def guessable(text: str) -> bool:
    """Whether a squashed password is listed, repetitive or sequential, or a listed one padded."""
    common = common_passwords()
    if not text or text in common or _predictable(text):
        return True
    core, padding = _strip_padding(text)
    if not core or not padding:
        return False
    core_weak = core in common or _predictable(core)
    padding_weak = len(padding) <= 4 or padding in common or _predictable(padding)
    return core_weak and (padding_weak or 2 * len(core) >= len(text))


def context_words(email: str | None, site_name: str | None) -> list[str]:
    """What a password must not be built from: the address, its local part, the site's name."""
    words = []
    if email:
        words.append(squash(email))
        words.append(squash(email.split("@", 1)[0]))
    if site_name:
        words.append(squash(site_name))
    return sorted({word for word in words if len(word) >= CONTEXT_WORD_MIN}, key=len, reverse=True)


def problem(password: str, *, email: str | None = None, site_name: str | None = None):
    """Why a new password is refused (a lazy, translated message), or None if it is fine."""
    password = normalise(password)
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return TOO_SHORT_OR_LONG
    squashed = squash(password)
    leftover = squashed
    for word in context_words(email, site_name):
        leftover = leftover.replace(word, "")
    if leftover != squashed and (len(leftover) < LEFTOVER_MIN or guessable(leftover)):
        return FROM_CONTEXT
    if password.casefold() in common_passwords() or guessable(squashed):
        return TOO_COMMON
    return None
