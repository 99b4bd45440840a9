"""Views of the role pages: thin — parse the request, call one selector, render one template."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from faqs.models import InterviewQuestion
from nexushr.cache import (
    PageSpec,
    Param,
    ascii_int,
    choice,
    content_version,
    is_staff,
    page,
    private,
    tag_response,
    text,
)
from nexushr.seo import Crumb, absolute, breadcrumb_json_ld
from roles.search import clean_query
from roles.selectors import (
    RoleMoved,
    categories_with_roles,
    role_get,
    role_index_get,
    role_page_get,
    role_panel_get,
)
from roles.share_image import share_image, site_share_image
from roles.structured_data import occupation_json_ld

PANEL_TARGET = "interview-questions"
RESULTS_TARGET = "results"

# What each page reads from the query string (nexushr/cache.py): the cache key, the canonical
# URL and the language links are derived from these; any other parameter is ignored.
HOME = PageSpec("home")
INDEX = PageSpec(
    "index",
    params=(
        Param("q", text(200, clean_query)),
        Param("category", text(80), canonical=True),
        Param("page", ascii_int(1, 100_000, default=1), canonical=True),
    ),
    fragments=frozenset({RESULTS_TARGET}),
)
ROLE = PageSpec(
    "role",
    params=(
        Param("kind", choice(InterviewQuestion.Kind.values, name="kind")),
        Param("page", ascii_int(1, 1000, default=1)),
    ),
    fragments=frozenset({PANEL_TARGET}),
)
IMAGE = PageSpec("image")
LISTING = "listing"


@require_safe
@page(HOME)
def home(request: HttpRequest) -> HttpResponse:
    response = render(request, "roles/home.html", {"categories": categories_with_roles()})
    return tag_response(response, {LISTING})


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
@page(INDEX)
def role_index(request: HttpRequest) -> HttpResponse:
    params = request.page_params
    index = role_index_get(
        query=params.get("q", ""),
        category_slug=params.get("category", ""),
        page_number=params.get("page"),
    )
    context = {"index": index, "page": index.page}
    if request.htmx and request.htmx.target == RESULTS_TARGET:
        # Live search: only the results are swapped.
        response = render(request, "roles/role_index.html#results", context)
        return tag_response(response, {LISTING})
    crumbs = [Crumb(_("Home"), reverse("home")), Crumb(_("Roles"), reverse("roles:index"))]
    context |= {"breadcrumbs": crumbs, "structured_data": [breadcrumb_json_ld(crumbs)]}
    return tag_response(render(request, "roles/role_index.html", context), {LISTING})


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
@page(ROLE)
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    params = request.page_params
    options = {
        "slug": slug,
        "include_drafts": is_staff(request),
        "kind": params.get("kind"),
        "shown": int(params.get("page", 1)),
    }
    try:
        if request.htmx and request.htmx.target == PANEL_TARGET:
            # Only the panel is swapped: render just that partial of the same template.
            role, panel = role_panel_get(**options)
            response = render(
                request, "roles/role_detail.html#interview-panel", {"role": role, "panel": panel}
            )
            return _role_response(response, role, panel_tags(role))
        page = role_page_get(**options)
    except RoleMoved as moved:
        return _moved(moved.role.get_absolute_url(), request)

    role = page.role
    crumbs = [
        Crumb(_("Home"), reverse("home")),
        Crumb(_("Roles"), reverse("roles:index")),
        Crumb(role.title, role.get_absolute_url()),
    ]
    structured_data = [occupation_json_ld(page), breadcrumb_json_ld(crumbs)]
    context = {
        "page": page,
        "role": role,
        "panel": page.panel,
        "breadcrumbs": crumbs,
        "structured_data": structured_data,
        # Versioned, so link unfurlers that cache by URL fetch the image again after an edit.
        "share_image_url": absolute(reverse("roles:share_image", kwargs={"slug": role.slug}))
        + f"?v={content_version(*image_tags(role))}",
    }
    response = render(request, "roles/role_detail.html", context)
    return _role_response(response, role, role_page_tags(page))


def _role_response(response: HttpResponse, role, tags: set[str]) -> HttpResponse:  # type: ignore[no-untyped-def]
    if not role.is_published:
        response["X-Robots-Tag"] = "noindex"
        return private(response)  # a staff preview: never stored, by us or anyone
    return tag_response(response, tags)


def panel_tags(role) -> set[str]:  # type: ignore[no-untyped-def]
    """The question panel shows the role's, its category's and the generic questions."""
    return {f"role:{role.pk}", f"category:{role.category_id}", "questions:generic"}


def image_tags(role) -> set[str]:  # type: ignore[no-untyped-def]
    return {f"role:{role.pk}", f"category:{role.category_id}"}


def role_page_tags(page) -> set[str]:  # type: ignore[no-untyped-def]
    """Everything the role page shows that another edit could change: the role and its rows
    (``role:<id>``), its category, the roles its career path and related roles link to, its
    tools and countries, the generic questions and the site-wide FAQs."""
    role = page.role
    tags = panel_tags(role) | {"faqs:site"}
    tags |= {f"role:{r.pk}" for step in role.career_steps.all() for r in step.linked_roles.all()}
    tags |= {f"role:{r.pk}" for r in role.related_roles.all()}
    tags |= {f"tool:{item.tool_id}" for item in role.role_tools.all()}
    tags |= {f"country:{band.country_id}" for band in page.bands if band.country_id}
    return tags


def _moved(role_url: str, request: HttpRequest) -> HttpResponsePermanentRedirect:
    """301 to the role's current address, keeping the query string."""
    if request.GET:
        role_url += "?" + request.GET.urlencode()
    return HttpResponsePermanentRedirect(role_url)


@require_safe
@page(IMAGE)
def role_share_image(request: HttpRequest, slug: str) -> HttpResponse:
    """The role's 1200×630 link-preview image in the page language (``?v=`` only busts the
    caches of link unfurlers; the image does not depend on it)."""
    try:
        role = role_get(slug=slug, include_drafts=is_staff(request), with_lists=False)
    except RoleMoved as moved:
        return _moved(reverse("roles:share_image", kwargs={"slug": moved.role.slug}), request)
    response = HttpResponse(share_image(role), content_type="image/png")
    if not role.is_published:
        return private(response)
    return tag_response(response, image_tags(role))


@require_safe
@page(IMAGE)
def site_image(request: HttpRequest) -> HttpResponse:
    """The portal's own 1200×630 link-preview image in the page language."""
    return HttpResponse(site_share_image(), content_type="image/png")
