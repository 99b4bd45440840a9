"""Structured data (schema.org JSON-LD) and breadcrumbs shared by every page."""

import json
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# The seed documents the fixtures come from, by file name, as a reader should see them cited.
SOURCE_TITLES = {
    "000_4aede081a3ffb1ab.txt": _("NexusHR role profile: Machine Learning Engineer"),
    "001_51cc1a9e139b6f29.txt": _("Machine Learning Engineer hiring guide (Wow Remote Teams)"),
    "002_cb410cb4b5f0cb23.txt": _("NexusHR role profile: Machine Learning Engineer (excerpt)"),
    "003_c87a14101bb3f2cf.txt": _("ML engineers: skills, roles and hiring (Mismo)"),
    "004_d272820fbc27a54e.txt": _("Machine Learning Engineer career guide"),
    "nexushr-editorial": _("NexusHR editors"),
}


def source_title(source: str) -> str:
    return str(SOURCE_TITLES.get(source, source))


def absolute(path: str) -> str:
    """An absolute URL from the configured origin, never from the request's Host header."""
    return settings.SITE_ORIGIN + path


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str


def breadcrumbs(*trail: Crumb) -> list[Crumb]:
    """The breadcrumb of a page: Home, then ``trail`` (the last crumb is the page itself)."""
    return [Crumb(_("Home"), reverse("home")), *trail]


def breadcrumb_json_ld(crumbs: list[Crumb]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": str(c.name), "item": absolute(c.url)}
            for i, c in enumerate(crumbs, start=1)
        ],
    }


def json_ld(data: dict) -> SafeString:
    """JSON safe to place inside <script type="application/ld+json">: no "</script>" breakout."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
