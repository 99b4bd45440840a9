"""History and undo: who changed what on a role's form, a readable diff, restore with inlines."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from reversion.models import Version

from roles.models import Role, RoleRedirect
from salaries.models import SalaryBand
from tests.faqs.factories import InterviewQuestionFactory
from tests.roles.test_admin import INLINES, management

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("ana", "ana@example.com", "pw")
    client.force_login(user)
    return client


def form_data(response) -> dict[str, str]:
    """A rendered change form as the browser would post it back, unchanged."""
    data: dict[str, str] = {}
    forms = [response.context["adminform"].form]
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        data |= management(fs.prefix, total=fs.total_form_count(), initial=fs.initial_form_count())
        forms += fs.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = (
                [str(v) for v in value] if isinstance(value, list) else str(value)
            )
    for prefix in INLINES.values():
        data.setdefault(f"{prefix}-TOTAL_FORMS", "0")
    return data


def change_form_data(client, role: Role) -> dict[str, str]:
    return form_data(client.get(reverse("admin:roles_role_change", args=[role.pk])))


def save(client, role: Role, **changes: str):
    data = change_form_data(client, role) | changes
    response = client.post(reverse("admin:roles_role_change", args=[role.pk]), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    return response


def band_prefix(client, role: Role, key: str) -> str:
    response = client.get(reverse("admin:roles_role_change", args=[role.pk]))
    for formset in response.context["inline_admin_formsets"]:
        for form in formset.formset.forms:
            if getattr(form.instance, "key", None) == key:
                return form.prefix
    raise AssertionError(key)


def test_each_save_records_who_and_a_per_language_diff(editor, mle):
    save(editor, mle, summary_pt_br="Especialista que projeta sistemas de aprendizado.")
    prefix = band_prefix(editor, mle, "mle-br-2026-06")
    save(editor, mle, **{f"{prefix}-maximum": "25000.00"})

    versions = list(Version.objects.get_for_object(mle))  # newest first
    # A baseline of the loaded content, then one version per save, each with its author.
    assert len(versions) == 3
    assert [v.revision.user.username if v.revision.user else None for v in versions] == [
        "ana",
        "ana",
        None,
    ]

    html = editor.get(reverse("admin:roles_role_history", args=[mle.pk])).content.decode()
    assert "summary [pt-br]" in html
    assert "<ins>que projeta sistemas</ins>" in html and "<ins>aprendizado.</ins>" in html
    assert "updated</td>" not in html  # timestamps are not an editor's change
    assert "maximum" in html and "<del>24000.00</del> <ins>25000.00</ins>" in html
    assert "ana" in html


def test_restore_brings_back_the_role_and_its_inlines(editor, mle):
    save(editor, mle, title_en="Machine Learning Engineer")  # the version to come back to
    first = Version.objects.get_for_object(mle).first()
    prefix = band_prefix(editor, mle, "mle-br-2026-06")
    bands_before = SalaryBand.objects.filter(role=mle).count()
    save(
        editor,
        mle,
        title_en="ML Engineer (renamed)",
        slug="ml-engineer",
        **{f"{prefix}-DELETE": "on"},
    )
    mle.refresh_from_db()
    assert mle.slug == "ml-engineer"
    assert SalaryBand.objects.filter(role=mle).count() == bands_before - 1

    url = reverse("admin:roles_role_revision", args=[mle.pk, first.pk])
    preview = editor.get(url)
    assert preview.status_code == 200
    mle.refresh_from_db()
    assert mle.title_en == "ML Engineer (renamed)"  # looking at an old version changes nothing

    response = editor.post(url, form_data(preview))  # "Save" on the old version's form
    assert response.status_code == 302
    mle.refresh_from_db()
    assert mle.title_en == "Machine Learning Engineer"
    assert mle.slug == "machine-learning-engineer"
    assert SalaryBand.objects.filter(role=mle, key="mle-br-2026-06").exists()
    # The address used in between keeps working.
    assert RoleRedirect.objects.get(old_slug="ml-engineer").role == mle
    assert (
        "Reverted to previous version"
        in Version.objects.get_for_object(mle).first().revision.get_comment()
    )


def test_translators_may_read_history_but_not_restore(client, mle):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("setup_groups", verbosity=0)
    user = get_user_model().objects.create_user("tina", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Translators"))
    import reversion

    with reversion.create_revision():
        mle.save()
    version = Version.objects.get_for_object(mle).first()
    client.force_login(user)
    assert client.get(reverse("admin:roles_role_history", args=[mle.pk])).status_code == 200
    url = reverse("admin:roles_role_revision", args=[mle.pk, version.pk])
    assert client.get(url).status_code == 403


def test_retiring_questions_in_bulk_is_recorded_in_their_history(editor, mle):
    from faqs.models import InterviewQuestion

    question = InterviewQuestion.objects.active().first()
    editor.post(
        reverse("admin:faqs_interviewquestion_changelist"),
        {"action": "retire", "_selected_action": [question.pk]},
    )
    question.refresh_from_db()
    assert not question.is_active
    version = Version.objects.get_for_object(question).first()
    assert version.revision.user.username == "ana"
    assert version.field_dict["is_active"] is False


def question_links(role: Role) -> set[int]:
    return set(role.interview_questions.values_list("pk", flat=True))


def question_form(client, role: Role, question_pk: int) -> str:
    """The prefix of the questions inline's row that links ``role`` to that question."""
    response = client.get(reverse("admin:roles_role_change", args=[role.pk]))
    for formset in response.context["inline_admin_formsets"]:
        if formset.formset.prefix != "interview_questions":
            continue
        for form in formset.formset.forms:
            if form.instance.interviewquestion_id == question_pk:
                return form.prefix
    raise AssertionError(question_pk)


