"""Views of the role pages: thin — parse the request, call one selector, render one template."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from nexushr.cache import cache_public_page
from nexushr.errors import bad_request
from nexushr.forms import first_error
from nexushr.querystring import url_with_query
from nexushr.seo import Crumb, breadcrumb_json_ld, breadcrumbs
from roles.forms import RolePageForm
from roles.search import clean_query
from roles.selectors import (
    RoleMoved,
    categories_with_roles,
    role_get,
    role_index_get,
    role_page_get,
    role_panel_get,
)
from roles.share_image import share_image, share_image_url, site_share_image
from roles.structured_data import role_page_json_ld

PANEL_TARGET = "interview-questions"
RESULTS_TARGET = "results"
# Share images change only with the content version in their URL: browsers may keep them an hour.
share_image_cache = cache_control(public=True, max_age=60 * 60)


def _index_crumb() -> Crumb:
    return Crumb(_("Roles"), reverse("roles:index"))


@require_safe
@cache_public_page("home")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "roles/home.html", {"categories": categories_with_roles()})


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
def role_index(request: HttpRequest) -> HttpResponse:
    index = role_index_get(
        query=clean_query(request.GET.get("q")),
        category_slug=request.GET.get("category", "")[:80],
        page_number=request.GET.get("page"),
    )
    context = {"index": index, "page": index.page}
    if request.htmx and request.htmx.target == RESULTS_TARGET:
        # Live search: only the results are swapped.
        return render(request, "roles/role_index.html#results", context)
    crumbs = breadcrumbs(_index_crumb())
    context |= {"breadcrumbs": crumbs, "structured_data": [breadcrumb_json_ld(crumbs)]}
    return render(request, "roles/role_index.html", context)


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
@cache_public_page("role")
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    form = RolePageForm(request.GET)
    if not form.is_valid():
        return bad_request(request, first_error(form))
    options = {"slug": slug, "include_drafts": request.user.is_staff, **form.panel_options()}
    try:
        if request.htmx and request.htmx.target == PANEL_TARGET:
            # Only the panel is swapped: render just that partial of the same template.
            role, panel = role_panel_get(**options)
            return render(
                request, "roles/role_detail.html#interview-panel", {"role": role, "panel": panel}
            )
        page = role_page_get(**options)
    except RoleMoved as moved:
        return _moved(moved.role.get_absolute_url(), request)

    crumbs = breadcrumbs(_index_crumb(), Crumb(page.role.title, page.role.get_absolute_url()))
    response = render(
        request,
        "roles/role_detail.html",
        {
            "page": page,
            "role": page.role,
            "panel": page.panel,
            "breadcrumbs": crumbs,
            "structured_data": role_page_json_ld(page, crumbs),
            "share_image_url": share_image_url(page.role),
        },
    )
    if not page.role.is_published:
        response["X-Robots-Tag"] = "noindex"
    return response


def _moved(url: str, request: HttpRequest) -> HttpResponsePermanentRedirect:
    """301 to the role's current address, keeping the query string."""
    return HttpResponsePermanentRedirect(url_with_query(url, request.GET))


@require_safe
@share_image_cache
def role_share_image(request: HttpRequest, slug: str) -> HttpResponse:
    """The role's 1200×630 link-preview image in the page language."""
    try:
        role = role_get(slug=slug, include_drafts=request.user.is_staff, with_lists=False)
    except RoleMoved as moved:
        return _moved(reverse("roles:share_image", kwargs={"slug": moved.role.slug}), request)
    return HttpResponse(share_image(role), content_type="image/png")


@require_safe
@share_image_cache
def site_image(request: HttpRequest) -> HttpResponse:
    """The portal's own 1200×630 link-preview image in the page language."""
    return HttpResponse(site_share_image(), content_type="image/png")
