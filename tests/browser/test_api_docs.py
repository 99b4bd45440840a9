"""The interactive API docs work in a browser under their Content-Security-Policy, offline."""

import re

from playwright.sync_api import expect


def test_swagger_ui_renders_and_tries_an_endpoint(page, site, page_errors):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site.url + "/api/v1/docs")
    expect(page.get_by_role("heading", name=re.compile("NexusHR open data API"))).to_be_visible()
    page.get_by_role("button", name="get /api/v1/categories", exact=True).click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_have_text(
        "200"
    )
    expect(page.locator(".live-responses-table .microlight").first).to_contain_text("technology")
    assert all(url.startswith(site.url) for url in requests), requests  # nothing from a CDN
    assert [e for e in page_errors if "Content Security Policy" in e] == []
    assert page_errors == []
