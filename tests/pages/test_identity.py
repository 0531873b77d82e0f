"""The project's visual identity: a mark and a small set of illustrations, hand-written SVG in
challenge/static with nothing from elsewhere, light, and decorative wherever they are used (the
words beside them carry the meaning, so alt="")."""

import re
import xml.etree.ElementTree as ET

import pytest

from challenge.config import PROJECT_ROOT

STATIC = PROJECT_ROOT / "challenge" / "static"
ILLUSTRATIONS = sorted((STATIC / "illustrations").glob("*.svg"))
DRAWINGS = [STATIC / "mark.svg", STATIC / "favicon.svg", *ILLUSTRATIONS]
SVG = "{http://www.w3.org/2000/svg}"
# Elements that could fetch, run or embed something: none of them in a drawing of ours.
FORBIDDEN = {"script", "image", "foreignObject", "use", "a", "style", "iframe", "feImage"}


def test_there_is_a_mark_and_an_illustration_set():
    names = {path.stem for path in ILLUSTRATIONS}
    assert {"hero", "empty", "updates", "mfa", "passphrase", "check-links"} <= names


@pytest.mark.parametrize("path", DRAWINGS, ids=lambda path: path.name)
def test_each_drawing_is_plain_light_svg_with_nothing_from_elsewhere(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) <= 1500, "a few hundred bytes each: keep drawings simple"
    root = ET.fromstring(text)  # noqa: S314 (the repository's own files)
    assert root.tag == SVG + "svg" and root.get("viewBox")
    for element in root.iter():
        assert element.tag.startswith(SVG), element.tag
        assert element.tag.removeprefix(SVG) not in FORBIDDEN, element.tag
        for name, value in element.attrib.items():
            assert not name.startswith("on"), name
            assert "href" not in name, name
            assert "url(" not in value, (name, value)
    assert re.findall(r"https?://[^\"']+", text) == ["http://www.w3.org/2000/svg"]


def test_the_whole_set_weighs_a_few_kilobytes():
    assert sum(path.stat().st_size for path in DRAWINGS) <= 6000


def decorative_images(html: str) -> dict[str, str]:
    """Each <img> of an illustration or the mark: its file name and its alt text."""
    found = {}
    for tag in re.findall(r"<img [^>]*>", html):
        source = re.search(r'src="([^"]+)"', tag).group(1)
        name = source.split("?")[0].rsplit("/", 1)[-1]
        found[name] = re.search(r'alt="([^"]*)"', tag).group(1)
    return found


def test_the_home_page_uses_the_mark_and_the_illustrations_as_decoration(synced):
    images = decorative_images(synced.test_client().get("/en/").text)
    expected = {"mark.svg", "hero.svg", "updates.svg", "mfa.svg", "passphrase.svg"}
    assert expected | {"check-links.svg"} <= set(images)
    assert all(alt == "" for alt in images.values()), images


@pytest.mark.parametrize("path", ["/en/me", "/en/me/erase", "/ja/me"])
def test_empty_states_show_the_empty_tray(synced, path):
    images = decorative_images(synced.test_client().get(path).text)
    assert images.get("empty.svg") == ""


def test_the_drawings_are_served_as_svg_from_the_site_itself(synced):
    client = synced.test_client()
    html = client.get("/en/").text
    sources = re.findall(r'<img [^>]*src="([^"]+\.svg[^"]*)"', html)
    assert sources and all(source.startswith("/") for source in sources)
    answer = client.get(sources[0])
    assert answer.status_code == 200 and answer.mimetype == "image/svg+xml"
    answer.close()
