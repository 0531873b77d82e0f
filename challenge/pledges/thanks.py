"""The thank-you page, rendered once per pledge text, language, host and signed-in state, its live
count put in on each visit.

Under a viral pledge every new pledger lands here, and the page is the same for all of them but
for the count. The count sentence is rendered on its own each time (its plural form follows the
number), so a figure on this page is never stale.
"""

from flask import current_app, render_template, request, session
from flask_login import current_user
from markupsafe import Markup

from challenge.caching import revision
from challenge.content.queries import Shown

COUNT_HOLE = Markup("<!--pledge-count-->")
TEMPLATE = "pledges/thanks.html"
KEPT = 256  # rendered pages per process; when full, it starts again (old revisions go)


def count_sentence(count: int) -> Markup:
    return Markup(render_template("pledges/_count_sentence.html", count=count))  # noqa: S704 - autoescaped


def thank_you_page(pledge: Shown, count: int) -> str:
    if session.get("_flashes"):  # a message for this visitor alone: rendered for them
        return render_template(TEMPLATE, pledge=pledge, count_sentence=count_sentence(count))
    key = (
        pledge.item.id,
        pledge.locale,
        pledge.requested_locale,
        revision.seen(revision.CONTENT),
        current_user.is_authenticated,
        request.host_url,
    )
    pages: dict = current_app.extensions.setdefault("thank-you-pages", {})
    shell = pages.get(key)
    if shell is None:
        shell = render_template(TEMPLATE, pledge=pledge, count_sentence=COUNT_HOLE)
        if len(pages) >= KEPT:
            pages.clear()
        pages[key] = shell
    return shell.replace(COUNT_HOLE, count_sentence(count), 1)
