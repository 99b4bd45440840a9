"""Sources are data: a row per document, editable, protected while in use, named on every page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db.models import ProtectedError
from django.urls import reverse

from sources.models import Source
from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.html import parse, select, select_one, text, texts
from tests.roles.factories import RequirementFactory, ResponsibilityFactory, RoleFactory
from tests.salaries.factories import SalaryBandFactory
from tests.sources.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_natural_key_round_trip():
    source = SourceFactory(key="mismo-ml-engineers-guide", title="ML engineers")
    data = serializers.serialize("json", [source], use_natural_primary_keys=True)
    assert '"pk"' not in data
    source.title = "changed"
    source.save()
    for obj in serializers.deserialize("json", data, handle_forward_references=True):
        obj.save()
    assert Source.objects.get_by_natural_key("mismo-ml-engineers-guide").title == "ML engineers"
    assert Source.objects.count() == 1


def test_a_source_in_use_cannot_be_deleted():
    band = SalaryBandFactory()
    with pytest.raises(ProtectedError):
        band.source.delete()
    assert Source.objects.filter(pk=band.source.pk).exists()


def test_editors_edit_sources_in_the_admin(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    response = client.post(
        reverse("admin:sources_source_add"),
        {
            "key": "new-guide",
            "title_en": "A new guide",
            "title_pt_br": "Um novo guia",
            "title_es_mx": "",
            "publisher": "Someone",
            "url": "https://example.com/guide",
            "kind": "career-guide",
            "retrieved_on": "2026-11-20",
            "covers_en": "Salaries.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get(key="new-guide")
    assert (source.title_pt_br, source.kind) == ("Um novo guia", "career-guide")
    changelist = client.get(reverse("admin:sources_source_changelist") + "?q=new")
    assert "A new guide" in changelist.content.decode()
    # Deleting it while a band cites it is refused with a page that says why, not a 500.
    SalaryBandFactory(source=source)
    response = client.post(
        reverse("admin:sources_source_delete", args=[source.pk]), {"post": "yes"}
    )
    assert response.status_code == 200
    assert "protected" in response.content.decode().lower()
    assert Source.objects.filter(pk=source.pk).exists()


def test_role_page_ends_with_every_source_it_uses(client):
    role = RoleFactory()
    profile = SourceFactory(title="Profile doc", publisher="Pub A", url="https://a.example/p")
    role.sources.add(profile)
    band_source = SourceFactory(title="Salary doc", publisher="", url="")
    SalaryBandFactory(role=role, source=band_source)
    ResponsibilityFactory(role=role, source=profile)
    RequirementFactory(role=role, source=SourceFactory(title="Requirement doc"))
    InterviewQuestionFactory(roles=[role], source=SourceFactory(title="Question doc"))
    FAQFactory(role=role, source=SourceFactory(title="FAQ doc"))
    SourceFactory(title="Unused doc")

    doc = parse(client.get(role.get_absolute_url()))

    section = select_one(doc, "article section#sources")
    assert select(doc, "section")[-1] == section  # no section after it
    titles = texts(section, "p.source__title > cite")
    assert titles == ["Profile doc", "Salary doc", "Requirement doc", "Question doc", "FAQ doc"]
    link = select_one(section, "a[href='https://a.example/p']")
    assert text(link) == "Profile doc"
    assert sorted(link.attributes["rel"].split()) == ["nofollow", "noopener"]
    assert "Pub A · Article · retrieval date not recorded" in text(section)
    assert "publisher not named" in text(section)
    assert "no public address on record" in text(section)
    # Each figure and item cites its source by an anchor into this section.
    assert "Salary doc" in texts(doc, f"a[href='#source-{band_source.key}'] > cite")


def test_retrieved_date_is_formatted_in_the_page_language(client):
    import datetime

    role = RoleFactory()
    role.sources.add(SourceFactory(retrieved_on=datetime.date(2026, 6, 22)))

    assert "retrieved June 22, 2026" in client.get(role.get_absolute_url()).content.decode()
    html = client.get(f"/pt-br/roles/{role.slug}/").content.decode()
    assert "consultado em 22 de junho de 2026" in html


def test_no_source_title_or_seed_file_name_in_code():
    """Sources are data: titles live in fixtures/00_sources.json and the admin, not in code."""
    root = Path(settings.BASE_DIR)
    code = [
        path
        for folder in ("nexushr", "roles", "salaries", "faqs", "sources", "templates")
        for path in (root / folder).rglob("*")
        if path.suffix in {".py", ".html"} and "migrations" not in path.parts
    ]
    offenders = [
        str(path.relative_to(root))
        for path in code
        if path.name != "legacy.py"  # maps the old text values to keys, for the data migration
        and re.search(r"\d{3}_[0-9a-f]{16}\.txt|Wow Remote Teams|Mismo", path.read_text())
    ]
    assert offenders == []
