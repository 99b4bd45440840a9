"""Browser tests: Playwright driving the system Chromium (/usr/bin/chromium), never a download."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    # Without this Chromium tries to resolve Google hosts on a machine with no network.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a browser test must run, never skip
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
        "env": {**os.environ, "HOME": "/tmp/nexushr-chromium-home"},
    }


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the portal's real content."""
    from django.core.management import call_command

    from tests.conftest import FIXTURES

    call_command("loaddata", *FIXTURES, verbosity=0)
    return live_server


@pytest.fixture
def url(site):
    """Absolute URL on the live server for a site path: ``url("/en/roles/")``."""

    def build(path: str) -> str:
        return site.url + path

    return build


@pytest.fixture
def no_js_page(browser, site):
    """A page in a fresh context with JavaScript disabled (the no-JS fallback)."""
    context = browser.new_context(java_script_enabled=False, base_url=site.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_errors(page):
    """Console errors and uncaught exceptions on ``page`` (CSP violations show up here)."""
    errors: list[str] = []

    def on_console(message) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
