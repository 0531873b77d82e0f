"""Templates look up the request's translations once per locale, and still follow force_locale()."""

from flask_babel import force_locale


def render(app, source: str) -> str:
    return app.jinja_env.from_string(source).render()


def test_a_page_is_in_its_locale_and_an_email_inside_it_in_the_account_locale(app):
    lessons = "{{ _('Lessons') }}"
    with app.test_request_context("/hi/lessons/"):
        assert render(app, lessons) == "पाठ"
        with force_locale("ja"):  # an e-mail to someone who reads Japanese
            assert render(app, lessons) == "レッスン"
        assert render(app, lessons) == "पाठ"


def test_outside_any_context_the_source_text_is_used(app):
    assert render(app, "{{ _('Lessons') }}") == "Lessons"
