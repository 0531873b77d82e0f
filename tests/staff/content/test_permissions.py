"""Every role against every action of the content section, GET and POST.

Translators (here into Hindi) read everything, and save drafts of their own locales'
translations; only editors and admins edit the source, publish, schedule, archive and restore
live. Staff without content work, participants and anonymous visitors get nothing.
"""

import pytest

from tests.factories import csrf_token
from tests.staff.content.support import editor, revision_rows, send
from tests.staff.support import account, staff_client

ABOUT = "pages/about"
ALLOWED = {
    "view": {"admin", "editor", "translator"},
    "edit source": {"admin", "editor"},
    "translate hi": {"admin", "editor", "translator"},
    "translate ja": {"admin", "editor"},
    "publish": {"admin", "editor"},
}
# (method, address, what it needs, form fields); in order, as some build on earlier ones.
ACTIONS = [
    ("GET", "/staff/content", "view", None),
    ("GET", "/staff/content?kind=pages", "view", None),
    ("GET", "/staff/translations", "view", None),
    ("GET", editor(ABOUT, "en"), "edit source", None),
    ("GET", editor(ABOUT, "hi"), "translate hi", None),
    ("GET", editor(ABOUT, "ja"), "translate ja", None),
    ("GET", "/staff/content/new?kind=pages&slug=another-page", "edit source", None),
    ("GET", f"/staff/content/{ABOUT}/hi/history", "view", None),
    ("GET", f"/staff/content/{ABOUT}/hi/diff?from=0&to=0", "view", None),
    ("GET", f"/staff/content/{ABOUT}/hi/revisions/0", "view", None),
    ("POST", editor(ABOUT, "en"), "edit source", {"action": "draft"}),
    ("POST", editor(ABOUT, "hi"), "translate hi", {"action": "draft"}),
    ("POST", editor(ABOUT, "hi"), "translate hi", {"action": "preview"}),
    ("POST", editor(ABOUT, "ja"), "translate ja", {"action": "draft"}),
    ("POST", editor(ABOUT, "hi"), "publish", {"action": "publish"}),
    (
        "POST",
        editor(ABOUT, "hi"),
        "publish",
        {"action": "schedule", "publish_at": "2099-01-01T09:00"},
    ),
    ("POST", f"/staff/content/{ABOUT}/hi/revisions/1/restore", "translate hi", {"publish": "0"}),
    ("POST", f"/staff/content/{ABOUT}/hi/revisions/1/restore", "publish", {"publish": "1"}),
    ("POST", f"/staff/content/{ABOUT}/hi/archive", "publish", {}),
    ("POST", f"/staff/content/{ABOUT}/en/archive", "publish", {}),
]


def expected(who: str, method: str, needs: str, address: str) -> int:
    if who == "anonymous":
        return 302  # to log in
    if who not in ALLOWED[needs]:
        return 403
    if method == "POST" and "preview" not in address:
        return 302
    return 302 if "/new?" in address else 200


def client_for(app, who: str):
    if who == "anonymous":
        return app.test_client()
    if who == "participant":
        return account(app, "someone@example.org")
    return staff_client(app, who, locales=("hi",) if who == "translator" else ())


@pytest.mark.parametrize(
    "who", ["admin", "editor", "translator", "moderator", "analyst", "participant", "anonymous"]
)
def test_the_permission_matrix(synced, who):
    client = client_for(synced, who)
    token = csrf_token(client.get("/en/account/login").text)  # a page with a token
    for method, address, needs, fields in ACTIONS:
        if method == "GET":
            response = client.get(address)
        elif (
            who in ALLOWED[needs]
            and address.startswith("/staff/content/pages/about/")
            and ("action" in fields)
        ):
            response = send(client, address, **fields)
        else:
            response = client.post(
                address, data={"csrf_token": token, "text": "x", "timezone": "UTC", **fields}
            )
        want = (
            200
            if fields and fields.get("action") == "preview" and who in ALLOWED[needs]
            else (expected(who, method, needs, address))
        )
        assert response.status_code == want, (who, method, address, response.status_code)
        if who == "anonymous":
            assert "/account/login" in response.headers["Location"]


def test_translators_see_links_only_to_their_own_locales(synced):
    client = staff_client(synced, "translator", locales=("hi",))
    page = client.get("/staff/translations").text
    assert f'href="/staff/content/{ABOUT}/hi"' in page
    assert f'href="/staff/content/{ABOUT}/ja"' not in page
    assert f'href="/staff/content/{ABOUT}/en"' not in page
    editor_page = client.get(editor(ABOUT, "hi")).text
    assert 'value="publish"' not in editor_page and 'value="draft"' in editor_page
    assert "/archive" not in editor_page


def test_the_menu_offers_content_and_translations_to_content_staff_only(synced):
    assert 'href="/staff/content"' in staff_client(synced, "translator").get("/staff/").text
    page = staff_client(synced, "moderator").get("/staff/").text
    assert 'href="/staff/content"' not in page and 'href="/staff/translations"' not in page


def test_forms_that_change_something_carry_a_csrf_token(synced):
    client = staff_client(synced, "editor")
    send(client, editor(ABOUT, "hi"), "draft")
    for address in (editor(ABOUT, "hi"), f"/staff/content/{ABOUT}/hi/revisions/1"):
        page = client.get(address).text
        assert page.count('method="post"') == page.count('name="csrf_token"') >= 1, address
    response = client.post(editor(ABOUT, "hi"), data={"action": "draft", "text": "x"})
    assert response.status_code == 400  # no token: refused before anything is saved
    assert len(revision_rows(synced)) == 2
