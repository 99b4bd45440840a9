from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
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


class Headings(HTMLParser):
    """Collects (level, text) of h1–h6 and the ids of sections, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.section_ids: list[str] = []
        self._level: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._level, self._text = int(tag[1]), []
        if tag == "section":
            self.section_ids.append(dict(attrs).get("id", ""))

    def handle_data(self, data: str) -> None:
        if self._level:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._level and tag == f"h{self._level}":
            self.headings.append((self._level, " ".join("".join(self._text).split())))
            self._level = None


def parse(response) -> Headings:
    parser = Headings()
    parser.feed(response.content.decode())
    return parser


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
    assert parse(response).section_ids == [
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


def test_role_page_omits_empty_sections(client):
    role = RoleFactory()

    response = client.get(role.get_absolute_url())

    assert response.status_code == 200
    assert parse(response).section_ids == ["share"]
    assert b"Key responsibilities" not in response.content


def test_unknown_slug_is_the_sites_own_404(client):
    response = client.get(reverse("roles:detail", kwargs={"slug": "no-such-role"}))

    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'class="site-header"' in response.content


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

    html = client.get(role.get_absolute_url()).content.decode()

    assert "Global ranges by seniority" in html and "Brazil: ranges by seniority" in html
    assert html.count('class="salary-table"') == 2
    assert "US$70,000\u2009–\u2009120,000" in html and "US$80,000\u2009–\u2009150,000" in html
    assert "R$20,000\u2009–\u200930,000" in html


def test_a_regional_total_compensation_band_says_so(client):
    role = RoleFactory()
    SalaryBandFactory(role=role, pay="total")

    html = client.get(role.get_absolute_url()).content.decode()

    assert '<span class="pay">Total compensation</span>' in html
