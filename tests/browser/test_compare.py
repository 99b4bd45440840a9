"""Compare roles in the browser: the tray with and without JavaScript, and the phone layout."""

import re

import pytest
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


@pytest.mark.parametrize("language", ["en", "es-mx"])
def test_on_a_phone_each_label_is_a_line_above_its_cells_pinned_while_roles_scroll(
    browser, site, language
):
    context = browser.new_context(base_url=site.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(COMPARE.replace("/en/", f"/{language}/"))

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    label = page.locator(".compare-table th[scope='row']").filter(has_text="BRL")
    row = page.locator(".compare-table tr").filter(
        has=page.locator("th[scope='row']", has_text="BRL")
    )
    label_box, row_box = label.bounding_box(), row.bounding_box()
    first_cell = row.locator("td").first.bounding_box()
    titles = [
        box["x"] + box["width"]
        for box in (title.bounding_box() for title in page.locator(".compare-table__title").all())
    ]
    page.locator(".compare-scroll").evaluate("element => { element.scrollLeft = 400; }")
    after = label.bounding_box()
    section = page.locator(".compare-section th").first.bounding_box()
    table = page.get_by_role("table")
    headers = (table.get_by_role("columnheader").count(), table.get_by_role("rowheader").count())
    in_markup = (
        page.locator("th[scope='col'], th[scope='colgroup']").count(),
        page.locator("th[scope='row']").count(),
    )
    context.close()

    assert overflow <= 0  # the page itself never scrolls sideways
    assert label_box["width"] > 300  # the label is a line across the screen, not a column
    assert label_box["y"] + label_box["height"] <= first_cell["y"] + 1  # above its cells
    assert row_box["height"] < 180  # was 320 px with the label one word a line
    assert max(titles[:2]) <= 390 < titles[2]  # two roles in view, the third to scroll to
    assert after["x"] == label_box["x"]  # the label stays in view while the roles scroll
    assert section["x"] == 0 and section["width"] == 390  # and so does the section's band
    assert headers == in_markup and headers[1] >= 10  # still a table to a screen reader
