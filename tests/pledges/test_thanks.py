"""The thank-you page is rendered once per pledge text, language and signed-in state; its count is
put in on every visit, so it is never stale."""

from flask import template_rendered

from tests.factories import last_link
from tests.support.content_rows import retitle
from tests.support.pledges import MFA, pledge
from tests.support.visitors import log_in, mails, sign_up

THANKS = MFA + "/thanks"


def rendered_templates(app) -> list[str]:
    names = []
    template_rendered.connect(
        lambda sender, template, context: names.append(template.name), app, weak=False
    )
    return names


def test_later_pledgers_get_the_kept_page_with_the_live_count(synced):
    first, second = synced.test_client(), synced.test_client()
    pledge(first)
    assert "You are the first person to take this pledge." in first.get(THANKS).text
    pledge(second)
    rendered = rendered_templates(synced)
    page = second.get(THANKS).text
    assert rendered == []  # kept from the first visit; the sentence is rendered without Flask
    assert "You are one of 2 people who have taken this pledge." in page
    assert "Thank you for your pledge" in page and "first person" not in page
    assert "You are one of 2 people" in first.get(THANKS).text  # the first pledger's page moved on
    assert page.count("<!--") == 0


def test_each_language_and_signed_in_state_has_its_own_page(synced):
    anonymous = synced.test_client()
    pledge(anonymous)
    assert "Log in" in anonymous.get(THANKS).text
    hindi = synced.test_client()
    pledge(hindi, url="/hi/pledges/turn-on-mfa")
    page = hindi.get("/hi/pledges/turn-on-mfa/thanks").text
    assert '<html lang="hi"' in page and "Thank you for your pledge" not in page
    assert "2" in page
    member = synced.test_client()
    sign_up(member, email="member@example.org")
    member.get(last_link(mails(synced)))  # the address confirmed
    assert log_in(member, email="member@example.org").status_code == 302
    pledge(member)
    page = member.get(THANKS).text
    assert "Log in" not in page and '<a href="/en/account/">' in page
    assert "You are one of 3 people" in page
    assert "Log in" in anonymous.get(THANKS).text


def test_a_published_change_shows_at_once(synced):
    client = synced.test_client()
    pledge(client)
    client.get(THANKS)
    retitle(synced, "turn-on-mfa", "Renamed by an editor")  # as an editor through another server
    assert "Renamed by an editor" in client.get(THANKS).text


def test_a_message_for_one_visitor_is_never_kept(synced):
    first, second = synced.test_client(), synced.test_client()
    pledge(first)
    pledge(second)
    with first.session_transaction() as session:
        session["_flashes"] = [("message", "Only for the first visitor")]
    assert "Only for the first visitor" in first.get(THANKS).text
    assert "Only for the first visitor" not in second.get(THANKS).text


def test_each_visit_has_the_live_count(synced):
    first, second = synced.test_client(), synced.test_client()
    pledge(first)
    assert "You are the first person" in first.get(THANKS).text
    pledge(second)
    assert "You are one of 2 people" in second.get(THANKS).text


def test_the_page_is_found_without_the_session_that_took_the_pledge(synced):
    """A returning pledger whose session has gone (a new browser session keeps the participant
    cookie) still gets the page; someone who never took the pledge is sent to it."""
    client = synced.test_client()
    pledge(client)
    with client.session_transaction() as session:
        session.clear()
    assert client.get(THANKS).status_code == 200
    stranger = synced.test_client()
    assert stranger.get(THANKS).headers["Location"].endswith(MFA)
