"""History and undo: who changed what on a role's form, a readable diff, restore with inlines."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from reversion.models import Version

from roles.models import Role, RoleRedirect
from salaries.models import SalaryBand
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
