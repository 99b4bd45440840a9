"""Roles: natural keys that round-trip, slug renames that leave redirects, derived search text."""

import json
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command

from roles.models import (
    CareerStep,
    Category,
    Requirement,
    Responsibility,
    Role,
    RoleTool,
    SearchSynonym,
    Tool,
)
from roles.selectors import role_get
from tests.roles.factories import (
    CareerStepFactory,
    RequirementFactory,
    ResponsibilityFactory,
    RoleFactory,
    RoleToolFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [Category, Tool, Role, Responsibility, Requirement, CareerStep, RoleTool, SearchSynonym],
)
def test_natural_keys_round_trip(seeded, model):
    for obj in model.objects.all():
        assert model.objects.get_by_natural_key(*obj.natural_key()) == obj


def test_dumpdata_with_natural_keys_reloads_without_duplicates(seeded):
    out = StringIO()
    call_command(
        "dumpdata",
        "roles",
        "salaries",
        "faqs",
        # The search index is derived from the roles and rebuilt as they load.
        exclude=[
            "roles.searchposting",
            "roles.searchword",
            "roles.searchdeletion",
            "roles.searchindexversion",
        ],
        natural_foreign=True,
        natural_primary=True,
        stdout=out,
    )
    dumped = json.loads(out.getvalue())
    assert all("pk" not in obj for obj in dumped)
    before = Role.objects.count(), Responsibility.objects.count()

    for obj in serializers.deserialize("json", out.getvalue(), handle_forward_references=True):
        obj.save()

    assert (Role.objects.count(), Responsibility.objects.count()) == before


@pytest.mark.parametrize(
    ("factory", "related_name"),
    [
        (ResponsibilityFactory, "responsibilities"),
        (RequirementFactory, "requirements"),
        (CareerStepFactory, "career_steps"),
        (RoleToolFactory, "role_tools"),
    ],
)
def test_role_lists_come_in_editorial_order_not_in_the_order_they_were_added(factory, related_name):
    role = RoleFactory()
    added = [factory(role=role, order=order) for order in (3, 1, 2)]

    page_role = role_get(slug=role.slug)

    assert list(getattr(page_role, related_name).all()) == [added[1], added[2], added[0]]


def test_alternative_titles_are_one_per_line():
    assert Role(alternative_titles=" ML Engineer \n\nMLE\n").alternative_title_list == [
        "ML Engineer",
        "MLE",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("demand", [*Role.Demand.values, ""])
def test_the_demand_rank_is_the_same_in_python_and_in_the_database(demand):
    from roles.search import sort_key

    role = RoleFactory(demand=demand, title="Analyst")
    role.refresh_from_db()

    assert role.demand_rank == Role.rank_of_demand(demand)
    assert sort_key(role, "en") == f"{role.demand_rank}analyst"
