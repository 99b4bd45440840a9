"""The language switcher: the same role page in Portuguese (Brazil) and Spanish (Mexico).

UI labels come from gettext catalogs that may not be compiled, so these assertions use content
from the fixtures (role titles) and locale formatting (Babel), never translated UI strings.
"""

from playwright.sync_api import Page, expect

from tests.browser.helpers import ROLE_PATH


def switch_to(page: Page, language: str, name: str) -> None:
    link = page.locator("nav.language-switcher").get_by_role("link", name=name, exact=True)
    expect(link).to_have_attribute("hreflang", language)
    expect(link).to_have_attribute("lang", language)
    with page.expect_navigation():
        link.click()


def test_switch_to_portuguese_then_spanish(page: Page, url):
    page.goto(url(ROLE_PATH))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    current = page.locator("nav.language-switcher a[aria-current='true']")
    expect(current).to_have_text("English")

    switch_to(page, "pt-br", "Português (Brasil)")

    expect(page).to_have_url(url("/pt-br/roles/machine-learning-engineer/"))
    expect(page.locator("html")).to_have_attribute("lang", "pt-br")
    expect(page.locator("h1")).to_have_text("Engenheiro de Machine Learning")
    expect(current).to_have_text("Português (Brasil)")
    brazil = page.locator("#salaries table.salary-table").first.locator(
        "tbody tr", has_text="(BRL)"
    )
    expect(brazil.locator("th")).to_contain_text("Brasil")
    # No-break space after the symbol, "." grouping, thin spaces around the en dash.
    assert brazil.locator(".amount").text_content() == "R$\u00a013.000\u2009–\u200924.000"
    expect(brazil.locator("time")).to_have_text("22 de junho de 2026")

    switch_to(page, "es-mx", "Español (México)")

    expect(page).to_have_url(url("/es-mx/roles/machine-learning-engineer/"))
    expect(page.locator("html")).to_have_attribute("lang", "es-mx")
    expect(page.locator("h1")).to_have_text("Ingeniero de Machine Learning")
    expect(current).to_have_text("Español (México)")
    mexico = page.locator("#salaries table.salary-table").first.locator(
        "tbody tr", has_text="(MXN)"
    )
    assert mexico.locator(".amount").text_content() == "MX$48,000\u2009–\u200995,000"
    expect(mexico.locator("time")).to_have_text("22 de junio de 2026")
