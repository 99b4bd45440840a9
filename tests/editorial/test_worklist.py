"""The translation work list: missing and outdated translations per language, with links."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial.worklist import MISSING, OUTDATED, translation_counts, translation_work
from faqs.models import FAQ, InterviewQuestion
from roles.models import Role
from tests.roles.factories import ResponsibilityFactory, RoleFactory

pytestmark = pytest.mark.django_db


def items_for(obj, language="pt-br"):
    return [
        (item.field, item.status)
        for item in translation_work()
        if item.object_id == obj.pk
        and item.language == language
        and type(obj).__name__.lower() in item.url
    ]


@pytest.fixture
def translator(client):
    call_command("setup_groups", verbosity=0)
    user = get_user_model().objects.create_user("tina", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Translators"))
    client.force_login(user)
    return client


def test_missing_translation_of_a_published_role_is_listed_with_a_link_to_the_field():
    role = RoleFactory(status="published", summary_en="Builds things.", summary_pt_br="")
    items = [i for i in translation_work() if i.object_id == role.pk and i.field == "summary"]
    by_language = {i.language: i for i in items}
    assert by_language["pt-br"].status == MISSING
    assert by_language["pt-br"].url == (
        reverse("admin:roles_role_change", args=[role.pk]) + "#id_summary_pt_br"
    )
    assert by_language["es-mx"].url.endswith("#id_summary_es_mx")


def test_drafts_are_not_listed():
    role = RoleFactory(status="draft", summary_pt_br="")
    assert not [i for i in translation_work() if i.what == role.title_en]


def test_changing_the_english_makes_the_saved_translation_outdated():
    role = RoleFactory(status="published", summary_en="Old text.", summary_pt_br="Texto antigo.")
    assert ("summary", OUTDATED) not in items_for(role)
    role.summary_en = "New text."
    role.save()
    assert ("summary", OUTDATED) in items_for(role)
    role.summary_pt_br = "Texto novo."
    role.save()
    assert ("summary", OUTDATED) not in items_for(role)


def test_translations_loaded_from_fixtures_become_outdated_when_the_english_changes(mle):
    assert all(item.status == MISSING for item in translation_work())
    mle.day_in_the_life_en += " Edited."
    mle.save()
    outdated = [i for i in translation_work() if i.status == OUTDATED]
    assert {(i.field, i.language) for i in outdated} == {
        ("day_in_the_life", "pt-br"),
        ("day_in_the_life", "es-mx"),
    }


def test_list_items_faqs_and_questions_are_listed_with_inline_anchors(mle):
    item = mle.responsibilities.order_by("order")[2]
    item.text_es_mx = ""
    item.save()
    faq = FAQ.objects.filter(role=mle).first()
    faq.answer_pt_br = ""
    faq.save()
    question = InterviewQuestion.objects.active().first()
    question.text_en += " (reworded)"
    question.save()
    work = translation_work()
    urls = {i.url for i in work}
    change = reverse("admin:roles_role_change", args=[mle.pk])
    assert f"{change}#id_responsibilities-2-text_es_mx" in urls
    assert reverse("admin:faqs_faq_change", args=[faq.pk]) + "#id_answer_pt_br" in urls
    assert any(
        i.object_id == question.pk and i.status == OUTDATED and i.field == "text" for i in work
    )


def test_the_work_list_takes_the_same_queries_at_two_sizes(mle):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            translation_work()
        return len(queries)

    small = count()
    for _n in range(5):
        role = RoleFactory(status="published", summary_pt_br="")
        ResponsibilityFactory.create_batch(3, role=role)
    assert count() == small <= 8


def test_translators_see_the_page_and_the_counts_on_the_admin_home(translator, mle):
    mle.summary_pt_br = ""
    mle.save()
    response = translator.get(reverse("translation_worklist") + "?language=pt-br")
    assert response.status_code == 200
    html = response.content.decode()
    assert "#id_summary_pt_br" in html
    assert "Español (México)" not in html.split("<h2", 1)[1]  # only the chosen language
    counts = translation_counts()
    home = translator.get(reverse("admin:index")).content.decode()
    assert "translation-worklist-summary" in home
    assert f"{counts['pt-br']['missing']} missing, {counts['pt-br']['outdated']} outdated" in home


def test_still_correct_clears_an_outdated_translation(translator, mle):
    mle.summary_en += " More."
    mle.save()
    item = next(i for i in translation_work() if i.status == OUTDATED and i.language == "pt-br")
    response = translator.post(
        reverse("translation_worklist"), {"translation": item.token, "language": "pt-br"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("translation_worklist") + "?language=pt-br"
    assert item.token not in {i.token for i in translation_work() if i.status == OUTDATED}


def test_people_without_the_permission_get_403(client, mle):
    call_command("setup_groups", verbosity=0)
    user = get_user_model().objects.create_user("sam", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Salary analysts"))
    client.force_login(user)
    assert client.get(reverse("translation_worklist")).status_code == 403
    assert "translation-worklist-summary" not in client.get(reverse("admin:index")).content.decode()


def test_a_forged_token_changes_nothing(translator, mle):
    from django.contrib.contenttypes.models import ContentType

    role_type = ContentType.objects.get_for_model(mle).pk
    forged = ("x", "9999:1:summary:pt-br", "1:1:slug:pt-br", "²:1:summary:pt-br")
    # Digits that str.isdigit() accepts but are not ASCII: never a 500, never a change.
    forged += (f"{role_type}:²:summary:pt-br", f"{role_type}:\u0661:summary:pt-br")
    for token in forged:
        response = translator.post(reverse("translation_worklist"), {"translation": token})
        assert response.status_code in (302, 403)


def test_unknown_language_shows_every_language(translator, mle):
    response = translator.get(reverse("translation_worklist") + "?language=xx")
    assert response.status_code == 200


def test_role_factory_is_published_by_default_or_not():
    # Guard for the tests above: they set status explicitly.
    assert Role.Status.PUBLISHED == "published"
