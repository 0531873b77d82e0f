"""Shared test helpers (moved out of test modules, which never import each other)."""

import re

from werkzeug.datastructures import MultiDict

from challenge.content.queries import published_item

SLUG = "spotting-phishing"


URL = f"/en/quizzes/{SLUG}"


def questions(app, slug=SLUG):
    with app.app_context():
        return published_item("quiz", slug, "en").data["questions"]


def answer_sheet(app, slug=SLUG, *, wrong=(), skip=()):
    """Form pairs answering every question right, except those in `wrong` (wrong) or `skip`."""
    pairs = []
    for question in questions(app, slug):
        qid = question["id"]
        if qid in skip:
            continue
        if qid in wrong:
            chosen = [next(i for i, o in enumerate(question["options"]) if not o["correct"])]
        else:
            chosen = question["correct"]
        pairs += [(f"q-{qid}", f"{qid}.{index}") for index in chosen]
    return pairs


def open_form(client, url=URL):
    page = client.get(url).text
    attempt = re.search(r'name="attempt" type="hidden" value="([0-9a-f]+)"', page).group(1)
    return page, [("attempt", attempt)]  # a shared page's form: no CSRF token


def send(client, pairs, *, url=URL, country="JP", form=None):
    _page, fixed = form or open_form(client, url)
    extra = [("country", country)] if country else []
    return client.post(url, data=MultiDict([*fixed, *extra, *pairs]))
