"""Fixture content trees for the tests of `flask content check`: a copy to break, what the check
then says, and one edit to a file."""

import shutil
from pathlib import Path

from challenge.content.loader import load_tree

LOCALES = ("en", "hi", "ja")


def copy_tree(fixture: Path, tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(fixture, root)
    return root


def check_messages(root: Path) -> list[str]:
    """What the content check reports for the tree at `root`, as the command prints it."""
    return [str(problem) for problem in load_tree(root, LOCALES, "en").problems]


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
