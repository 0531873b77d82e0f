"""The privacy notice: the real content in every content locale, what it tells children and
guardians, and the address to write to, from PRIVACY_CONTACT."""

import pytest

from challenge.content.operations import sync_tree

LOCALES = ("en", "hi", "ja")
HEADINGS = {
    "en": ("Children and young people", "How long we keep things", "How to reach us"),
    "hi": ("बच्चे और किशोर", "हम चीज़ें कितने समय तक रखते हैं", "हमसे कैसे संपर्क करें"),
    "ja": ("子どもと若い方へ", "保存する期間", "ご自身の情報についての連絡先"),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_notice_covers_children_retention_and_contact_in_every_locale(synced, locale):
    html = synced.test_client().get(f"/{locale}/privacy").text
    assert f'<html lang="{locale}"' in html
    assert '<p class="notice">' not in html  # a current translation, not a fallback
    for heading in HEADINGS[locale]:
        assert heading in html
    assert 'href="mailto:privacy@localhost">privacy@localhost</a>' in html


def test_the_contact_comes_from_the_settings(make_app, real_content_tree):
    app = make_app(PRIVACY_CONTACT="https://quad.example/privacy-requests")
    with app.app_context():
        sync_tree(real_content_tree, "en")
    html = app.test_client().get("/en/privacy").text
    assert '<a href="https://quad.example/privacy-requests">' in html
    assert "privacy@localhost" not in html


def test_the_contact_is_read_from_the_environment():
    from challenge.config import settings_from_environment

    found = settings_from_environment({"PRIVACY_CONTACT": "mailto:dpo@quad.example"})
    assert found["PRIVACY_CONTACT"] == "mailto:dpo@quad.example"
