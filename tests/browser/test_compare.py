"""Compare roles in the browser: the tray with and without JavaScript, and the phone layout."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_same_document, mark_document

COMPARE = "/en/compare/?roles=machine-learning-engineer,data-scientist,software-developer"


def test_add_to_compare_from_the_index_fills_the_tray_without_leaving_the_page(page: Page, site):
    page.goto(site.url + "/en/roles/")
    mark_document(page)
    tray = page.locator("#compare-tray")

    page.get_by_role("link", name="Add to compare: Machine Learning Engineer").click()
    expect(tray.get_by_role("heading")).to_have_text("1 role to compare")
    page.get_by_role("link", name="Add to compare: Data Scientist").click()
    expect(tray.get_by_role("heading")).to_have_text("2 roles to compare")

    assert_same_document(page)
    tray.get_by_role("link", name="Compare now").click()
    expect(page).to_have_url(
        re.compile(r"/en/compare/\?roles=machine-learning-engineer,data-scientist$")
    )
    titles = page.locator(".compare-table__title")
    expect(titles).to_have_text(["Machine Learning Engineer", "Data Scientist"])


def test_tray_remembers_the_roles_on_the_next_page_and_removes_one(page: Page, site):
    page.goto(site.url + "/en/roles/")
    page.get_by_role("link", name="Add to compare: Data Analyst").click()
    expect(page.locator("#compare-tray li")).to_have_count(1)

    page.goto(site.url + "/en/roles/machine-learning-engineer/")
    tray = page.locator("#compare-tray")
    expect(tray.locator("li")).to_have_count(1)
    tray.get_by_role("link", name="Remove Data Analyst from the comparison").click()

    expect(page.locator("#compare-tray li")).to_have_count(0)


def test_add_to_compare_without_javascript_opens_the_comparison(no_js_page: Page):
    page = no_js_page
    page.goto("/en/roles/machine-learning-engineer/")
    page.get_by_role("link", name="Add to compare: Machine Learning Engineer").first.click()
    expect(page).to_have_url(re.compile(r"/en/compare/\?roles=machine-learning-engineer$"))

    page.get_by_label("Role", exact=True).select_option("data-engineer")
    page.get_by_role("button", name="Add to compare").click()

    expect(page).to_have_url(
        re.compile(r"/en/compare/\?roles=machine-learning-engineer,data-engineer$")
    )
    page.get_by_role("link", name="Move Data Engineer one column earlier").click()
    expect(page.locator(".compare-table__title")).to_have_text(
        ["Data Engineer", "Machine Learning Engineer"]
    )


def test_on_a_phone_the_columns_scroll_and_the_row_labels_stay(browser, site):
    context = browser.new_context(base_url=site.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(COMPARE)

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    label = page.locator(".compare-table th[scope='row']", has_text="Top tools")
    before = label.bounding_box()
    page.locator(".compare-scroll").evaluate("element => { element.scrollLeft = 400; }")
    after = label.bounding_box()
    title = page.locator(".compare-table__title").first.bounding_box()
    context.close()

    assert overflow <= 0  # the page itself never scrolls sideways
    assert after["x"] == before["x"]  # the row labels are pinned
    assert before["width"] <= 120  # and narrow enough to leave room for a column
    assert title["width"] >= 180  # a role column stays readable
