"""Fonts for the PNG badge: the system's Noto faces, found by file name under BADGE_FONT_DIRS, one
per script, and the runs of a text each face can draw (challenge/cards/render.py lays them out).
"""

import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, features

# Raqm shapes complex scripts; Pillow's wheels bundle it but load FriBiDi (libfribidi0) from the system.
SHAPING = features.check_feature("raqm")
LAYOUT = ImageFont.Layout.RAQM if SHAPING else ImageFont.Layout.BASIC
NEEDS_SHAPING = {
    "devanagari",
    "bengali",
    "tamil",
    "arabic",
}  # left out rather than drawn with broken conjuncts

# File names per (script, weight); a collection names the face to pick inside it.
FONT_FILES = {
    ("latin", "bold"): "NotoSans-Bold.ttf",
    ("latin", "regular"): "NotoSans-Regular.ttf",
    ("devanagari", "bold"): "NotoSansDevanagari-Bold.ttf",
    ("devanagari", "regular"): "NotoSansDevanagari-Regular.ttf",
    ("bengali", "bold"): "NotoSansBengali-Bold.ttf",
    ("bengali", "regular"): "NotoSansBengali-Regular.ttf",
    ("tamil", "bold"): "NotoSansTamil-Bold.ttf",
    ("tamil", "regular"): "NotoSansTamil-Regular.ttf",
    # Urdu is written in Nastaliq (Debian's fonts-noto-core has NotoNastaliqUrdu)
    ("arabic", "bold"): "NotoNastaliqUrdu-Bold.ttf",
    ("arabic", "regular"): "NotoNastaliqUrdu-Regular.ttf",
    ("cjk", "bold"): "NotoSansCJK-Bold.ttc",
    ("cjk", "regular"): "NotoSansCJK-Regular.ttc",
}
CJK_FACES = {"ko": "Noto Sans CJK KR", "zh": "Noto Sans CJK SC"}  # Japanese forms otherwise
JOINERS = {"\u200c", "\u200d"}  # zero-width (non-)joiners stay in their run
NOTDEF = "\U0010ffff"  # a noncharacter: every font draws its missing-glyph box for it
PROBE_SIZE = 32


@dataclass(frozen=True)
class Face:
    path: str
    index: int = 0


def script_of(char: str) -> str | None:
    """The script a character needs a font for; None for spaces, digits and punctuation."""
    code = ord(char)
    if 0x0900 <= code <= 0x097F or 0xA8E0 <= code <= 0xA8FF or 0x1CD0 <= code <= 0x1CFF:
        return "devanagari"
    if 0x0980 <= code <= 0x09FF:
        return "bengali"
    if 0x0B80 <= code <= 0x0BFF:
        return "tamil"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if (
        0x2E80 <= code <= 0x9FFF  # CJK punctuation, kana, ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full- and half-width forms
        or 0x20000 <= code <= 0x3FFFF
    ):
        return "cjk"
    if unicodedata.category(char)[0] in "LM":
        return "latin"  # Noto Sans also covers Greek and Cyrillic; coverage is checked anyway
    return None


@lru_cache(maxsize=8)
def font_files(font_dirs: tuple[str, ...]) -> dict[str, str]:
    """Every font file under the directories, by file name; the first one found wins."""
    found: dict[str, str] = {}
    for root in font_dirs:
        for folder, subfolders, files in os.walk(root):
            subfolders.sort()
            for name in sorted(files):
                found.setdefault(name, os.path.join(folder, name))
    return found


@lru_cache(maxsize=128)
def load(face: Face, size: int, layout: ImageFont.Layout | None = None) -> ImageFont.FreeTypeFont:
    layout = LAYOUT if layout is None else layout
    return ImageFont.truetype(face.path, size, index=face.index, layout_engine=layout)


@lru_cache(maxsize=16)
def collection_face(path: str, family: str) -> Face:
    """The face of a font collection (.ttc) with this family name; the first face otherwise."""
    index = 0
    while True:
        try:
            name, _style = ImageFont.truetype(path, PROBE_SIZE, index=index).getname()
        except OSError:
            return Face(path)
        if name == family:
            return Face(path, index)
        index += 1


def faces(font_dirs: tuple[str, ...], weight: str, locale: str) -> dict[str, Face | None]:
    """The face for each script, or None where no font file was found."""
    files = font_files(font_dirs)
    chosen: dict[str, Face | None] = {}
    for (script, font_weight), name in FONT_FILES.items():
        if font_weight != weight:
            continue
        path = files.get(name)
        if path is None or (script in NEEDS_SHAPING and not SHAPING):
            chosen[script] = None
        elif name.endswith((".ttc", ".otc")):
            chosen[script] = collection_face(path, CJK_FACES.get(locale[:2], "Noto Sans CJK JP"))
        else:
            chosen[script] = Face(path)
    return chosen


def _ink(face: Face, char: str) -> bytes:
    image = Image.new("L", (PROBE_SIZE * 2, PROBE_SIZE * 2))
    font = load(face, PROBE_SIZE, ImageFont.Layout.BASIC)
    ImageDraw.Draw(image).text((PROBE_SIZE // 2, PROBE_SIZE // 2), char, font=font, fill=255)
    return image.tobytes()


@lru_cache(maxsize=8192)
def covers(face: Face, char: str) -> bool:
    """Whether the font has a glyph for the character (it draws something other than its box)."""
    return _ink(face, char) != _ink(face, NOTDEF)


def segments(text: str, fonts: dict[str, Face | None]) -> tuple[list[tuple[Face, str]], set[str]]:
    """Split text into runs drawn with one face each, and name what no face can draw.

    Devanagari and CJK take their script's font. Latin letters, digits and punctuation stay in the
    font of the run they are in when it has them (Latin in Japanese text uses the CJK font's own).
    """
    runs: list[tuple[Face, str]] = []
    missing: set[str] = set()
    first = next((script for script in map(script_of, text) if script), "latin")
    current = fonts.get(first)
    for char in text:
        script = script_of(char)
        if runs and (unicodedata.category(char)[0] == "M" or char in JOINERS):
            face = runs[-1][0]  # marks and joiners belong to the character before them
        else:
            if script is None:
                candidates = [current, fonts.get("latin"), *fonts.values()]
            elif script == "latin":
                candidates = [current, fonts.get("latin")]
            else:
                candidates = [fonts.get(script)]
            face = next((f for f in candidates if f and covers(f, char)), None)
            if face is None and not char.isspace():
                if script and fonts.get(script) is None:
                    missing.add(script)  # no font file for the script
                else:  # a glyph none of the fonts has: name its script, as in "bengali"
                    missing.add(unicodedata.name(char, f"U+{ord(char):04X}").split()[0].lower())
            if script and face:
                current = face
        if face is None:
            continue
        if runs and runs[-1][0] == face:
            runs[-1] = (face, runs[-1][1] + char)
        else:
            runs.append((face, char))
    return runs, missing
