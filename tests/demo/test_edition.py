"""`flask demo seed` ends the journey for a newcomer: a demo participant finishes the demo edition
and the command prints the address of their certificate, which verifies."""

import re

from sqlalchemy import select

from challenge.certificates.models import Certificate
from challenge.content.operations import sync_tree
from challenge.extensions import db


def test_the_seed_prints_a_certificate_that_verifies(make_app, real_content_tree):
    app = make_app(DEMO_RUNNING_EDITION="quad-cyber-challenge-2023")
    with app.app_context():
        sync_tree(real_content_tree, "en")
    result = app.test_cli_runner().invoke(args=["demo", "seed", "--participants", "20"])
    assert result.exit_code == 0, result.output
    [url] = re.findall(r"their certificate: (\S+)", result.output)
    code = url.rsplit("/", 1)[-1]
    with app.app_context():
        certificate = db.session.scalar(select(Certificate).where(Certificate.code == code))
        assert certificate.subject_slug == "quad-cyber-challenge-2023"
    page = app.test_client().get(f"/en/verify/{code}")
    assert page.status_code == 200 and "Quad Cyber Challenge 2023" in page.text


def test_without_a_running_demo_edition_it_finishes_the_first_one(synced):
    result = synced.test_cli_runner().invoke(args=["demo", "seed", "--participants", "5"])
    assert result.exit_code == 0, result.output
    code = re.findall(r"their certificate: \S+/verify/(\S+)", result.output)[0]
    with synced.app_context():
        certificate = db.session.scalar(select(Certificate).where(Certificate.code == code))
        assert certificate.subject_kind == "edition"
