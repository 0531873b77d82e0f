"""Country sections (`::: country XX` ... `:::`): kept in every translation, checked against the
source by `flask content check`, labelled on the page, the visitor's country's first."""

from pathlib import Path

import pytest

from challenge.content.loader import load_tree
from challenge.content.markdown import render
from challenge.content.operations import sync_tree
from tests.support.content_trees import check_messages, copy_tree, replace_once

FIXTURE = Path(__file__).parents[1] / "fixtures" / "country-content"
LESSON = FIXTURE / "lessons" / "paying-safely"
LOCALES = ("en", "hi", "ja")


@pytest.fixture
def tree_copy(tmp_path) -> Path:
    return copy_tree(FIXTURE, tmp_path)


def test_the_fixture_is_valid_and_records_its_sections():
    tree = load_tree(FIXTURE, LOCALES, "en")
    assert tree.problems == []
    files = tree.items[("lessons", "paying-safely")].files
    assert files["en"].data["countries"] == [["IN", 15, 2], ["JP", 22, 0], ["US", 26, 0]]
    assert [code for code, *_ in files["hi"].data["countries"]] == ["IN", "JP", "US"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "::: country JP\nबैंक फ़ोन पर कभी आपका PIN नहीं माँगते।\n:::\n",
            "",
            "country-content/lessons/paying-safely/hi.md:12: the country sections differ from "
            "the source's (en.md: IN, JP, US): it lacks the source's JP",
        ),
        (
            "सबूत सँभालकर रखें।",
            "::: country AU\nसबूत सँभालकर रखें।\n:::",
            "country-content/lessons/paying-safely/hi.md:12: the country sections differ from "
            "the source's (en.md: IN, JP, US): it has AU, which the source lacks",
        ),
        (
            "::: country US",
            "::: country AU",
            "country-content/lessons/paying-safely/hi.md:12: the country sections differ from "
            "the source's (en.md: IN, JP, US): it lacks the source's US; it has AU, which the "
            "source lacks",
        ),
        (
            "- संदेश में आए लिंक से कभी KYC अपडेट न करें।\n",
            "",
            "country-content/lessons/paying-safely/hi.md:12: the IN section has 1 list items; "
            "the source's (en.md) has 2",
        ),
    ],
)
def test_a_translation_whose_sections_diverge_is_an_error_naming_the_file(
    tree_copy, old, new, expected
):
    replace_once(tree_copy / "lessons" / "paying-safely" / "hi.md", old, new)
    found = [line.replace("content/", "country-content/", 1) for line in check_messages(tree_copy)]
    assert found == [expected]


def test_sections_in_another_order_are_an_error(tree_copy):
    path = tree_copy / "lessons" / "paying-safely" / "ja.md"
    replace_once(path, "::: country JP", "::: country XJ")
    replace_once(path, "::: country US", "::: country JP")
    replace_once(path, "::: country XJ", "::: country US")
    assert check_messages(tree_copy) == [
        "content/lessons/paying-safely/ja.md:12: the country sections differ from the source's "
        "(en.md: IN, JP, US): they are in another order (IN, US, JP)"
    ]


def test_content_check_fails_on_a_divergent_translation(tree_copy, runner):
    assert runner.invoke(args=["content", "check", "--dir", str(tree_copy)]).exit_code == 0
    replace_once(
        tree_copy / "lessons" / "paying-safely" / "ja.md", "::: country US", "::: country AU"
    )
    result = runner.invoke(args=["content", "check", "--dir", str(tree_copy)])
    assert result.exit_code == 1
    assert "content/lessons/paying-safely/ja.md:12: the country sections differ" in result.output


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("::: country XX\nText.\n:::\n", "'::: country XX' must name one country"),
        ("::: country\nText.\n:::\n", "'::: country' must name one country"),
        (
            "::: country AU\n::::: country US\nText.\n:::::\n:::\n",
            "a country section cannot be inside another one",
        ),
    ],
)
def test_a_section_must_name_one_of_the_four_countries_once(body, message):
    problems = render(body, base_line=4).problems
    assert len(problems) == 1 and message in problems[0][1]


def test_raw_html_cannot_make_a_section():
    html = render('<section data-country="AU">\n\nText\n\n</section>').html
    assert "<section" not in html


@pytest.fixture
def site(app):
    with app.app_context():
        sync_tree(load_tree(FIXTURE, LOCALES, "en"), "en")
    return app.test_client()


def test_each_section_is_labelled_in_the_source_order_without_a_country(site):
    html = site.get("/en/lessons/paying-safely").text
    assert html.count('<section class="country-section" aria-labelledby="country-') == 3
    assert html.index("In India") < html.index("In Japan") < html.index("In United States")
    assert "is-visitors" not in html and "country-yours" not in html
    assert "data-country" not in html


@pytest.mark.parametrize(
    ("locale", "label", "yours"),
    [
        ("en", "In Japan", "Your country"),
        ("hi", "जापान में", "आपका देश"),
        ("ja", "日本の場合", "お住まいの国"),
    ],
)
def test_the_visitors_country_comes_first_and_is_marked(site, locale, label, yours):
    html = site.get(f"/{locale}/lessons/paying-safely?country=jp").text
    first = html.split('class="country-section')[1]
    assert first.startswith(' is-visitors"') and label in first and yours in first
    assert html.count('class="country-yours"') == 1 and html.count("is-visitors") == 1


def test_a_participants_own_country_is_used(site):
    site.post("/en/lessons/paying-safely/done", data={"country": "US"})
    html = site.get("/en/lessons/paying-safely").text
    first = html.split('class="country-section')[1]
    assert "In United States" in first and "Your country" in first
    rest = html.split('class="country-section')[2]
    assert "In India" in rest
