"""Open Badges 2.0: the hosted Assertion, its BadgeClass and the issuer Profile carry every
property the specification requires, link to one another, and name no personal data."""

import hashlib
import json

from tests.support import certificates
from tests.support.certificates import KIND, SLUG, SUMMARIES, TITLES

CONTEXT = "https://w3id.org/openbadges/v2"
ASSERTION = {"@context", "id", "type", "recipient", "badge", "verification", "issuedOn"}
BADGE_CLASS = {"@context", "id", "type", "name", "description", "image", "criteria", "issuer"}
ISSUER = {"@context", "id", "type", "name", "url", "email"}


def fetch(client, url: str, **kwargs) -> dict:
    path = url.removeprefix("http://localhost")
    response = client.get(path, **kwargs)
    assert response.status_code == 200, (path, response.status_code)
    assert response.mimetype == "application/ld+json"
    return json.loads(response.data)


def test_the_assertion_links_to_its_badge_class_and_issuer(app, client):
    code = certificates.issue(app, locale="hi", name="Ada")
    assertion = fetch(client, f"/verify/{code}/badge.json")
    assert assertion.keys() >= ASSERTION
    assert assertion["@context"] == CONTEXT and assertion["type"] == "Assertion"
    assert assertion["id"] == f"http://localhost/verify/{code}/badge.json"
    assert assertion["verification"] == {"type": "hosted"}
    assert assertion["issuedOn"].endswith("+00:00") and "T" in assertion["issuedOn"]
    badge = fetch(client, assertion["badge"])
    assert badge.keys() >= BADGE_CLASS
    assert badge["type"] == "BadgeClass" and badge["id"] == assertion["badge"]
    assert (badge["name"], badge["description"]) == (TITLES["hi"], SUMMARIES["hi"])
    assert badge["criteria"]["id"] == "http://localhost/hi/" and badge["criteria"]["narrative"]
    issuer = fetch(client, badge["issuer"])
    assert issuer.keys() >= ISSUER
    assert issuer["type"] == "Issuer" and issuer["id"] == badge["issuer"]
    assert issuer["url"] == "http://localhost/" and "@" in issuer["email"]
    assert issuer["verification"]["allowedOrigins"] == "localhost"
    image = client.get(badge["image"].removeprefix("http://localhost"))
    assert image.status_code == 200 and image.mimetype == "image/svg+xml"


def test_the_recipient_is_a_salted_hash_of_the_verification_url(app, client):
    code = certificates.issue(app, name="Ada Lovelace")
    recipient = fetch(client, f"/verify/{code}/badge.json")["recipient"]
    assert recipient["type"] == "url" and recipient["hashed"] is True
    salt = recipient["salt"]
    assert len(salt) == 32
    digest = hashlib.sha256(f"http://localhost/verify/{code}{salt}".encode()).hexdigest()
    assert recipient["identity"] == f"sha256${digest}"


def test_the_assertion_names_no_personal_data(app, client):
    code = certificates.issue(app, name="Ada Lovelace")
    text = client.get(f"/verify/{code}/badge.json").text
    assert "Ada" not in text and "participant" not in text


def test_a_revoked_assertion_is_stripped_to_its_id_and_reason(app, client):
    code = certificates.issue(app)
    certificates.revoke(app, code, "replaced")
    assertion = fetch(client, f"/verify/{code}/badge.json")
    assert assertion == {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": f"http://localhost/verify/{code}/badge.json",
        "revoked": True,
        "revocationReason": "It was replaced by another certificate.",
    }


def test_a_client_asking_only_for_json_gets_application_json(app, client):
    code = certificates.issue(app)
    response = client.get(f"/verify/{code}/badge.json", headers={"Accept": "application/json"})
    assert response.mimetype == "application/json"
    assert "Accept" in response.headers["Vary"]
    ld = client.get(f"/verify/{code}/badge.json", headers={"Accept": "application/ld+json"})
    assert ld.mimetype == "application/ld+json"


def test_badge_classes_of_unknown_subjects_are_404(client):
    assert client.get(f"/openbadges/badges/en/{KIND}/{SLUG}.json").status_code == 200
    assert client.get(f"/openbadges/badges/en/{KIND}/no-such-slug.json").status_code == 404
    assert client.get(f"/openbadges/badges/en/NOT_A_KIND/{SLUG}.json").status_code == 404
    assert client.get(f"/openbadges/badges/fr/{KIND}/{SLUG}.json").status_code == 404


def test_the_issuer_is_the_same_whatever_language_the_client_asks_for(client):
    english = client.get("/openbadges/issuer.json", headers={"Accept-Language": "en"}).data
    japanese = client.get("/openbadges/issuer.json", headers={"Accept-Language": "ja"}).data
    assert english == japanese
