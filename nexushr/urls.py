"""Root URLs: the public pages live under a language prefix (/en/, /pt-br/, /es-mx/)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from nexushr import views
from nexushr.sitemaps import SITEMAPS
from roles.views import (
    home,
    opensearch,
    search_suggestions,
    search_suggestions_json,
    site_image,
)

admin.site.site_header = "NexusHR"
admin.site.site_title = "NexusHR"
admin.site.index_title = _("Role profiles, salaries and questions")

handler400 = "nexushr.errors.handler400"
handler404 = "nexushr.errors.handler404"
handler500 = "nexushr.errors.handler500"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("share.png", site_image, name="share_image"),
    path("roles/", include("roles.urls")),
    path("search/suggestions/", search_suggestions, name="search_suggestions"),
    path("search/suggestions.json", search_suggestions_json, name="search_suggestions_json"),
    path("opensearch.xml", opensearch, name="opensearch"),
)
