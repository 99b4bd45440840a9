"""The copies of a role's columns in the search index (published, category, sort key) follow
every edit, and a one-word query ranked in SQL ranks exactly as the Python scoring does."""

import pytest

import roles.search
from roles.models import Requirement, Role, RoleTool, SearchPosting, Tool
from roles.search import RankedIds, search
from tests.roles.factories import (
    CategoryFactory,
    RequirementFactory,
    RoleFactory,
    RoleToolFactory,
    ToolFactory,
)

pytestmark = pytest.mark.django_db


def ids(query: str, language: str = "en", **kwargs: object) -> list[int]:
    return list(search(query, language=language, **kwargs).role_ids)


def test_publishing_and_unpublishing_by_save_show_in_the_next_search():
    role = RoleFactory(title="Quarry Geologist", status=Role.Status.DRAFT)
    assert ids("geologist") == []

    role.status = Role.Status.PUBLISHED
    role.save()
    assert ids("geologist") == [role.pk]

    role.status = Role.Status.DRAFT
    role.save()
    assert ids("geologist") == []


def test_publishing_and_unpublishing_by_queryset_update_show_in_the_next_search():
    """QuerySet.update sends no signal: the role's queryset reindexes the roles it updates."""
    first, second = RoleFactory.create_batch(2, title="Quarry Geologist")

    Role.objects.filter(pk=first.pk).update(status=Role.Status.DRAFT)
    assert ids("geologist") == [second.pk]
    assert ids("quarry geologist") == [second.pk]  # the multi-word path too

    Role.objects.filter(pk=first.pk).update(status=Role.Status.PUBLISHED)
    assert sorted(ids("geologist")) == sorted([first.pk, second.pk])


def test_a_category_change_shows_in_the_counts_and_the_category_filter():
    rocks, seas = CategoryFactory(slug="rocks"), CategoryFactory(slug="seas")
    role = RoleFactory(title="Quarry Geologist", category=rocks)
    assert search("geologist", language="en").category_counts == {rocks.pk: 1}

    role.category = seas
    role.save()
    assert search("geologist", language="en").category_counts == {seas.pk: 1}
    assert ids("geologist", category_id=seas.pk) == [role.pk]
    assert ids("geologist", category_id=rocks.pk) == []

    Role.objects.filter(pk=role.pk).update(category=rocks)
    assert search("quarry geologist", language="en").category_counts == {rocks.pk: 1}


def test_a_demand_change_reorders_equally_scored_roles():
    """Ties are broken by demand, then title: the copies follow both."""
    low = RoleFactory(title="Geologist Alpha", demand=Role.Demand.LOW)
    high = RoleFactory(title="Geologist Beta", demand=Role.Demand.HIGH)
    assert ids("geologist") == [high.pk, low.pk]

    low.demand = Role.Demand.HIGH
    low.save()
    assert ids("geologist") == [low.pk, high.pk]  # now equal demand: Alpha before Beta

    Role.objects.filter(pk=high.pk).update(demand=Role.Demand.HIGH)
    Role.objects.filter(pk=low.pk).update(demand=Role.Demand.MEDIUM)
    assert ids("geologist") == [high.pk, low.pk]


def test_a_title_change_reorders_and_is_found_by():
    alpha = RoleFactory(title="Geologist Alpha")
    beta = RoleFactory(title="Geologist Beta")
    assert ids("geologist") == [alpha.pk, beta.pk]

    alpha.title = "Geologist Zeta"
    alpha.save()
    assert ids("geologist") == [beta.pk, alpha.pk]
    assert ids("zeta") == [alpha.pk]

    Role.objects.filter(pk=beta.pk).update(title="Geologist Omega", title_en="Geologist Omega")
    assert ids("omega") == [beta.pk]
    assert ids("beta") == []


def test_bulk_update_of_searched_fields_reindexes():
    role = RoleFactory(title="Quarry Geologist")
    role.status = Role.Status.DRAFT
    Role.objects.bulk_update([role], ["status"])
    assert ids("geologist") == []
    assert not SearchPosting.objects.filter(role=role, published=True).exists()


