"""Translators change the pt-BR and es-MX fields only: enforced when the admin saves."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from faqs.models import FAQ, InterviewQuestion
from tests.editorial.test_history import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(client):
    call_command("setup_groups", verbosity=0)
    user = get_user_model().objects.create_user("tina", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Translators"))
    client.force_login(user)
    return client


def test_translator_saves_translations_but_posted_english_and_other_fields_are_ignored(
    translator, mle
):
    url = reverse("admin:roles_role_change", args=[mle.pk])
    page = translator.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert "summary_pt_br" in form.fields and "summary_es_mx" in form.fields
    assert "summary_en" not in form.fields and "slug" not in form.fields
    data = form_data(page) | {
        "summary_pt_br": "Resumo traduzido.",
        # Forged: fields a translator may not change, posted anyway.
        "summary_en": "Hacked English",
        "title_en": "Hacked",
        "slug": "hacked",
        "status": "draft",
    }
    response = translator.post(url, data)
    assert response.status_code == 302
    mle.refresh_from_db()
    assert mle.summary_pt_br == "Resumo traduzido."
    assert mle.title_en == "Machine Learning Engineer"
    assert mle.slug == "machine-learning-engineer"
    assert mle.status == "published"
    assert not mle.summary_en.startswith("Hacked")


def test_translator_translates_inline_items_but_cannot_reorder_add_or_delete(translator, mle):
    url = reverse("admin:roles_role_change", args=[mle.pk])
    page = translator.get(url)
    formsets = {f.formset.prefix: f.formset for f in page.context["inline_admin_formsets"]}
    responsibilities = formsets["responsibilities"]
    first = responsibilities.forms[0]
    assert set(first.fields) >= {"text_pt_br", "text_es_mx"}
    assert "text_en" not in first.fields and "order" not in first.fields
    assert not responsibilities.can_delete
    data = form_data(page) | {
        f"{first.prefix}-text_pt_br": "Projetar sistemas.",
        f"{first.prefix}-text_en": "Hacked",
        f"{first.prefix}-order": "99",
    }
    assert translator.post(url, data).status_code == 302
    item = mle.responsibilities.get(pk=first.instance.pk)
    assert item.text_pt_br == "Projetar sistemas."
    assert item.text_en != "Hacked" and item.order != 99


def test_translator_cannot_add_or_delete_content(translator, mle):
    assert translator.get(reverse("admin:roles_role_add")).status_code == 403
    assert translator.post(reverse("admin:roles_role_delete", args=[mle.pk])).status_code == 403
    faq = FAQ.objects.first()
    assert translator.post(reverse("admin:faqs_faq_delete", args=[faq.pk])).status_code == 403


def test_translator_list_pages_have_no_editing_and_no_actions(translator, mle):
    response = translator.get(reverse("admin:faqs_interviewquestion_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].list_editable == ()
    assert response.context["action_form"] is None or not response.context["cl"].actions
    question = InterviewQuestion.objects.first()
    was_active = question.is_active
    translator.post(
        reverse("admin:faqs_interviewquestion_changelist"),
        {"action": "retire", "_selected_action": [question.pk]},
    )
    question.refresh_from_db()
    assert question.is_active == was_active


def test_translator_saves_a_question_translation_only(translator, mle):
    question = InterviewQuestion.objects.first()
    url = reverse("admin:faqs_interviewquestion_change", args=[question.pk])
    data = form_data(translator.get(url)) | {
        "text_es_mx": "¿Pregunta traducida?",
        "text_en": "Hacked?",
        "kind": "behavioral",
        "is_active": "",
    }
    assert translator.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.text_es_mx == "¿Pregunta traducida?"
    assert question.text_en != "Hacked?"
    assert question.is_active
