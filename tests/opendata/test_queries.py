"""The role detail endpoint and the dataset downloads cost a constant number of queries,
whatever the number of roles and of items in each list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from salaries.models import SalaryBand
from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.roles.factories import (
    CareerStepFactory,
    CategoryFactory,
    RequirementFactory,
    ResponsibilityFactory,
    RoleFactory,
    RoleToolFactory,
)
from tests.salaries.factories import CountryFactory, SalaryBandFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/roles/subject",
    "/api/v1/roles?page_size=100",
    "/api/v1/salary-bands?page_size=100",
    "/api/v1/interview-questions?page_size=100",
    "/api/v1/faqs?page_size=100",
    "/en/data/roles.csv",
    "/en/data/salary-bands.csv",
    "/en/data/interview-questions.json",
    "/en/data/faqs.csv",
    "/en/data/datapackage.json",
    "/en/data/roles/subject.json",
    "/en/data/roles/subject.csv",
]


def build(size: int) -> None:
    category = CategoryFactory(slug="tech")
    countries = [
        CountryFactory(code="BR", currency="BRL"),
        CountryFactory(code="MX", currency="MXN"),
    ]
    subject = RoleFactory(slug="subject", category=category)
    others = [RoleFactory(category=category) for _ in range(size)]
    for i, other in enumerate(others):
        ResponsibilityFactory(role=subject, order=i)
        RequirementFactory(role=subject, order=i)
        CareerStepFactory(role=subject, order=i, linked_roles=[other, subject])
        RoleToolFactory(role=subject, order=i)
        RoleToolFactory(role=other, order=i)
        SalaryBandFactory(role=subject, country=countries[i % 2])
        SalaryBandFactory(role=other, country=None, currency="USD", level=SalaryBand.Level.SENIOR)
        FAQFactory(role=subject)
        FAQFactory(role=other)
        InterviewQuestionFactory(roles=[subject, other])
        InterviewQuestionFactory(categories=[category])
        subject.related_roles.add(other)


def count_queries(client, url: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(captured)


@pytest.fixture
def counts(client):
    def measure(size: int) -> dict[str, int]:
        build(size)
        return {url: count_queries(client, url) for url in URLS}

    return measure


def test_query_counts_do_not_grow_with_the_data(counts, django_db_blocker):
    small = counts(2)
    from roles.models import Role

    Role.objects.all().delete()
    large = counts(12)
    assert small == large
    assert small["/api/v1/roles/subject"] <= 12
    assert small["/en/data/salary-bands.csv"] <= 3