def test_renaming_a_tool_by_queryset_update_renames_what_its_roles_are_found_by():
    """The tool list's update sends no signal: its queryset reindexes the tool's roles."""
    role = RoleFactory(title="Quarry Geologist")
    tool = ToolFactory(name="Petrolith")
    RoleToolFactory(role=role, tool=tool)
    assert ids("petrolith") == [role.pk]

    Tool.objects.filter(pk=tool.pk).update(name="Stonegrid")
    assert ids("stonegrid") == [role.pk]
    assert ids("petrolith") == []

    tool.name = "Rockframe"
    Tool.objects.bulk_update([tool], ["name"])
    assert ids("rockframe") == [role.pk]


def test_tools_and_requirements_written_in_bulk_are_searchable_at_once():
    first, second = RoleFactory.create_batch(2, title="Quarry Geologist")
    tool = ToolFactory(name="Petrolith")
    source = RequirementFactory(role=first, text="Field mapping").source
    RoleTool.objects.bulk_create([RoleTool(role=first, tool=tool, order=1)])
    Requirement.objects.bulk_create(
        [Requirement(role=second, order=9, source=source, text="Seismography")]
    )
    assert ids("petrolith") == [first.pk]
    assert ids("seismography") == [second.pk]

    # Moved to the other role: the old role is no longer found by it, the new one is.
    RoleTool.objects.filter(role=first).update(role=second)
    assert ids("petrolith") == [second.pk]
    Requirement.objects.filter(text="Seismography").update(text="Gravimetry")
    assert ids("gravimetry") == [second.pk]
    assert ids("seismography") == []


def test_updating_only_an_order_reindexes_nothing(monkeypatch):
    role = RoleFactory(title="Quarry Geologist")
    RoleToolFactory(role=role)
    reindexed = []
    monkeypatch.setattr(roles.search, "reindex_role", reindexed.append)
    RoleTool.objects.filter(role=role).update(order=7)
    Requirement.objects.filter(role=role).update(order=3)
    assert reindexed == []
    RoleTool.objects.filter(role=role).update(tool=ToolFactory())
    assert reindexed == [role.pk]


def test_the_sort_key_compares_bytes_alike_on_both_databases():
    """Accents are folded and case ignored; what is left is compared code point by code point
    (no locale collation, which would put "ab" before "a-z" by ignoring the hyphen), on SQLite
    and PostgreSQL alike."""
    names = ["Geologist Ñandu", "Geologist nabla", "Geologist Zulu", "Geologist ábaco"]
    names += ["Geologist Ab", "Geologist A-Z"]
    made = {name: RoleFactory(title=name).pk for name in names}
    expected = sorted(names, key=lambda name: roles.search.normalize(name))
    assert ids("geologist") == [made[name] for name in expected]


def test_later_pages_are_read_in_sql_in_the_same_order(monkeypatch):
    monkeypatch.setattr(roles.search, "FIRST_IDS", 2)
    made = [RoleFactory(title=f"Geologist {letter}").pk for letter in "EDCBA"]
    result = search("geologist", language="en")

    assert isinstance(result.role_ids, RankedIds)
    assert len(result.role_ids) == 5
    assert result.role_ids[:2] == made[::-1][:2]
    assert result.role_ids[2:4] == made[::-1][2:4]
    assert result.role_ids[-1] == made[0]
    assert result.role_ids == made[::-1]


@pytest.mark.parametrize("query", ["geologist", "geo", "geologst", "rock"])
def test_a_one_word_query_ranks_in_sql_as_the_python_scoring_does(monkeypatch, query):
    rocks = CategoryFactory(slug="rocks")
    RoleFactory(title="Geologist", demand=Role.Demand.LOW)
    RoleFactory(title="Rock Geologist", category=rocks)
    RoleFactory(title="Geology Teacher", alternative_titles="Geologist\nRock Teacher")
    RoleFactory(title="Miner", summary="Works with a geologist on rock.")
    RoleFactory(title="Geologist Rock", demand=Role.Demand.HIGH, category=rocks)
    in_sql = search(query, language="en")

    monkeypatch.setattr(roles.search, "_one_word_qualities", lambda concepts: None)
    in_python = search(query, language="en")

    assert in_sql.role_ids
    assert list(in_sql.role_ids) == list(in_python.role_ids)
    assert in_sql.category_counts == in_python.category_counts
