"""Screenshots of every page type in every locale, at phone and desktop widths, for review.

    make screenshots                      # or: .venv/bin/python -m tests.browser.screenshots
    .venv/bin/python -m tests.browser.screenshots --page quiz --page leaderboard --locale hi

Writes screenshots/<locale>/<page type>-phone.png (390x844) and -desktop.png (1280x900), full
length, from the app on a live server with a fresh database (the same one the browser tests use).
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from challenge.config import PROJECT_ROOT
from tests.browser.pages import PAGE_TYPES
from tests.browser.support import DESKTOP, PHONE, launch, live_site, missing_tools

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "screenshots")
    parser.add_argument("--page", action="append", help="only this page type (repeatable)")
    parser.add_argument("--locale", action="append", help="only this locale (repeatable)")
    args = parser.parse_args(argv)
    missing = missing_tools(checkers=False)
    if missing:
        print("screenshots need: " + "; ".join(missing), file=sys.stderr)
        return 1
    page_types = [p for p in PAGE_TYPES if not args.page or p.name in args.page]
    if not page_types:
        parser.error(f"no such page type; choose from {', '.join(p.name for p in PAGE_TYPES)}")

    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    count = 0
    with (
        tempfile.TemporaryDirectory() as folder,
        live_site(Path(folder)) as site,
        sync_playwright() as playwright,
    ):
        slugs = site.first_slugs()
        browser = launch(playwright)
        for locale in args.locale or site.locales:
            (args.out / locale).mkdir(parents=True, exist_ok=True)
            for page_type in page_types:
                context = browser.new_context(
                    base_url=site.base_url,
                    viewport=PHONE,
                    locale=locale,
                    extra_http_headers={"Accept-Language": locale},
                )
                page = context.new_page()
                page_type.open(page, site, locale, slugs)
                for width, viewport in WIDTHS.items():
                    page.set_viewport_size(viewport)
                    path = args.out / locale / f"{page_type.name}-{width}.png"
                    page.screenshot(path=str(path), full_page=True)
                    count += 1
                context.close()
        browser.close()
    print(f"{count} screenshots in {args.out} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
