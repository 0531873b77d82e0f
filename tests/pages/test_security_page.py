"""/.well-known/security.txt (RFC 9116) and the vulnerability disclosure page in every locale."""

import datetime as dt

import pytest

LOCALES = ("en", "hi", "ja")


def fields(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(": ")
            found.setdefault(name, []).append(value)
    return found


def test_security_txt_follows_rfc_9116(synced):
    response = synced.test_client().get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    found = fields(response.text)
    assert found["Contact"] == ["mailto:security@localhost"]
    assert found["Preferred-Languages"] == ["en, hi, ja"]
    assert found["Canonical"] == ["http://localhost/.well-known/security.txt"]
    assert found["Policy"] == ["http://localhost/en/security"]
    (expires,) = found["Expires"]
    when = dt.datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    ahead = when - dt.datetime.now(dt.UTC)
    assert dt.timedelta(days=150) < ahead < dt.timedelta(days=365)  # less than a year away
    for once in ("Expires", "Preferred-Languages"):
        assert len(found[once]) == 1


def test_security_txt_takes_its_contact_and_expiry_from_settings(make_app):
    app = make_app(
        SECURITY_CONTACT="mailto:cert@quad.example, https://quad.example/report",
        SECURITY_TXT_EXPIRES=dt.date(2027, 3, 31),
    )
    found = fields(app.test_client().get("/.well-known/security.txt").text)
    assert found["Contact"] == ["mailto:cert@quad.example", "https://quad.example/report"]
    assert found["Expires"] == ["2027-03-31T00:00:00Z"]


def test_settings_are_read_from_the_environment():
    from challenge.config import settings_from_environment

    parsed = settings_from_environment(
        {"SECURITY_CONTACT": "mailto:cert@quad.example", "SECURITY_TXT_EXPIRES": "2027-03-31"}
    )
    assert parsed == {
        "SECURITY_CONTACT": "mailto:cert@quad.example",
        "SECURITY_TXT_EXPIRES": dt.date(2027, 3, 31),
    }


@pytest.mark.parametrize("locale", LOCALES)
def test_the_disclosure_page_in_every_locale(synced, locale):
    client = synced.test_client()
    html = client.get(f"/{locale}/security").text
    assert f'<html lang="{locale}"' in html
    assert 'href="mailto:security@localhost">security@localhost</a>' in html
    assert 'href="/.well-known/security.txt"' in html
    assert '<p class="notice">' not in html  # a real, current translation, not a fallback
    title = {
        "en": "Reporting a security vulnerability",
        "hi": "सुरक्षा से जुड़ी कमज़ोरी",
        "ja": "脆弱性の報告",
    }
    assert title[locale] in html
    home = client.get(f"/{locale}/").text
    assert f'href="/{locale}/security"' in home  # linked from the footer


def test_security_md_points_to_the_policy():
    from challenge.config import PROJECT_ROOT

    text = (PROJECT_ROOT / "SECURITY.md").read_text()
    assert "/.well-known/security.txt" in text and "docs/security.md" in text
