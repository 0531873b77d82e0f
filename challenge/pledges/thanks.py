"""The thank-you page, rendered once per pledge text, language and signed-in state, its live
count put in on each visit.

Under a viral pledge every new pledger lands here, and the page is the same for all of them but
for the count. The count sentence is rendered on its own each time (its plural form follows the
number), so a figure on this page is never stale. Compression is the web server's job (nginx).
"""

from dataclasses import dataclass

from flask import Response, current_app, render_template, session
from flask_login import current_user
from markupsafe import Markup

from challenge.caching import revision
from challenge.content.queries import Shown

COUNT_HOLE = Markup("<!--pledge-count-->")
TEMPLATE = "pledges/thanks.html"
SENTENCE = "pledges/_count_sentence.html"
KEPT = 256  # rendered pages per process; when full, it starts again (old revisions go)


@dataclass(frozen=True)
class Shell:
    parts: list[bytes]  # the page before the count sentence, and after it


JUST_TAKEN = "pledge_just_taken"  # in the signed session: the pledge this browser last took


def remember_taken(item_id: int) -> None:
    """After a pledge: its thank-you page, next, need not look the pledge up in the database."""
    session[JUST_TAKEN] = item_id


def just_taken(item_id: int) -> bool:
    return session.get(JUST_TAKEN) == item_id


def count_sentence(count: int) -> Markup:
    # The template alone, without render_template's context: the sentence needs only the count.
    template = current_app.jinja_env.get_template(SENTENCE)
    return Markup(template.render(count=count))  # noqa: S704 - autoescaped


def _shell(pledge: Shown) -> Shell:
    html = render_template(TEMPLATE, pledge=pledge, count_sentence=COUNT_HOLE)
    parts = [part.encode() for part in html.split(COUNT_HOLE, 1)]
    return Shell(parts)


def thank_you_page(pledge: Shown, count: int) -> Response | str:
    if session.get("_flashes"):  # a message for this visitor alone: rendered for them
        return render_template(TEMPLATE, pledge=pledge, count_sentence=count_sentence(count))
    key = (
        pledge.item.id,
        pledge.locale,
        pledge.requested_locale,
        revision.content_seen(),
        current_user.is_authenticated,
    )
    shells: dict = current_app.extensions.setdefault("thank-you-pages", {})
    shell = shells.get(key)
    if shell is None:
        shell = _shell(pledge)
        if len(shells) >= KEPT:
            shells.clear()
        shells[key] = shell
    sentence = count_sentence(count).encode()
    return Response(sentence.join(shell.parts), mimetype="text/html")
