"""The pledge badge as a 1200x630 PNG for social cards: the SVG's design, drawn with Pillow.

Fonts are the system's Noto fonts (Debian's fonts-noto-core and fonts-noto-cjk), found by file name
under BADGE_FONT_DIRS. Each run of text gets the font for its script and is shaped by Raqm, so
Devanagari conjuncts join. Text that no available font can draw is left out, never drawn as boxes.
"""

import io
import logging
import os
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, features

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630  # the Open Graph card size (1.91:1), twice the SVG's
BLUE, AMBER, WHITE = "#0b3d6b", "#ffbf47", "#ffffff"
SUPERSAMPLE = 3  # the shapes are drawn larger and scaled down, for smooth edges
TEXT_LEFT, TEXT_RIGHT = 340, 1130  # the text column, right of the shield
# Raqm shapes complex scripts; Pillow's wheels bundle it but load FriBiDi (libfribidi0) from the system.
SHAPING = features.check_feature("raqm")
LAYOUT = ImageFont.Layout.RAQM if SHAPING else ImageFont.Layout.BASIC
NEEDS_SHAPING = {"devanagari"}  # left out rather than drawn with broken conjuncts

# File names per (script, weight); a collection names the face to pick inside it.
FONT_FILES = {
    ("latin", "bold"): "NotoSans-Bold.ttf",
    ("latin", "regular"): "NotoSans-Regular.ttf",
    ("devanagari", "bold"): "NotoSansDevanagari-Bold.ttf",
    ("devanagari", "regular"): "NotoSansDevanagari-Regular.ttf",
    ("cjk", "bold"): "NotoSansCJK-Bold.ttc",
    ("cjk", "regular"): "NotoSansCJK-Regular.ttc",
}
CJK_FACES = {"ko": "Noto Sans CJK KR", "zh": "Noto Sans CJK SC"}  # Japanese forms otherwise
JOINERS = {"\u200c", "\u200d"}  # zero-width (non-)joiners stay in their run
VIRAMA = "\u094d"
NO_LINE_START = set(
    "、。，．・：；？！）」』】〕〉》ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
NO_LINE_END = set("（「『【〔〈《")
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


def break_points(text: str) -> list[str]:
    """Pieces between which a line may break: after spaces, and around CJK characters."""
    pieces: list[str] = []
    for i, char in enumerate(text):
        before = text[i - 1] if i else ""
        breaks = bool(before) and (
            (before.isspace() and not char.isspace())
            or (
                (script_of(char) == "cjk" or script_of(before) == "cjk")
                and not char.isspace()
                and char not in NO_LINE_START
                and before not in NO_LINE_END
            )
        )
        if breaks or not pieces:
            pieces.append(char)
        else:
            pieces[-1] += char
    return pieces


def clusters(word: str) -> list[str]:
    """A word split for emergency breaking, keeping marks and conjuncts whole."""
    parts: list[str] = []
    for char in word:
        joined = parts and (
            unicodedata.category(char)[0] == "M"
            or char in JOINERS
            or parts[-1].endswith((VIRAMA, *JOINERS))
        )
        if joined:
            parts[-1] += char
        else:
            parts.append(char)
    return parts


def wrap(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Greedy line breaking, measuring each candidate line with `fits`."""
    lines: list[str] = []
    line = ""
    for piece in break_points(text.strip()):
        pieces = [piece] if fits(piece.strip()) else clusters(piece)
        for part in pieces:
            if line.strip() and not fits((line + part).strip()):
                lines.append(line.strip())
                line = part.lstrip()
            else:
                line += part
    if line.strip():
        lines.append(line.strip())
    return lines


def line_step(size: int) -> int:
    return round(size * 1.3)


@dataclass
class TextBlock:
    runs: list[list[tuple[ImageFont.FreeTypeFont, str]]]  # per line
    size: int


def fit(
    text: str,
    fonts: dict[str, Face | None],
    sizes: tuple[int, ...],
    height: int,
    language: str | None,
) -> tuple[TextBlock | None, set[str]]:
    """Lay the text out at the largest size whose lines fit the column's width and `height`."""
    _runs, missing = segments(text, fonts)
    if missing or not text.strip():
        return None, missing
    width = TEXT_RIGHT - TEXT_LEFT

    def sized(line: str, size: int) -> list[tuple[ImageFont.FreeTypeFont, str]]:
        return [(load(face, size), chunk) for face, chunk in segments(line, fonts)[0]]

    def measure(line: str, size: int) -> float:
        return sum(font.getlength(chunk, language=language) for font, chunk in sized(line, size))

    for size in sizes:
        max_lines = max(1, height // line_step(size))
        lines = wrap(text, lambda line, size=size: measure(line, size) <= width)
        if len(lines) <= max_lines and all(measure(line, size) <= width for line in lines):
            break
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and measure(lines[-1] + "…", size) > width:
            lines[-1] = "".join(clusters(lines[-1])[:-1]).rstrip()
        lines[-1] += "…"
    return TextBlock([sized(line, size) for line in lines], size), set()


def draw_line(
    draw: ImageDraw.ImageDraw,
    runs: list[tuple[ImageFont.FreeTypeFont, str]],
    baseline: float,
    language: str | None,
) -> None:
    width = sum(font.getlength(chunk, language=language) for font, chunk in runs)
    x = (TEXT_LEFT + TEXT_RIGHT - width) / 2
    for font, chunk in runs:
        draw.text((x, baseline), chunk, font=font, fill=WHITE, anchor="ls", language=language)
        x += font.getlength(chunk, language=language)


@lru_cache(maxsize=1)
def graphic() -> Image.Image:
    """The badge without text: background, border and a shield with a check mark."""
    s = SUPERSAMPLE
    image = Image.new("RGB", (WIDTH * s, HEIGHT * s), BLUE)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (24 * s, 24 * s, (WIDTH - 24) * s, (HEIGHT - 24) * s), 36 * s, outline=AMBER, width=8 * s
    )
    cx, top, w, h = 185 * s, 185 * s, 200 * s, 250 * s
    left, right = cx - w / 2, cx + w / 2
    curve = [  # a quadratic curve from each side down to the point
        (
            (1 - t) ** 2 * right + 2 * (1 - t) * t * right + t * t * cx,
            (1 - t) ** 2 * (top + 0.45 * h) + 2 * (1 - t) * t * (top + 0.8 * h) + t * t * (top + h),
        )
        for t in (i / 24 for i in range(25))
    ]
    outline = [
        (left, top + 0.14 * h),
        (cx, top),
        (right, top + 0.14 * h),
        *curve,
        *[(2 * cx - x, y) for x, y in reversed(curve)],
    ]
    draw.polygon(outline, fill=AMBER)
    tick = [
        (cx - 0.24 * w, top + 0.5 * h),
        (cx - 0.06 * w, top + 0.67 * h),
        (cx + 0.26 * w, top + 0.31 * h),
    ]
    stroke = int(0.12 * w)
    draw.line(tick, fill=BLUE, width=stroke, joint="curve")
    for x, y in (tick[0], tick[-1]):
        r = stroke / 2
        draw.ellipse((x - r, y - r, x + r, y + r), fill=BLUE)
    return image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


_lock = threading.Lock()  # FreeType faces are shared between renders


@lru_cache(maxsize=256)
def badge_png(
    *, heading: str, title: str, campaign: str, locale: str, font_dirs: tuple[str, ...]
) -> bytes:
    """The badge as PNG bytes; text no font can draw is left out, with one warning."""
    with _lock:
        image = graphic().copy()
        draw = ImageDraw.Draw(image)
        bold, regular = faces(font_dirs, "bold", locale), faces(font_dirs, "regular", locale)
        layout = (  # text, faces, sizes, height, where the block is centred
            (heading, bold, (52, 46, 40, 34), 70, 130),
            (title, bold, (72, 64, 56, 48, 40), 270, 322),
            (campaign, regular, (44, 38, 32), 70, 530),
        )
        language = locale.replace("_", "-") if SHAPING else None  # Pillow needs Raqm for it
        missing: set[str] = set()
        for text, fonts, sizes, height, middle in layout:
            block, lacking = fit(text, fonts, sizes, height, language)
            missing |= lacking
            if block is None:
                continue
            step = line_step(block.size)
            first = middle - step * (len(block.runs) - 1) / 2 + block.size * 0.36
            for i, runs in enumerate(block.runs):
                draw_line(draw, runs, first + i * step, language)
        if missing:
            log.warning(
                "Badge %r (%s) drawn without the text it has no font for (%s) under %s",
                title,
                locale,
                ", ".join(sorted(missing)),
                ":".join(font_dirs),
            )
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        return buffer.getvalue()
