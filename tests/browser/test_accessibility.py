"""Every page type in every locale: axe-core, target sizes, labels, reflow at 390 px, the Nu Html Checker.

Each page is visited once, and the checks below read what that visit recorded. Page types live in
pages.py. A locale's visits share one browser tab that bypasses the site's CSP (so axe-core can be
injected), its cookies cleared before each visit: every visit starts as a new visitor, and Chromium
neither starts a renderer process nor compiles axe-core again for each (a fresh context per visit
made this suite nearly three times slower).
"""

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from challenge.config import PROJECT_ROOT, Config
from tests.browser.pages import PAGE_TYPES, PageType
from tests.browser.support import AXE_JS, AXE_TAGS, DESKTOP, PHONE, VNU_JAR

pytestmark = pytest.mark.browser

LOCALES = Config.LOCALES
STYLESHEET = PROJECT_ROOT / "challenge" / "static" / "css" / "site.css"
BLOCKING_IMPACTS = {"serious", "critical"}
# Reflow (WCAG 1.4.10) is judged at 320 CSS px; targets and layout at a phone's and a desktop's width.
# The first is the width each visit opens at (no resize); the error summary is checked at it too.
WIDTHS = {"phone": PHONE, "reflow": {"width": 320, "height": 640}, "desktop": DESKTOP}
NOTHING = {name: [] for name in WIDTHS}
# axe rules whose moderate or minor findings are accepted, each justified in docs/accessibility.md.
ACCEPTED_RULES: dict[str, str] = {}

AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
}"""

# Targets that WCAG 2.5.8 measures here: navigation, buttons, and form controls. Links inside
# running text are exempt (the inline exception), so they are not listed.
TARGETS = """() => {
  const selector = ['nav a', 'footer a', '.button', 'button', '.error-summary a',
                    'form input:not([type=hidden])', 'form select', 'form textarea'].join(', ');
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    const hidden = box.width === 0 || box.height === 0 || box.bottom + window.scrollY < 0;
    if (hidden) continue;  // not rendered, or parked off-screen like the skip link
    if (box.width < 23.5 || box.height < 23.5) {
      small.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ` +
                 `"${(el.textContent || el.name || '').trim().slice(0, 30)}" ` +
                 `${box.width.toFixed(1)}x${box.height.toFixed(1)}`);
    }
  }
  return small;
}"""

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const scrolls = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && !scrolls(el)) {
      wide.push(`${el.tagName.toLowerCase()}.${el.className} right=${box.right.toFixed(0)}`);
    }
  }
  return wide.slice(0, 10).concat([`scrollWidth ${document.documentElement.scrollWidth} > ${width}`]);
}"""

LAYOUT = f"() => [({TARGETS})(), ({OVERFLOW})()]"  # both at one width, in one round trip

# Language names (the switcher, the language setting) must carry their own lang (WCAG 3.1.2).
UNMARKED_LANGUAGES = """() => [
  ...[...document.querySelectorAll('nav.languages a')].filter(a => a.lang !== a.hreflang),
  ...[...document.querySelectorAll('select[name=language] option')].filter(o => o.lang !== o.value),
].map(el => el.textContent)"""

UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(el => el.labels.length === 0 && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.name || el.id)"""


@dataclass
class Visit:
    html_file: Path
    status: int
    violations: list = field(default_factory=list)
    small_targets: dict = field(default_factory=dict)
    overflow: dict = field(default_factory=dict)
    unlabelled: list = field(default_factory=list)
    unmarked_languages: list = field(default_factory=list)
    summary_links: list = field(default_factory=list)  # (href, id of the element then focused)


class Crawl:
    """Visits page types on demand, once each, and keeps what was found."""

    def __init__(self, browser, site, slugs, folder: Path):
        self.browser, self.site, self.slugs, self.folder = browser, site, slugs, folder
        self.visits: dict[tuple[str, str], Visit] = {}
        self.tabs: dict[str, object] = {}  # locale: its page
        # Evaluated as the same string every time, so V8 reuses its compiled code.
        self.axe_source = AXE_JS.read_text(encoding="utf-8") + "\n;undefined"

    def visit(self, page_type: PageType, locale: str) -> Visit:
        key = (page_type.name, locale)
        if key not in self.visits:
            self.visits[key] = self._visit(page_type, locale)
        return self.visits[key]

    def tab(self, locale: str):
        """The locale's page, as a new visitor would open it: no cookies, a phone's width."""
        if locale not in self.tabs:
            context = self.browser.new_context(
                base_url=self.site.base_url,
                bypass_csp=True,  # for injecting axe-core only: the journeys keep the CSP
                viewport=PHONE,
                locale=locale,
                extra_http_headers={"Accept-Language": locale},
            )
            context.set_default_timeout(15_000)
            self.tabs[locale] = context.new_page()
        page = self.tabs[locale]
        page.context.clear_cookies()
        if page.viewport_size != PHONE:
            page.set_viewport_size(PHONE)
        return page

    def close(self) -> None:
        for page in self.tabs.values():
            page.context.close()

    def _visit(self, page_type: PageType, locale: str) -> Visit:
        page = self.tab(locale)
        response = page_type.open(page, self.site, locale, self.slugs)
        html_file = self.folder / f"{page_type.name}.{locale}.html"
        html_file.write_bytes(response.body())
        visit = Visit(html_file, response.status)
        page.evaluate(self.axe_source)
        visit.violations = page.evaluate(AXE_RUN, AXE_TAGS)
        visit.unlabelled = page.evaluate(UNLABELLED)
        visit.unmarked_languages = page.evaluate(UNMARKED_LANGUAGES)
        for name, viewport in WIDTHS.items():
            if viewport != page.viewport_size:
                page.set_viewport_size(viewport)
            visit.small_targets[name], visit.overflow[name] = page.evaluate(LAYOUT)
        if page_type.errors:
            page.set_viewport_size(PHONE)
            links = page.locator(".error-summary a[href^='#']")
            for index in range(links.count()):
                link = links.nth(index)
                link.click()
                visit.summary_links.append(
                    (link.get_attribute("href"), page.evaluate("document.activeElement.id"))
                )
        return visit


@pytest.fixture(scope="session")
def crawl(browser, site, slugs, tmp_path_factory):
    crawl = Crawl(browser, site, slugs, tmp_path_factory.mktemp("pages"))
    yield crawl
    crawl.close()


pages = pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.name)
with_errors = pytest.mark.parametrize(
    "page_type",
    [page_type for page_type in PAGE_TYPES if page_type.errors],
    ids=lambda page_type: page_type.name,
)


class PageChecks:
    """The checks for one locale's pages; a subclass per locale below. Under pytest-xdist's
    `--dist loadscope` (make browser) a class runs on one worker, so each page is crawled once."""

    locale: str

    @pages
    def test_axe_finds_no_violations(self, crawl, page_type):
        visit = crawl.visit(page_type, self.locale)
        assert visit.status == page_type.status
        blocking = [v for v in visit.violations if v["impact"] in BLOCKING_IMPACTS]
        unexplained = [v for v in visit.violations if v["id"] not in ACCEPTED_RULES]
        assert not blocking, json.dumps(blocking, indent=1, ensure_ascii=False)
        assert not unexplained, json.dumps(unexplained, indent=1, ensure_ascii=False)

    @pages
    def test_targets_labels_languages_and_reflow(self, crawl, page_type):
        visit = crawl.visit(page_type, self.locale)
        assert visit.small_targets == NOTHING, "targets under 24x24 CSS px"
        assert visit.unlabelled == [], "form fields without a label"
        assert visit.unmarked_languages == [], "language names without their own lang"
        assert visit.overflow == NOTHING, "the page scrolls sideways"

    @with_errors
    def test_error_summary_links_move_focus_to_the_fields(self, crawl, page_type):
        visit = crawl.visit(page_type, self.locale)
        assert visit.summary_links, "no links in the error summary"
        for href, focused_id in visit.summary_links:
            assert focused_id == href[1:], f"{href} left focus on #{focused_id}"

    def test_every_page_is_valid_html(self, crawl):
        """The Nu Html Checker, run once over every saved page of the locale (and the stylesheet,
        with the first locale): no errors."""
        files = [str(crawl.visit(page_type, self.locale).html_file) for page_type in PAGE_TYPES]
        files += [str(STYLESHEET)] if self.locale == LOCALES[0] else []
        java = shutil.which("java")
        run = subprocess.run(  # noqa: S603 - our own files, checked by the pinned checker
            [
                java,
                # One short run: the quick compiler alone uses half the CPU of the default, and
                # its frames are bigger, so the schema's deep recursion needs a larger stack.
                "-XX:TieredStopAtLevel=1",
                "-Xss16m",
                "-jar",
                str(VNU_JAR),
                "--also-check-css",
                "--format",
                "json",
                "--stdout",
                *files,
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert run.stdout.strip(), f"the Nu Html Checker did not run: {run.stderr}"
        messages = json.loads(run.stdout)["messages"]
        errors = [
            f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']} "
            f"[{m.get('extract', '').strip()}]"
            for m in messages
            if m["type"] in ("error", "non-document-error")
        ]
        assert not errors, "\n".join(errors)


# TestInEn, TestInHi, TestInJa...: every configured locale, without a hand-kept list.
for _locale in LOCALES:
    _name = f"TestIn{_locale.replace('-', '_').title()}"
    globals()[_name] = type(_name, (PageChecks,), {"locale": _locale, "__module__": __name__})
