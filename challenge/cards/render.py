"""A 1200x630 PNG card for social previews (pledges, lessons, editions, certificates): the badge's design, drawn with Pillow.

Fonts are the system's Noto fonts (Debian's fonts-noto-core and fonts-noto-cjk), found by file name
under BADGE_FONT_DIRS (challenge/cards/fonts.py). Each run of text gets the font for its
script and is shaped by Raqm, so Devanagari conjuncts join. Text that no available font can draw is
left out, never drawn as boxes. Lines break at spaces and around CJK characters.
"""

import io
import logging
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from challenge.cards.fonts import JOINERS, SHAPING, Face, faces, load, script_of, segments

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630  # the Open Graph card size (1.91:1), twice the SVG's
BLUE, AMBER, WHITE = "#0b3d6b", "#ffbf47", "#ffffff"
SUPERSAMPLE = 3  # the shapes are drawn larger and scaled down, for smooth edges
TEXT_LEFT, TEXT_RIGHT = 340, 1130  # the text column, right of the shield
# Line breaking: a virama joins the next letter; CJK punctuation that may not start or end a line.
VIRAMA = "\u094d"
NO_LINE_START = set(
    "、。，．・：；？！）」』】〕〉》ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
NO_LINE_END = set("（「『【〔〈《")


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
def card_png(
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
