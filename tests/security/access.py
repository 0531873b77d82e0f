"""Shared test helpers (moved out of test modules, which never import each other)."""

from collections.abc import Callable
from dataclasses import dataclass

from challenge.staff.access import PERMISSIONS
from tests.security.world import (
    NOT_SIGNED_IN,
    ORG_ADMIN,
    OTHER_LOCALE,
    PARTICIPANT,
    STAFF,
    TRANSLATOR_LOCALES,
    World,
)

LOGIN = "a 302 to the log-in page"


Expected = int | str | None  # a status, LOGIN, ALLOWED, or None (allowed POST: not sent here)


Spec = Callable[[str], Expected]


def everyone(status: int = 200) -> Spec:
    return lambda role: status


def nobody_refused(role: str) -> Expected:
    return None


def signed_in(status: int | None = 200) -> Spec:
    """Log-in required: visitors without an account are sent to log in."""
    return lambda role: LOGIN if role in NOT_SIGNED_IN else status


def only(allowed: tuple[str, ...], status: int | None = 200, refused: int = 404) -> Spec:
    """Log-in required, then only `allowed` roles; the others get `refused`."""
    return lambda role: LOGIN if role in NOT_SIGNED_IN else status if role in allowed else refused


def owner(role_: str, status: int, refused: int) -> Spec:
    """Pages of one participant's own records, open without an account."""
    return lambda role: status if role == role_ else refused


ORG_ADMIN_ONLY = only((ORG_ADMIN,), None)


DASHBOARD_VIEWERS = (ORG_ADMIN, "staff admin", "staff analyst")


@dataclass(frozen=True)
class Access:
    """Expectations for one endpoint: GET per role, and POST refusals per role (None: allowed)."""

    get: Spec | None = None
    post: Spec | None = None
    # Other argument values and their expectations, such as another organisation's slug.
    variants: tuple["Variant", ...] = ()


@dataclass(frozen=True)
class Variant:
    label: str
    values: Callable[[World], dict]
    get: Spec | None = None
    post: Spec | None = None


def organisation_b(get: Spec | None = None, post: Spec | None = None) -> tuple[Variant, ...]:
    return (Variant("organisation B", lambda world: {"slug": world.other_org}, get, post),)


PUBLIC = Access(get=everyone())


NOT_A_SIGNED_IN_ADMIN_OF_B = only(())  # B's pages: log in first, then 404 for every role here


