"""The PNG badge: served for social cards with cache headers, drawn in the page's language, no boxes."""

import io
import logging
import os

import pytest
from PIL import Image, ImageChops, features

from challenge.cards import fonts as badge_fonts
from challenge.cards import render as png
from challenge.config import settings_from_environment
from challenge.content.operations import sync_tree
from tests.factories import submit

SYSTEM_FONTS = ("/usr/share/fonts",)
MFA = "/en/pledges/turn-on-mfa"
TITLES = {
    "en": "Turn on multi-factor authentication",
    "hi": "मल्टी-फ़ैक्टर ऑथेंटिकेशन चालू करें",
    "ja": "多要素認証を有効にする",
}


@pytest.fixture
def fonts():
    """The system's Noto fonts and Raqm shaping: required in CI, skipped without them elsewhere."""
    wanted = set(badge_fonts.FONT_FILES.values())
    if wanted <= badge_fonts.font_files(SYSTEM_FONTS).keys() and features.check_feature("raqm"):
        return SYSTEM_FONTS
    message = "the PNG badge needs fonts-noto-core, fonts-noto-cjk and Raqm (libfribidi0)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def textless(locale: str) -> Image.Image:
    return image(
        png.card_png(heading="", title="", campaign="", locale=locale, font_dirs=SYSTEM_FONTS)
    )


def text_box(data: bytes, locale: str) -> tuple[int, int, int, int] | None:
    """Where the badge differs from the one without text."""
    return ImageChops.difference(image(data), textless(locale)).getbbox()


def inside_the_column(box: tuple[int, int, int, int] | None) -> bool:
    """Text was drawn, right of the shield and inside the border."""
    if box is None:
        return False
    left, top, right, bottom = box
    return left >= png.TEXT_LEFT and right <= png.TEXT_RIGHT and top > 24 and bottom < 606


