"""Editing in the browser: preview saves nothing, drafts never reach the public, publishing does
at once, and invalid content is refused everywhere but in a draft, with its line numbers."""

from tests.staff.content.support import MFA, edited, editor, revision_rows, send, served, textarea
from tests.staff.support import audit_entries, staff_client

PUBLIC = "/en/lessons/multi-factor-authentication"


def test_the_editor_opens_on_the_file_as_in_content(synced):
    page = staff_client(synced, "editor").get(editor()).text
    with open("content/lessons/multi-factor-authentication/en.md", encoding="utf-8") as handle:
        assert textarea(page) == handle.read()
    assert 'name="csrf_token"' in page and "Preview" in page and "Publish" in page


def test_preview_renders_on_the_server_and_saves_nothing(synced):
    client = staff_client(synced, "editor")
    text = edited(
        textarea(client.get(editor()).text), "Passwords get stolen", "Passwords are stolen"
    )
    before = served(synced)
    response = send(client, editor(), "preview", text)
    assert response.status_code == 200
    assert '<section class="preview"' in response.text
    assert "<strong>Multi-factor authentication (MFA)</strong>" in response.text
    assert textarea(response.text) == text  # the text stays in the form
    assert served(synced).checksum == before.checksum
    assert revision_rows(synced) == [] and audit_entries(synced, "content.save") == []


def test_a_draft_is_kept_but_the_public_still_sees_the_published_text(synced):
    client = staff_client(synced, "editor")
    text = edited(textarea(client.get(editor()).text), "Passwords get stolen", "DRAFT WORDING")
    response = send(client, editor(), "draft", text, note="Tighter opening")
    assert response.status_code == 302
    assert "DRAFT WORDING" not in synced.test_client().get(PUBLIC).text
    page = client.get(editor()).text
    assert "DRAFT WORDING" in textarea(page)  # the editor reopens on the draft
    assert "newer draft saved" in page
    rows = revision_rows(synced)
    # The text imported from content/ is kept first, so it can be compared and restored.
    assert [(row.number, row.state, row.author) for row in rows] == [
        (1, "published", "content/"),
        (2, "draft", "editor@campaign.example"),
    ]
    assert rows[1].note == "Tighter opening" and rows[1].valid


def test_publishing_shows_the_change_at_once(synced):
    client = staff_client(synced, "editor")
    public = synced.test_client()
    assert "Passwords get stolen" in public.get(PUBLIC).text
    text = edited(
        textarea(client.get(editor()).text), "Passwords get stolen", "Passwords are stolen"
    )
    response = send(client, editor(), "publish", text)
    assert response.status_code == 302
    assert "Passwords are stolen" in public.get(PUBLIC).text
    assert "Passwords are stolen" in served(synced).markdown
    entry = audit_entries(synced, "content.publish")[-1]
    assert entry.target == "lessons/multi-factor-authentication:en"
    assert entry.before["state"] == "published" and entry.after["revision"] == 2
    assert entry.after["checksum"] == served(synced).checksum[:12]
    assert "Passwords" not in str(entry.before) + str(entry.after)  # a summary, not the text


def test_invalid_content_is_shown_with_line_numbers_and_saved_only_as_a_draft(synced):
    client = staff_client(synced, "editor")
    good = textarea(client.get(editor()).text)
    bad = edited(good, "minutes: 6", "minutes: 500")
    response = send(client, editor(), "publish", bad)
    assert response.status_code == 400
    assert "Line 4:" in response.text and "&#39;minutes&#39; must be from 1 to 120" in response.text
    assert 'href="#text"' in response.text  # the error summary leads to the text
    assert textarea(response.text) == bad  # nothing typed is lost
    assert served(synced).checksum != "" and "minutes: 6" in served(synced).markdown
    assert send(client, editor(), "schedule", bad, publish_at="2030-01-01T09:00").status_code == 400
    assert revision_rows(synced) == []
    response = send(client, editor(), "draft", bad)
    assert response.status_code == 302
    assert revision_rows(synced)[-1].valid is False
    page = client.get(editor()).text
    assert "Line 4:" in page  # the invalid draft reopens with its problems
    assert "minutes: 6" in served(synced).markdown


def test_a_translation_is_checked_against_its_source(synced):
    client = staff_client(synced, "editor")
    url = editor("quizzes/multi-factor-authentication", "hi")
    text = textarea(client.get(url).text)
    broken = text.replace("{#", "{#x", 1)
    response = send(client, url, "publish", broken)
    assert response.status_code == 400
    assert "questions do not match" in response.text


def test_a_source_that_breaks_its_translations_needs_them_withdrawn(synced):
    client = staff_client(synced, "editor")
    url = editor("pledges/turn-on-mfa")
    text = textarea(client.get(url).text)
    more = text.replace("steps:\n", "steps:\n  - A new first step.\n", 1)
    response = send(client, url, "publish", more)
    assert response.status_code == 400
    assert "Translations this text would break" in response.text
    assert served(synced, "pledges/turn-on-mfa", "hi") is not None
    response = send(client, url, "publish", more, withdraw="y")
    assert response.status_code == 302
    assert served(synced, "pledges/turn-on-mfa", "hi") is None
    assert served(synced, "pledges/turn-on-mfa", "ja") is None
    assert "A new first step." in synced.test_client().get("/hi/pledges/turn-on-mfa").text


def test_a_save_from_a_stale_page_does_not_overwrite(synced):
    first, second = staff_client(synced, "editor"), staff_client(synced, "admin")
    page = first.get(editor()).text
    send(second, editor(), "draft", edited(textarea(page), "Passwords get stolen", "Admin's words"))
    from tests.factories import csrf_token
    from tests.staff.content.support import form_value

    response = first.post(
        editor(),
        data={
            "csrf_token": csrf_token(page),
            "base": form_value(page, "base"),
            "text": edited(textarea(page), "Passwords get stolen", "Editor's words"),
            "timezone": "UTC",
            "action": "draft",
        },
    )
    assert response.status_code == 409
    assert "Editor&#39;s words" in response.text
    assert [row.author for row in revision_rows(synced)][-1] == "admin@campaign.example"


def test_new_items_start_from_a_template_and_live_as_drafts_until_published(synced):
    client = staff_client(synced, "editor")
    response = client.get("/staff/content/new?kind=lessons&slug=new-lesson")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/staff/content/lessons/new-lesson/en"
    )
    assert client.get("/staff/content/new?kind=lessons&slug=Bad Slug").status_code == 400
    assert (
        client.get(f"/staff/content/new?kind=lessons&slug={MFA.split('/')[1]}").status_code == 400
    )
    url = editor("lessons/new-lesson")
    starter = textarea(client.get(url).text)
    assert starter.startswith("---\ntitle: \nsummary: ")
    assert send(client, url, "draft", starter).status_code == 302  # invalid, but a draft
    assert "New lesson" not in client.get("/staff/content").text
    text = (
        starter.replace("title: ", "title: New lesson", 1).replace(
            "summary: ", "summary: Something new.", 1
        )
        + "Some words.\n"
    )
    assert send(client, url, "draft", text).status_code == 302
    assert "New lesson" in client.get("/staff/content").text
    assert synced.test_client().get("/en/lessons/new-lesson").status_code == 404
    assert send(client, url, "publish", text).status_code == 302
    assert synced.test_client().get("/en/lessons/new-lesson").status_code == 200
