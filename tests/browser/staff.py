"""Campaign staff for the browser tests: accounts with a role and a console language, revisions
made through the editor's own form, and the console's words read back from the browser.

The staff console has no locale in its addresses: it speaks the account's language, which the
account's settings page sets (`flask staff create` makes accounts in the default locale), and only
for an account without a language the site serves, the browser's Accept-Language. So an account in
Hindi sees the console in Hindi whatever page it logged in from; `staff_account` sets the language
as the settings page would, and the journeys (tests/browser/test_staff.py) choose it on that page.
"""

import html
import re

from sqlalchemy import select

from challenge.accounts.models import Account
from challenge.extensions import db
from tests.browser.support import LATIN_ALLOWED, PASSWORD, Site, log_in
from tests.factories import csrf_token
from tests.factories import submit as post_form

# An editor's form, as the server rendered it: the text, and the token of what it started from.
TEXTAREA = re.compile(r"<textarea[^>]*\bname=\"text\"[^>]*>(.*?)</textarea>", re.S)
BASE = re.compile(r"<input[^>]*\bname=\"base\"[^>]*\bvalue=\"([^\"]*)\"")


def new_staff(site: Site, role: str, *, locale: str | None = None, locales=()) -> str:
    """A new staff account made by `flask staff create`; with `locale`, its console's language (the
    account's, which its settings page changes); with `locales`, the languages it translates into."""
    email = site.new_email(f"{role}-")
    site.cli("staff", "create", email, "--role", role, "--password-stdin", input=PASSWORD + "\n")
    if locale is not None or locales:
        with site.app.app_context():
            account = db.session.scalar(select(Account).where(Account.email == email))
            account.locale = locale or account.locale
            account.staff_locales = list(locales)
            db.session.commit()
    return email


def staff_account(site: Site, role: str, locale: str, *, locales=()) -> str:
    """A staff account with `role` whose console speaks `locale`: one per live server, shared by the
    page types that only look."""
    key = f"staff {role} {locale} {','.join(locales)}"
    return site.memo(key, lambda: new_staff(site, role, locale=locale, locales=locales))


def console(page, site: Site, role: str, locale: str, *, locales=()) -> str:
    """Log `page` in as staff with `role`, their console in `locale`; their address. The first
    time through the log-in form; later pages reuse that session's cookies (it is never ended)."""
    email = staff_account(site, role, locale, locales=locales)
    key = f"session of {email}"
    if key in site.shared:
        page.context.add_cookies(site.shared[key])
    else:
        log_in(page, site, locale, email)
        site.shared[key] = page.context.cookies()
    return email


def lesson_slugs(site: Site) -> list[str]:
    """Every published lesson's slug, in the lessons list's order."""
    from challenge.lessons.queries import lesson_list

    def read():
        with site.app.app_context():
            return [lesson.slug for lesson in lesson_list("en")]

    return site.memo("lesson slugs", read)


def editor_path(slug: str, locale: str, kind: str = "lessons") -> str:
    return f"/staff/content/{kind}/{slug}/{locale}"


def save_draft(site: Site, email: str, path: str, change, note: str = "") -> None:
    """Save a draft through the editor's form (a test client logged in as `email`): the text the
    editor opens with, changed by `change(text)`."""
    client = site.app.test_client()
    login = post_form(client, "/en/account/login", {"email": email, "password": PASSWORD})
    assert login.status_code == 302, login.text
    form = client.get(path).text
    text = html.unescape(TEXTAREA.search(form).group(1)).removeprefix("\r\n").removeprefix("\n")
    fields = {
        "csrf_token": csrf_token(form),
        "base": html.unescape(BASE.search(form).group(1)),
        "text": change(text),
        "note": note,
        "publish_at": "",
        "timezone": "UTC",
        "action": "draft",
    }
    response = client.post(path, data=fields)
    assert response.status_code == 302, response.text


def edited_lesson(site: Site, locale: str) -> tuple[str, str]:
    """A lesson whose text in `locale` has two drafts saved after the text from content/ (so three
    revisions, the first recorded from content/): (its editor's path, the line the drafts added).
    Made once per live server and locale, by an editor in English."""
    slug = lesson_slugs(site)[1]
    path = editor_path(slug, locale)
    added = {
        "en": "Check that a backup can be restored before you need it.",
        "hi": "ज़रूरत पड़ने से पहले जाँच लें कि बैकअप वापस लाया जा सकता है।",
        "ja": "必要になる前に、バックアップから元に戻せるか確かめましょう。",
        "es": "Comprueba que puedes recuperar una copia de seguridad antes de necesitarla.",
    }.get(locale, "Check that a backup can be restored before you need it.")

    def make():
        email = staff_account(site, "editor", "en")
        save_draft(site, email, path, lambda text: text.rstrip("\n") + "\n\n" + added + "\n")
        save_draft(
            site,
            email,
            path,
            lambda text: text.replace(added, "**" + added + "**"),
            note={"hi": "ज़ोर दिया", "ja": "強調", "es": "Énfasis"}.get(locale, "Emphasis"),
        )
        return path, added

    return site.memo(f"edited lesson {locale}", make)


# The console's own words: the text marked as the page's language in <main>, without what staff
# wrote or imported (the file being edited, its preview, titles and names in <bdi>, file paths,
# slugs and action names in <code> or marked translate="no", the audit log's JSON).
# support.foreign_words reads a reader's page; on the console, the content is not the interface's
# to translate.
CONSOLE_TEXT = """() => {
  const pageLang = document.documentElement.lang;
  const langOf = el => (el.closest('[lang]') || document.documentElement).getAttribute('lang');
  const skip = 'script, style, template, textarea, pre, code, bdi, [translate=no], .prose';
  const main = document.querySelector('main');
  const texts = [document.title];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (el && !el.closest(skip) && langOf(el) === pageLang) texts.push(node.textContent);
  }
  const read = ['aria-label', 'alt', 'title', 'placeholder'];
  for (const el of main.querySelectorAll(read.map(a => `[${a}]`).join(', '))) {
    if (el.closest(skip) || langOf(el) !== pageLang) continue;
    for (const name of read) if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
  }
  return texts.join('\\n');
}"""
# Names that are the same in every language: commands ("flask content sync"), paths and time zone
# names ("content/", "Asia/Kolkata"), UTC; and Latin words the catalogs keep on purpose: Markdown
# (a name), and "am" and "pm", CLDR's Hindi for the two halves of the day.
TECHNICAL = re.compile(r"\bflask(?: [a-z-]+)+|[\w.:-]*/[\w./:-]*|\bUTC\b", re.ASCII)
# "Hans": the script subtag of the zh-Hans locale code the translations page lists.
CONSOLE_LATIN = LATIN_ALLOWED | {"Markdown", "am", "pm", "Hans"}


def console_words(page, *proper_nouns: str) -> list[str]:
    """Latin-script words in the console's own text on a Hindi or Japanese page (names given,
    e-mail addresses, links, domain names, commands, paths and time zones aside): English left
    untranslated."""
    text = page.evaluate(CONSOLE_TEXT)
    for noun in sorted(filter(None, proper_nouns), key=len, reverse=True):
        text = text.replace(noun, " ")
    text = re.sub(r"\S+@\S+|https?://\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b", " ", text)
    text = TECHNICAL.sub(" ", text)
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in CONSOLE_LATIN]


def in_console_language(page, locale: str, *proper_nouns: str) -> None:
    """The staff page is in `locale`, with no English left in the console's own words."""
    assert page.locator("html").get_attribute("lang") == locale, page.url
    if locale != "en":
        left = console_words(page, *proper_nouns)
        assert left == [], (page.url, left)
