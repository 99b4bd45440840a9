"""Record what changed on a role (for the Atom feed), after the change commits.

Listens to the content models by class, from this app (which reads roles, salaries and faqs;
they never import it): saves and deletes, changes to a role's many-to-many links (related
roles, sources, tools, a career step's linked roles), and the writes Django sends no signal for
(``QuerySet.update``, ``bulk_update``, ``bulk_create``: nexushr.signals.bulk_write). Fixture
loads (``raw``) are not changes an editor made: not recorded, nor the links loaddata sets on
an object it has just saved raw.
"""

import datetime

from django.db import transaction
from django.db.models import Max, Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from faqs.models import FAQ
from nexushr.signals import bulk_write
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
        instance._loaded = True  # its many-to-many links are set next: not an edit either
        return
    if instance.is_published and not getattr(instance, "_was_published", False):
        # Newly published (or created published): subscribers see a new role.
        record(instance.pk, RoleChange.Section.NEW)
    else:
        record(instance.pk, RoleChange.Section.PROFILE)


def _child_changed(sender: type, instance: object, raw: bool = False, **kwargs: object) -> None:
    role_id = getattr(instance, "role_id", None)
    if raw:
        instance._loaded = True  # a career step's linked roles are set next
        return
    if role_id is None:
        return
    as_of = getattr(instance, "as_of", None) if sender is SalaryBand else None
    record(role_id, CHILD_SECTIONS[sender], as_of)


# A role's many-to-many links, by through model.
LINK_SECTIONS = {
    Role.related_roles.through: RoleChange.Section.RELATED,
    Role.sources.through: RoleChange.Section.SOURCES,
    Role.tools.through: RoleChange.Section.TOOLS,
    CareerStep.linked_roles.through: RoleChange.Section.CAREER_PATH,
}


def _cleared_links(sender: type[Model], instance: Model, reverse: bool) -> QuerySet:
    """The links a ``clear()`` from ``instance``'s side is about to delete."""
    field = next(
        f
        for f in (*Role._meta.many_to_many, *CareerStep._meta.many_to_many)
        if f.remote_field.through is sender
    )
    own_side = field.m2m_reverse_field_name() if reverse else field.m2m_field_name()
    return sender.objects.filter(**{own_side: instance.pk})


def _links_changed(
    sender: type[Model],
    instance: Model,
    action: str,
    pk_set: set | None,
    reverse: bool,
    **kwargs: object,
) -> None:
    """Links added, removed or cleared, from either side: ``role.sources.add(source)`` and
    ``source.roles.add(role)`` both change the role's Sources."""
    # pre_clear: before the links go, they say which roles lose one; clearing no links changes
    # nothing. Adding links that were there already sends an empty pk_set: nothing changed.
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    # loaddata saves each object raw, then sets its links (m2m_changed has no ``raw``): the
    # links of an object it just loaded are part of the load, not an editor's change.
    if getattr(instance, "_loaded", False):
        return
    if action == "pre_clear":
        links = _cleared_links(sender, instance, reverse)
        if not links.exists():
            return
    elif not pk_set:
        return
    if isinstance(instance, Role):
        role_ids = {instance.pk}
    elif isinstance(instance, CareerStep):
        role_ids = {instance.role_id}
    elif action == "pre_clear":  # a source or tool losing all its roles
        role_ids = set(links.values_list("role_id", flat=True))
    else:  # a source or tool given or denied roles
        role_ids = set(pk_set)
    for role_id in role_ids:
        record(role_id, LINK_SECTIONS[sender])


def _bulk_written(
    sender: type[Model], pks: list, fields: set[str], created: bool, **kwargs: object
) -> None:
    """An ``update``, ``bulk_update`` or ``bulk_create`` of roles or of their rows, recorded as
    the saves it stands for. Sent before an update: the rows read now say which roles lose a
    row moved to another one, and which roles were published before."""
    if sender is Role:
        published = Role.objects.filter(pk__in=pks, status=Role.Status.PUBLISHED)
        was_published = set() if created else set(published.values_list("pk", flat=True))

        def roles_written() -> None:
            now_published = set(published.values_list("pk", flat=True))
            for pk in pks:
                new = pk in now_published and pk not in was_published
                record(pk, RoleChange.Section.NEW if new else RoleChange.Section.PROFILE)

        transaction.on_commit(roles_written)
        return
    if sender not in CHILD_SECTIONS:
        return
    rows = sender._base_manager.filter(pk__in=pks)
    before = set() if created else set(rows.values_list("role_id", flat=True))

    def rows_written() -> None:
        as_of = {}
        if sender is SalaryBand:
            as_of = dict(rows.order_by().values_list("role_id").annotate(latest=Max("as_of")))
        for role_id in (before | set(rows.values_list("role_id", flat=True))) - {None}:
            record(role_id, CHILD_SECTIONS[sender], as_of.get(role_id))

    transaction.on_commit(rows_written)


pre_save.connect(_role_pre_save, sender=Role, dispatch_uid="opendata-role-pre-save")
post_save.connect(_role_saved, sender=Role, dispatch_uid="opendata-role-saved")
for model in CHILD_SECTIONS:
    post_save.connect(_child_changed, sender=model, dispatch_uid=f"opendata-{model.__name__}-save")
    post_delete.connect(
        _child_changed, sender=model, dispatch_uid=f"opendata-{model.__name__}-delete"
    )
for through in LINK_SECTIONS:
    m2m_changed.connect(
        _links_changed, sender=through, dispatch_uid=f"opendata-{through.__name__}-links"
    )
bulk_write.connect(_bulk_written, dispatch_uid="opendata-bulk-write")
