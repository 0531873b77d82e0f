"""Schools: a teacher of an education organisation makes a class and prints its sheet; pupils
join with the code at a form that needs no JavaScript and take part anonymously; the teacher
sees the class's totals, held back below PRIVACY_MIN_GROUP pupils."""

import re

import pytest
from sqlalchemy import select

from challenge.accounts.operations import hash_password
from challenge.audit.models import AuditEntry
from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.schools.codes import ALPHABET
from challenge.schools.models import ClassMember, SchoolClass
from tests.factories import submit
from tests.support.factories import (
    AccountFactory,
    LessonCompletionFactory,
    OrganisationAdminFactory,
    OrganisationFactory,
    PledgeTakenFactory,
    QuizAttemptFactory,
)

PASSWORD = "a long enough passphrase"
TEACHER = "teacher@school.example"


@pytest.fixture
def school_app(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        teacher = AccountFactory(email=TEACHER, password_hash=hash_password(PASSWORD))
        school = OrganisationFactory(slug="hill-school", sector="education")
        business = OrganisationFactory(slug="acme", sector="business")
        for organisation in (school, business):
            OrganisationAdminFactory(organisation_id=organisation.id, account_id=teacher.id)
    return app


def teacher(app):
    client = app.test_client()
    answer = submit(client, "/en/account/login", {"email": TEACHER, "password": PASSWORD})
    assert answer.status_code == 302
    return client


def make_class(client, name="7B") -> str:
    answer = submit(client, "/en/orgs/hill-school/classes", {"name": name})
    assert answer.status_code == 302
    (code,) = re.findall(r"/classes/([A-Z0-9]+)/sheet$", answer.headers["Location"])
    return code


def join(app, typed: str):
    return submit(app.test_client(), "/en/class", {"code": typed})


def test_a_teacher_makes_a_class_and_gets_a_printable_sheet(school_app):
    client = teacher(school_app)
    code = make_class(client)
    assert len(code) == 6 and set(code) <= set(ALPHABET)
    assert not set(code) & set("0O1IL2Z5S8B")  # no look-alikes
    sheet = client.get(f"/en/orgs/hill-school/classes/{code}/sheet")
    assert sheet.status_code == 200 and sheet.headers["Cache-Control"] == "no-store"
    assert f"{code[:3]}-{code[3:]}" in sheet.text and "/en/class" in sheet.text
    assert "<script" not in sheet.text and 'class="class-sheet"' in sheet.text
    stylesheet = school_app.test_client().get("/static/css/site.css")
    css = stylesheet.text
    stylesheet.close()
    assert "@media print" in css and ".class-sheet-code" in css
    with school_app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "class.create"))
        assert entry.target == f"hill-school:{code}" and entry.after == {"name": "7B"}


def test_only_a_schools_admins_have_classes(school_app):
    client = teacher(school_app)
    assert client.get("/en/orgs/acme/classes").status_code == 404  # not a school
    code = make_class(client)
    stranger = school_app.test_client()
    with school_app.app_context():
        AccountFactory(email="other@example.org", password_hash=hash_password(PASSWORD))
    submit(stranger, "/en/account/login", {"email": "other@example.org", "password": PASSWORD})
    assert stranger.get("/en/orgs/hill-school/classes").status_code == 404
    assert stranger.get(f"/en/orgs/hill-school/classes/{code}/sheet").status_code == 404
    assert client.get("/en/orgs/acme/classes/ACDEFH/sheet").status_code == 404


def test_pupils_join_without_javascript_and_anonymously(school_app):
    code = make_class(teacher(school_app))
    page = school_app.test_client().get("/en/class").text
    assert "<script" not in page.split("<main", 1)[1].split("</main>")[0]
    answer = join(school_app, f" {code[:3].lower()}-{code[3:].lower()} ")
    assert answer.status_code == 200 and "You have joined 7B" in answer.text
    assert join(school_app, "XXXXXX").status_code == 400
    with school_app.app_context():
        (member,) = db.session.scalars(select(ClassMember)).all()
        pupil = db.session.get(Participant, member.participant_id)
        assert pupil.account_id is None and pupil.display_name is None


def test_the_teacher_sees_totals_only_from_the_smallest_group(school_app):
    client = teacher(school_app)
    code = make_class(client)
    for _ in range(2):
        assert join(school_app, code).status_code == 200
    page = client.get("/en/orgs/hill-school/classes").text
    assert "fewer than 3" in page
    assert page.count("fewer than 3") == 5  # every activity figure held back

    assert join(school_app, code).status_code == 200
    with school_app.app_context():
        school_class = db.session.scalar(select(SchoolClass))
        pupils = list(
            db.session.scalars(
                select(ClassMember.participant_id).where(ClassMember.class_id == school_class.id)
            )
        )
        for pupil in pupils:
            LessonCompletionFactory(participant_id=pupil)
            PledgeTakenFactory(participant_id=pupil)
        QuizAttemptFactory(participant_id=pupils[0])  # one pupil: never shown alone
        outsider = LessonCompletionFactory()  # not in the class: not counted
        assert outsider.participant_id not in pupils
    page = client.get("/en/orgs/hill-school/classes").text
    cells = re.findall(r"<td>([^<]*)</td>", page)
    # pupils, took part, lessons, quizzes, pledges, all three
    assert cells == ["3", "3", "3", "fewer than 3", "3", "fewer than 3"]
