"""/verify/<code>: what a certificate says, valid or revoked; one 404 for every other code;
briefly cacheable; rate limited."""

import pytest

from tests.support import certificates
from tests.support.certificates import SUMMARIES, TITLES


def test_a_valid_certificate_shows_its_subject_date_campaign_and_name(app, client):
    code = certificates.issue(app, name="Ada Lovelace")
    response = client.get(f"/verify/{code}")
    assert response.status_code == 200
    page = response.text
    for text in (TITLES["en"], SUMMARIES["en"], "April 14, 2023", "Quad Cyber Challenge"):
        assert text in page
    assert "Ada Lovelace" in page and "This certificate is valid." in page
    assert f"/verify/{code}/certificate.pdf" in page and f"/verify/{code}/badge.json" in page


def test_without_a_chosen_name_none_is_shown(app, client):
    code = certificates.issue(app)
    page = client.get(f"/verify/{code}").text
    assert "Awarded to" not in page


def test_the_page_speaks_the_certificates_language_unless_one_is_chosen(app, client):
    code = certificates.issue(app, locale="hi", name="अनुष्का शर्मा")
    page = client.get(f"/verify/{code}").text
    assert 'lang="hi"' in page and TITLES["hi"] in page and "अनुष्का शर्मा" in page
    assert "14 अप्रैल 2023" in page and "यह प्रमाणपत्र मान्य है।" in page
    japanese = client.get(f"/ja/verify/{code}").text
    assert 'lang="ja"' in japanese and TITLES["ja"] in japanese and "2023年4月14日" in japanese
    assert "この証明書は有効です。" in japanese


def test_a_revoked_certificate_says_so_and_why_and_no_longer_shows_the_name(app, client):
    code = certificates.issue(app, name="Ada Lovelace")
    certificates.revoke(app, code, "requirements_not_met")
    response = client.get(f"/verify/{code}")
    assert response.status_code == 200
    assert "This certificate was revoked on" in response.text
    assert "The requirements for it were not met." in response.text
    assert "Ada Lovelace" not in response.text and "is valid" not in response.text
    assert "certificate.pdf" not in response.text


def test_the_page_names_no_participant(app, client):
    code = certificates.issue(app)
    page = client.get(f"/verify/{code}").text
    assert "participant" not in page.lower() and "IN" not in page.replace("INR", "").replace(
        ">LINE<", ""
    )


UNKNOWN = [
    "QCC-0000-0000-0000-0000",
    "QCC-ZZZZ-ZZZZ-ZZZZ-ZZZZ",
    "QCC-1234",
    "not-a-code",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "QCC-0000-0000-0000-000U",
    "A" * 3000,
    "%E3%81%82",
]


def test_every_unknown_or_malformed_code_gets_the_same_404(app, client):
    certificates.issue(app)
    answers = [client.get(f"/verify/{code}") for code in UNKNOWN]
    assert {response.status_code for response in answers} == {404}
    assert len({response.data for response in answers}) == 1
    body = answers[0].text
    assert "Certificate not found" in body
    assert all(code not in body for code in UNKNOWN[:4])
    assert answers[0].headers["Cache-Control"] == "private, no-store"


def test_a_nul_in_the_address_is_refused_before_any_lookup(client):
    assert client.get("/verify/QCC-0000%00").status_code == 400  # challenge/inputs.py


def test_a_revoked_code_is_not_the_404(app, client):
    code = certificates.issue(app)
    certificates.revoke(app, code)
    assert client.get(f"/verify/{code}").status_code == 200


def test_downloads_of_unknown_codes_get_the_same_404(app, client):
    reference = client.get("/verify/QCC-0000-0000-0000-0000").data
    for suffix in ("certificate.pdf", "certificate.png", "badge.json", "qr.svg"):
        response = client.get(f"/verify/QCC-0000-0000-0000-0000/{suffix}")
        assert response.status_code == 404 and response.data == reference


def test_a_code_typed_another_way_goes_to_its_canonical_address(app, client):
    code = certificates.issue(app)
    response = client.get(f"/verify/{code.lower().replace('-', '')}")
    assert response.status_code == 301
    assert response.headers["Location"] == f"/verify/{code}"
    unknown = client.get("/verify/qcc-0000-0000-0000-0000")
    assert unknown.status_code == 301  # by its form alone: nothing is looked up


def test_the_page_is_briefly_cacheable_by_everyone(app, client):
    code = certificates.issue(app)
    response = client.get(f"/verify/{code}")
    cache = response.cache_control
    assert cache.public and cache.max_age == app.config["CERTIFICATE_CACHE_SECONDS"] <= 300
    assert "Set-Cookie" not in response.headers


def test_the_lookup_form_sends_a_typed_code_to_its_page(app, client):
    code = certificates.issue(app)
    form = client.get("/verify/")
    assert form.status_code == 200 and 'name="code"' in form.text
    response = client.get("/verify/", query_string={"code": code.lower()})
    assert response.status_code == 303 and response.headers["Location"] == f"/verify/{code}"
    refused = client.get("/verify/", query_string={"code": "<b>nonsense</b>"})
    assert refused.status_code == 400 and "<b>nonsense" not in refused.text


@pytest.fixture
def limited_app(make_app):
    return make_app(RATE_LIMIT_VERIFY="3 per minute")


def test_lookups_are_rate_limited_per_client_across_codes_and_downloads(limited_app):
    client = limited_app.test_client()
    code = certificates.issue(limited_app)
    answers = [
        client.get(f"/verify/{code}").status_code,
        client.get("/verify/QCC-0000-0000-0000-0000").status_code,
        client.get(f"/verify/{code}/badge.json").status_code,
        client.get(f"/verify/{code}").status_code,
    ]
    assert answers == [200, 404, 200, 429]
    refused = client.get("/verify/QCC-1111-1111-1111-1111")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    other = limited_app.test_client()
    answer = other.get(f"/verify/{code}", environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert answer.status_code == 200
    # Other reads are still never limited.
    assert client.get("/en/").status_code in (200, 302)


def test_a_subject_no_feature_describes_any_more_still_verifies(app, client, monkeypatch):
    from challenge.certificates import registry

    code = certificates.issue(app)
    monkeypatch.delitem(registry.DESCRIBERS, certificates.KIND)
    page = client.get(f"/verify/{code}")
    assert page.status_code == 200 and certificates.SLUG in page.text
    assert "This certificate is valid." in page.text


def test_head_requests_count_and_answer_like_get(app, client):
    code = certificates.issue(app)
    assert client.head(f"/verify/{code}").status_code == 200
    assert client.head("/verify/QCC-0000-0000-0000-0000").status_code == 404


def test_a_code_typed_another_way_keeps_the_chosen_language(app, client):
    code = certificates.issue(app)
    response = client.get(f"/ja/verify/{code.lower()}")
    assert response.status_code == 301 and response.headers["Location"] == f"/ja/verify/{code}"
