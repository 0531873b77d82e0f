"""`flask translate`: a thin wrapper around pybabel with this project's paths."""

import sys
import tempfile
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from flask import current_app
from flask.cli import AppGroup

from challenge.config import PROJECT_ROOT, translation_locales
from challenge.i18n.catalogs import message_is_translated

BABEL_CONFIG = PROJECT_ROOT / "babel.cfg"
KEYWORDS = ["_l", "lazy_gettext", "ngettext:1,2", "lazy_ngettext:1,2"]


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def translations_dir() -> Path:
    return Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])


def extract_to(pot: Path) -> None:
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    pybabel(
        "extract",
        "-F",
        str(BABEL_CONFIG),
        *keywords,
        "--no-location",
        "--sort-output",
        "--project",
        "quad-cyber-challenge",
        "-o",
        str(pot),
        str(PROJECT_ROOT / "challenge"),
    )


def message_ids(path: Path) -> set:
    with path.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


@click.group(cls=AppGroup)
def translate():
    """Extract, update, compile and check the UI translation catalogs."""


@translate.command()
def extract():
    """Write every translatable string to translations/messages.pot."""
    extract_to(translations_dir() / "messages.pot")


@translate.command()
def update():
    """Extract, then merge new strings into every locale's messages.po."""
    pot = translations_dir() / "messages.pot"
    extract_to(pot)
    pybabel("update", "-i", str(pot), "-d", str(translations_dir()), "--no-fuzzy-matching")


@translate.command()
@click.argument("locale")
def init(locale):
    """Start a catalog for a new LOCALE."""
    pot = translations_dir() / "messages.pot"
    extract_to(pot)
    pybabel("init", "-i", str(pot), "-d", str(translations_dir()), "-l", locale)


@translate.command()
def compile():
    """Compile every messages.po into the messages.mo the site reads."""
    pybabel("compile", "-d", str(translations_dir()), "--use-fuzzy")


@translate.command()
def check():
    """Fail when a catalog is stale (strings in the code that it lacks), or when a public
    locale's catalog is incomplete (LOCALES; the UPCOMING_LOCALES may be partly translated)."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        pot = Path(scratch) / "messages.pot"
        extract_to(pot)
        wanted = message_ids(pot)
    config = current_app.config
    for code in translation_locales(config):
        po_path = translations_dir() / code / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            problems.append(f"{po_path}: missing catalog; run `flask translate init {code}`")
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        missing = wanted - {message.id for message in catalog if message.id}
        for message_id in sorted(missing, key=str):
            problems.append(
                f"{po_path}: not in the catalog (run `flask translate update`): {message_id!r}"
            )
        if code == config["DEFAULT_LOCALE"] or code not in config["LOCALES"]:
            continue
        problems += plural_problems(po_path, catalog, code)
        for message in catalog:
            if message.id and message.id in wanted and not message_is_translated(message):
                problems.append(f"{po_path}:{message.lineno}: untranslated: {message.id!r}")
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
    click.echo("Catalogs are up to date, and complete for every public locale.")


def plural_problems(po_path: Path, catalog, code: str) -> list[str]:
    """A public catalog's plural forms must be CLDR's for its language, each form filled in."""
    expected = get_plural(code)
    if catalog.plural_expr != expected.plural_expr or catalog.num_plurals != expected.num_plurals:
        return [f"{po_path}: Plural-Forms is not CLDR's: {expected.plural_forms}"]
    return [
        f"{po_path}:{message.lineno}: needs {expected.num_plurals} plural forms: {message.id[0]!r}"
        for message in catalog
        if message.pluralizable and message.id and len(message.string) != expected.num_plurals
    ]
