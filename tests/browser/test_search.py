"""Live search on the role index (htmx), and its plain GET fallback."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_same_document, mark_document, mark_node, node_kept

CARDS = "#results ul.role-cards > li.role-card"


def is_results_fragment(response) -> bool:
    headers = response.request.headers
    return headers.get("hx-request") == "true" and headers.get("hx-target") == "results"


def test_live_search_updates_results_in_place(page: Page, url, page_errors):
    page.goto(url("/en/roles/"))
    cards = page.locator(CARDS)
    expect(cards.first).to_be_visible()
    before = cards.count()
    assert before > 1
    mark_document(page)
    mark_node(page, "h1")

    with page.expect_response(lambda r: is_results_fragment(r) and "q=mlops" in r.url):
        page.locator("#q").press_sequentially("mlops", delay=50)

    expect(page).to_have_url(re.compile(r"/en/roles/\?q=mlops$"))
    expect(page.locator("#results")).to_contain_text("MLOps Engineer")
    link = page.locator(CARDS).get_by_role("link", name="MLOps Engineer", exact=True)
    expect(link).to_be_visible()
    assert 1 <= cards.count() < before
    assert_same_document(page)
    assert node_kept(page, "h1")
    expect(page.locator("#q")).to_have_value("mlops")
    expect(page.locator("#results")).to_have_count(1)

    link.click()

    expect(page).to_have_url(url("/en/roles/mlops-engineer/"))
    expect(page.locator("h1")).to_have_text("MLOps Engineer")
    assert page_errors == []


def test_search_ignores_accents_in_portuguese(page: Page, url):
    page.goto(url("/pt-br/roles/"))
    expect(page.locator("html")).to_have_attribute("lang", "pt-br")
    cards = page.locator(CARDS)
    mark_document(page)

    # "ciencia" is in no Portuguese title; the ML Engineer summary says "ciência de dados".
    with page.expect_response(lambda r: is_results_fragment(r) and "q=ciencia" in r.url):
        page.locator("#q").press_sequentially("ciencia", delay=50)

    expect(page).to_have_url(re.compile(r"/pt-br/roles/\?q=ciencia$"))
    mle = cards.get_by_role("link", name="Engenheiro de Machine Learning", exact=True)
    expect(mle).to_be_visible()

    # The Data Scientist summary says "análise exploratória".
    with page.expect_response(lambda r: is_results_fragment(r) and "q=exploratoria" in r.url):
        page.locator("#q").fill("exploratoria")

    expect(page).to_have_url(re.compile(r"/pt-br/roles/\?q=exploratoria$"))
    expect(cards.get_by_role("link", name="Cientista de Dados", exact=True)).to_be_visible()
    assert_same_document(page)


def test_no_results_shows_empty_state_with_clear_link(page: Page, url):
    page.goto(url("/en/roles/"))
    cards = page.locator(CARDS)
    expect(cards.first).to_be_visible()
    total = cards.count()

    page.locator("#q").fill("zzqxnothingmatches")

    empty = page.locator("#results .empty-state")
    expect(empty).to_be_visible()
    expect(cards).to_have_count(0)
    expect(page).to_have_url(re.compile(r"\?q=zzqxnothingmatches$"))
    clear = empty.get_by_role("link", name="Clear the search and filters")
    expect(clear).to_have_attribute("href", "/en/roles/")

    clear.click()

    expect(page).to_have_url(url("/en/roles/"))
    expect(page.locator("#q")).to_have_value("")
    expect(cards).to_have_count(total)


def test_search_form_works_without_javascript(no_js_page: Page, url):
    page = no_js_page
    page.goto(url("/en/roles/"))
    page.locator("#q").fill("mlops")

    with page.expect_navigation():
        page.locator("#q").press("Enter")

    expect(page).to_have_url(re.compile(r"/en/roles/\?q=mlops$"))
    expect(page.locator("#q")).to_have_value("mlops")
    expect(
        page.locator(CARDS).get_by_role("link", name="MLOps Engineer", exact=True)
    ).to_be_visible()
