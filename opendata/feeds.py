"""An Atom feed per language of the published roles, the most recently changed first.

Each entry is one role's latest change and says what changed: a new role, new salary data
(with the as-of date its source gives), or which sections were updated. Its id names the role
and the time of the change, so a feed reader shows a later change as a new entry.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nexushr.formatting import format_date
from opendata import selectors
from opendata.caching import cached_download
from opendata.models import RoleChange
from roles.models import Role

FEED_ENTRIES = 50


class RoleChangesFeed(Feed):
    feed_type = Atom1Feed
    title = format_lazy("{} · {}", settings.SITE_NAME, gettext_lazy("Role updates"))
    subtitle = gettext_lazy(
        "New roles, new salary data and updated sections of the role profiles on NexusHR."
    )
    author_name = settings.SITE_NAME

    def __call__(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        return cached_download(super().__call__)(request, *args, **kwargs)

    # Absolute from SITE_ORIGIN (the syndication framework would take the request's Host).
    def link(self) -> str:
        return settings.SITE_ORIGIN + reverse("roles:index")

    def feed_url(self) -> str:
        return settings.SITE_ORIGIN + reverse("opendata:feed")

    def feed_guid(self) -> str:
        return settings.SITE_ORIGIN + reverse("opendata:feed")

    def items(self) -> list[Role]:
        return selectors.roles_by_change(limit=FEED_ENTRIES)

    def item_title(self, role: Role) -> str:
        return f"{role.title}: {describe(latest_change(role), role)}"

    def item_description(self, role: Role) -> str:
        return f"{describe(latest_change(role), role)}. {role.summary}"

    def item_link(self, role: Role) -> str:
        return settings.SITE_ORIGIN + role.get_absolute_url()

    def item_guid(self, role: Role) -> str:
        when = role.last_change.strftime("%Y-%m-%dT%H:%M:%S")
        return f"{settings.SITE_ORIGIN}{role.get_absolute_url()}#change-{when}"

    item_guid_is_permalink = False

    def item_updateddate(self, role: Role):
        return role.last_change

    def item_pubdate(self, role: Role):
        return role.last_change

    def item_categories(self, role: Role) -> list[str]:
        return [role.category.name]


def latest_change(role: Role) -> RoleChange | None:
    changes = list(role.changes.all())
    return changes[0] if changes else None


def describe(change: RoleChange | None, role: Role) -> str:
    """What changed, in the active language: "New role", "New salary data (as of …)", or
    "Updated: responsibilities, FAQs". A role never edited since it was loaded is new."""
    if change is None or change.is_new:
        return _("New role")
    labels = dict(RoleChange.Section.choices)
    parts = []
    sections = change.section_list
    if RoleChange.Section.SALARIES in sections:
        if change.salary_as_of:
            parts.append(
                _("New salary data (as of %(date)s)") % {"date": format_date(change.salary_as_of)}
            )
        else:
            parts.append(_("New salary data"))
    others = [str(labels[s]) for s in sections if s != RoleChange.Section.SALARIES]
    if others:
        parts.append(_("Updated: %(sections)s") % {"sections": ", ".join(others)})
    return "; ".join(parts)
