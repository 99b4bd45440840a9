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
    expect(panel.locator("nav.tabs a.tab[aria-current='true']")).to_contain_text("Technical")
    expect(panel.locator("ol.questions > li.question")).to_have_count(2)
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
