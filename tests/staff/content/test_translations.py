"""Translation coverage (missing, outdated, up to date), the side-by-side editor, and the UI
catalogs' coverage."""

import re

from babel.messages.pofile import read_po

from challenge.config import PROJECT_ROOT
from challenge.i18n.catalogs import read_counts
from tests.factories import csrf_token
from tests.staff.content.support import MFA, edited, editor, form_value, send, served, textarea
from tests.staff.support import staff_client


def cell(page: str, name: str, locale: str) -> str:
    match = re.search(rf'href="/staff/content/{name}/{locale}">(.*?)</a>', page, re.S)
    assert match, (name, locale)
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_the_matrix_shows_every_item_up_to_date_after_a_sync(synced):
    page = staff_client(synced, "editor").get("/staff/translations").text
    assert cell(page, MFA, "hi").startswith("Up to date")
    assert "Outdated" not in re.sub(r"<th[^>]*>Outdated</th>", "", page)


def test_a_new_source_version_makes_translations_outdated(synced):
    client = staff_client(synced, "editor")
    text = edited(textarea(client.get(editor()).text), "version: 1", "version: 2")
    send(client, editor(), "publish", edited(text, "Passwords get stolen", "Passwords are stolen"))
    page = client.get("/staff/translations").text
    assert cell(page, MFA, "hi").startswith("Outdated") and cell(page, MFA, "ja").startswith(
        "Outdated"
    )
    side = client.get(editor(MFA, "hi")).text
    assert "made from version 1; the source is at version 2." in side
    link = re.search(
        r'href="(/staff/content/[^"]+/en/diff\?[^"]+)">What changed in the source', side
    )
    changes = client.get(link.group(1).replace("&amp;", "&")).text
    assert "Passwords are stolen" in changes and "<del>" in changes
    # Translating it again from version 2 makes it current.
    hindi = edited(textarea(side), "source_version: 1", "source_version: 2")
    assert send(client, editor(MFA, "hi"), "publish", hindi).status_code == 302
    assert cell(client.get("/staff/translations").text, MFA, "hi").startswith("Up to date")


def test_a_missing_translation_opens_beside_its_source_ready_to_translate(synced):
    client = staff_client(synced, "editor")
    text = (
        "---\ntitle: Only English\nsummary: Not translated yet.\nminutes: 2\norder: 60\n"
        "status: published\nversion: 3\nreviewed: 2026-12-07\n---\n\nEnglish words.\n"
    )
    send(client, editor("lessons/only-english"), "publish", text)
    page = client.get("/staff/translations").text
    assert cell(page, "lessons/only-english", "hi").startswith("Missing")
    side = client.get(editor("lessons/only-english", "hi")).text
    assert 'class="editor side-by-side"' in side and "Source: English" in side
    assert "<p>English words.</p>" in side
    starter = textarea(side)
    assert "title: Only English" in starter and "source_version: 3" in starter
    assert starter.endswith("English words.\n") and "minutes" not in starter


def test_a_translators_draft_waits_for_an_editor(synced):
    translator = staff_client(synced, "translator", locales=("hi",))
    text = edited(
        textarea(translator.get(editor(MFA, "hi")).text),
        "पासवर्ड",
        "ड्राफ़्ट",
    )
    assert send(translator, editor(MFA, "hi"), "draft", text).status_code == 302
    assert "ड्राफ़्ट" not in served(synced, MFA, "hi").markdown
    page = staff_client(synced, "editor").get("/staff/translations").text
    assert "newer draft saved" in cell(page, MFA, "hi")
    editor_client = staff_client(synced, "admin")
    assert "ड्राफ़्ट" in textarea(editor_client.get(editor(MFA, "hi")).text)
    assert send(editor_client, editor(MFA, "hi"), "publish").status_code == 302
    assert "ड्राफ़्ट" in served(synced, MFA, "hi").markdown


def test_a_translators_form_sends_no_time_zone_and_still_previews_and_saves(synced):
    """A translator's editor has no schedule, so a browser sends only the text, note and tokens."""
    translator = staff_client(synced, "translator", locales=("hi",))
    page = translator.get(editor(MFA, "hi")).text
    assert 'name="timezone"' not in page and 'name="publish_at"' not in page
    fields = {
        "csrf_token": csrf_token(page),
        "base": form_value(page, "base"),
        "text": edited(textarea(page), "पासवर्ड", "ड्राफ़्ट"),
        "note": "",
    }
    preview = translator.post(editor(MFA, "hi"), data={**fields, "action": "preview"})
    assert preview.status_code == 200 and 'id="preview"' in preview.text
    draft = translator.post(editor(MFA, "hi"), data={**fields, "action": "draft"})
    assert draft.status_code == 302


def test_ui_catalog_coverage_is_read_from_the_po_files(synced):
    page = staff_client(synced, "editor").get("/staff/translations").text
    path = PROJECT_ROOT / "translations" / "ja" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="ja")
    messages = [message for message in catalog if message.id]
    done = [
        message
        for message in messages
        if not message.fuzzy
        and all(message.string if isinstance(message.string, tuple) else (message.string,))
    ]
    assert read_counts(str(path), path.stat().st_mtime_ns, "ja")[:2] == (len(messages), len(done))
    assert "Interface messages translated per language" in page
    assert f'<td class="number">{len(done):,}</td>' in page


def test_each_cell_says_when_it_was_last_reviewed(synced):
    page = staff_client(synced, "editor").get("/staff/translations").text
    match = re.search(rf'href="/staff/content/{MFA}/hi">.*?</a>\s*(.*?)</td>', page, re.S)
    assert match and re.search(r"reviewed \w{3} \d{1,2}, \d{4}", match.group(1)), match
    # a lesson's source cell gives the day its advice was reviewed, from its front matter
    client = staff_client(synced, "editor")
    text = (
        "---\ntitle: Checked in March\nsummary: Reviewed long ago.\nminutes: 2\norder: 61\n"
        "status: published\nversion: 1\nreviewed: 2026-03-02\n---\n\nEnglish words.\n"
    )
    assert send(client, editor("lessons/checked-in-march"), "publish", text).status_code == 302
    page = client.get("/staff/translations").text
    row = page[page.index("Checked in March") :]
    row = row[: row.index("</tr>")]
    assert "reviewed Mar 2, 2026" in row
