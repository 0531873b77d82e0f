"""What a certificate is for, described by the feature that issues it, so this package never
imports a feature (editions, and whatever comes next, register here).

A feature registers one describer per subject kind:

    @certificates.registry.subject("edition")
    def describe(slug: str, locale: str) -> Subject | None: ...

The verification page, the downloads and the Open Badges documents call it for the title,
a one-line summary and the subject's public page; None means the subject no longer exists.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Subject:
    title: str
    summary: str
    url: str  # the subject's public page: a path on this site or an absolute URL


Describer = Callable[[str, str], Subject | None]
DESCRIBERS: dict[str, Describer] = {}
KIND_PATTERN = r"[a-z][a-z0-9_-]{0,31}"


def subject(kind: str) -> Callable[[Describer], Describer]:
    """Register `describe(slug, locale) -> Subject | None` for certificates of `kind`."""

    def register(describe: Describer) -> Describer:
        DESCRIBERS[kind] = describe
        return describe

    return register


def describe(kind: str, slug: str, locale: str) -> Subject | None:
    describer = DESCRIBERS.get(kind)
    return describer(slug, locale) if describer else None
