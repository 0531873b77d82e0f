"""The UI catalogs hold every string in the code, translated in every locale."""

from babel.messages.pofile import read_po

from challenge.config import PROJECT_ROOT


def test_catalogs_are_up_to_date_and_complete(runner):
    result = runner.invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output


def test_translated_catalogs_have_no_fuzzy_or_empty_entries():
    for code in ("hi", "ja"):
        with (PROJECT_ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").open(
            "rb"
        ) as handle:
            catalog = read_po(handle, locale=code)
        assert len(catalog) > 20
        for message in catalog:
            if message.id:
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                assert all(strings) and not message.fuzzy, (code, message.id)


def test_plural_forms_follow_cldr():
    with (PROJECT_ROOT / "translations" / "ja" / "LC_MESSAGES" / "messages.po").open(
        "rb"
    ) as handle:
        assert read_po(handle, locale="ja").num_plurals == 1
    with (PROJECT_ROOT / "translations" / "hi" / "LC_MESSAGES" / "messages.po").open(
        "rb"
    ) as handle:
        assert read_po(handle, locale="hi").num_plurals == 2
