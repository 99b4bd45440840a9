"""The share section: copy the page's canonical URL; without JS, a readonly field to copy from."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser.helpers import ROLE_PATH

EXPECTED_URL = "https://nexushr.example" + ROLE_PATH


@pytest.fixture
def clipboard_page(browser, site):
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], base_url=site.url
    )
    page = context.new_page()
    yield page
    context.close()


def test_copy_link_writes_the_page_url_to_the_clipboard(clipboard_page: Page):
    page = clipboard_page
    page.goto(ROLE_PATH)
    assert settings.SITE_ORIGIN == "https://nexushr.example"
    share_url = page.locator("#share-url")
    expect(share_url).to_have_value(EXPECTED_URL)
    status = page.locator("#share .share__status[role='status']")
    expect(status).to_have_text("")
    # Something else on the clipboard first, so the test proves the button wrote to it.
    page.evaluate("navigator.clipboard.writeText('not the page url')")

    button = page.locator("#share button[data-copy-target='share-url']")
    expect(button).to_be_visible()
    button.click()

    expect(status).not_to_have_text("")
    expect(status).to_have_text(status.get_attribute("data-copied-message"))
    assert page.evaluate("navigator.clipboard.readText()") == share_url.input_value()


def test_share_url_without_javascript(no_js_page: Page):
    page = no_js_page
    page.goto(ROLE_PATH)

    share_url = page.locator("#share-url")
    expect(share_url).to_be_visible()
    expect(share_url).to_have_value(EXPECTED_URL)
    expect(share_url).to_have_attribute("readonly", "")
    expect(page.locator("#share button[data-copy-target]")).to_be_hidden()
    expect(page.locator("#share button[data-share-url]")).to_be_hidden()
