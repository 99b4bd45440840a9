"""The Atom feed of role changes, parsed with feedparser."""

import datetime

import feedparser
import pytest

from opendata.models import RoleChange
from roles.models import Role
from tests.roles.factories import ResponsibilityFactory, RoleFactory
from tests.salaries.factories import SalaryBandFactory

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
