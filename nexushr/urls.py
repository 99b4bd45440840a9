"""Root URLs: the public pages live under a language prefix (/en/, /pt-br/, /es-mx/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from editorial.views import translation_worklist
from nexushr import views
from opendata.api import api
from roles.views import (
    compare,
    compare_edit,
    compare_tray,
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
handler403 = "nexushr.errors.handler403"
handler404 = "nexushr.errors.handler404"
handler500 = "nexushr.errors.handler500"

urlpatterns = [
    path(
        f"{settings.ADMIN_URL}translations/",
        admin.site.admin_view(translation_worklist),
        name="translation_worklist",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("share.png", site_image, name="share_image"),
    path("roles/", include("roles.urls")),
    path("search/suggestions/", search_suggestions, name="search_suggestions"),
    path("search/suggestions.json", search_suggestions_json, name="search_suggestions_json"),
    path("opensearch.xml", opensearch, name="opensearch"),
    path("compare/", compare, name="compare"),
    path("compare/edit/", compare_edit, name="compare_edit"),
    path("compare/tray/", compare_tray, name="compare_tray"),
    path("", include("opendata.urls")),
)
