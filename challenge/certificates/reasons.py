"""Why a certificate was revoked, in general terms only: the verification page shows the label,
never staff's own notes or anything about the holder."""

from flask_babel import lazy_gettext as _l

REASONS = {
    "issued_in_error": _l("It was issued in error."),
    "requirements_not_met": _l("The requirements for it were not met."),
    "rules_broken": _l("The rules of the challenge were broken."),
    "replaced": _l("It was replaced by another certificate."),
    "holder_request": _l("Its holder asked for it to be withdrawn."),
}


def label(reason: str | None) -> str:
    return str(REASONS[reason]) if reason in REASONS else ""