ACCESS: dict[str, Access] = {
    # Public pages and open data
    "pages.root": Access(get=everyone(302)),
    "pages.home": PUBLIC,
    "pages.about": PUBLIC,
    "pages.privacy": PUBLIC,
    "pages.languages_page": PUBLIC,
    "pages.healthz": PUBLIC,
    "pages.security_contact": PUBLIC,
    "pages.security": PUBLIC,
    "help.index": PUBLIC,
    "glossary.index": PUBLIC,
    # one who took part has a country: sent to that country's address (?country=in)
    "help.situation_page": Access(
        get=lambda role: 302 if role in ("participant", "member") else 200
    ),
    "lessons.index": PUBLIC,
    "lessons.lesson": PUBLIC,
    "pledges.index": PUBLIC,
    # Certificates: public to whoever has a code (the world has none: an unknown code is a 404)
    "certificates.lookup": PUBLIC,
    "certificates.verify": Access(get=everyone(404)),
    "certificates.anything_else": Access(get=everyone(404)),
    "certificates.certificate_pdf": Access(get=everyone(404)),
    "certificates.certificate_png": Access(get=everyone(404)),
    "certificates.qr": Access(get=everyone(404)),
    "certificates.card": Access(get=everyone(404)),
    "certificates.badge_assertion": Access(get=everyone(404)),
    "certificates.badge_class": Access(get=everyone(404)),  # no subject kind "lesson"
    "certificates.issuer": PUBLIC,
    "certificates.badge_image": PUBLIC,
    "pledges.pledge": Access(get=everyone(), post=nobody_refused),
    "pledges.badge": PUBLIC,
    "pledges.badge_png": PUBLIC,
    "pledges.card": PUBLIC,
    "lessons.card": PUBLIC,
    "quizzes.card": PUBLIC,
    # A shared quiz result: public to whoever has its signed address (the world's is forged: 404)
    "quizzes.shared": Access(get=everyone(404)),
    "quizzes.shared_card": Access(get=everyone(404)),
    "editions.card": PUBLIC,
    "quizzes.index": PUBLIC,
    "editions.index": PUBLIC,
    "editions.edition": PUBLIC,
    "editions.calendar": PUBLIC,
    "quizzes.quiz": PUBLIC,
    "me.progress": PUBLIC,
    "me.browser_export": PUBLIC,  # the caller's own participation, or null
    "leaderboards.index": Access(get=everyone(302)),
    "leaderboards.countries": PUBLIC,
    "leaderboards.organisations": PUBLIC,
    "embed.countries": PUBLIC,
    "embed.quad": PUBLIC,
    "api.openapi": PUBLIC,
    "api.stats": PUBLIC,
    "api.stats_csv": PUBLIC,
    "api.country_leaderboard": PUBLIC,
    "api.country_leaderboard_csv": PUBLIC,
    "api.organisation_leaderboard": PUBLIC,
    "api.organisation_leaderboard_csv": PUBLIC,
    "api.edition_list": PUBLIC,
    "api.edition_detail": PUBLIC,  # of the world's edition (world.real_values)
    "content.media": Access(get=everyone(404)),  # public, but content/ has no such image
    # Actions anyone may take, on their own participation
    "lessons.done": Access(post=nobody_refused),
    "lessons.checklist": Access(post=nobody_refused),  # the ticks of the browser's own participant
    "quizzes.submit": Access(post=nobody_refused),
    "editions.tick": Access(post=nobody_refused),
    "editions.ask_for_reminders": Access(post=nobody_refused),
    "editions.confirm_reminders": Access(get=everyone(404), post=nobody_refused),  # forged link
    "editions.unsubscribe_reminders": Access(get=everyone(404), post=nobody_refused),
    "editions.organisation": Access(get=only((ORG_ADMIN,))),
    "editions.sign_on": Access(post=ORG_ADMIN_ONLY),
    "editions.funnel_csv": Access(get=only((ORG_ADMIN,), 404)),  # A has not signed on: 404
    # Only the holder of the edition's certificate (nobody here has one): 404; POST without token
    "editions.certificate_name": Access(get=everyone(404), post=nobody_refused),
    "me.share_name": Access(post=nobody_refused),
    "me.change_country": Access(post=nobody_refused),
    # the browser's own participation, erased after a confirmation; accounts go to their own page
    "me.erase": Access(get=lambda role: 200 if role in NOT_SIGNED_IN else 302, post=nobody_refused),
    "organisations.leave": Access(post=nobody_refused),
    # One participant's own records
    "quizzes.result": Access(get=owner(PARTICIPANT, 200, 404)),
    "pledges.thanks": Access(get=owner(PARTICIPANT, 200, 302)),  # others: back to the pledge
    # Accounts
    "accounts.signup": Access(get=everyone(), post=nobody_refused),
    "accounts.login": Access(get=everyone(), post=nobody_refused),
    "accounts.logout": Access(post=nobody_refused),
    "accounts.reset_request": Access(get=everyone(), post=nobody_refused),
    "accounts.reset": Access(get=everyone(), post=nobody_refused),  # the link is the key
    "accounts.verify": Access(get=everyone(400)),  # a forged link
    "accounts.sign_in_request": Access(get=everyone(), post=nobody_refused),
    "accounts.sign_in_link": Access(get=everyone(400), post=nobody_refused),  # a forged link
    "accounts.resend_verification": Access(post=signed_in(None)),
    "accounts.settings": Access(get=signed_in(), post=signed_in(None)),
    "me.export": Access(get=signed_in()),
    "accounts.delete": Access(get=signed_in(), post=signed_in(None)),
    "accounts.withdraw_consent": Access(post=signed_in(None)),  # own consents only: else 404
    "accounts.signup_with_guardian": Access(get=everyone(), post=nobody_refused),
    "accounts.guardian_consent": Access(get=everyone(400), post=nobody_refused),  # forged link
    "accounts.guardian_withdraw": Access(get=everyone(400), post=nobody_refused),  # forged link
    "accounts.change_password": Access(get=signed_in(), post=signed_in(None)),
    # Schools: A is a school, B a business (no classes); pupils join with a class code
    "schools.join": Access(get=everyone(), post=nobody_refused),
    "schools.classes": Access(
        get=only((ORG_ADMIN,)),
        post=ORG_ADMIN_ONLY,
        variants=organisation_b(NOT_A_SIGNED_IN_ADMIN_OF_B, NOT_A_SIGNED_IN_ADMIN_OF_B),
    ),
    "schools.sheet": Access(get=only(())),  # A has no class with that code: 404 even to its admin
    # Organisations
    "organisations.index": PUBLIC,
    "organisations.about": PUBLIC,
    "organisations.register": Access(get=signed_in(), post=signed_in(None)),
    "organisations.join": Access(get=everyone(), post=nobody_refused),  # the link is the key
    "organisations.public": Access(
        get=everyone(),  # A is verified
        variants=organisation_b(get=lambda role: 200 if role in STAFF else 404),
    ),
    "organisations.dashboard": Access(
        get=only(DASHBOARD_VIEWERS),
        variants=organisation_b(get=only(("staff admin", "staff analyst"))),
    ),
    "organisations.export": Access(
        get=only(DASHBOARD_VIEWERS),
        variants=organisation_b(get=only(("staff admin", "staff analyst"))),
    ),
    "organisations.settings": Access(
        get=only((ORG_ADMIN,)),
        post=ORG_ADMIN_ONLY,
        variants=organisation_b(NOT_A_SIGNED_IN_ADMIN_OF_B, NOT_A_SIGNED_IN_ADMIN_OF_B),
    ),
    "organisations.admins": Access(
        get=only((ORG_ADMIN,)),
        post=ORG_ADMIN_ONLY,
        variants=organisation_b(NOT_A_SIGNED_IN_ADMIN_OF_B, NOT_A_SIGNED_IN_ADMIN_OF_B),
    ),
    "organisations.remove_admin": Access(
        post=ORG_ADMIN_ONLY, variants=organisation_b(post=NOT_A_SIGNED_IN_ADMIN_OF_B)
    ),
    "organisations.rotate_code": Access(
        post=ORG_ADMIN_ONLY, variants=organisation_b(post=NOT_A_SIGNED_IN_ADMIN_OF_B)
    ),
    # B's invitation to A's admin: only that address may open and accept it.
    "organisations.invitation": Access(
        get=only((ORG_ADMIN,), 200, 403), post=only((ORG_ADMIN,), None, 403)
    ),
}


