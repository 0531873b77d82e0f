"""The docs stay true: every setting is documented, and every relative link resolves."""

import re
from pathlib import Path

from challenge.config import Config

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)|src=\"([^\"]+)\"")


def test_every_setting_is_in_configuration_md():
    documented = (ROOT / "docs" / "configuration.md").read_text()
    settings = [name for name in vars(Config) if name.isupper()]
    missing = [name for name in settings if f"`{name}`" not in documented]
    assert settings and not missing, missing


def test_every_relative_link_resolves():
    broken = []
    for doc in DOCS:
        for match in LINK.finditer(doc.read_text()):
            target = (match.group(1) or match.group(2)).split("#")[0]
            if not target or re.match(r"[a-z]+:", target):
                continue
            if not (doc.parent / target).exists():
                broken.append(f"{doc.relative_to(ROOT)}: {target}")
    assert not broken, broken
