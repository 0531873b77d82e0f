"""Share links: plain links to each service's own share page, with the page's URL (and a line of
text) URL-encoded into the query. No script, iframe, pixel or font of theirs is ever loaded here;
the visitor's browser only goes to the service when they follow a link."""

from dataclasses import dataclass
from urllib.parse import quote

from flask_babel import gettext as _


@dataclass(frozen=True)
class ShareLink:
    service: str  # a stable name, for the CSS class and tests
    label: str  # what the link says
    href: str


def q(text: str) -> str:
    return quote(text, safe="")


def share_links(url: str, text: str) -> list[ShareLink]:
    """The links that share `url` (absolute, on PUBLIC_URL) with `text` as its caption."""
    both = f"{text} {url}"
    return [
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?text={q(both)}"),
        ShareLink("line", "LINE", f"https://social-plugins.line.me/lineit/share?url={q(url)}"),
        ShareLink("x", "X", f"https://x.com/intent/post?text={q(text)}&url={q(url)}"),
        ShareLink("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={q(url)}"),
        ShareLink(
            "linkedin", "LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={q(url)}"
        ),
        ShareLink("email", _("E-mail"), f"mailto:?subject={q(text)}&body={q(both)}"),
    ]
