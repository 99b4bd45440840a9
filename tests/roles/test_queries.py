"""The role page costs a constant number of SQL queries, whatever the size of its lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from salaries.models import SalaryBand
from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.roles.factories import (
    CareerStepFactory,
    RequirementFactory,
    ResponsibilityFactory,
    RoleFactory,
    RoleToolFactory,
)
from tests.salaries.factories import CountryFactory, SalaryBandFactory
from tests.sources.factories import SourceFactory

pytestmark = pytest.mark.django_db

# Session and role with its category, then one query per list (the role's profile sources
# included; every band, item, question and FAQ brings its source in the same query).
ROLE_PAGE_QUERIES = 11


def role_with(size: int):
    role = RoleFactory(demand="high", day_in_the_life="A day.")
    countries = [
        CountryFactory(code="BR", currency="BRL"),
        CountryFactory(code="MX", currency="MXN"),
    ]
    for i in range(size):
        ResponsibilityFactory(role=role, order=i)
        RequirementFactory(role=role, order=i, kind=["required", "preferred"][i % 2])
        CareerStepFactory(role=role, order=i, linked_roles=[RoleFactory(), role])
        RoleToolFactory(role=role, order=i)
        SalaryBandFactory(role=role, country=countries[i % 2])
        SalaryBandFactory(
            role=role,
            country=None,
            currency="USD",
            level=SalaryBand.Level.values[1 + i % 4],
            pay=["base", "total"][i % 2],
            period="year",
            as_of=None,
        )
        FAQFactory(role=role)
        FAQFactory(role=None)
        InterviewQuestionFactory(roles=[role], kind=["technical", "behavioral"][i % 2])
        InterviewQuestionFactory(categories=[role.category], kind="situational")
        InterviewQuestionFactory()
        role.related_roles.add(RoleFactory())
        role.sources.add(SourceFactory())
    return role


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("size", [3, 30])
def test_role_page_query_count_is_constant(client, size):
    role = role_with(size)

    assert queries_for(client, role.get_absolute_url()) == ROLE_PAGE_QUERIES


def test_interview_panel_fragment_query_count_is_constant(client):
    small, large = role_with(3), role_with(30)
    headers = {"HX-Request": "true", "HX-Target": "interview-questions"}

    counts = []
    for role in (small, large):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(role.get_absolute_url() + "?kind=technical", headers=headers)
        assert response.status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1]
