"""The UI catalogs hold every string in the code, translated in every locale."""

from babel.messages.pofile import read_po

from challenge.config import PROJECT_ROOT


def test_catalogs_are_up_to_date_and_complete(runner):
    result = runner.invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output


def test_translated_catalogs_have_no_fuzzy_or_empty_entries():
    for code in ("hi", "ja", "es", "zh_Hans"):  # es, zh_Hans: complete, not yet public
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
    with (PROJECT_ROOT / "translations" / "es" / "LC_MESSAGES" / "messages.po").open(
        "rb"
    ) as handle:
        catalog = read_po(handle, locale="es")  # one, many (a million de ...), other
    assert catalog.num_plurals == 3
    assert all(
        len(message.string) == 3 for message in catalog if message.id and message.pluralizable
    )


def test_hindi_plural_one_covers_zero_and_one(app):
    from flask_babel import force_locale, ngettext

    one, other = "%(num)s person has taken this pledge", "%(num)s people have taken this pledge"
    with app.test_request_context("/hi/"), force_locale("hi"):
        zero, single, many = (ngettext(one, other, n) for n in (0, 1, 2))
    assert zero.replace("0", "1") == single
    assert many.replace("2", "1") != single
