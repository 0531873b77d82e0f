"""Markdown to safe HTML: CommonMark rendering, link checking and rewriting, then nh3 sanitising."""

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.container import container_plugin

from challenge.content import directives, sections
from challenge.i18n.locales import url_prefix

# Internal links are stored with this in place of the locale and filled in per page (see localise).
LOCALE_SLOT = "_locale_"
LINKABLE_KINDS = ("lessons", "quizzes", "pledges")
INTERNAL_LINK = re.compile(r"^/(lessons|quizzes|pledges)/([a-z0-9-]+)/?(#[\w-]+)?$")
IMAGE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.(png|jpe?g|webp|svg)$")
EXTERNAL_SCHEMES = ("https://", "mailto:", "tel:")

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "section": {"data-country"},
}


def render_country_section(self, tokens, index, options, env) -> str:
    """`::: country AU` opens a country section (challenge/content/sections.py); `walk` has
    checked the code and put it in the token's meta."""
    token = tokens[index]
    if token.nesting == -1:
        return "</section>\n"
    code = token.meta.get("country")
    return f'<section data-country="{code}">\n' if code else "<section>\n"


parser = (
    MarkdownIt("commonmark", {"html": False, "typographer": False})
    .enable(["table", "strikethrough"])
    .use(
        container_plugin,
        name=sections.MARKER,
        validate=lambda params, *_: params.split()[:1] == [sections.MARKER],
        render=render_country_section,
    )
)


@dataclass
class Rendered:
    html: str
    links: list[tuple[str, str, int]] = field(default_factory=list)  # (kind folder, slug, line)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    images: list[tuple[str, int]] = field(default_factory=list)  # (file name, line)
    directives: list[tuple[str, str, int]] = field(default_factory=list)  # (name, argument, line)
    countries: list[list] = field(default_factory=list)  # [code, line, list items] per section


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def localise(html: str, locale: str) -> Markup:
    """Point the stored internal links at the reader's locale; the HTML was sanitised at sync."""
    return Markup(html.replace(f'="/{LOCALE_SLOT}/', f'="/{url_prefix(locale)}/'))  # noqa: S704 - sanitised HTML


def check_link(href: str, line: int, result: Rendered) -> str:
    """Validate one link target and return the href to store."""
    match = INTERNAL_LINK.match(href)
    if match:
        kind, target, anchor = match.groups()
        result.links.append((kind, target, line))
        return f"/{LOCALE_SLOT}/{kind}/{target}{anchor or ''}"
    if href.startswith("#") or href.startswith(EXTERNAL_SCHEMES):
        return href
    if href.startswith("http://"):
        result.problems.append((line, f"link '{href}' must use https://"))
    else:
        result.problems.append(
            (
                line,
                f"link '{href}' is not an https:// address or a /lessons/, /quizzes/ or /pledges/ path",
            )
        )
    return href


def check_image(token: Token, line: int, media_prefix: str, result: Rendered) -> None:
    src = token.attrGet("src") or ""
    if not token.content.strip():
        result.problems.append((line, f"image '{src}' needs alt text: ![what it shows]({src})"))
    name = PurePosixPath(src).name
    if src != name or not IMAGE_NAME.match(name):
        result.problems.append(
            (
                line,
                f"image '{src}' must be a .png, .jpg, .webp or .svg file in the item's own folder",
            )
        )
        return
    result.images.append((name, line))
    token.attrSet("src", f"{media_prefix}/{name}")


def check_directive(tokens: list[Token], index: int, line: int, result: Rendered) -> None:
    """`{{name: argument}}` alone in a top-level paragraph is a directive, stored in one spelling; written
    inside other text it would show as typed, so that is a problem."""
    token = tokens[index]
    texts = [child for child in token.children or () if child.type == "text"]
    if not any(directives.WRITTEN.search(child.content) for child in texts):
        return
    whole = directives.WRITTEN.fullmatch(token.content.strip())
    opening = tokens[index - 1] if index else None
    alone = (
        whole
        and opening is not None
        and opening.type == "paragraph_open"
        and opening.level == 0  # not in a list or a quote: the whole block is replaced
        and not opening.hidden
    )
    if not alone:
        result.problems.append(
            (line, "a directive like '{{channels: lost-money}}' must be on a line of its own")
        )
        return
    name, argument = whole.groups()
    wrong = directives.problem(name, argument)
    if wrong:
        result.problems.append((line, wrong))
        return
    result.directives.append((name, argument, line))
    spelled = Token("text", "", 0)
    spelled.content = directives.stored_form(name, argument)
    token.children = [spelled]


def check_country_section(token: Token, line: int, result: Rendered, inside: bool) -> None:
    wrong = sections.problem(token.info)
    if wrong is None and inside:
        wrong = "a country section cannot be inside another one: close it with ':::' first"
    if wrong:
        result.problems.append((line, wrong))
        return
    code = sections.code_of(token.info)
    token.meta["country"] = code
    result.countries.append([code, line, 0])


# CommonMark closes ** only where it touches a letter on the inside and not a letter on the outside
# after punctuation: "**MFA（多因素）**会" stays literal. Chinese and Japanese hit it most.
STRAY_EMPHASIS = (
    "'**' would show as it is: bold that ends in punctuation must be followed by a space or "
    "punctuation; move the punctuation outside the bold ('**多因素身份验证**（MFA）会')"
)


def walk(tokens: list[Token], base_line: int, media_prefix: str, result: Rendered) -> None:
    line = base_line
    depth = 0  # inside how many country sections
    for index, token in enumerate(tokens):
        if token.map:
            line = base_line + token.map[0]
        if token.type == f"container_{sections.MARKER}_open":
            check_country_section(token, line, result, inside=depth > 0)
            depth += 1
        elif token.type == f"container_{sections.MARKER}_close":
            depth -= 1
        elif token.type == "list_item_open" and depth and result.countries:
            result.countries[-1][2] += 1
        if token.type == "inline" and "{{" in token.content:
            check_directive(tokens, index, line, result)
        if token.type == "text" and ("**" in token.content or "__" in token.content):
            result.problems.append((line, STRAY_EMPHASIS))
        if token.type == "heading_open" and token.tag == "h1":
            result.problems.append(
                (line, "use '##' for sections: the title is the page's only '#' heading")
            )
        if token.type == "link_open":
            token.attrSet("href", check_link(token.attrGet("href") or "", line, result))
        elif token.type == "image":
            check_image(token, line, media_prefix, result)
        if token.children:
            walk(token.children, line, media_prefix, result)


def render(body: str, *, base_line: int = 1, media_prefix: str = "") -> Rendered:
    """Render markdown, checking its links and images; `base_line` is the body's first file line."""
    result = Rendered(html="")
    tokens = parser.parse(body)
    walk(tokens, base_line, media_prefix, result)
    result.html = sanitise(parser.renderer.render(tokens, parser.options, {}))
    return result


def render_inline(text: str) -> str:
    """Render one line of markdown (a pledge step, an option) without the wrapping paragraph."""
    return sanitise(parser.renderInline(text))
