"""The home page's search box: an ARIA combobox that suggests roles as you type (htmx), used
with the keyboard, and a plain form without JavaScript."""

import json
import re

from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import AXE, TAGS


def is_suggestions(response) -> bool:
    return "/search/suggestions/" in response.url and response.request.headers.get("hx-request")


def type_query(page: Page, text: str) -> None:
    box = page.locator("#home-q")
    with page.expect_response(lambda r: is_suggestions(r) and r.status == 200):
        box.press_sequentially(text, delay=40)
    expect(box).to_have_attribute("aria-expanded", "true")


def test_suggestions_appear_as_you_type_and_the_keyboard_chooses_one(page: Page, url, page_errors):
    page.goto(url("/en/"))
    box = page.locator("#home-q")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")

    type_query(page, "data eng")

    listbox = page.get_by_role("listbox", name="Suggested roles")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options.first).to_contain_text("Data Engineer")
    expect(page.locator("#home-q-status")).to_contain_text("suggested")

    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "suggestion-1")
    expect(box).to_be_focused()
    box.press("ArrowDown")
    box.press("ArrowUp")
    expect(box).to_have_attribute("aria-activedescendant", "suggestion-1")

    box.press("Enter")

    expect(page).to_have_url(url("/en/roles/data-engineer/"))
    expect(page.locator("h1")).to_have_text("Data Engineer")
    assert page_errors == []


def test_escape_closes_the_list_and_enter_then_searches(page: Page, url):
    page.goto(url("/pt-br/"))
    type_query(page, "desenvolvedora")
    expect(page.get_by_role("option").first).to_contain_text("Desenvolvedor de Software")

    page.locator("#home-q").press("Escape")

    expect(page.locator("#home-q-list")).to_be_hidden()
    expect(page.locator("#home-q")).to_have_attribute("aria-expanded", "false")
    page.locator("#home-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/pt-br/roles/\?q=desenvolvedora$"))
    first = page.locator("#results li.role-card").first
    expect(first).to_contain_text("Desenvolvedor de Software")
    expect(first.locator("mark").first).to_have_text("Desenvolvedor")


def test_a_click_on_a_suggestion_opens_the_role(page: Page, url):
    page.goto(url("/es-mx/"))
    type_query(page, "aprendizaje automático")

    page.get_by_role("option").first.click()

    expect(page).to_have_url(url("/es-mx/roles/machine-learning-engineer/"))


def test_the_open_combobox_has_no_accessibility_violations(browser, site):
    context = browser.new_context(
        bypass_csp=True, base_url=site.url, viewport={"width": 390, "height": 900}
    )
    page = context.new_page()
    page.goto("/en/")
    type_query(page, "machine")
    page.locator("#home-q").press("ArrowDown")
    page.add_script_tag(path=str(AXE))

    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )

    context.close()
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == [], json.dumps(violations, indent=2)


def test_the_home_search_works_without_javascript(no_js_page: Page, url):
    page = no_js_page
    page.goto(url("/en/"))
    page.locator("#home-q").fill("engeneer")

    with page.expect_navigation():
        page.locator("#home-q").press("Enter")

    expect(page).to_have_url(re.compile(r"/en/roles/\?q=engeneer$"))
    expect(page.locator(".did-you-mean")).to_contain_text("Did you mean engineer?")
    expect(page.locator("#results li.role-card").first).to_contain_text("Machine Learning Engineer")