# What a staff GET with real values answers those allowed (200 unless listed): never a 404, so
# every staff page is really opened.
STAFF_GET_STATUS = {"staff.content_new": 302}  # opens the editor on the new item


# Staff content views that check, beyond their permission, that the staff member may edit the
# text in the address (challenge/staff/content/presenting.py, may_edit): translators edit only
# translations into their own locales. The others (history, revisions, diffs) everyone with
# content.view reads, in every locale.
EDITS_THE_TEXT = {"staff.content_edit", "staff.content_restore"}


def staff_access(permission: str, rule) -> Access:
    """Expectations for a staff view, from the permission table."""

    def spec(allowed_status: Expected, *, lang: str = TRANSLATOR_LOCALES[0]) -> Spec:
        def expected(role: str) -> Expected:
            if role in NOT_SIGNED_IN:
                return LOGIN
            staff_role = role.removeprefix("staff ") if role in STAFF else None
            if staff_role not in PERMISSIONS[permission]:
                return 403
            if (
                staff_role == "translator"
                and rule.endpoint in EDITS_THE_TEXT
                and lang not in TRANSLATOR_LOCALES
            ):
                return 403
            return allowed_status

        return expected

    allowed = STAFF_GET_STATUS.get(rule.endpoint, 200)
    variants = ()
    if "lang" in rule.arguments:
        # The translator's own locale is the base case; another locale, and the source.
        variants = tuple(
            Variant(
                label,
                lambda world, lang=lang: {"lang": lang},
                spec(allowed, lang=lang),
                spec(None, lang=lang),
            )
            for label, lang in (("another locale", OTHER_LOCALE), ("the source", "en"))
        )
    return Access(get=spec(allowed), post=spec(None), variants=variants)


def access_of(app, rule) -> Access | None:
    permission = getattr(app.view_functions[rule.endpoint], "permission", None)
    if permission is not None:
        return staff_access(permission, rule)
    return ACCESS.get(rule.endpoint)
