"""Lessons and their checklists print cleanly: site.css's print rules hide the navigation,
the forms' buttons and the sharing links, and keep the lesson, its country sections and its
checklist's items."""

import re
from pathlib import Path

from challenge.content.loader import load_tree
from challenge.content.operations import sync_tree

FIXTURE = Path(__file__).parents[1] / "fixtures" / "country-content"
CSS = Path(__file__).parents[2] / "challenge" / "static" / "css" / "site.css"


def print_rules() -> str:
    css = CSS.read_text(encoding="utf-8")
    start = css.index("@media print {")
    return css[start : css.index("\n}\n", start)]


def hidden_in_print() -> set[str]:
    rules = print_rules()
    hiding = rules[: rules.index("{ display: none !important; }", rules.index("{") + 1)]
    return {selector.strip() for selector in hiding.split("{", 1)[1].split(",")}


def test_print_hides_navigation_buttons_and_sharing_and_sets_a4():
    hidden = hidden_in_print()
    for selector in (".site-header", ".site-footer", ".breadcrumbs", ".pager", ".share"):
        assert selector in hidden
    assert {".screen-only", ".checklist button"} <= hidden
    assert ".checklist" not in hidden and ".country-section" not in hidden
    assert "@page { size: A4;" in CSS.read_text(encoding="utf-8")
    assert re.search(
        r"\.country-section, \.checklist li[^{]*\{ break-inside: avoid; \}", print_rules()
    )


def test_the_lesson_page_marks_what_print_leaves_out(app):
    with app.app_context():
        sync_tree(load_tree(FIXTURE, ("en", "hi", "ja"), "en"), "en")
    html = app.test_client().get("/en/lessons/paying-safely").text
    assert '<section class="panel screen-only" id="lesson-done"' in html
    for marker in ('class="site-header"', 'class="breadcrumbs"', 'class="share"'):
        assert marker in html
    checklist = html[html.index('id="checklist"') :]
    assert 'type="checkbox"' in checklist and "<button" in checklist
