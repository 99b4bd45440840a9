"""Record what changed on a role (for the Atom feed), after the change commits.

Listens to the content models by class, from this app (which reads roles, salaries and faqs;
they never import it). Fixture loads (``raw``) are not changes an editor made: not recorded.
Bulk ``QuerySet.update`` calls send no signals and are not recorded either.
"""

import datetime

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from faqs.models import FAQ
from opendata.models import RoleChange
from roles.models import CareerStep, Requirement, Responsibility, Role, RoleTool
from salaries.models import SalaryBand

# Saves of one role closer together than this are one change (an admin save and its inlines).
COALESCE = datetime.timedelta(minutes=10)
SECTION_ORDER = list(RoleChange.Section.values)

CHILD_SECTIONS = {
    SalaryBand: RoleChange.Section.SALARIES,
    Responsibility: RoleChange.Section.RESPONSIBILITIES,
    Requirement: RoleChange.Section.REQUIREMENTS,
    CareerStep: RoleChange.Section.CAREER_PATH,
    RoleTool: RoleChange.Section.TOOLS,
    FAQ: RoleChange.Section.FAQS,
}


def record(role_id: int, section: str, salary_as_of: datetime.date | None = None) -> None:
    """Record ``section`` of the role as changed, once the surrounding transaction commits
    (a rolled-back save changed nothing, and a role deleted in the same transaction is gone)."""

    def write() -> None:
        if not Role.objects.filter(pk=role_id).exists():
            return
        now = timezone.now()
        change = (
            RoleChange.objects.filter(role_id=role_id, changed_at__gte=now - COALESCE)
            .order_by("-changed_at")
            .first()
        )
        if change is None:
            change = RoleChange(role_id=role_id, sections="")
        sections = {*change.section_list, section}
        change.sections = ",".join(s for s in SECTION_ORDER if s in sections)
        if salary_as_of and (change.salary_as_of is None or salary_as_of > change.salary_as_of):
            change.salary_as_of = salary_as_of
        change.changed_at = now
        change.save()

    transaction.on_commit(write)


def _role_pre_save(sender: type[Role], instance: Role, raw: bool, **kwargs: object) -> None:
    if raw or instance.pk is None:
        instance._was_published = False
        return
    instance._was_published = Role.objects.filter(
        pk=instance.pk, status=Role.Status.PUBLISHED
    ).exists()


def _role_saved(sender: type[Role], instance: Role, raw: bool, **kwargs: object) -> None:
    if raw:
        return
    if instance.is_published and not getattr(instance, "_was_published", False):
        # Newly published (or created published): subscribers see a new role.
        record(instance.pk, RoleChange.Section.NEW)
    else:
        record(instance.pk, RoleChange.Section.PROFILE)


def _child_changed(sender: type, instance: object, raw: bool = False, **kwargs: object) -> None:
    role_id = getattr(instance, "role_id", None)
    if raw or role_id is None:
        return
    as_of = getattr(instance, "as_of", None) if sender is SalaryBand else None
    record(role_id, CHILD_SECTIONS[sender], as_of)


pre_save.connect(_role_pre_save, sender=Role, dispatch_uid="opendata-role-pre-save")
post_save.connect(_role_saved, sender=Role, dispatch_uid="opendata-role-saved")
for model in CHILD_SECTIONS:
    post_save.connect(_child_changed, sender=model, dispatch_uid=f"opendata-{model.__name__}-save")
    post_delete.connect(
        _child_changed, sender=model, dispatch_uid=f"opendata-{model.__name__}-delete"
    )
