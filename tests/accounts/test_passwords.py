"""The password policy (NIST SP 800-63B): length after NFKC, the shipped list of common and leaked
passwords, no building on the e-mail address or the site's name; on sign-up, reset and change,
never at log-in."""

import pytest
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from challenge.accounts import passwords
from challenge.accounts.models import Account
from challenge.accounts.operations import hash_password
from challenge.config import Config
from challenge.extensions import db
from challenge.mail import outbox
from tests.factories import last_link, submit
from tests.support.accounts import ADULT, sign_up
from tests.support.factories import AccountFactory

EMAIL = "asha@example.org"
SITE = "Quad Cyber Challenge"
PASSWORD = "correct horse battery staple"


def problem(password: str, email: str = EMAIL):
    return passwords.problem(password, email=email, site_name=SITE)


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "सुरक्षित रहने के लिए लंबा पासफ़्रेज़",  # Hindi, with vowel signs at the ends of words
        "ねこはこたつでまるくなるのがすき",  # Japanese, 16 characters
        "abc7392018465123",  # a listed word padded with digits no one would guess
        "839201746592038",
        "x" * 3 + "Tr0ub4dor & three more words",
        "the quick brown fox jumps over the lazy dog while the cat sleeps",  # 64
        "a" + "b7" * 127 + "c",  # 256 characters, the longest
        "quadcyberchallenge correct horse",  # the site's name beside enough else
    ],
)
def test_accepted_passwords(password):
    assert problem(password) is None


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "characters"),
        ("fourteen chars", "characters"),
        ("a" + "b7" * 128, "characters"),  # 257
        ("ねこがすきなひとはおおい", "characters"),  # 12 characters: length counts characters
        ("password1234567", "common"),
        ("Password1234567", "common"),
        ("passwordpassword", "common"),
        ("P@ssw0rdP@ssw0rd", "common"),
        ("iloveyou!!!!!!!!", "common"),
        ("monkey123456789", "common"),
        ("aaaaaaaaaaaaaaaa", "common"),
        ("abcabcabcabcabcabc", "common"),
        ("123456789012345", "common"),
        ("987654321098765", "common"),
        ("abcdefghijklmnop", "common"),
        ("qwertyuiopasdfghjkl", "common"),
        ("1qaz2wsx3edc4rfv", "common"),
        ("1q2w3e4r5t6y7u8i9o0p", "common"),
        ("ＰＡＳＳＷＯＲＤ１２３４５６７", "common"),  # full-width, NFKC-normalised first
        ("asha@example.org", "email"),
        ("ASHA@EXAMPLE.ORG!!!", "email"),
        ("asha-example-org-2024", "email"),
        ("ashaashaasha2024", "email"),
        ("Quad Cyber Challenge", "email"),
        ("quadcyberchallenge2024", "email"),
    ],
)
def test_refused_passwords(password, reason):
    expected = {
        "characters": passwords.TOO_SHORT_OR_LONG,
        "common": passwords.TOO_COMMON,
        "email": passwords.FROM_CONTEXT,
    }[reason]
    assert problem(password) is expected


def test_the_list_is_loaded_once_and_skips_its_header():
    common = passwords.common_passwords()
    assert isinstance(common, frozenset) and common is passwords.common_passwords()
    assert {"password", "iloveyou", "trustno1", "qwertyuiop"} <= common
    assert len(common) > 50_000
    assert not any(entry.startswith("#") for entry in common)
    assert all(entry == entry.casefold() for entry in common)


def test_sign_up_refuses_common_and_personal_passwords(synced):
    client = synced.test_client()
    response = submit(
        client, "/hi/account/signup", {"email": EMAIL, "password": "password1234567", **ADULT}
    )
    assert response.status_code == 400 and 'aria-invalid="true"' in response.text
    response = submit(
        client, "/en/account/signup", {"email": EMAIL, "password": "asha@example.org", **ADULT}
    )
    assert response.status_code == 400
    assert "not based on your email address" in response.text
    assert '<a href="#password">' in response.text  # the summary links to the field
    with synced.app_context():
        assert db.session.scalar(select(func.count()).select_from(Account)) == 0


def test_reset_applies_the_policy_with_the_accounts_address(synced):
    client = synced.test_client()
    submit(
        client,
        "/en/account/signup",
        {"email": EMAIL, "password": "correct horse battery staple", **ADULT},
    )
    submit(client, "/en/account/reset", {"email": EMAIL})
    with synced.app_context():
        link = last_link(outbox())
    refused = submit(synced.test_client(), link, {"password": "asha.example.org.2024"})
    assert refused.status_code == 400 and "not based on your email address" in refused.text
    refused = submit(synced.test_client(), link, {"password": "iloveyou1234567"})
    assert refused.status_code == 400 and "common or leaked" in refused.text
    assert (
        submit(synced.test_client(), link, {"password": "a new and unusual phrase"}).status_code
        == 302
    )


def log_in(client, password, email=EMAIL):
    return submit(client, "/en/account/login", {"email": email, "password": password})


def test_existing_accounts_with_refused_passwords_still_log_in(synced):
    with synced.app_context():
        AccountFactory(email=EMAIL, password_hash=hash_password("password1234567"))
    assert log_in(synced.test_client(), "password1234567").status_code == 302


def test_passwords_are_normalised_before_hashing(synced):
    client = synced.test_client()
    typed = "ｃｏｒｒｅｃｔ horse battery staple"  # full-width letters from an East Asian keyboard
    assert sign_up(client, EMAIL, typed).status_code == 200
    assert log_in(synced.test_client(), "correct horse battery staple").status_code == 302
    assert log_in(synced.test_client(), typed).status_code == 302


def test_hashes_made_before_normalising_still_work_and_are_upgraded(synced):
    typed = "ﬁne ﬂowers in the garden"  # ligatures that NFKC spells out
    with synced.app_context():
        old_hash = generate_password_hash(typed, method="scrypt")  # as hashed before NFKC
        AccountFactory(email=EMAIL, password_hash=old_hash)
    assert log_in(synced.test_client(), typed).status_code == 302
    with synced.app_context():
        upgraded = db.session.scalar(select(Account)).password_hash
    assert upgraded != old_hash
    assert log_in(synced.test_client(), "fine flowers in the garden").status_code == 302


def test_production_hashes_cost_at_least_werkzeugs_scrypt_default():
    _name, cost, block_size, parallel = Config.PASSWORD_HASH_METHOD.split(":")
    assert int(cost) >= 2**15 and int(block_size) >= 8 and int(parallel) >= 1


def test_a_hash_of_another_cost_is_made_again_at_log_in(make_app, synced):
    """Raising PASSWORD_HASH_METHOD's cost reaches each account at its next log-in."""
    with synced.app_context():
        old_hash = generate_password_hash(PASSWORD, method="scrypt:512:8:1")
        AccountFactory(email=EMAIL, password_hash=old_hash)
    assert log_in(synced.test_client(), PASSWORD).status_code == 302
    with synced.app_context():
        remade = db.session.scalar(select(Account)).password_hash
    assert remade.startswith(synced.config["PASSWORD_HASH_METHOD"] + "$")
    assert log_in(synced.test_client(), PASSWORD).status_code == 302
    with synced.app_context():
        assert db.session.scalar(select(Account)).password_hash == remade  # not again


@pytest.mark.parametrize("method", ["pbkdf2:sha1:1", "scrypt", "scrypt:0:8:1", "md5"])
def test_an_unknown_hash_method_is_refused_at_start(make_app, method):
    with pytest.raises(ValueError, match="PASSWORD_HASH_METHOD"):
        make_app(PASSWORD_HASH_METHOD=method)
