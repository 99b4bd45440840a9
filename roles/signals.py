"""Keep derived data in step with edits: search documents, and the cached role pages.

Connected in RolesConfig.ready(). The cache receivers listen to every model of the three apps
by app label, so ``roles`` never imports ``salaries`` or ``faqs``.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from nexushr.cache import bump_content_version
from roles.models import Role, RoleTool
from roles.search import refresh_search_documents


@receiver(pre_save, sender=Role, dispatch_uid="role-keep-timestamps-on-load")
def keep_timestamps_on_fixture_load(
    sender: type[Role], instance: Role, raw: bool, **kwargs
) -> None:
    """Fixtures carry no timestamps: reloading them must not make old roles look new."""
    if not raw:
        return
    stored = Role.objects.filter(slug=instance.slug).values("created_at", "updated_at").first()
    if stored:
        instance.created_at = stored["created_at"]
        instance.updated_at = stored["updated_at"]


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
