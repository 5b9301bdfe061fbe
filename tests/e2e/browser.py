"""A live sellable server and a real Chromium (Debian's) driven by Playwright.

`live_server` serves the test's app with uvicorn in a thread on a free port;
`browser_page` opens a Chromium page on it. Screenshots go to
test-artifacts/screenshots/ (gitignored).
"""

import atexit
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def live_server(app: FastAPI) -> Iterator[str]:
    """The base URL of a real HTTP server running the test's app."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the live server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


_RUNNING: dict[str, Any] = {}


def _shared_browser() -> Browser:
    """One Playwright and one Chromium per test process, however many modules."""
    if "browser" not in _RUNNING:
        playwright = sync_playwright().start()
        _RUNNING["playwright"] = playwright
        _RUNNING["browser"] = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        atexit.register(_stop_browser)
    browser: Browser = _RUNNING["browser"]
    return browser


def _stop_browser() -> None:
    _RUNNING.pop("browser").close()
    _RUNNING.pop("playwright").stop()


@pytest.fixture(scope="session")
def chromium() -> Browser:
    """Debian's Chromium, headless; skipped when it is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return _shared_browser()


@pytest.fixture
def browser_page(chromium: Browser, live_server: str) -> Iterator[Page]:
    """A fresh browser context (no cookies) whose relative URLs hit the server."""
    context = chromium.new_context(
        base_url=live_server, viewport={"width": 1400, "height": 1000}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page: Page, name: str) -> None:
    """Save a full-page screenshot as a test artifact."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)
    page.screenshot(path=str(SCREENSHOTS / f"{safe}.png"), full_page=True)


def admin_sign_in(page: Page, password: str, username: str = "admin") -> None:
    """Fill and submit the admin sign-in form."""
    page.goto("/admin/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/sales/orders")


def customer_sign_in(page: Page, store_code: str, email: str, password: str) -> None:
    """Fill and submit the storefront sign-in form."""
    page.goto(f"/{store_code}/customer/account/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**/{store_code}/customer/account/")


ACCESSIBILITY_PROBLEMS = """() => {
  const problems = [];
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`${h1} h1 elements`);
  const fields = document.querySelectorAll(
    'input:not([type=hidden]), select, textarea');
  for (const field of fields) {
    const byFor = field.id && document.querySelector(`label[for="${field.id}"]`);
    if (!byFor && !field.closest('label') && !field.getAttribute('aria-label'))
      problems.push(`unlabelled ${field.tagName} ${field.name}`);
  }
  for (const th of document.querySelectorAll('table th')) {
    if (!th.getAttribute('scope'))
      problems.push(`th without scope: ${th.textContent.trim()}`);
  }
  return problems;
}"""


def accessibility_problems(page: Page) -> list[str]:
    """Basic checks: one h1, every field labelled, every table header scoped."""
    problems: list[str] = page.evaluate(ACCESSIBILITY_PROBLEMS)
    return problems


def cell_lines(page: Page, row_selector: str, cell_class: str) -> list[str]:
    """The list items of one cell of a grid row, as text."""
    cell = page.locator(f"{row_selector} td.{cell_class} li")
    return [text.strip() for text in cell.all_inner_texts()]