def test_the_png_is_served_with_cache_headers_and_an_etag(synced):
    client = synced.test_client()
    response = client.get(f"{MFA}/badge.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    picture = Image.open(io.BytesIO(response.data))
    assert (picture.format, picture.size) == ("PNG", (1200, 630))
    assert response.cache_control.public and response.cache_control.max_age == 3600
    etag = response.headers["ETag"]
    again = client.get(f"{MFA}/badge.png", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_the_png_of_an_unknown_pledge_is_404(synced):
    assert synced.test_client().get("/en/pledges/nope/badge.png").status_code == 404


def test_the_thanks_page_shares_the_png_and_offers_both_downloads(synced):
    client = synced.test_client()
    submit(client, MFA, {"country": "IN"})
    page = client.get(f"{MFA}/thanks").text
    url = "http://localhost/en/pledges/turn-on-mfa/badge.png"
    assert f'<meta property="og:image" content="{url}">' in page
    assert '<meta property="og:image:type" content="image/png">' in page
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="630">' in page
    alt = f"Badge: I took the pledge: {TITLES['en']}"
    assert f'<meta property="og:image:alt" content="{alt}">' in page and f'alt="{alt}"' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert f'<img src="{MFA}/badge.svg"' in page
    assert f'href="{MFA}/badge.svg" download="turn-on-mfa-badge.svg"' in page
    assert f'href="{MFA}/badge.png" download="turn-on-mfa-badge.png">Download as PNG</a>' in page


@pytest.mark.parametrize(
    ("text", "families"),
    [
        (TITLES["en"], ["Noto Sans"]),
        (TITLES["hi"], ["Noto Sans Devanagari"]),
        (TITLES["ja"], ["Noto Sans CJK JP"]),
        ("SMS कोड", ["Noto Sans", "Noto Sans Devanagari"]),
        ("多要素認証（MFA）", ["Noto Sans CJK JP"]),
        # wave 2: Tamil, Bengali and Urdu (Nastaliq) shape with their own Noto faces, no tofu
        ("பல காரணி அங்கீகாரம்", ["Noto Sans Tamil"]),
        ("বহু-স্তরের যাচাই", ["Noto Sans Bengali"]),
        ("ملٹی فیکٹر تصدیق", ["Noto Nastaliq Urdu"]),
    ],
)
def test_each_script_gets_a_font_that_covers_it(fonts, text, families):
    runs, missing = badge_fonts.segments(text, badge_fonts.faces(fonts, "bold", "ja"))
    assert not missing and "".join(chunk for _face, chunk in runs) == text
    assert [badge_fonts.load(face, 20).getname()[0] for face, _chunk in runs] == families
    assert all(badge_fonts.covers(face, char) for face, chunk in runs for char in chunk)


def test_coverage_is_read_from_the_font(fonts):
    latin, devanagari = (
        badge_fonts.faces(fonts, "bold", "hi")[script] for script in ("latin", "devanagari")
    )
    assert badge_fonts.covers(devanagari, "क") and not badge_fonts.covers(latin, "क")
    assert badge_fonts.covers(latin, "A") and not badge_fonts.covers(devanagari, "A")


@pytest.mark.parametrize("locale", ["en", "hi", "ja"])
def test_the_badge_text_is_drawn_inside_the_column(synced, fonts, locale):
    response = synced.test_client().get(f"/{locale}/pledges/turn-on-mfa/badge.png")
    assert inside_the_column(text_box(response.data, locale))


def test_a_long_title_is_shrunk_and_cut_to_fit(fonts):
    title = "Use strong, unique passphrases for every account " * 6
    data = png.card_png(
        heading="I took the pledge", title=title, campaign="x", locale="en", font_dirs=fonts
    )
    assert inside_the_column(text_box(data, "en"))


def test_japanese_lines_do_not_start_with_closing_punctuation():
    pieces = png.break_points("強く、使い回さない（MFA）パスフレーズを使う。")
    assert "、" not in {piece[0] for piece in pieces} and "。" not in {p[0] for p in pieces}
    assert "（MFA）" in pieces


def test_text_no_font_covers_is_left_out_with_one_warning(fonts, caplog):
    sinhala = "මම පොරොන්දු වුණා"  # a script the badge has no font for (Bengali now has one)
    with caplog.at_level(logging.WARNING, "challenge.cards.render"):
        drawn = png.card_png(heading="", title=sinhala, campaign="", locale="si", font_dirs=fonts)
        png.card_png(heading="", title=sinhala, campaign="", locale="si", font_dirs=fonts)
    assert text_box(drawn, "si") is None
    assert [record.levelname for record in caplog.records] == ["WARNING"]
    assert "sinhala" in caplog.records[0].getMessage()


def test_without_fonts_the_badge_renders_without_text(
    make_app, real_content_tree, tmp_path, caplog
):
    app = make_app(BADGE_FONT_DIRS=[str(tmp_path)])
    with app.app_context():
        sync_tree(real_content_tree, "en")
    with caplog.at_level(logging.WARNING, "challenge.cards.render"):
        response = app.test_client().get("/hi/pledges/turn-on-mfa/badge.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert ImageChops.difference(image(response.data), textless("hi")).getbbox() is None
    assert len(caplog.records) == 1 and "devanagari" in caplog.records[0].getMessage()


def test_without_raqm_devanagari_is_left_out_rather_than_misshaped(fonts, monkeypatch):
    monkeypatch.setattr(badge_fonts, "SHAPING", False)
    chosen = badge_fonts.faces(fonts, "bold", "hi")
    assert chosen["devanagari"] is None and chosen["latin"] is not None


def test_font_dirs_come_from_the_environment():
    settings = settings_from_environment({"BADGE_FONT_DIRS": "/opt/fonts:/usr/share/fonts"})
    assert settings["BADGE_FONT_DIRS"] == ("/opt/fonts", "/usr/share/fonts")
