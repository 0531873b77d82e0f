"""Revisions: a history per locale, diffs between any two, restoring (never rewriting), archiving."""

import re

from tests.factories import csrf_token
from tests.staff.content.support import MFA, edited, editor, revision_rows, send, served, textarea
from tests.staff.support import audit_entries, staff_client

HISTORY = f"/staff/content/{MFA}/en/history"
PUBLIC = "/en/lessons/multi-factor-authentication"


def publish_twice(client):
    original = textarea(client.get(editor()).text)
    second = edited(original, "Passwords get stolen", "Passwords are stolen")
    assert send(client, editor(), "publish", second, note="Plainer").status_code == 302
    third = edited(second, "adds a second check", "adds a second step")
    assert send(client, editor(), "publish", third).status_code == 302
    return original, second, third


def restore(client, number: int, live: bool):
    page = client.get(f"/staff/content/{MFA}/en/revisions/{number}").text
    return client.post(
        f"/staff/content/{MFA}/en/revisions/{number}/restore",
        data={"csrf_token": csrf_token(page), "publish": "1" if live else "0"},
    )


def test_the_history_lists_every_revision_newest_first(synced):
    client = staff_client(synced, "editor")
    publish_twice(client)
    page = client.get(HISTORY).text
    numbers = re.findall(r"/revisions/(\d+)\">#", page)
    assert numbers == ["3", "2", "1"]
    assert "Plainer" in page and "content/ (imported by flask content sync)" in page
    assert "<caption" in page and 'scope="col"' in page


def test_the_history_offers_the_live_text_before_anything_is_recorded(synced):
    client = staff_client(synced, "editor")
    page = client.get(HISTORY).text
    assert "Live version" in page
    assert client.get(f"/staff/content/{MFA}/en/revisions/0").status_code == 200
    assert client.get(f"/staff/content/{MFA}/en/revisions/7").status_code == 404


def test_a_diff_between_two_revisions_marks_removed_and_added_lines(synced):
    client = staff_client(synced, "editor")
    publish_twice(client)
    page = client.get(f"/staff/content/{MFA}/en/diff?from=1&to=3").text
    assert re.search(
        r"<del><span class=\"visually-hidden\"[^>]*>Removed: </span>Passwords get stolen", page
    )
    assert re.search(
        r"<ins><span class=\"visually-hidden\"[^>]*>Added: </span>Passwords are stolen", page
    )
    assert "style=" not in page
    assert (
        "The two texts are the same."
        in client.get(f"/staff/content/{MFA}/en/diff?from=3&to=0").text
    )
    assert client.get(f"/staff/content/{MFA}/en/diff?from=1&to=9").status_code == 404
    assert client.get(f"/staff/content/{MFA}/en/diff?from=1").status_code == 400
    assert client.get(f"/staff/content/{MFA}/en/diff?from=x&to=1").status_code == 400


def test_restoring_adds_a_revision_and_never_rewrites_history(synced):
    client = staff_client(synced, "editor")
    original, _second, third = publish_twice(client)
    assert restore(client, 1, live=False).status_code == 302
    assert "Passwords are stolen" in synced.test_client().get(PUBLIC).text  # a draft: not live
    assert restore(client, 1, live=True).status_code == 302
    assert "Passwords get stolen" in synced.test_client().get(PUBLIC).text
    rows = revision_rows(synced)
    assert [(row.number, row.state, row.restored_from) for row in rows] == [
        (1, "published", None),
        (2, "published", None),
        (3, "published", None),
        (4, "draft", 1),
        (5, "published", 1),
    ]
    assert rows[2].markdown == third and rows[4].markdown == original == served(synced).markdown
    entry = audit_entries(synced, "content.publish")[-1]
    assert entry.before["revision"] == 4 and entry.after["revision"] == 5


def test_an_invalid_revision_can_be_restored_only_as_a_draft(synced):
    client = staff_client(synced, "editor")
    bad = edited(textarea(client.get(editor()).text), "minutes: 6", "minutes: 0")
    send(client, editor(), "draft", bad)
    page = client.get(f"/staff/content/{MFA}/en/revisions/2").text
    assert "Restore and publish" not in page
    response = restore(client, 2, live=True)
    assert response.status_code == 400 and "can only be saved as a draft" in response.text
    assert "minutes: 6" in served(synced).markdown


def test_archiving_a_translation_falls_back_to_the_source(synced):
    client = staff_client(synced, "editor")
    page = client.get(editor(MFA, "hi")).text
    response = client.post(
        f"/staff/content/{MFA}/hi/archive", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302
    assert served(synced, MFA, "hi") is None
    public = synced.test_client().get("/hi/lessons/multi-factor-authentication").text
    assert "Turn on multi-factor authentication" in public  # the English source
    assert "Archived" in client.get(editor(MFA, "hi")).text
    rows = revision_rows(synced, locale="hi")
    assert [row.state for row in rows] == ["published", "archived"]
    assert audit_entries(synced, "content.archive")[-1].after["state"] == "archived"
    assert send(client, editor(MFA, "hi"), "publish").status_code == 302  # publishing restores
    assert served(synced, MFA, "hi") is not None


def test_an_item_others_point_at_cannot_be_archived(synced):
    client = staff_client(synced, "editor")
    page = client.get(editor()).text
    response = client.post(
        f"/staff/content/{MFA}/en/archive", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 400
    assert "quizzes/multi-factor-authentication" in response.text
    assert synced.test_client().get(PUBLIC).status_code == 200


def test_archiving_an_item_takes_it_off_the_site_until_published_again(synced):
    client = staff_client(synced, "editor")
    url = editor("pages/about")
    page = client.get(url).text
    assert (
        client.post(
            "/staff/content/pages/about/en/archive", data={"csrf_token": csrf_token(page)}
        ).status_code
        == 302
    )
    assert synced.test_client().get("/en/about").status_code == 404
    assert synced.test_client().get("/hi/about").status_code == 404
    assert send(client, url, "publish").status_code == 302
    assert synced.test_client().get("/hi/about").status_code == 200


def test_diffs_keep_three_lines_of_context_and_mark_the_gaps():
    from challenge.staff.content.revisions import diff

    old = "\n".join(f"line {n}" for n in range(1, 21))
    new = old.replace("line 10", "line ten")
    lines = diff(old, new)
    assert [line.kind for line in lines] == ["gap"] + ["same"] * 3 + ["removed", "added"] + [
        "same"
    ] * 3 + ["gap"]
    assert (lines[4].old, lines[4].new, lines[5].old, lines[5].new) == (10, None, None, 10)
    assert diff(old, old) == []
