"""Hypothesis posts generated hostile values into every public form: values of every kind (very long
text, control characters and NUL, lone surrogates and invalid UTF-8, markup and script, SQL-ish and
template text, Unicode oddities), fields left out, sent twice or with a list where one value is due.
Every answer is judged by tests/security/hostile.py: below 500, nothing shown unescaped, nothing
written by a refused (4xx) request, and nothing written when the form comes back (200) with errors.

The public forms are found from the URL map: every POST rule is either a public form below or listed
in NOT_PUBLIC with the reason, so a new form cannot be left out silently. Shared forms (pledge, quiz,
lesson) carry no CSRF token and are sent as a same-origin browser sends them (Sec-Fetch-Site)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.security.forms import forms_on
from tests.security.hostile import Judge, encode
from tests.security.payloads import PAYLOADS, Payload
from tests.security.world import (
    ACCOUNT,
    ANONYMOUS,
    EDITION,
    LESSON,
    PARTICIPANT,
    PLEDGE,
    QUIZ,
    World,
)

# endpoint: (who opens the page, the page the form is on)
PUBLIC_FORMS = {
    "pledges.pledge": (ANONYMOUS, f"/en/pledges/{PLEDGE}"),
    "quizzes.submit": (ANONYMOUS, f"/en/quizzes/{QUIZ}"),
    "lessons.done": (ANONYMOUS, f"/en/lessons/{LESSON}"),
    "lessons.checklist": (ANONYMOUS, f"/en/lessons/{LESSON}"),
    "editions.tick": (ANONYMOUS, f"/en/editions/{EDITION}"),
    "editions.ask_for_reminders": (ANONYMOUS, f"/en/editions/{EDITION}"),
    "accounts.signup": (ANONYMOUS, "/en/account/signup"),
    "accounts.login": (ANONYMOUS, "/en/account/login"),
    "accounts.reset_request": (ANONYMOUS, "/en/account/reset"),
    "accounts.reset": (ANONYMOUS, "/en/account/reset/{reset_token}"),
    "accounts.sign_in_request": (ANONYMOUS, "/en/account/sign-in"),
    "accounts.signup_with_guardian": (ANONYMOUS, "/en/account/signup/guardian"),
    "schools.join": (ANONYMOUS, "/en/class"),
    "organisations.join": (ACCOUNT, "/en/join/{join_code}"),
    "me.change_country": (PARTICIPANT, "/en/me"),
    "me.erase": (PARTICIPANT, "/en/me/erase"),
}
# POST rules that are not public forms, and why.
NOT_PUBLIC = {
    "editions.confirm_reminders": "a mailed link's button: its only input is the signed token",
    "editions.unsubscribe_reminders": "a mailed link's button: its only input is the signed token",
    "accounts.sign_in_link": "a one-time link's confirmation: its only input is the mailed token",
    "accounts.logout": "signed in only; no fields",
    "me.change_country": "a participant's own page only (it needs their participation cookie)",
    "accounts.resend_verification": "signed in only (a button on the account page)",
    "accounts.settings": "signed in only",
    "accounts.delete": "signed in only",
    "accounts.withdraw_consent": "signed in only (a button on the account page)",
    "accounts.guardian_consent": "a mailed link's button: its only input is the signed token",
    "accounts.guardian_withdraw": "a mailed link's button: its only input is the signed token",
    "schools.classes": "a school's admins only",
    "accounts.change_password": "signed in only",
    "me.share_name": "members only",
    "organisations.leave": "members only",
    "organisations.admins": "organisation admins only",
    "organisations.remove_admin": "organisation admins only",
    "organisations.rotate_code": "organisation admins only",
    "editions.sign_on": "organisation admins only",
    "editions.certificate_name": (
        "a certificate's holder only; hostile names in tests/editions/test_certificate_name.py"
    ),
    "organisations.settings": "organisation admins only",
    "organisations.invitation": "an invited account only",
    "organisations.register": "signed in only",
    "lessons.checklist": "only on a lesson with a checklist, and content/ has none yet (tests/lessons)",
}
EXAMPLES = 20  # per form: about a minute for all of them on one core
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
MARKER = "<script>alert('fuzz')</script>"
# Valid values for fields a page leaves empty, so a payload in one field meets valid others.
VALID = {"email": "fuzz-target@example.org", "password": "a long enough passphrase 42"}

CURATED = [payload for payload in PAYLOADS if len(payload.text) <= 5000]
hostile_text = st.one_of(
    st.sampled_from(CURATED).map(lambda payload: payload.value),
    st.text(min_size=0, max_size=200),
    st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Mn"]), max_size=50),
    st.text(max_size=20).map(lambda text: f"{text}{MARKER}{text}"),
    st.integers(min_value=2_000, max_value=20_000).map(lambda size: "x" * size),
    st.sampled_from(["\x00", "' OR 1=1 --", '"; DROP TABLE accounts; --', "{{7*7}}", "0", "-1"]),
)
raw_bytes = st.sampled_from([b"%ED%A0%80", b"%FF%FE", b"%C0%AF", b"a%00b", b"%E2%80%AE"])
# What is done to the field: its value replaced, left out, sent twice, or a raw byte sequence.
mutation = st.one_of(
    st.tuples(st.just("replace"), hostile_text),
    st.tuples(st.just("missing"), st.none()),
    st.tuples(st.just("twice"), hostile_text),
    st.tuples(st.just("raw"), raw_bytes),
)


def test_every_post_route_is_a_public_form_or_listed_as_not_public(world: World):
    posting = {
        rule.endpoint
        for rule in world.app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.rule.startswith("/staff/")
    }
    assert posting - set(PUBLIC_FORMS) - set(NOT_PUBLIC) == set()
    assert set(PUBLIC_FORMS) | set(NOT_PUBLIC) <= posting  # no stale names


def form_of(world: World, endpoint: str):
    role, page = PUBLIC_FORMS[endpoint]
    page = page.format(reset_token=world.reset_token, join_code=world.join_code)
    client = world.client(role)
    html = client.get(page).get_data(as_text=True)
    for form in forms_on(page, html):
        matched = world.app.url_map.bind("localhost").match(form.path, method="POST")
        if form.method == "post" and matched[0] == endpoint:
            return client, form, html
    raise AssertionError(f"no {endpoint} form on {page}")


def valid_pairs(form) -> list[tuple[str, str]]:
    """The form as the page left it, with empty fields filled in and a choice in each radio group."""
    pairs = [(name, value or VALID.get(name, "")) for name, value in form.default_pairs()]
    sent = {name for name, _value in pairs}
    for form_field in form.fields.values():
        if form_field.kind == "radio" and form_field.name not in sent and form_field.options:
            pairs.append((form_field.name, form_field.options[0]))
    return pairs


@pytest.fixture(scope="module")
def judge(world):
    return Judge(world.app)


@pytest.mark.parametrize("endpoint", sorted(PUBLIC_FORMS))
def test_hostile_values_in_every_public_form(world, judge, endpoint):
    client, form, baseline = form_of(world, endpoint)
    valid = valid_pairs(form)
    names = list(dict.fromkeys(name for name, _value in valid))
    names += [name for name in form.fields if name not in names]
    known = len(judge.failures)  # the judge is shared: only this form's failures count here
    requests_before, refused_before = judge.requests, judge.statuses.get(403, 0)

    @settings(max_examples=EXAMPLES, deadline=None)
    @given(field=st.sampled_from(names), change=mutation)
    def attack(field, change):
        kind, value = change
        pairs = [pair for pair in valid if pair[0] != field]
        original = [pair for pair in valid if pair[0] == field]
        raw = None
        if kind == "replace":
            pairs.append((field, value))
        elif kind == "twice":
            pairs += [*original, (field, value)]
        elif kind == "raw":
            raw = (field, value)
        payload = Payload("generated", value if value is not None else "")
        before = judge.read_state()

        def post():
            return client.post(
                form.action,
                data=encode(pairs, raw),
                content_type="application/x-www-form-urlencoded",
                headers=SAME_ORIGIN,
            )

        response, _accepted = judge.request(payload, f"{endpoint}:{field}:{kind}", post, baseline)
        if response.status_code == 200 and 'class="error-summary"' in response.text:
            # The form came back with its errors: refused, so nothing may have been written.
            after = judge.read_state()
            changed = {name for name in before if before[name] != after[name]}
            if changed:
                judge.fail(
                    f"{endpoint}:{field}:{kind}", payload, f"re-rendered but wrote {changed}"
                )
        assert judge.failures[known:] == [], judge.failures[known:][:5]

    attack()
    # The values reached the form, not a blanket refusal of the request (each test on its own,
    # so the check holds however the tests are spread over processes).
    sent = judge.requests - requests_before
    refused = judge.statuses.get(403, 0) - refused_before
    assert sent >= EXAMPLES // 2 and refused < sent / 2, (sent, refused)
