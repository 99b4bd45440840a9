"""Cached pages are dropped exactly when something they show changes, on every write path.

Writes run inside ``django_capture_on_commit_callbacks(execute=True)``: invalidation happens
after commit, and the test transaction never commits (tests/nexushr/test_cache.py proves the
after-commit ordering with a real transaction).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from faqs.models import InterviewQuestion
from roles.models import Role, Tool
from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.nexushr.test_cache import page_keys
from tests.roles.factories import (
    CareerStepFactory,
    CategoryFactory,
    ResponsibilityFactory,
    RoleFactory,
    RoleToolFactory,
    ToolFactory,
)
from tests.salaries.factories import SalaryBandFactory

pytestmark = pytest.mark.django_db


def get(client, url: str, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return response, len(captured)


def is_cached(client, url: str) -> bool:
    _, queries = get(client, url)
    return queries == 0


@pytest.fixture
def write(django_capture_on_commit_callbacks):
    """Run the writes of a block and then what runs after their commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    editor = type(client)()
    editor.force_login(user)
    return editor


def test_second_anonymous_view_is_served_from_the_cache(client):
    role = RoleFactory()

    first, first_queries = get(client, role.get_absolute_url())
    second, second_queries = get(client, role.get_absolute_url())

    assert first_queries > 0 and second_queries == 0
    assert second.content == first.content


def test_cache_is_per_language_and_per_panel_state(client):
    role = RoleFactory(title="Analyst", title_pt_br="Analista")
    get(client, role.get_absolute_url())

    pt, queries = get(client, f"/pt-br/roles/{role.slug}/")
    assert queries > 0 and "Analista" in pt.content.decode()
    assert not is_cached(client, role.get_absolute_url() + "?kind=technical")
    assert is_cached(client, role.get_absolute_url() + "?kind=technical")


def test_staff_bypass_the_cache_and_get_private_responses(client, editor):
    role = RoleFactory()
    get(client, role.get_absolute_url())

    response, staff_queries = get(editor, role.get_absolute_url())

    assert staff_queries > 0
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_errors_are_not_cached(client, write):
    role = RoleFactory(status="draft")
    assert client.get(role.get_absolute_url()).status_code == 404
    # Nothing stored: the save below drops the role's pages, so it alone would hide a cached 404.
    assert page_keys() == []
    with write():
        role.status = "published"
        role.save()
    assert client.get(role.get_absolute_url()).status_code == 200


# --- one test per write path: the next request is fresh ------------------------------------


@pytest.mark.parametrize("edit", ["role", "band", "faq", "responsibility", "site-faq"])
def test_saving_anything_on_the_page_refreshes_it(client, write, edit):
    role = RoleFactory(title="Before")
    band = SalaryBandFactory(role=role)
    faq = FAQFactory(role=role, question="Old question?")
    item = ResponsibilityFactory(role=role, text="Old duty")
    site_faq = FAQFactory(role=None, question="Old site question?")
    get(client, role.get_absolute_url())

    with write():
        if edit == "role":
            role.title, expected = "After", "After"
            role.save()
        elif edit == "band":
            band.maximum, expected = 99999, "99,999"
            band.save()
        elif edit == "faq":
            faq.question = expected = "New question?"
            faq.save()
        elif edit == "responsibility":
            item.text = expected = "New duty"
            item.save()
        else:
            site_faq.question = expected = "New site question?"
            site_faq.save()

    response, queries = get(client, role.get_absolute_url())
    assert queries > 0
    assert expected in response.content.decode()


def test_deleting_a_row_refreshes_the_page(client, write):
    role = RoleFactory()
    item = ResponsibilityFactory(role=role, text="Doomed duty")
    assert "Doomed duty" in client.get(role.get_absolute_url()).content.decode()

    with write():
        item.delete()

    assert "Doomed duty" not in client.get(role.get_absolute_url()).content.decode()


def test_moving_a_band_to_another_role_refreshes_both_pages(client, write):
    first, second = RoleFactory(), RoleFactory()
    band = SalaryBandFactory(role=first, maximum=77777)
    get(client, first.get_absolute_url())
    get(client, second.get_absolute_url())

    with write():
        band.role = second
        band.save()

    assert "77,777" not in client.get(first.get_absolute_url()).content.decode()
    assert "77,777" in client.get(second.get_absolute_url()).content.decode()


