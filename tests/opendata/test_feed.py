"""The Atom feed of role changes, parsed with feedparser."""

import datetime

import feedparser
import pytest
from django.db import transaction

from opendata.models import RoleChange
from roles.models import Responsibility, Role
from tests.roles.factories import CareerStepFactory, ResponsibilityFactory, RoleFactory, ToolFactory
from tests.salaries.factories import SalaryBandFactory
from tests.sources.factories import SourceFactory

pytestmark = pytest.mark.django_db


def parse(client, language="en"):
    response = client.get(f"/{language}/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


def test_the_feed_is_valid_atom_of_published_roles(client, seeded):
    feed = parse(client)
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == Role.objects.published().count()
    assert all(entry.link.startswith("https://nexushr.example/en/roles/") for entry in feed.entries)
    assert all(entry.id and entry.updated for entry in feed.entries)
    assert feed.feed.title == "NexusHR · Role updates"


def test_the_feed_is_in_the_page_language(client, seeded):
    feed = parse(client, "pt-br")
    assert any(e.title.startswith("Engenheiro de Machine Learning:") for e in feed.entries)
    assert feed.feed.language == "pt-br"


def test_loading_the_fixtures_records_no_change(client, db, django_capture_on_commit_callbacks):
    """`make run` loads the seed content into an empty database: every role is new, none
    "Updated: related roles, sources" (Django sets a loaded object's links after its raw save,
    with a signal that does not say it is a load)."""
    from django.core.management import call_command

    from tests.conftest import FIXTURES

    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", *FIXTURES, verbosity=0)

    assert RoleChange.objects.count() == 0
    assert {entry.title.split(": ", 1)[1] for entry in parse(client).entries} == {"New role"}


def test_entries_say_what_changed_newest_first(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        old = RoleFactory(slug="old", title="Old role")
    RoleChange.objects.filter(role=old).update(
        changed_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    with django_capture_on_commit_callbacks(execute=True):
        SalaryBandFactory(role=old, as_of=datetime.date(2026, 6, 22))
        ResponsibilityFactory(role=old)
    with django_capture_on_commit_callbacks(execute=True):
        RoleFactory(slug="fresh", title="Fresh role")
    with django_capture_on_commit_callbacks(execute=True):
        RoleFactory(slug="hidden", status=Role.Status.DRAFT)
    feed = parse(client)
    assert [entry.title for entry in feed.entries] == [
        "Fresh role: New role",
        "Old role: New salary data (as of June 22, 2026); Updated: responsibilities",
    ]


def test_edits_within_minutes_are_one_change(db, django_capture_on_commit_callbacks):
    role = RoleFactory(slug="one")
    with django_capture_on_commit_callbacks(execute=True):
        role.summary = "New summary"
        role.save()
    with django_capture_on_commit_callbacks(execute=True):
        ResponsibilityFactory(role=role)
    change = RoleChange.objects.get(role=role)
    assert change.section_list == ["profile", "responsibilities"]


def test_every_page_links_the_feed(client, seeded):
    for url in ("/en/", "/en/roles/", "/en/roles/machine-learning-engineer/", "/en/data/"):
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html, url
        assert 'href="/en/feed/"' in html, url


def change_of(role) -> list[str]:
    return RoleChange.objects.get(role=role).section_list


def test_link_changes_are_changes_from_either_side(db, django_capture_on_commit_callbacks):
    role, other = RoleFactory(slug="one"), RoleFactory(slug="other")
    step = CareerStepFactory(role=role)
    source, tool = SourceFactory(), ToolFactory()
    with django_capture_on_commit_callbacks(execute=True):
        role.related_roles.add(other)
        source.roles.add(role)  # the reverse side
        step.linked_roles.add(other)
        tool.roles.add(role, through_defaults={"order": 1})
    assert change_of(role) == ["career_path", "tools", "related", "sources"]
    assert not RoleChange.objects.filter(role=other).exists()  # linked to, not changed

    RoleChange.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        role.related_roles.add(other)  # already there: nothing changes
    assert not RoleChange.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        source.roles.clear()
    assert change_of(role) == ["sources"]

    unlinked_step = CareerStepFactory(role=other)
    RoleChange.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        source.roles.clear()  # nothing left to clear, from either side
        role.sources.clear()
        other.tools.clear()
        unlinked_step.linked_roles.clear()
    assert not RoleChange.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        role.related_roles.clear()
        step.linked_roles.clear()
    assert change_of(role) == ["career_path", "related"]
    assert not RoleChange.objects.filter(role=other).exists()


def test_bulk_writes_are_recorded_like_saves(db, django_capture_on_commit_callbacks):
    draft = RoleFactory(slug="draft", status=Role.Status.DRAFT)
    published, moved_to = RoleFactory(slug="published"), RoleFactory(slug="moved-to")
    band = SalaryBandFactory(role=published, as_of=datetime.date(2026, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        Role.objects.filter(pk__in=[draft.pk, published.pk]).update(status=Role.Status.PUBLISHED)
    assert change_of(draft) == ["new"]  # newly published: subscribers see a new role
    assert change_of(published) == ["profile"]

    RoleChange.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        band.as_of = datetime.date(2026, 9, 1)
        type(band).objects.bulk_update([band], ["as_of"])
    change = RoleChange.objects.get(role=published)
    assert change.section_list == ["salaries"]
    assert change.salary_as_of == datetime.date(2026, 9, 1)

    RoleChange.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        type(band).objects.filter(pk=band.pk).update(role=moved_to)
    assert change_of(published) == ["salaries"] and change_of(moved_to) == ["salaries"]

    RoleChange.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        Responsibility.objects.bulk_create(
            [Responsibility(role=draft, order=9, text="New", source=band.source)]
        )
    assert change_of(draft) == ["responsibilities"]


def test_a_rolled_back_bulk_write_records_nothing(db, django_capture_on_commit_callbacks):
    role = RoleFactory(slug="kept")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Role.objects.filter(pk=role.pk).update(summary="Not kept")
        raise RuntimeError
    assert not RoleChange.objects.exists()


def test_the_feed_names_link_sections(client, db, django_capture_on_commit_callbacks):
    role, other = RoleFactory(slug="linked", title="Linked role"), RoleFactory(slug="target")
    RoleChange.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        role.related_roles.add(other)
        SourceFactory().roles.add(role)
    titles = [entry.title for entry in parse(client).entries]
    assert "Linked role: Updated: related roles, sources" in titles
    pt = [
        entry.title
        for entry in parse(client, "pt-br").entries
        if "cargos relacionados" in entry.title
    ]
    assert pt
