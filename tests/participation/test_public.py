"""public_figure: a count below PRIVACY_MIN_GROUP, zero included, is not shown."""

import pytest

from challenge.participation.public import public_figure


@pytest.mark.parametrize(
    ("value", "shown"), [(None, None), (0, None), (1, None), (9, None), (10, 10), (12345, 12345)]
)
def test_figures_below_the_threshold_are_hidden(app, value, shown):
    with app.app_context():
        assert app.config["PRIVACY_MIN_GROUP"] == 10
        assert public_figure(value) == shown


def test_the_threshold_is_the_leaderboards_setting(make_app):
    app = make_app(PRIVACY_MIN_GROUP=3)
    with app.app_context():
        assert public_figure(2) is None and public_figure(3) == 3
