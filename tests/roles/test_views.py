import pytest
from django.urls import reverse

from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.html import attrs, select, text, texts
from tests.roles.factories import (
    CareerStepFactory,
    RequirementFactory,
    ResponsibilityFactory,
    RoleFactory,
    RoleToolFactory,
)
from tests.salaries.factories import SalaryBandFactory
from tests.sources.factories import SourceFactory

pytestmark = pytest.mark.django_db


def section_ids(response) -> list[str]:
    return attrs(response, "main section", "id")


def toc_targets(response) -> list[str]:
    """Where the "On this page" links under the header jump to."""
    return attrs(response, "nav.role-toc a", "href")


def test_role_page_renders_every_filled_section_in_design_order(client):
    role = RoleFactory(day_in_the_life="Mornings start with dashboards.", demand="high")
    ResponsibilityFactory(role=role)
    RequirementFactory(role=role, kind="required")
    RequirementFactory(role=role, kind="preferred")
    CareerStepFactory(role=role, linked_roles=[role])
    RoleToolFactory(role=role)
    SalaryBandFactory(role=role)
    FAQFactory(role=role)
    InterviewQuestionFactory(roles=[role])
    related = RoleFactory()
    role.related_roles.add(related)

    response = client.get(role.get_absolute_url())

    assert response.status_code == 200
    assert section_ids(response) == [
        "salaries",
        "responsibilities",
        "requirements",
        "day-in-the-life",
        "career-path",
        "tools",
        "interview-questions",
        "faqs",
        "related-roles",
        "share",
        "sources",
    ]
    # "On this page" reaches every section, in the page's order.
    assert toc_targets(response) == [f"#{id}" for id in section_ids(response)]


def test_role_page_omits_empty_sections(client):
    role = RoleFactory()

    response = client.get(role.get_absolute_url())

    assert response.status_code == 200
    assert section_ids(response) == ["share"]
    assert toc_targets(response) == ["#share"]
    assert b"Key responsibilities" not in response.content


def test_unknown_slug_is_the_sites_own_404(client):
    response = client.get(reverse("roles:detail", kwargs={"slug": "no-such-role"}))

    assert response.status_code == 404
    assert texts(response, "h1") == ["Page not found"]
    assert select(response, "header.site-header")


def test_draft_role_is_404_for_the_public(client):
    role = RoleFactory(status="draft")

    assert client.get(role.get_absolute_url()).status_code == 404


def test_bands_by_seniority_are_grouped_by_place_currency_and_period(client):
    from salaries.models import SalaryBand
    from tests.salaries.factories import CountryFactory

    role = RoleFactory()
    brazil = CountryFactory(code="BR", currency="BRL")
    guide = SourceFactory()
    SalaryBandFactory(
        role=role,
        source=guide,
        country=None,
        currency="USD",
        period="year",
        level="junior",
        minimum=70000,
        maximum=120000,
        as_of=None,
    )
    SalaryBandFactory(
        role=role,
        source=guide,
        country=None,
        currency="USD",
        period="year",
        level="junior",
        pay=SalaryBand.Pay.TOTAL,
        minimum=80000,
        maximum=150000,
        as_of=None,
    )
    SalaryBandFactory(role=role, country=brazil, level="senior", minimum=20000, maximum=30000)

    response = client.get(role.get_absolute_url())

    tables = select(response, "table.salary-table")
    assert [text(table.css_first("caption")) for table in tables] == [
        "Global ranges by seniority (USD; per year)",
        "Brazil: ranges by seniority (BRL; per month)",
    ]
    assert [texts(row, "th, td") for row in tables[0].css("tbody tr")] == [
        ["Junior", "US$70,000\u2009–\u2009120,000", "US$80,000\u2009–\u2009150,000"]
    ]
    assert [texts(row, "th, td") for row in tables[1].css("tbody tr")] == [
        ["Senior", "R$20,000\u2009–\u200930,000", "— No figure"]
    ]


def test_a_regional_total_compensation_band_says_so(client):
    role = RoleFactory()
    SalaryBandFactory(role=role, pay="total")

    [terms] = texts(client.get(role.get_absolute_url()), "#salaries tbody td.terms")
    assert terms.endswith("Total compensation")