def test_an_admin_save_refreshes_the_role_page_and_the_index(client, editor, write):
    from tests.roles.test_admin import role_form

    role = RoleFactory(slug="data-engineer", title="Data Engineer", category=CategoryFactory())
    get(client, role.get_absolute_url())
    get(client, reverse("roles:index"))

    with write():
        data = role_form(role.category, title_en="Data Platform Engineer")
        response = editor.post(reverse("admin:roles_role_change", args=[role.pk]), data)
    assert response.status_code == 302

    assert "Data Platform Engineer" in client.get(role.get_absolute_url()).content.decode()
    assert "Data Platform Engineer" in client.get(reverse("roles:index")).content.decode()


@pytest.mark.parametrize("action", ["retire", "reactivate"])
def test_bulk_question_actions_refresh_role_pages(client, editor, write, action):
    role = RoleFactory()
    question = InterviewQuestionFactory(
        text="Bulk question?", roles=[role], is_active=action == "retire"
    )
    before = client.get(role.get_absolute_url()).content.decode()
    assert ("Bulk question?" in before) == (action == "retire")

    with write():
        editor.post(
            reverse("admin:faqs_interviewquestion_changelist"),
            {"action": action, "_selected_action": [str(question.pk)]},
        )

    after = client.get(role.get_absolute_url()).content.decode()
    assert ("Bulk question?" in after) == (action == "reactivate")


def test_queryset_update_refreshes_the_pages_of_the_rows_it_changes(client, write):
    role = RoleFactory(title="Old title")
    get(client, role.get_absolute_url())

    with write():
        Role.objects.filter(pk=role.pk).update(title="Updated title", title_en="Updated title")

    assert "Updated title" in client.get(role.get_absolute_url()).content.decode()


def test_generic_questions_refresh_every_role_page_that_shows_them(client, write):
    role = RoleFactory()
    question = InterviewQuestionFactory(text="Generic?")
    get(client, role.get_absolute_url())

    with write():
        InterviewQuestion.objects.filter(pk=question.pk).update(text="Generic, edited?")

    assert "Generic, edited?" in client.get(role.get_absolute_url()).content.decode()


def test_linking_a_question_to_a_role_refreshes_that_role(client, write):
    role = RoleFactory()
    question = InterviewQuestionFactory(text="Specific?", roles=[RoleFactory()])
    assert "Specific?" not in client.get(role.get_absolute_url()).content.decode()

    with write():
        question.roles.add(role)

    assert "Specific?" in client.get(role.get_absolute_url()).content.decode()


def test_renaming_a_tool_refreshes_its_roles_and_their_search_documents(client, write):
    tool = ToolFactory(name="Kubeflow")
    role = RoleFactory(title="Pipeline Engineer")
    with write():
        RoleToolFactory(role=role, tool=tool)
    get(client, role.get_absolute_url())

    with write():
        tool.name = "Metaflow"
        tool.save()

    assert "Metaflow" in client.get(role.get_absolute_url()).content.decode()
    found = client.get(reverse("roles:index") + "?q=metaflow").content.decode()
    assert "Pipeline Engineer" in found


def test_a_new_tool_on_a_role_refreshes_cached_results_and_suggestions(client, write):
    role = RoleFactory(title="Pipeline Engineer")
    results = reverse("roles:index") + "?q=kubeflow"
    suggestions = "/en/search/suggestions.json?q=kubeflow"
    card = f'class="role-card__link" href="{role.get_absolute_url()}"'
    assert card not in client.get(results).content.decode()
    assert is_cached(client, results)
    assert "Pipeline Engineer" not in client.get(suggestions).content.decode()

    with write():
        RoleToolFactory(role=role, tool=ToolFactory(name="Kubeflow"))

    assert card in client.get(results).content.decode()
    assert "Pipeline Engineer" in client.get(suggestions).content.decode()


def test_renaming_a_category_refreshes_its_role_pages_and_the_home_page(client, write):
    category = CategoryFactory(name="Technology")
    role = RoleFactory(category=category)
    get(client, role.get_absolute_url())
    get(client, "/en/")

    with write():
        category.name = category.name_en = "Engineering"
        category.save()

    assert "Engineering" in client.get(role.get_absolute_url()).content.decode()
    assert "Engineering" in client.get("/en/").content.decode()


def test_a_renamed_career_neighbour_refreshes_the_ladder(client, write):
    role, neighbour = RoleFactory(), RoleFactory(title="Staff Engineer")
    step = CareerStepFactory(role=role)
    with write():
        step.linked_roles.add(neighbour)
    assert "Staff Engineer" in client.get(role.get_absolute_url()).content.decode()

    with write():
        neighbour.title = neighbour.title_en = "Principal Engineer"
        neighbour.save()

    assert "Principal Engineer" in client.get(role.get_absolute_url()).content.decode()


