"""The country list is rendered once per locale and choice, and the copy is the same HTML."""

from wtforms.widgets import Select

from challenge.participation import forms
from challenge.pledges.forms import PledgeForm


def rendered(app, locale: str, data: dict | None = None, widget=None) -> str:
    with app.test_request_context(
        f"/{locale}/pledges/x", method="POST" if data else "GET", data=data
    ):
        form = PledgeForm(meta={"csrf": False})
        field = form.country
        return str((widget or field.widget)(field, autocomplete="country"))


def test_the_kept_copy_is_what_wtforms_renders(app):
    forms._RENDERED_SELECTS.clear()
    for locale, data in (
        ("en", None),
        ("hi", None),
        ("ja", {"country": "JP"}),
        ("en", {"country": "IN"}),
    ):
        plain = rendered(app, locale, data, widget=Select())
        assert rendered(app, locale, data) == plain  # rendered, then kept
        assert rendered(app, locale, data) == plain  # from the copy
    assert 'selected value="IN"' in rendered(app, "en", {"country": "IN"})
    assert rendered(app, "en", {"country": "IN"}).count("selected") == 1
    assert "日本" in rendered(app, "ja") and "भारत" in rendered(app, "hi")


def test_a_tampered_choice_is_rendered_afresh_and_never_kept(app):
    forms._RENDERED_SELECTS.clear()
    html = rendered(app, "en", {"country": "<script>" + "x" * 10_000})
    assert "<script>" not in html
    assert not forms._RENDERED_SELECTS


def test_the_copies_kept_are_bounded(app, monkeypatch):
    forms._RENDERED_SELECTS.clear()
    monkeypatch.setattr(forms, "RENDERED_SELECTS_KEPT", 3)
    for code in ("IN", "JP", "US", "AU", "NZ"):
        rendered(app, "en", {"country": code})
    assert len(forms._RENDERED_SELECTS) <= 3
