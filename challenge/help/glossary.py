"""The glossary (content/glossary/terms/<locale>.md): one word for each idea, in every language.

The source (en.md) lists each term with a short definition. A translation lists the same terms, by
id and in the same order, with the word its readers should see (`term`), the spellings and
synonyms to avoid (`avoid`) and the definition in its language. The content check then fails when
any other text in that locale uses an avoided variant, so a lesson and the button under it say the
same thing (see `check_avoided`)."""

import re
import unicodedata

from challenge.content import fields as f
from challenge.content.entries import compare_ids, entry_list, entry_text, start_entry
from challenge.content.fields import Invalid
from challenge.content.kinds import Kind, read_prose
from challenge.content.problems import Problem

FOLDER = "glossary"
SLUG_OF_TERMS = "terms"  # the glossary is one item: content/glossary/terms/<locale>.md
KEYS = ("id", "term", "definition", "avoid")


def _entry(raw, index: int) -> dict:
    entry, where = start_entry(raw, "term", index, KEYS)
    entry_text(entry, "term", where, 120)
    entry_text(entry, "definition", where, 400)
    avoid = entry.get("avoid") or []
    if isinstance(avoid, str):
        avoid = [avoid]
    if not isinstance(avoid, list) or not all(
        isinstance(one, str) and one.strip() and len(one) <= 80 for one in avoid
    ):
        raise Invalid(f"{where}: 'avoid' must be a list of words or phrases")
    entry["avoid"] = [unicodedata.normalize("NFC", " ".join(one.split())) for one in avoid]
    return entry


def terms(value) -> list[dict]:
    """The `terms` front-matter field: a list of entries with unique ids, and no avoided variant
    that is part of a preferred term (the glossary would contradict itself)."""
    entries = entry_list(value, "term", _entry)
    for entry in entries:
        for variant in entry["avoid"]:
            clash = next((other for other in entries if find(other["term"], variant) >= 0), None)
            if clash:
                raise Invalid(
                    f"term '{entry['id']}' avoids '{variant}', which is part of the preferred "
                    f"term '{clash['term']}'"
                )
    return entries


def compare_terms(source, translation) -> list[tuple[int, str]]:
    return compare_ids(source, translation, "terms")


def _joins_words(character: str) -> bool:
    """True for scripts written without spaces (Japanese): a variant is matched anywhere there."""
    name = unicodedata.name(character, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH"))


def _is_word_character(character: str) -> bool:
    """Letters, marks, digits and the hyphen of a compound (एंटी-स्कैम, in a proper name)."""
    return character == "-" or unicodedata.category(character)[0] in "LMN"


def find(text: str, variant: str, start: int = 0) -> int:
    """Where `variant` starts in `text` (already NFC), or -1. In scripts with spaces between words
    it must start a word (so it is found in अकाउंट्स but not inside another word or after a
    hyphen, as in the name एंटी-स्कैम सेंटर);
    it may end anywhere, to catch inflected forms. Case is ignored, except in an all-capitals variant."""
    whole_word = not _joins_words(variant[0])
    if variant.isupper() and len(variant) > 1:
        # An acronym-like variant ("APP" in Chinese) is matched as written: "App Store" and
        # "Apple" are names, not the variant.
        folded_text, folded = text, variant
    else:
        folded_text, folded = text.casefold(), variant.casefold()
    while True:
        at = folded_text.find(folded, start)
        if at < 0 or not whole_word:
            return at
        before = text[at - 1] if at else " "
        # A word starts after a space or punctuation, or right after a Chinese or Japanese character.
        if not _is_word_character(before) or _joins_words(before):
            return at
        start = at + 1


# What a reader does not read as words: a question's {#id}, a link's target, a code span. They are
# fixed in every locale (/lessons/backups, {#wifi-habits}), so they are left out of the search.
NOT_PROSE = re.compile(r"\{#[^}]*\}|\]\([^)]*\)|`[^`]*`")


def prose_of(line: str) -> str:
    return NOT_PROSE.sub(" ", line)


def avoided_in(text: str, avoided: list[tuple[str, str]]) -> list[tuple[int, str, str]]:
    """(line, variant, preferred term) for each avoided variant used in `text`'s prose."""
    found = []
    for number, line in enumerate(unicodedata.normalize("NFC", text).splitlines(), start=1):
        line = prose_of(line)
        for variant, preferred in avoided:
            if find(line, variant) >= 0:
                found.append((number, variant, preferred))
    return found


def avoided_terms(meta: dict) -> list[tuple[str, str]]:
    """(variant, preferred term) from a glossary file's cleaned front matter, longest first."""
    pairs = [(variant, entry["term"]) for entry in meta["terms"] for variant in entry["avoid"]]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def check_avoided(items: dict, source_locale: str) -> list[Problem]:
    """Every file in a locale (lessons, quizzes, pledges, editions, help, pages) that uses a
    variant its locale's glossary avoids: the file, the line, the variant and the word to use."""
    glossary = items.get((FOLDER, SLUG_OF_TERMS))
    if glossary is None:
        return []
    problems = []
    for locale, glossary_file in glossary.files.items():
        avoided = avoided_terms(glossary_file.meta)
        if not avoided:
            continue
        for key, item in items.items():
            content_file = item.files.get(locale)
            if key[0] == FOLDER or content_file is None:
                continue
            problems += [
                Problem(
                    content_file.path,
                    line,
                    f"'{variant}' is a variant the glossary ({glossary_file.path}) avoids: "
                    f"write '{preferred}'",
                )
                for line, variant, preferred in avoided_in(content_file.text, avoided)
            ]
    return problems


GLOSSARY = Kind(
    name="glossary",
    folder=FOLDER,
    fields=(*f.COMMON_FIELDS, f.Field("terms", terms)),
    read_body=read_prose,
    compare=compare_terms,
    check_tree=check_avoided,
    position=60,
)
