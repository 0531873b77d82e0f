"""Accounts as a person makes one: sign up, then follow the link mailed to confirm the address."""

from challenge.config import PROJECT_ROOT
from challenge.content import frontmatter
from challenge.mail import outbox, text_of
from tests.factories import last_link, submit

# The sign-up form's age question answered by an adult (any country's threshold is met).
ADULT = {"age_band": "18-or-over", "country": "IN"}

# The version of the real privacy notice (content/pages/privacy/en.md), which consents record.
NOTICE_VERSION = frontmatter.parse(
    (PROJECT_ROOT / "content/pages/privacy/en.md").read_text(encoding="utf-8")
).meta["version"]


def confirm_link(app) -> str:
    """The path of the last confirmation link mailed (MAIL_BACKEND=memory)."""
    with app.app_context():
        sent = [m for m in outbox() if "/account/verify/" in text_of(m)]
        return last_link(sent)


def sign_up(client, email: str, password: str, locale: str = "en", *, confirm: bool = True):
    """Sign up in `client`'s browser; with `confirm` (and a sign-up accepted), follow the mailed
    link, which logs it in. Returns the sign-up form's answer."""
    response = submit(
        client, f"/{locale}/account/signup", {"email": email, "password": password, **ADULT}
    )
    if confirm and response.status_code == 200:
        client.get(confirm_link(client.application))
    return response
