"""The "For organisations" page: in the main navigation, on the home page, and leading to sign-up."""

import pytest

LOCALES = ("en", "hi", "ja")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_page_explains_and_links_to_sign_up(synced, locale):
    response = synced.test_client().get(f"/{locale}/for-organisations")
    assert response.status_code == 200
    html = response.text
    assert f'<html lang="{locale}"' in html
    assert f'href="/{locale}/orgs/new"' in html
    assert "public" in response.headers["Cache-Control"]  # the same for everyone, no cookie
    assert "Set-Cookie" not in response.headers
    if locale != "en":
        assert "Sign up your organisation" not in html and "What your organisation gets" not in html


def test_the_page_names_what_an_organisation_gets(synced):
    html = synced.test_client().get("/en/for-organisations").text
    for thing in ("join link", "dashboard", "edition", "CSV", "Signing on to an edition"):
        assert thing in html


@pytest.mark.parametrize("page", ["/en/", "/en/lessons/", "/en/for-organisations"])
def test_it_is_in_the_main_navigation(synced, page):
    html = synced.test_client().get(page).text
    for navigation in ('<nav class="menu-nav"', '<nav class="site-nav"'):  # phones, wide screens
        start = html.index(navigation)
        assert 'href="/en/for-organisations"' in html[start : html.index("</nav>", start)]
