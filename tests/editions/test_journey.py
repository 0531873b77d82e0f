"""A new visitor's five days, as a person without JavaScript goes through them: the test client
follows the links and submits the forms the pages show (nothing is called directly), one day at a
time with time-machine, and ends with a certificate that verifies. A visitor who misses a day
sees where they stand: the day left open to catch up, the streak broken, the finish line further.

The edition is tests/fixtures/journey-content (five days, 2-6 June 2025 in Kolkata)."""

import re
from urllib.parse import urlsplit

import pytest
import time_machine

from tests.security.forms import Form, forms_on
from tests.support.editions import JOURNEY, sync_fixture

# Noon in Kolkata on each day of the window, then the day after it.
DAYS = [f"2025-06-0{day} 06:30Z" for day in range(2, 7)]
AFTER = "2025-06-07 06:30Z"
ACTIONS = {  # each day's actions, as the page lists them
    1: ("update-phone", "read-lesson"),
    2: ("pass-quiz",),
    3: ("take-pledge",),
    4: ("turn-on-mfa",),
    5: ("check-a-link", "report-phishing"),
}
QUIZ_ANSWERS = {"q-parcel": ["parcel.1"], "q-signs": ["signs.0", "signs.1"]}  # what a person knows


@pytest.fixture
def journey_app(app):
    sync_fixture(app, JOURNEY)
    return app


class Visitor:
    """A browser without JavaScript: it opens pages, follows links and sends the forms it sees."""

    def __init__(self, app, country: str = "IN"):
        self.client = app.test_client()
        self.country = country  # what the person picks when a form asks

    def open(self, url: str) -> str:
        response = self.client.get(url, follow_redirects=True)
        assert response.status_code == 200, (url, response.status_code)
        return response.text

    def send(self, form: Form, changes: dict | None = None, button: tuple | None = None):
        """Submit `form` as the page left it, with the person's choices, following redirects."""
        changes = dict(changes or {})
        if "country" in form.fields:
            changes.setdefault("country", self.country)
        pairs = [(name, value) for name, value in form.default_pairs() if name not in changes]
        for name, values in changes.items():
            pairs += [(name, value) for value in (values if isinstance(values, list) else [values])]
        action = form.action
        if button is not None:
            name, value, action = button
            pairs.append((name, value))
        data: dict[str, list[str]] = {}
        for name, value in pairs:
            data.setdefault(name, []).append(value)
        response = self.client.post(action, data=data, follow_redirects=True)
        assert response.status_code == 200, (action, response.status_code, response.text[:500])
        return response.text


def find_edition_link(listing: str) -> str:
    [url] = re.findall(r'<a href="(/en/editions/five-days)">Five Safe Days</a>', listing)
    return url


def action_block(page: str, action_id: str) -> str:
    match = re.search(rf'<li id="action-{action_id}">(.*?)</li>', page, re.DOTALL)
    assert match, action_id
    return match.group(1)


def check_in_button(page: str, action_id: str) -> tuple[str, str, str]:
    match = re.search(
        rf'<button type="submit" name="action" value="{action_id}" formaction="([^"]+)">',
        action_block(page, action_id),
    )
    assert match, f"no check-in button for {action_id}"
    return "action", action_id, match.group(1)


def check_in_form(page: str, url: str) -> Form:
    [form] = [form for form in forms_on(url, page) if form.path.endswith("/check-in")]
    return form


def linked_page(page: str, action_id: str) -> str:
    """The lesson, quiz or pledge the action links to."""
    [href] = re.findall(
        r'<a href="(/en/(?:lessons|quizzes|pledges)/[^"#]+)">', action_block(page, action_id)
    )
    return href


def form_posting_to(page: str, url: str, path_end: str) -> Form:
    [form] = [form for form in forms_on(url, page) if form.path.endswith(path_end)]
    return form


def do(visitor: Visitor, edition_url: str, action_id: str) -> str:
    """Do the action as the page says: tick a task, or open its lesson, quiz or pledge and do it
    there; then back to the edition's page, whose HTML is returned."""
    page = visitor.open(edition_url)
    block = action_block(page, action_id)
    assert "Left to do" in block
    if 'href="/en/' not in block:  # a task: "I did it"
        visitor.send(check_in_form(page, edition_url), button=check_in_button(page, action_id))
    else:
        url = linked_page(page, action_id)
        target = visitor.open(url)
        if "/lessons/" in url:
            visitor.send(form_posting_to(target, url, "/done"))
        elif "/quizzes/" in url:
            form = form_posting_to(target, url, urlsplit(url).path)
            result = visitor.send(form, QUIZ_ANSWERS)
            assert "2 of 2" in result or "100%" in result, result[:2000]
        else:
            visitor.send(form_posting_to(target, url, urlsplit(url).path))
    page = visitor.open(edition_url)
    assert "Done" in action_block(page, action_id), action_id
    return page


