"""Keep derived data in step with edits: search documents (cached pages: nexushr/invalidation.py).

Connected in RolesConfig.ready().
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from roles.models import Role, RoleTool, Tool
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


@receiver(post_save, sender=Tool, dispatch_uid="tool-renamed-search-document")
def tool_saved(sender: type[Tool], instance: Tool, created: bool, **kwargs: object) -> None:
    """A renamed tool renames what its roles are found by."""
    if created:
        return
    for role in Role.objects.filter(role_tools__tool=instance).distinct():
        refresh_search_documents(role)
