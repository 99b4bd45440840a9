"""The groups command: idempotent, and each group can do what its people need and no more."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from roles.models import Role

pytestmark = pytest.mark.django_db


def setup_groups() -> str:
    out = StringIO()
    call_command("setup_groups", stdout=out)
    return out.getvalue()


def member(group: str, username: str = "person"):
    user = get_user_model().objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_setup_groups_is_idempotent():
    first = setup_groups()
    assert "Editors: created" in first
    perms = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    second = setup_groups()
    assert "Editors: unchanged" in second and "Translators: unchanged" in second
    assert Group.objects.count() == 3
    again = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert again == perms


def test_setup_groups_removes_permissions_added_by_hand():
    setup_groups()
    group = Group.objects.get(name="Translators")
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="delete_role"))
    assert "Translators: updated" in setup_groups()
    assert not group.permissions.filter(codename="delete_role").exists()


@pytest.mark.parametrize("group", ["Editors", "Translators", "Salary analysts"])
def test_no_group_can_manage_users(client, group):
    setup_groups()
    assert (
        not Group.objects.get(name=group)
        .permissions.filter(content_type__app_label="auth")
        .exists()
    )
    client.force_login(member(group))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_salary_analysts_see_bands_but_cannot_change_roles(client, seeded):
    setup_groups()
    client.force_login(member("Salary analysts"))
    assert client.get(reverse("admin:salaries_salaryband_changelist")).status_code == 200
    assert client.get(reverse("admin:salaries_salaryband_add")).status_code == 200
    role = Role.objects.get(slug="data-analyst")
    assert client.get(reverse("admin:roles_role_change", args=[role.pk])).status_code == 200
    response = client.post(
        reverse("admin:roles_role_change", args=[role.pk]), {"title_en": "Changed"}
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:faqs_faq_changelist")).status_code == 403


def test_editors_change_everything_in_the_content_apps(client, seeded):
    setup_groups()
    client.force_login(member("Editors"))
    for name in ("roles_role", "salaries_salaryband", "faqs_faq", "faqs_interviewquestion"):
        assert client.get(reverse(f"admin:{name}_add")).status_code == 200, name
