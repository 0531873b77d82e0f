"""Writes of classes and memberships; each commits. Creating a class is audited."""

from sqlalchemy import delete, select

from challenge import audit
from challenge.extensions import db
from challenge.participation.models import Participant
from challenge.participation.operations import participant_for_action
from challenge.participation.registry import merger
from challenge.schools.codes import new_code
from challenge.schools.models import ClassMember, SchoolClass


def create_class(organisation, name: str) -> SchoolClass:
    code = new_code()
    while db.session.scalar(select(SchoolClass.id).where(SchoolClass.code == code)) is not None:
        code = new_code()
    school_class = SchoolClass(organisation_id=organisation.id, name=name, code=code)
    db.session.add(school_class)
    db.session.flush()
    audit.record("class.create", f"{organisation.slug}:{code}", after={"name": name})
    db.session.commit()
    return school_class


def join(school_class: SchoolClass, locale: str) -> None:
    """The browser's participant (made now if it has none yet) joins the class, anonymously."""
    participant = participant_for_action(None, locale)
    db.session.flush()
    membership = db.session.get(ClassMember, participant.id)
    if membership is None:
        db.session.add(ClassMember(participant_id=participant.id, class_id=school_class.id))
    else:
        membership.class_id = school_class.id
    db.session.commit()


@merger
def merge_membership(anonymous: Participant, into: Participant) -> None:
    """The account's participant keeps its own class; else it takes the browser's."""
    theirs = db.session.get(ClassMember, into.id)
    mine = db.session.get(ClassMember, anonymous.id)
    if mine is None:
        return
    if theirs is None:
        class_id = mine.class_id
        db.session.execute(delete(ClassMember).where(ClassMember.participant_id == anonymous.id))
        db.session.add(ClassMember(participant_id=into.id, class_id=class_id))
    else:
        db.session.execute(delete(ClassMember).where(ClassMember.participant_id == anonymous.id))
