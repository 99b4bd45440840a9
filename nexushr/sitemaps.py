"""/sitemap.xml: every published page in every language, with hreflang alternates.

URLs are built from settings.SITE_ORIGIN, never from the request's Host header.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from roles.models import Role


class OriginSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):  # type: ignore[no-untyped-def]
        origin = urlsplit(settings.SITE_ORIGIN)
        return super().get_urls(
            page=page, site=SimpleNamespace(domain=origin.netloc), protocol=origin.scheme
        )


class StaticPagesSitemap(OriginSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> list[str]:
        return ["home", "roles:index"]

    def location(self, item: str) -> str:
        return reverse(item)


class RoleSitemap(OriginSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):  # type: ignore[no-untyped-def]
        return Role.objects.published().order_by("slug")

    def lastmod(self, role: Role):  # type: ignore[no-untyped-def]
        return role.updated_at


SITEMAPS = {"pages": StaticPagesSitemap, "roles": RoleSitemap}
