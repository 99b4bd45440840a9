"""Keep derived data in step with edits: search documents, and the cached role pages.

Connected in RolesConfig.ready(). The cache receivers listen to every model of the three apps
by app label, so ``roles`` never imports ``salaries`` or ``faqs``.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from nexushr.cache import bump_content_version
from roles.models import Requirement, Role, RoleTool, Tool
from roles.search import reindex_role


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
    # Also on raw saves (loaddata): the index is derived, never stored in fixtures.
    reindex_role(instance)


@receiver(post_save, sender=RoleTool, dispatch_uid="roletool-saved-search-document")
@receiver(post_delete, sender=RoleTool, dispatch_uid="roletool-deleted-search-document")
@receiver(post_save, sender=Requirement, dispatch_uid="requirement-saved-search-document")
@receiver(post_delete, sender=Requirement, dispatch_uid="requirement-deleted-search-document")
def role_part_changed(sender: type, instance: RoleTool | Requirement, **kwargs: object) -> None:
    """A role's tools and requirements are searchable: reindex the role they belong to."""
    if Role.objects.filter(pk=instance.role_id).exists():
        reindex_role(instance.role_id)


@receiver(post_save, sender=Tool, dispatch_uid="tool-renamed-search-document")
def tool_saved(sender: type[Tool], instance: Tool, created: bool, **kwargs: object) -> None:
    """A renamed tool renames what its roles are found by."""
    if created:
        return
    for role_id in RoleTool.objects.filter(tool=instance).values_list("role_id", flat=True):
        reindex_role(role_id)


CONTENT_APPS = {"roles", "salaries", "faqs"}


def _content_changed(sender: type, **kwargs: object) -> None:
    if sender._meta.app_label in CONTENT_APPS:
        bump_content_version()


post_save.connect(_content_changed, dispatch_uid="content-saved")
post_delete.connect(_content_changed, dispatch_uid="content-deleted")
m2m_changed.connect(_content_changed, dispatch_uid="content-m2m-changed")


def index_if_empty(**kwargs: object) -> None:
    """After ``migrate``: a database whose roles predate the search index gets one built."""
    from roles.models import SearchPosting
    from roles.search import reindex_all

    if Role.objects.exists() and not SearchPosting.objects.exists():
        reindex_all()
