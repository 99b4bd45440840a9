"""Keep derived data in step with edits: search documents, and the cached role pages.

Connected in RolesConfig.ready(). The cache receivers listen to every model of the three apps
by app label, so ``roles`` never imports ``salaries`` or ``faqs``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from nexushr.cache import bump_content_version
from roles.models import Role, RoleRedirect, RoleTool
from roles.search import refresh_search_documents

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
    # Also on raw saves (loaddata): the document is derived, never stored in fixtures.
    refresh_search_documents(instance)


@receiver(post_save, sender=RoleTool, dispatch_uid="roletool-saved-search-document")
@receiver(post_delete, sender=RoleTool, dispatch_uid="roletool-deleted-search-document")
def role_tool_changed(sender: type[RoleTool], instance: RoleTool, **kwargs: object) -> None:
    role = Role.objects.filter(pk=instance.role_id).first()
    if role is not None:
        refresh_search_documents(role)


CONTENT_APPS = {"roles", "salaries", "faqs"}


def _content_changed(sender: type, **kwargs: object) -> None:
    if sender._meta.app_label in CONTENT_APPS:
        bump_content_version()


post_save.connect(_content_changed, dispatch_uid="content-saved")
post_delete.connect(_content_changed, dispatch_uid="content-deleted")
m2m_changed.connect(_content_changed, dispatch_uid="content-m2m-changed")