def test_loaddata_refreshes_cached_pages(client, write, tmp_path):
    role = RoleFactory(slug="loaded-role", title="Before load", title_en="Before load")
    get(client, role.get_absolute_url())
    fixture = tmp_path / "edit.json"
    dumped = serializers.serialize("json", [role], use_natural_foreign_keys=True)
    fixture.write_text(dumped.replace("Before load", "After load"))

    with write():
        call_command("loaddata", str(fixture), verbosity=0)

    assert "After load" in client.get(role.get_absolute_url()).content.decode()


def test_invalidate_cache_command_drops_every_page(client, write):
    role = RoleFactory()
    get(client, role.get_absolute_url())

    with write():
        call_command("invalidate_cache", verbosity=0)

    assert not is_cached(client, role.get_absolute_url())


def test_the_share_image_is_redrawn_after_a_save(client, write):
    role = RoleFactory(title="Before")
    url = reverse("roles:share_image", kwargs={"slug": role.slug})
    first = client.get(url).content
    assert is_cached(client, url)

    with write():
        role.title = role.title_en = "A much longer title after the edit"
        role.save()

    assert client.get(url).content != first


# --- granularity ---------------------------------------------------------------------------


def test_an_unrelated_roles_cached_page_survives_a_save(client, write):
    edited, unrelated = RoleFactory(), RoleFactory()
    SalaryBandFactory(role=edited)
    get(client, edited.get_absolute_url())
    get(client, unrelated.get_absolute_url())
    get(client, unrelated.get_absolute_url() + "share.png")

    with write():
        edited.title = "Edited"
        edited.save()
        band = edited.salary_bands.get()
        band.maximum += 1
        band.save()

    assert not is_cached(client, edited.get_absolute_url())
    assert is_cached(client, unrelated.get_absolute_url())
    assert is_cached(client, unrelated.get_absolute_url() + "share.png")


def test_responses_name_the_content_they_were_built_from(client):
    role = RoleFactory()
    tool = Tool.objects.create(slug="tool-x", name="Tool X")
    RoleToolFactory(role=role, tool=tool)

    keys = client.get(role.get_absolute_url())["Surrogate-Key"].split()

    assert {f"role:{role.pk}", f"category:{role.category_id}", f"tool:{tool.pk}"} <= set(keys)
    assert "listing" in client.get("/en/roles/")["Surrogate-Key"].split()
    assert client.get("/en/roles/")["Cache-Tag"] == "listing"


def test_bulk_create_and_bulk_update_refresh_the_pages_they_change(client, write):
    from roles.models import Responsibility

    role = RoleFactory()
    source = ResponsibilityFactory(role=role, text="First duty").source
    assert is_cached(client, role.get_absolute_url()) is False
    assert is_cached(client, role.get_absolute_url())

    with write():
        Responsibility.objects.bulk_create(
            [Responsibility(role=role, order=9, source=source, text="Bulk duty")]
        )
    assert "Bulk duty" in client.get(role.get_absolute_url()).content.decode()

    item = Responsibility.objects.get(text="Bulk duty")
    item.text = "Bulk-updated duty"
    with write():
        Responsibility.objects.bulk_update([item], ["text", "text_en"])
    assert "Bulk-updated duty" in client.get(role.get_absolute_url()).content.decode()


def test_an_admin_delete_refreshes_the_index_and_the_sitemap(client, editor, write):
    role = RoleFactory(slug="soon-gone", title="Soon Gone Role", title_en="Soon Gone Role")
    assert "soon-gone" in client.get("/sitemap.xml").content.decode()
    assert "Soon Gone Role" in client.get(reverse("roles:index")).content.decode()

    with write():
        response = editor.post(reverse("admin:roles_role_delete", args=[role.pk]), {"post": "yes"})
    assert response.status_code == 302

    assert "soon-gone" not in client.get("/sitemap.xml").content.decode()
    assert "Soon Gone Role" not in client.get(reverse("roles:index")).content.decode()
    assert client.get("/en/roles/soon-gone/").status_code == 404


def test_restoring_a_backup_refreshes_cached_pages(client, write, tmp_path):
    role = RoleFactory(slug="restored-role", title="In the backup", title_en="In the backup")
    backup = tmp_path / "backup.json"
    call_command("backup_content", str(backup), verbosity=0)
    Role.objects.filter(pk=role.pk).update(title="Edited later", title_en="Edited later")
    assert "Edited later" in client.get(role.get_absolute_url()).content.decode()
    assert is_cached(client, role.get_absolute_url())

    with write():
        call_command("restore_content", str(backup), verbosity=0)

    assert "In the backup" in client.get("/en/roles/restored-role/").content.decode()
