"""The English Machine Learning Engineer page, read as a visitor sees it (with and without JS)."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ROLE_PATH

EXPECTED_HEADINGS = [
    ("h1", "Machine Learning Engineer"),
    ("h2", "Salaries"),
    ("h2", "Key responsibilities"),
    ("h2", "Requirements & skills"),
    ("h2", "A day in the life"),
    ("h2", "Career path"),
    ("h2", "Top tools"),
    ("h2", "Interview questions"),
    ("h2", "Frequently asked questions"),
    ("h2", "Related roles and specializations"),
    ("h2", "Share this role"),
    ("h2", "Sources"),
]


def test_headings_are_in_order(page: Page, url, page_errors):
    page.goto(url(ROLE_PATH))

    headings = page.locator("main").locator("h1, h2")
    found = headings.evaluate_all(
        "elements => elements.map(e => [e.tagName.toLowerCase(), e.textContent.trim()])"
    )
    assert [tuple(item) for item in found] == EXPECTED_HEADINGS
    expect(page.locator("h1")).to_have_count(1)
    assert page_errors == []


def test_latam_salary_rows(page: Page, url):
    page.goto(url(ROLE_PATH))

    latam = page.locator("#salaries table.salary-table").first
    rows = latam.locator("tbody tr")
    expect(rows).to_have_count(2)
    brazil = rows.filter(has_text="(BRL)")
    mexico = rows.filter(has_text="(MXN)")
    expect(brazil.locator("th")).to_contain_text("Brazil")
    expect(mexico.locator("th")).to_contain_text("Mexico")
    # Exact characters: thin spaces (U+2009) around the en dash, no conversion of currency.
    assert brazil.locator(".amount").text_content() == "R$13,000\u2009–\u200924,000"
    assert mexico.locator(".amount").text_content() == "MX$48,000\u2009–\u200995,000"
    for row in (brazil, mexico):
        date = row.locator("time")
        expect(date).to_have_text("June 22, 2026")
        expect(date).to_have_attribute("datetime", "2026-06-22")


@pytest.mark.parametrize(
    ("language", "as_of"),
    [("en", "As of"), ("pt-br", "Data de referência"), ("es-mx", "Fecha de referencia")],
)
def test_latam_rows_fit_a_phone_with_their_date_in_sight(browser, site, language, as_of):
    """At 360 px the four columns did not fit in Portuguese or Spanish, and the as-of date
    was the column scrolled out of sight: each row is now a card, its date labelled. The
    seniority tables overflowed by 4-5 px."""
    context = browser.new_context(base_url=site.url, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"/{language}{ROLE_PATH[3:]}")
    regions = page.locator("#salaries .table-scroll")
    region = regions.first

    overflows = regions.evaluate_all("all => all.map(e => e.scrollWidth - e.clientWidth)")
    dates = region.locator("tbody td.as-of")
    right_edges = dates.evaluate_all("cells => cells.map(c => c.getBoundingClientRect().right)")
    label = dates.first.evaluate("c => getComputedStyle(c, '::before').content")
    header = page.locator("#salaries .salary-table thead").first.bounding_box()

    context.close()
    # The seniority tables fit too (by 5 px, with a quarter-rem of padding a side on phones).
    assert len(overflows) == 2 and all(overflow <= 0 for overflow in overflows)
    assert len(right_edges) == 2 and all(edge <= 360 for edge in right_edges)
    assert as_of in label
    assert header is not None and header["height"] <= 1  # still there for screen readers


def test_career_path_links_to_the_first_step_role(page: Page, url):
    page.goto(url(ROLE_PATH))

    steps = page.locator("#career-path ol.career-ladder > li.career-step")
    expect(steps).to_have_count(5)
    first = steps.nth(0)
    expect(first.locator(".career-step__number")).to_have_text("1")
    link = first.get_by_role("link", name="Software Developer", exact=True)
    expect(link).to_have_attribute("href", "/en/roles/software-developer/")
    # One rung, and only one, is this role (the mid-level one); it says so instead of linking.
    expect(page.locator("#career-path .career-step__here")).to_have_count(1)
    expect(steps.nth(2).locator(".career-step__here")).to_have_text("This role")
    expect(steps.nth(2)).to_have_attribute("aria-current", "step")

    link.click()

    expect(page).to_have_url(url("/en/roles/software-developer/"))
    expect(page.locator("h1")).to_have_text("Software Developer")


def test_faq_opens_on_click(page: Page, url):
    page.goto(url(ROLE_PATH))

    faq = page.locator("#faqs details.faq").first
    answer = faq.locator(".faq__answer")
    assert faq.evaluate("details => details.open") is False
    expect(answer).to_be_hidden()

    faq.locator("summary").click()

    expect(faq).to_have_attribute("open", "")
    assert faq.evaluate("details => details.open") is True
    expect(answer).to_be_visible()
    expect(answer).not_to_have_text("")


def test_tabs_work_without_javascript(no_js_page: Page, url):
    page = no_js_page
    page.goto(url(ROLE_PATH))
    panel = page.locator("section#interview-questions")
    expect(panel.locator("nav.tabs a.tab[aria-current='true']")).to_contain_text("All")
    expect(panel.locator("h3.questions__kind")).to_have_text(["Technical", "Behavioral"])

    with page.expect_navigation():
        panel.locator("nav.tabs a.tab", has_text="Behavioral").click()

    expect(page).to_have_url(re.compile(r"/en/roles/machine-learning-engineer/\?kind=behavioral"))
    panel = page.locator("section#interview-questions")
    selected = panel.locator("nav.tabs a.tab[aria-current='true']")
    expect(selected).to_have_count(1)
    expect(selected).to_contain_text("Behavioral")
    expect(panel.locator("ol.questions > li.question")).to_have_count(5)
    expect(panel.locator("ol.questions")).to_contain_text("Describe a challenging project")
