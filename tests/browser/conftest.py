"""Browser tests: Playwright driving Debian's Chromium against the live server.

Every page a test visits goes through ``ui.visit`` or ``ui.check``, which run
axe-core (WCAG 2.1 A and AA) and fail on any violation, and every test fails
when the page reported a Content-Security-Policy violation.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# from test code are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KLEAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(os.environ.get("KLEAN_SCREENSHOTS", "/tmp/klean-screenshots"))

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class UI:
    """A page plus the checks every visited page must pass."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.console_csp_errors = []
        page.on("console", self._on_console)

    def _on_console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console_csp_errors.append(message.text)

    def visit(self, path):
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def check(self, name=None):
        """axe-core on the current page state; CSP violations so far."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = results.response["violations"]
        report = [
            f"{v['id']} ({v['impact']}): {v['help']} – "
            + "; ".join(node["target"][0] for node in v["nodes"][:5])
            for v in violations
        ]
        assert not report, f"axe violations on {self.page.url}:\n" + "\n".join(report)
        self.assert_no_csp_violations()
        if name:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def assert_no_csp_violations(self):
        in_page = self.page.evaluate("window.__cspViolations || []")
        assert not in_page and not self.console_csp_errors, (in_page, self.console_csp_errors)

    def log_in(self, email, password):
        self.visit("/login/")
        self.page.get_by_label("E-postadresse").fill(email)
        self.page.get_by_label("Passord").fill(password)
        self.page.get_by_role("button", name="Logg inn").click()
        self.page.wait_for_load_state()

    def log_out(self):
        menu = self.page.locator('button[aria-controls="site-menu"]')
        if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
            menu.click()  # on a phone the header is folded into a menu
        self.page.get_by_role("button", name="Logg ut").click()
        self.page.wait_for_load_state()


def _ui(browser, live_server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nb-NO")
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    page.set_default_timeout(10_000)
    interface = UI(page, live_server.url)
    yield interface
    interface.assert_no_csp_violations()
    context.close()


@pytest.fixture
def ui(browser, live_server):
    yield from _ui(browser, live_server, 1280, 900)


@pytest.fixture
def phone_ui(browser, live_server):
    """The same checks on a 360 × 740 px phone."""
    yield from _ui(browser, live_server, 360, 740)
