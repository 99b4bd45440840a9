"""Views of the role pages: thin — parse the request, call one selector, render one template."""

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from faqs.selectors import BadPanelRequest, parse_panel_params
from nexushr.cache import cache_public_page, content_version
from nexushr.errors import bad_request
from nexushr.seo import Crumb, absolute, breadcrumb_json_ld, faq_json_ld
from roles.search import clean_query
from roles.selectors import (
    RoleMoved,
    categories_with_roles,
    role_get,
    role_index_get,
    role_page_get,
    role_panel_get,
    role_suggestions_get,
)
from roles.share_image import share_image, site_share_image
from roles.structured_data import occupation_json_ld

PANEL_TARGET = "interview-questions"
RESULTS_TARGET = "results"


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
    crumbs = [Crumb(_("Home"), reverse("home")), Crumb(_("Roles"), reverse("roles:index"))]
    context |= {"breadcrumbs": crumbs, "structured_data": [breadcrumb_json_ld(crumbs)]}
    return render(request, "roles/role_index.html", context)


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
@cache_public_page("role")
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        kind, shown = parse_panel_params(request.GET.get("kind"), request.GET.get("page"))
    except BadPanelRequest as error:
        return bad_request(request, str(error))
    options = {"slug": slug, "include_drafts": request.user.is_staff, "kind": kind, "shown": shown}
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

    role = page.role
    crumbs = [
        Crumb(_("Home"), reverse("home")),
        Crumb(_("Roles"), reverse("roles:index")),
        Crumb(role.title, role.get_absolute_url()),
    ]
    structured_data = [occupation_json_ld(page), breadcrumb_json_ld(crumbs)]
    if page.faqs:
        structured_data.append(faq_json_ld(page.faqs))
    context = {
        "page": page,
        "role": role,
        "panel": page.panel,
        "breadcrumbs": crumbs,
        "structured_data": structured_data,
        # Versioned, so link unfurlers that cache by URL fetch the image again after an edit.
        "share_image_url": absolute(reverse("roles:share_image", kwargs={"slug": role.slug}))
        + f"?v={content_version()}",
    }
    response = render(request, "roles/role_detail.html", context)
    if not page.role.is_published:
        response["X-Robots-Tag"] = "noindex"
    return response


def _moved(role_url: str, request: HttpRequest) -> HttpResponsePermanentRedirect:
    """301 to the role's current address, keeping the query string."""
    if request.GET:
        role_url += "?" + request.GET.urlencode()
    return HttpResponsePermanentRedirect(role_url)


@require_safe
def role_share_image(request: HttpRequest, slug: str) -> HttpResponse:
    """The role's 1200×630 link-preview image in the page language."""
    try:
        role = role_get(slug=slug, include_drafts=request.user.is_staff, with_lists=False)
    except RoleMoved as moved:
        return _moved(reverse("roles:share_image", kwargs={"slug": moved.role.slug}), request)
    response = HttpResponse(share_image(role), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def site_image(request: HttpRequest) -> HttpResponse:
    """The portal's own 1200×630 link-preview image in the page language."""
    response = HttpResponse(site_share_image(), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
@vary_on_headers("HX-Request")
def search_suggestions(request: HttpRequest) -> HttpResponse:
    """The options of the home page's search combobox (an htmx fragment). Without htmx, the
    same address answers with the search results page."""
    query = clean_query(request.GET.get("q"))
    if not request.htmx:
        return HttpResponseRedirect(_index_url(query))
    context = {"query": query, "suggestions": role_suggestions_get(query=query) if query else []}
    return render(request, "roles/suggestions.html", context)


@require_safe
def search_suggestions_json(request: HttpRequest) -> JsonResponse:
    """OpenSearch suggestions: [query, [titles], [descriptions], [addresses]]."""
    query = clean_query(request.GET.get("q"))
    cards = role_suggestions_get(query=query) if query else []
    response = JsonResponse(
        [
            query,
            [card.role.title for card in cards],
            [card.role.category.name for card in cards],
            [absolute(card.role.get_absolute_url()) for card in cards],
        ],
        safe=False,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def opensearch(request: HttpRequest) -> HttpResponse:
    """The OpenSearch description that lets a browser add the portal as a search engine, in
    the page language (its results and suggestions come in that language)."""
    language = translation.get_language()
    context = {
        "language": language,
        "results_url": absolute(reverse("roles:index")),
        "suggestions_url": absolute(reverse("search_suggestions_json")),
        "self_url": absolute(reverse("opensearch")),
        "icon_url": absolute(static("img/favicon.svg")),
        "description": _("Search job-role profiles on NexusHR: salaries, skills and career paths."),
    }
    response = render(
        request,
        "opensearch.xml",
        context,
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _index_url(query: str) -> str:
    url = reverse("roles:index")
    return f"{url}?{urlencode({'q': query})}" if query else url
