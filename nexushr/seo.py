"""Structured data (schema.org JSON-LD) and breadcrumbs shared by every page."""

import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _


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


def trail_context(*trail: Crumb, json_ld: Iterable[dict] = ()) -> dict[str, object]:
    """A page's breadcrumb (Home, then ``trail``) and its structured data: the page's own
    ``json_ld`` objects, then the BreadcrumbList, as every template's <head> reads them."""
    crumbs = breadcrumbs(*trail)
    return {"breadcrumbs": crumbs, "structured_data": [*json_ld, breadcrumb_json_ld(crumbs)]}


def json_ld(data: dict) -> SafeString:
    """JSON safe to place inside <script type="application/ld+json">: no "</script>" breakout."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
