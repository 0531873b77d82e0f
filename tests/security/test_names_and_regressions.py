"""Public names (display names, organisation names) and the bugs the hostile-input and parser
suites found, each pinned by a small test of its own.

The policy for names others see: spaces collapsed and NFKC-normalised (fullwidth, mathematical,
circled letters become plain ones); refused with a translated message if they hold control or
format characters (bidirectional overrides and isolates, zero-width characters), invisible
letters, more than four marks stacked on a letter, or a word mixing look-alike alphabets (Latin,
Greek, Cyrillic, Cherokee, Armenian, Coptic), which is how "pаypal" passes for "paypal".
"""

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from challenge.content import frontmatter
from challenge.content.problems import Problem
from challenge.extensions import db
from challenge.participation.forms import clean_display_name, name_problem
from challenge.participation.models import Participant
from challenge.participation.organisations import Organisation
from tests.factories import submit
from tests.organisations.support import ORGANISATION, account, registered

MIXED = "Write each word in one alphabet"
ONLY_LETTERS = "Use letters, numbers, spaces and punctuation only."


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Asha\u202egnp.exe", ONLY_LETTERS),  # right-to-left override
        ("\u2066Asha\u2069", ONLY_LETTERS),  # isolate
        ("ad\u200bmin", ONLY_LETTERS),  # zero-width space
        ("\u3164", ONLY_LETTERS),  # Hangul filler: a letter that shows nothing
        ("\u2800Asha", ONLY_LETTERS),  # braille blank
        ("Z" + "\u0335" * 5, ONLY_LETTERS),  # marks stacked beyond any script's need
        ("pаypal", MIXED),  # Cyrillic а among Latin letters
        ("Αdmin", MIXED),  # Greek capital alpha
        ("Ꭺdmin", MIXED),  # Cherokee
        ("Quad Cyber Chаllenge", MIXED),
    ],
)
def test_names_that_hide_or_impersonate_are_refused(name, problem):
    assert str(name_problem(clean_display_name(name))).startswith(problem)


@pytest.mark.parametrize(
    "name",
    ["Asha", "आशा", "क्षत्रिय", "アシャ", "Иван", "Ivan Иван", "Đặng Thị Ngọc", "مرحبا", "Tシャツ"],
)
def test_real_names_in_any_script_are_kept(name):
    assert clean_display_name(name) == name
    assert name_problem(name) is None


def test_names_are_normalised_to_plain_letters():
    assert clean_display_name("ＡＳＨＡ") == "ASHA"
    assert clean_display_name("𝐀𝐬𝐡𝐚") == "Asha"
    assert clean_display_name("  Asha \n  Rao ") == "Asha Rao"
    assert clean_display_name("\x85\x1c") is None  # only separators: nothing


def test_the_pledge_form_refuses_a_bidi_name_in_the_readers_language(synced):
    client = synced.test_client()
    fields = {"country": "IN", "display_name": "Asha\u202egnp", "show_name": "y"}
    response = submit(client, "/hi/pledges/turn-on-mfa", fields)
    assert response.status_code == 400
    with synced.test_request_context("/hi/"), force_locale("hi"):
        from flask_babel import gettext

        assert gettext(ONLY_LETTERS) in response.text
    with synced.app_context():
        assert db.session.scalar(select(Participant)) is None


def test_an_organisation_name_of_only_line_breaks_is_refused_not_a_500(synced):
    owner = account(synced, "owner@example.gov.in")
    slug = registered(synced, owner)
    for name in ("\x85", "\u2028\u2029", "\x1c\x1d"):
        response = submit(owner, f"/en/orgs/{slug}/settings", {**ORGANISATION, "name": name})
        assert response.status_code == 400, name
        assert "Enter the organisation" in response.text
    with synced.app_context():
        assert db.session.scalar(select(Organisation.name)) == ORGANISATION["name"]


def test_a_headcount_too_large_for_a_float_is_refused_not_a_500(synced):
    owner = account(synced, "owner@example.gov.in")
    response = submit(owner, "/en/orgs/new", {**ORGANISATION, "headcount": "1" + "0" * 400})
    assert response.status_code == 400
    assert "Enter a whole number from 1 to 10,000,000." in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/en/leaderboards/organisations?page=\xff",
        "/api/v1/leaderboards/countries?window=\xc0\xaf",
        "/en/?x=\xed\xa0\x80",
    ],
)
def test_a_query_string_that_is_not_utf8_is_a_400(client, url):
    path, query = url.split("?")
    response = client.get(path, environ_overrides={"QUERY_STRING": query})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url", ["/en/lessons/a%00b", "/en/join/%00", "/api/v1/leaderboards/countries?sort=%00"]
)
def test_nul_characters_in_the_address_are_a_400(client, url):
    assert client.get(url).status_code == 400


def test_nul_characters_in_a_form_are_a_400_and_nothing_is_stored(synced):
    client = synced.test_client()
    response = submit(client, "/en/pledges/turn-on-mfa", {"country": "IN", "join_code": "a\x00"})
    assert response.status_code == 400
    with synced.app_context():
        assert db.session.scalar(select(Participant)) is None


@pytest.mark.parametrize("page", ["²", "¹²", "1" * 5000, "0", "100001", "-1"])
def test_the_open_data_page_number_is_checked_not_a_500(client, page):
    response = client.get("/api/v1/leaderboards/organisations", query_string={"page": page})
    assert response.status_code == 400
    assert response.json == {"error": "page must be a whole number from 1"}


def test_yaml_line_numbers_count_only_newlines():
    """YAML also breaks lines at U+2028; the file's line is what an editor shows."""
    document = frontmatter.parse("---\ntitle: x\u2028\u2028\u2028\u2028: [\n---\n")
    assert document.errors == [(2, "front matter: expected <block end>, but found ':'")]


def test_a_value_tagged_as_a_timestamp_that_is_not_one_is_a_problem_not_a_crash():
    document = frontmatter.parse(
        "---\ntitle: x\nwhen: !!timestamp '2026-01-01 00:00:00-00:16:08'\n---\n"
    )
    assert document.errors == [(3, "front matter: a date or time is not valid")]


def test_a_problem_stays_on_one_line():
    problem = Problem("content/lessons/x/en.md", 2, "unknown field 'a\nb\x1b[31m'")
    assert str(problem) == "content/lessons/x/en.md:2: unknown field 'a\\nb\\x1b[31m'"
