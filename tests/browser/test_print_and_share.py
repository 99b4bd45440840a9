"""Print / Save as PDF, checked by printing the ML page to PDF in Chromium; share links follow
the tab and the section being read."""

import datetime
import io
import re
import unicodedata
from urllib.parse import quote

import pypdf
import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ROLE_PATH

CANONICAL = "https://nexushr.example" + ROLE_PATH


def squeeze(text: str) -> str:
    """Text with every kind of whitespace removed (PDF extraction breaks lines anywhere) and
    ligatures unfolded (the PDF's "ﬁ" is "fi")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture
def printed(page: Page, site) -> list[str]:
    """The ML Engineer page printed to A4 by Chromium: the text of each PDF page."""
    page.goto(site.url + ROLE_PATH)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def footer() -> str:
    today = datetime.date.today()
    return f"{CANONICAL} · Printed on {today:%B} {today.day}, {today.year}"


def body(page_text: str, number: int, total: int) -> str:
    """A page's squeezed text without its footer and page number, so that a paragraph split
    across two pages reads as one."""
    text = squeeze(page_text)
    for furniture in (footer(), f"{number} / {total}"):
        text = text.replace(squeeze(furniture), "", 1)
    return text


def test_printed_role_page_fits_in_four_a4_pages(printed):
    assert 1 <= len(printed) <= 4


def test_printed_role_page_contains_every_section(printed):
    from faqs.selectors import faq_list, interview_question_list
    from roles.models import Role

    role = Role.objects.get(slug="machine-learning-engineer")
    text = "".join(
        body(page_text, number, len(printed)) for number, page_text in enumerate(printed, 1)
    )
    expected = [
        role.title,
        role.summary,
        *(item.text for item in role.responsibilities.all()),
        *(item.text for item in role.requirements.all()),
        *role.day_in_the_life.split("\n\n"),
        *(step.title for step in role.career_steps.all()),
        *(item.tool.name for item in role.role_tools.all()),
        # Every interview question of every kind, not only the first tab's first five.
        *(question.text for question in interview_question_list(role=role)),
        # Every FAQ with its answer: the <details> print open.
        *(part for faq in faq_list(role=role) for part in (faq.question, faq.answer)),
        *(other.title for other in role.related_roles.all()),
        "R$13,000 – 24,000",
        "US$350,000 – 800,000",
        "June 22, 2026",
        "Source: NexusHR role profile: Machine Learning Engineer",
        "Pay at a glance",
    ]
    missing = [item for item in expected if squeeze(item) not in text]
    assert missing == []


def test_printed_page_shows_link_targets_and_leaves_out_the_controls(printed):
    text = " ".join(printed)

    assert squeeze("Data Scientist </en/roles/data-scientist/>") in squeeze(text)
    for control in ("Copy link", "Add to compare", "Português (Brasil)", "Skip to content"):
        assert control not in text
    assert "Show more questions" not in text


def test_every_printed_page_has_the_url_and_print_date_in_its_footer(printed):
    for number, page_text in enumerate(printed, start=1):
        assert squeeze(footer()) in squeeze(page_text), f"page {number}"
        assert squeeze(f"{number} / {len(printed)}") in squeeze(page_text), f"page {number}"


def test_print_button_opens_the_print_dialog(page: Page, site):
    page.add_init_script("window.print = () => { window.__printed = true; };")
    page.goto(site.url + ROLE_PATH)

    button = page.get_by_role("button", name="Print / Save as PDF")
    expect(button).to_be_visible()
    button.click()

    assert page.evaluate("window.__printed") is True


def test_print_button_is_hidden_without_javascript(no_js_page: Page):
    no_js_page.goto(ROLE_PATH)

    expect(no_js_page.locator("[data-print]")).to_be_hidden()
    expect(no_js_page.locator(".share__app--whatsapp")).to_be_visible()


def test_shared_link_follows_the_section_being_read(page: Page, site):
    page.goto(site.url + ROLE_PATH)
    share_url = page.locator("#share-url")
    whatsapp = page.locator(".share__app--whatsapp")
    expect(share_url).to_have_value(CANONICAL)

    page.evaluate("document.getElementById('faqs').scrollIntoView()")

    expect(share_url).to_have_value(CANONICAL + "#faqs")
    expect(whatsapp).to_have_attribute(
        "href", re.compile(re.escape(quote(CANONICAL + "#faqs", safe="")))
    )


def test_shared_link_carries_the_chosen_tab_but_not_tracking_parameters(page: Page, site):
    page.goto(site.url + ROLE_PATH + "?utm_source=newsletter")
    page.locator("#interview-questions .tab", has_text="Behavioral").click()
    expect(page).to_have_url(re.compile(r"kind=behavioral"))

    value = page.locator("#share-url").input_value()

    assert value.startswith(CANONICAL + "?kind=behavioral")
    assert "utm_" not in value
    linkedin = page.locator(".share__app--linkedin").get_attribute("href")
    assert quote(CANONICAL + "?kind=behavioral", safe="") in linkedin
    assert "utm_" not in linkedin
