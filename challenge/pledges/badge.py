"""A shareable SVG badge in the page's language; text only, so it stays tiny and scalable."""

import base64
import hashlib

from markupsafe import escape

WIDTH, HEIGHT = 600, 315  # the Open Graph card ratio (1.91:1)
STYLE = (
    "text{font-family:system-ui,'Noto Sans','Noto Sans Devanagari','Noto Sans CJK JP',sans-serif;"
    "fill:#fff;text-anchor:middle}.h{font-size:26px;font-weight:600}.t{font-size:36px;font-weight:700}"
    ".c{font-size:22px}"
)
# The SVG's own CSP allows exactly this style sheet, by hash, and nothing else inline.
STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CONTENT_SECURITY_POLICY = f"default-src 'none'; style-src '{STYLE_HASH}'; frame-ancestors 'none'"


def wrap(text: str, width: int) -> list[str]:
    """Break into lines of about `width` characters: at spaces, or anywhere for scripts without them."""
    words = text.split()
    if len(words) <= 1 and len(text) > width:
        return [text[i : i + width] for i in range(0, len(text), width)]
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def badge_svg(*, heading: str, title: str, campaign: str, locale: str) -> str:
    cjk = locale in {"ja", "zh", "ko"}
    lines = wrap(title, 16 if cjk else 28)[:4]
    title_lines = "".join(
        f'<text x="300" y="{150 + 44 * i - 22 * (len(lines) - 1)}" class="t">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'lang="{escape(locale)}" role="img" aria-label="{escape(heading)}: {escape(title)}">'
        f"<style>{STYLE}</style>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" rx="24" fill="#0b3d6b"/>'
        f'<rect x="12" y="12" width="{WIDTH - 24}" height="{HEIGHT - 24}" rx="18" fill="none" stroke="#ffbf47" stroke-width="4"/>'
        f'<text x="300" y="62" class="h">{escape(heading)}</text>{title_lines}'
        f'<text x="300" y="282" class="c">{escape(campaign)}</text></svg>'
    )
