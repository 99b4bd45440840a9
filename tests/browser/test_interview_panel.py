"""The interview-questions panel: tabs and "show more" swap only the panel (htmx)."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    ROLE_PATH,
    assert_same_document,
    mark_document,
    mark_node,
    node_kept,
)

PANEL = "section#interview-questions"


def is_panel_fragment(response) -> bool:
    headers = response.request.headers
    return headers.get("hx-request") == "true" and headers.get("hx-target") == "interview-questions"


def test_behavioral_tab_swaps_only_the_panel(page: Page, url, page_errors):
    page.goto(url(ROLE_PATH))
    panel = page.locator(PANEL)
    expect(panel.locator("nav.tabs a.tab[aria-current='true']")).to_contain_text("All")
    expect(panel.locator("ol.questions > li.question")).to_have_count(5)
    mark_document(page)
    for selector in ("h1", "section#faqs", PANEL):
        mark_node(page, selector)

    with page.expect_response(is_panel_fragment) as response:
        panel.locator("nav.tabs a.tab", has_text="Behavioral").click()

    assert response.value.ok
    assert "kind=behavioral" in response.value.url
    expect(page).to_have_url(re.compile(r"/en/roles/machine-learning-engineer/\?kind=behavioral$"))
    selected = panel.locator("nav.tabs a.tab[aria-current='true']")
    expect(selected).to_have_count(1)
    expect(selected).to_contain_text("Behavioral")
    expect(panel.locator("ol.questions > li.question")).to_have_count(5)
    assert_same_document(page)
    assert node_kept(page, "h1")
    assert node_kept(page, "section#faqs")
    assert not node_kept(page, PANEL), "the panel itself should have been replaced"
    # The swap is a fragment: one panel, one h1, one page.
    expect(page.locator(PANEL)).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)
    assert page_errors == []


def test_show_more_appends_questions_without_a_page_load(page: Page, url, page_errors):
    from faqs.models import InterviewQuestion
    from roles.models import Role
    from tests.sources.factories import SourceFactory

    role = Role.objects.get(slug="machine-learning-engineer")
    source = SourceFactory(key="browser-test")
    for number in range(1, 4):
        question = InterviewQuestion.objects.create(
            key=f"browser-test-behavioral-{number}",
            text=f"Extra behavioral question {number}",
            kind=InterviewQuestion.Kind.BEHAVIORAL,
            order=100 + number,
            source=source,
        )
        question.roles.add(role)

    page.goto(url(ROLE_PATH))
    panel = page.locator(PANEL)
    panel.locator("nav.tabs a.tab", has_text="Behavioral").click()
    expect(page).to_have_url(re.compile(r"\?kind=behavioral$"))
    expect(panel.locator("nav.tabs a.tab[aria-current='true'] .tab__count")).to_have_text("8")
    page.reload()

    questions = panel.locator("ol.questions > li.question")
    expect(questions).to_have_count(5)
    first_five = questions.locator("p:first-child").all_text_contents()
    more = panel.get_by_role("link", name="Show more questions")
    expect(more).to_have_attribute("href", "?kind=behavioral&page=2#interview-questions")
    mark_document(page)
    for selector in ("h1", "section#faqs"):
        mark_node(page, selector)

    with page.expect_response(is_panel_fragment):
        more.click()

    expect(questions).to_have_count(8)
    expect(page).to_have_url(re.compile(r"\?kind=behavioral&page=2$"))
    expect(more).to_have_count(0)
    expect(panel.locator("nav.tabs a.tab[aria-current='true']")).to_contain_text("Behavioral")
    texts = questions.locator("p:first-child").all_text_contents()
    assert texts[:5] == first_five, "show more must keep the questions already shown, in order"
    assert {f"Extra behavioral question {n}" for n in range(1, 4)} <= set(texts)
    assert len(set(texts)) == 8
    assert_same_document(page)
    assert node_kept(page, "h1")
    assert node_kept(page, "section#faqs")
    assert page_errors == []


def test_keyboard_focus_lands_on_the_new_content_after_a_swap(page: Page, url, page_errors):
    """A keyboard user who activates a tab or "show more" is not left on the page's body (the
    swap removed the link they were on): focus goes to the chosen list's heading, or to the
    first question "show more" added."""
    page.goto(url(ROLE_PATH))
    panel = page.locator(PANEL)
    expect(panel.locator("nav.tabs a.tab[aria-current='true']")).to_contain_text("All")
    focused = "document.activeElement"

    tab = panel.locator("nav.tabs a.tab", has_text="Behavioral")
    tab.focus()
    with page.expect_response(is_panel_fragment):
        page.keyboard.press("Enter")
    expect(panel.locator("nav.tabs a.tab[aria-current='true']")).to_contain_text("Behavioral")
    heading = panel.locator("h3.questions__kind")
    expect(heading).to_be_focused()
    expect(heading).to_have_text("Behavioral")

    panel.locator("nav.tabs a.tab", has_text="All").focus()
    with page.expect_response(is_panel_fragment):
        page.keyboard.press("Enter")
    expect(panel.locator("h3.questions__kind").first).to_be_focused()
    expect(page).to_have_url(re.compile(r"/machine-learning-engineer/$"))

    more = panel.get_by_role("link", name="Show more questions")
    more.focus()
    with page.expect_response(is_panel_fragment):
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    questions = panel.locator("ol.questions > li.question")
    expect(questions).to_have_count(10)
    expect(questions.nth(5)).to_be_focused()
    assert page.evaluate(f"{focused}.closest('#interview-questions') !== null")
    # Tab moves on from there through the page, not back to the top.
    page.keyboard.press("Tab")
    assert page.evaluate(f"{focused}.closest('#interview-questions') !== null")
    assert page_errors == []
