"""A holder's certificates are in their data download; deleting the account keeps the
certificate valid but erases the name printed on it."""

import json

from tests.factories import submit
from tests.support import certificates
from tests.support.visitors import PASSWORD, sign_up


def test_the_data_download_lists_the_certificates(app):
    client = app.test_client()
    sign_up(client, "asha@example.org")
    code = certificates.issue_to_account(app, "asha@example.org", name="Asha")
    data = json.loads(client.get("/en/account/export").data)
    [exported] = data["participation"]["certificates"]
    assert exported["code"] == code and exported["name_printed"] == "Asha"
    assert exported["for"] == f"{certificates.KIND}/{certificates.SLUG}"


def test_deleting_the_account_erases_the_printed_name(app):
    client = app.test_client()
    sign_up(client, "asha@example.org")
    code = certificates.issue_to_account(app, "asha@example.org", name="Asha Verma")
    assert "Asha Verma" in app.test_client().get(f"/verify/{code}").text
    response = submit(client, "/en/account/delete", {"confirm": "y", "password": PASSWORD})
    assert response.status_code == 200
    kept = certificates.certificate(app, code)
    assert kept.name is None and not kept.revoked
    page = app.test_client().get(f"/verify/{code}")
    assert page.status_code == 200 and "Asha Verma" not in page.text