def test_question_links_are_in_the_role_history_and_restored_with_it(editor, mle):
    from faqs.models import InterviewQuestion

    save(editor, mle)  # the version to come back to
    first = Version.objects.get_for_object(mle).first()
    before = question_links(mle)
    assert len(before) >= 2
    removed_pk = min(before)
    removed = InterviewQuestion.objects.get(pk=removed_pk)
    other_role = Role.objects.exclude(pk=mle.pk).first()
    removed.roles.add(other_role)
    added = InterviewQuestionFactory(text="How would you monitor a model for drift in production?")

    data = change_form_data(editor, mle)
    total = int(data["interview_questions-TOTAL_FORMS"])
    data |= {
        f"{question_form(editor, mle, removed_pk)}-DELETE": "on",
        f"interview_questions-{total}-interviewquestion": str(added.pk),
        "interview_questions-TOTAL_FORMS": str(total + 1),
    }
    response = editor.post(reverse("admin:roles_role_change", args=[mle.pk]), data)
    assert response.status_code == 302
    assert question_links(mle) == (before - {removed_pk}) | {added.pk}

    # The save's version holds the role's links as they now are, each named by its question.
    latest = Version.objects.get_for_object(mle).first()
    link_model = InterviewQuestion.roles.through
    linked = {
        v.field_dict["interviewquestion_id"]
        for v in latest.revision.version_set.all()
        if v._model is link_model
    }
    assert linked == question_links(mle)
    html = editor.get(reverse("admin:roles_role_history", args=[mle.pk])).content.decode()
    assert "Interview question for this role: " + added.text[:20] in html
    assert "Interview question for this role: " + removed.text[:20] in html
    assert "InterviewQuestion_roles object" not in html
    assert "object (" not in latest.revision.get_comment()
    assert "interviewquestion</td>" not in html

    url = reverse("admin:roles_role_revision", args=[mle.pk, first.pk])
    preview = editor.get(url)
    assert question_links(mle) == (before - {removed_pk}) | {added.pk}  # looking changes nothing
    assert editor.post(url, form_data(preview)).status_code == 302
    assert question_links(mle) == before
    # The questions themselves are untouched, and still linked to their other roles.
    assert InterviewQuestion.objects.filter(pk__in=[removed_pk, added.pk]).count() == 2
    assert set(removed.roles.all()) == {mle, other_role}


def test_a_question_linked_from_its_own_form_records_a_role_snapshot(editor, mle):
    import reversion

    from faqs.models import InterviewQuestion

    assert not Version.objects.get_for_object(mle).exists()
    question = InterviewQuestionFactory()
    with reversion.create_revision():
        question.roles.add(mle)
    version = Version.objects.get_for_object(mle).first()
    assert version is not None
    linked = {
        v.field_dict["interviewquestion_id"]
        for v in version.revision.version_set.all()
        if v._model is InterviewQuestion.roles.through
    }
    assert question.pk in linked and linked == question_links(mle)
