"""Small helpers shared by the browser tests."""

from playwright.sync_api import Page

ROLE_PATH = "/en/roles/machine-learning-engineer/"
MARKER = "window.__nexusMarker"


def mark_document(page: Page) -> None:
    """Tag the current document: a full page load would lose the tag."""
    page.evaluate(f"{MARKER} = 'same-document'")


def assert_same_document(page: Page) -> None:
    assert page.evaluate(MARKER) == "same-document", "a full page load happened"


def mark_node(page: Page, selector: str) -> None:
    """Tag the element at ``selector`` so a later check can tell whether it was replaced."""
    page.locator(selector).evaluate("element => { element.__nexusNode = 'kept'; }")


def node_kept(page: Page, selector: str) -> bool:
    return page.locator(selector).evaluate("element => element.__nexusNode === 'kept'")