def progress_of(page: str) -> tuple[int, int]:
    match = re.search(r'<progress id="edition-progress" max="(\d+)" value="(\d+)">', page)
    assert match
    return int(match.group(2)), int(match.group(1))


def test_a_new_visitor_goes_through_five_days_to_a_certificate_that_verifies(journey_app):
    visitor = Visitor(journey_app)
    done = 0
    for number, moment in enumerate(DAYS, start=1):
        with time_machine.travel(moment, tick=False):
            edition_url = find_edition_link(visitor.open("/en/editions/"))
            page = visitor.open(edition_url)
            assert f"Day {number} of 5 where you are" in page
            assert 'id="certificate"' not in page
            if number < 5:
                assert "Opens on" in page  # tomorrow is not open yet
            for action_id in ACTIONS[number]:
                page = do(visitor, edition_url, action_id)
                done += 1
                assert progress_of(page) == (done, 7)
            assert f"Streak: {number} day" in page
    assert "You finished this edition on June 6, 2025." in page
    assert "220 points" in page  # 7 actions, 5 full days and the finish: docs/editions.md
    [verify_url] = re.findall(r'<li id="certificate">[^<]*<a href="([^"]+)"', page)
    [pdf_url] = re.findall(r'href="([^"]+/certificate\.pdf)"', page)
    [name_url] = re.findall(r'href="([^"]+/certificate/name)"', page)
    # Anyone can check it: a stranger's browser, once the edition is over.
    with time_machine.travel(AFTER, tick=False):
        stranger = Visitor(journey_app)
        verify = stranger.open(verify_url)
        assert "Five Safe Days" in verify and "June 6, 2025" in verify
        assert "Revoked" not in verify
        code = verify_url.rstrip("/").split("/")[-1]
        assert code in verify
        pdf = stranger.client.get(pdf_url)
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
        [qr_url] = re.findall(r'src="([^"]+/qr\.svg)"', verify) or [f"/verify/{code}/qr.svg"]
        assert stranger.client.get(qr_url).mimetype == "image/svg+xml"
        # The holder chooses the name to print, on the form the edition page links to.
        name_page = visitor.open(name_url)
        form = form_posting_to(name_page, name_url, "/certificate/name")
        visitor.send(form, {"name": "Priya Sharma", "age_band": "18-or-over"})
        assert "Priya Sharma" in stranger.open(verify_url)
        ended = visitor.open(edition_url)
        assert "This edition has ended" in ended and "Priya Sharma" not in ended
        assert progress_of(ended) == (7, 7)


def test_missing_a_day_leaves_it_open_breaks_the_streak_and_moves_the_finish_line(journey_app):
    visitor = Visitor(journey_app)
    edition_url = "/en/editions/five-days"
    for number in (1, 2, 4):  # day 3 missed
        with time_machine.travel(DAYS[number - 1], tick=False):
            for action_id in ACTIONS[number]:
                page = do(visitor, edition_url, action_id)
    day_3 = re.search(r'<li class="panel edition-day" id="day-3">(.*?)</ul>', page, re.DOTALL)
    assert day_3 and "Open: you can still catch up" in day_3.group(1)
    assert 'value="take-pledge"' in day_3.group(1)  # its check-in is still offered
    assert progress_of(page) == (4, 7)
    assert "Streak: 1 day in a row" in page  # day 4 only: day 3 broke it
    assert "100 points" in page  # 4 actions and 3 full days
    assert "Finish line: complete 2 more days." in page
    with time_machine.travel(AFTER, tick=False):
        page = visitor.open(edition_url)
        assert "This edition has ended" in page and 'id="certificate"' not in page
        assert progress_of(page) == (4, 7)
        assert "Finish line: complete 2 more days." in page
        refused = visitor.client.post(f"{edition_url}/actions/take-pledge")
        assert refused.status_code == 409 and "has ended" in refused.text
    # Caught up before the end instead, another visitor finishes.
    late = Visitor(journey_app)
    for number in (1, 2, 4):
        with time_machine.travel(DAYS[number - 1], tick=False):
            for action_id in ACTIONS[number]:
                do(late, edition_url, action_id)
    with time_machine.travel(DAYS[4], tick=False):
        for action_id in (*ACTIONS[5], *ACTIONS[3]):  # day 5, then the missed day 3
            page = do(late, edition_url, action_id)
    assert progress_of(page) == (7, 7) and 'id="certificate"' in page
