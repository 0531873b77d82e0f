"""A honeypot field for the forms anyone can send: pledges, lessons read, quizzes and sign-up.

People never see it: it is hidden by CSS (`.visually-hidden`), out of the tab order, and labelled
"Leave this empty" for screen readers. Scripts that fill in every field fill it too; their form is
refused like any invalid form (a 400, with the other answers kept) and nothing is stored.
"""

import logging

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

log = logging.getLogger(__name__)

FIELD_NAME = "homepage"  # a name that form-filling scripts fill in and browsers do not autofill
REFUSED = _l(
    "We could not accept this form because it looked automated. Check your answers and send it again."
)


class HoneypotForm(FlaskForm):
    """Base for public forms: adds the honeypot field and refuses forms that fill it."""

    homepage = StringField(_l("Leave this empty"), filters=[lambda value: value or ""])
    caught_by_honeypot = False

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.homepage.data:
            self.caught_by_honeypot = True
            self.homepage.data = ""  # not sent back: a person who filled it can simply resend
            self.form_errors.append(REFUSED)
            log.info("A form filled the honeypot field: %s", request.endpoint)
            return False
        return valid


class SharedPageForm(HoneypotForm):
    """A form on a page that anyone may be served from a shared cache (a pledge, a lesson, a
    quiz): it carries no per-visitor token. Its views are exempt from Flask-WTF's token check;
    challenge/cross_origin.py refuses the cross-site requests that the token would have."""

    class Meta:
        csrf = False
