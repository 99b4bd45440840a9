"""Keep derived data in step with edits: the search index (cached pages: nexushr/invalidation.py).

Connected in RolesConfig.ready().
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from roles.models import Requirement, Role, RoleRedirect, RoleTool, Tool
from roles.search import reindex_role

# Set while a backup is restored: its timestamps are the ones to keep (fixtures carry none).
_keep_loaded_timestamps: ContextVar[bool] = ContextVar("keep_loaded_timestamps", default=False)


@contextmanager
def keeping_loaded_timestamps() -> Iterator[None]:
    token = _keep_loaded_timestamps.set(True)
    try:
        yield
    finally:
        _keep_loaded_timestamps.reset(token)


@receiver(pre_save, sender=Role, dispatch_uid="role-keep-timestamps-on-load")
def keep_timestamps_on_fixture_load(
    sender: type[Role], instance: Role, raw: bool, **kwargs
) -> None:
    """Fixtures carry no timestamps: reloading them must not make old roles look new."""
    if not raw or _keep_loaded_timestamps.get():
        return
    stored = Role.objects.filter(slug=instance.slug).values("created_at", "updated_at").first()
    if stored:
        instance.created_at = stored["created_at"]
        instance.updated_at = stored["updated_at"]


@receiver(pre_save, sender=Role, dispatch_uid="role-raw-slug-change")
def remember_slug_before_raw_save(
    sender: type[Role], instance: Role, raw: bool, **kwargs: object
) -> None:
    """A raw save (restoring an older version from the history) bypasses Role.save(): remember
    the slug it replaces, so the address in use until now keeps answering with a redirect."""
    if raw and instance.pk is not None:
        instance._raw_replaced_slug = (
            Role.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


@receiver(post_save, sender=Role, dispatch_uid="role-raw-slug-redirect")
def redirect_slug_replaced_by_raw_save(
    sender: type[Role], instance: Role, raw: bool, **kwargs: object
) -> None:
    old_slug = instance.__dict__.pop("_raw_replaced_slug", None)
    if not raw or not old_slug or old_slug == instance.slug:
        return
    RoleRedirect.objects.update_or_create(old_slug=old_slug, defaults={"role": instance})
    RoleRedirect.objects.filter(old_slug=instance.slug).delete()


@receiver(post_save, sender=Role, dispatch_uid="role-search-document")
def role_saved(sender: type[Role], instance: Role, **kwargs: object) -> None:
    # Also on raw saves (loaddata): the index is derived, never stored in fixtures.
    reindex_role(instance)


@receiver(post_save, sender=RoleTool, dispatch_uid="roletool-saved-search-document")
@receiver(post_delete, sender=RoleTool, dispatch_uid="roletool-deleted-search-document")
@receiver(post_save, sender=Requirement, dispatch_uid="requirement-saved-search-document")
@receiver(post_delete, sender=Requirement, dispatch_uid="requirement-deleted-search-document")
def role_part_changed(
    sender: type, instance: RoleTool | Requirement, origin: object = None, **kwargs: object
) -> None:
    """A role's tools and requirements are searchable: reindex the role they belong to —
    unless the role itself is being deleted (its rows go first: reindexing then would write
    postings for a role about to disappear)."""
    if _deleting_roles(origin):
        return
    if Role.objects.filter(pk=instance.role_id).exists():
        reindex_role(instance.role_id)


def _deleting_roles(origin: object) -> bool:
    """Whether a deletion was started by deleting roles (a role, or a queryset of roles)."""
    model = getattr(origin, "model", None) or type(origin)
    return isinstance(model, type) and issubclass(model, Role)


@receiver(post_save, sender=Tool, dispatch_uid="tool-renamed-search-document")
def tool_saved(sender: type[Tool], instance: Tool, created: bool, **kwargs: object) -> None:
    """A renamed tool renames what its roles are found by."""
    if created:
        return
    for role_id in RoleTool.objects.filter(tool=instance).values_list("role_id", flat=True):
        reindex_role(role_id)


def index_if_empty(**kwargs: object) -> None:
    """After ``migrate``: a database whose roles predate the search index gets one built."""
    from roles.models import SearchPosting
    from roles.search import reindex_all

    if Role.objects.exists() and not SearchPosting.objects.exists():
        reindex_all()
