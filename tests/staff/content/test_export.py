"""`flask content export`: the database written back as content/ files, so that an export
followed by a sync changes nothing, and what was done in the browser survives it."""

import shutil

from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree
from tests.conftest import CONTENT_LOCALES, REAL_CONTENT
from tests.factories import csrf_token
from tests.staff.content.support import MFA, edited, editor, send, textarea
from tests.staff.support import staff_client


def markdown_files(root):
    return {str(path.relative_to(root)): path.read_bytes() for path in root.glob("*/*/*.md")}


def export(app, *args):
    result = app.test_cli_runner().invoke(args=["content", "export", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


def sync_of(app, root):
    tree = load_tree(root, CONTENT_LOCALES, "en")
    assert not tree.errors, "\n".join(map(str, tree.errors))
    with app.app_context():
        return sync_tree(tree, "en")


def test_exporting_the_real_content_gives_back_the_same_bytes(synced, tmp_path):
    output = export(synced, "--to", tmp_path)
    assert markdown_files(tmp_path) == markdown_files(REAL_CONTENT)
    assert f"{len(markdown_files(REAL_CONTENT))} written, 0 removed, 0 unchanged." in output
    assert "0 written, 0 removed" in export(synced, "--to", tmp_path)  # nothing left to do


def test_an_export_followed_by_a_sync_changes_nothing(synced, tmp_path):
    export(synced, "--to", tmp_path)
    report = sync_of(synced, tmp_path)
    assert not report.changed and report.unchanged == len(
        {path.parent for path in REAL_CONTENT.glob("*/*/*.md")}
    )


def test_what_was_done_in_the_browser_survives_export_then_sync(synced, tmp_path):
    client = staff_client(synced, "editor")
    text = edited(textarea(client.get(editor()).text), "Passwords get stolen", "Browser words")
    send(client, editor(), "publish", text)
    new = (
        "---\ntitle: Made in the browser\nsummary: A new lesson.\nminutes: 2\norder: 50\n"
        "status: published\nversion: 1\nreviewed: 2026-12-07\n---\n\nLink to [MFA](/lessons/multi-factor-authentication).\n"
    )
    send(client, editor("lessons/browser-made"), "publish", new)
    page = client.get(editor(MFA, "ja")).text
    client.post(f"/staff/content/{MFA}/ja/archive", data={"csrf_token": csrf_token(page)})
    client.post("/staff/content/pages/about/en/archive", data={"csrf_token": csrf_token(page)})
    send(client, editor("lessons/backups"), "draft", "a draft is not exported")
    shutil.copytree(REAL_CONTENT, tmp_path / "content")
    root = tmp_path / "content"
    output = export(synced, "--to", root)
    assert "written: lessons/multi-factor-authentication/en.md" in output
    assert "written: lessons/browser-made/en.md" in output
    assert "removed: lessons/multi-factor-authentication/ja.md" in output
    assert "removed: pages/about/" in output
    assert (root / "lessons/browser-made/en.md").read_text(encoding="utf-8") == new
    assert "Browser words" in (root / MFA / "en.md").read_text(encoding="utf-8")
    assert not (root / MFA / "ja.md").exists() and not (root / "pages/about").exists()
    assert (root / "lessons/backups/en.md").read_bytes() == (
        REAL_CONTENT / "lessons/backups/en.md"
    ).read_bytes()
    assert not sync_of(synced, root).changed


def test_a_dry_run_changes_no_file_and_unknown_folders_are_kept(synced, tmp_path):
    client = staff_client(synced, "editor")
    page = client.get(editor(MFA, "hi")).text
    client.post(f"/staff/content/{MFA}/hi/archive", data={"csrf_token": csrf_token(page)})
    root = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, root)
    (root / "lessons" / "not-synced-yet").mkdir()
    (root / "lessons" / "not-synced-yet" / "en.md").write_text("work in progress")
    result = synced.test_cli_runner().invoke(
        args=["content", "export", "--to", str(root), "--dry-run"]
    )
    assert "would remove: lessons/multi-factor-authentication/hi.md" in result.output
    assert "not in the database, left as is: lessons/not-synced-yet/" in result.output
    assert "0 written, 1 removed" in result.output and "(dry run)" in result.output
    assert (root / MFA / "hi.md").exists()
    export(synced, "--to", root)
    assert not (root / MFA / "hi.md").exists()
    assert (root / "lessons" / "not-synced-yet" / "en.md").exists()


def test_images_are_copied_along_when_exporting_elsewhere(make_app, content, tmp_path):
    content.lesson("pictured", body="![A fake text message](fake.svg)")
    content.write("lessons/pictured/fake.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    app = make_app(CONTENT_DIR=str(content.root))
    sync_of(app, content.root)
    out = tmp_path / "out"
    assert "written: lessons/pictured/fake.svg" in export(app, "--to", out)
    assert (out / "lessons/pictured/fake.svg").exists()
    assert not sync_of(app, out).changed
