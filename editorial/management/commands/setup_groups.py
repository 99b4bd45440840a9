"""Create or update the three groups a content team needs. Safe to run any number of times:
each group ends up with exactly the permissions listed here (extra ones are removed)."""

from typing import Any

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.content import content_app_labels
from editorial.translated import translated_fields

EDITORS = "Editors"
TRANSLATORS = "Translators"
SALARY_ANALYSTS = "Salary analysts"
ALL = ("add", "change", "delete", "view")


def _model_perms(label: str, actions: tuple[str, ...]) -> list[tuple[str, str]]:
    model = apps.get_model(label)
    return [(model._meta.app_label, f"{action}_{model._meta.model_name}") for action in actions]


def group_permissions() -> dict[str, list[tuple[str, str]]]:
    """Each group's permissions as (app label, codename)."""
    content_models = [
        model for label in content_app_labels() for model in apps.get_app_config(label).get_models()
    ]
    editors = [
        perm for model in content_models for perm in _model_perms(model._meta.label, ALL)
    ] + [
        ("editorial", "edit_source_content"),
        ("editorial", "view_translation_worklist"),
    ]
    translators = []
    for model in content_models:
        # Change (translations only, see editorial.permissions) where there is text to
        # translate, view elsewhere so the role form shows its context.
        actions = ("change", "view") if translated_fields(model) else ("view",)
        translators += _model_perms(model._meta.label, actions)
    translators.append(("editorial", "view_translation_worklist"))
    analysts = [
        *_model_perms("salaries.SalaryBand", ALL),
        # Bands name a role and a country: analysts can see them to choose them.
        *_model_perms("roles.Role", ("view",)),
        *_model_perms("salaries.Country", ("view",)),
        ("editorial", "edit_source_content"),
    ]
    if apps.is_installed("sources"):
        analysts += _model_perms("sources.Source", ALL)
    return {EDITORS: editors, TRANSLATORS: translators, SALARY_ANALYSTS: analysts}


class Command(BaseCommand):
    help = (
        "Create or update the groups Editors, Translators and Salary analysts with their "
        "permissions (idempotent). None of them can manage users or groups."
    )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        for config in apps.get_app_configs():  # permissions exist even before the first migrate
            create_permissions(config, verbosity=0)
        for name, wanted in group_permissions().items():
            permissions = []
            for app_label, codename in wanted:
                permissions.append(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
            group, created = Group.objects.get_or_create(name=name)
            before = set(group.permissions.values_list("pk", flat=True))
            group.permissions.set(permissions)
            after = {permission.pk for permission in permissions}
            if created:
                state = "created"
            elif before == after:
                state = "unchanged"
            else:
                state = f"updated (+{len(after - before)} −{len(before - after)})"
            self.stdout.write(f"{name}: {state}, {len(permissions)} permissions")
        self.stdout.write(
            "Add a person to a group in the admin (Users → the user → Groups) and tick "
            "“Staff status”; only superusers manage users."
        )
