"""Problems found in content files, reported as `path:line: message`."""

import unicodedata
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


def printable(text: str) -> str:
    """Line breaks and control characters (from file names or keys) escaped: one problem, one line."""
    return "".join(
        character.encode("unicode_escape").decode("ascii")
        if unicodedata.category(character) in ("Cc", "Zl", "Zp")
        else character
        for character in text
    )


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == WARNING else ""
        return f"{printable(self.path)}:{self.line}: {prefix}{printable(self.message)}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
