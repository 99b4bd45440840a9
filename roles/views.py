"""Views of the role pages: thin — parse the request, call one selector, render one template."""

from django.conf import settings
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
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_cookie, vary_on_headers

from nexushr.cache import PageSpec, is_staff, page, private, tag_response
from nexushr.errors import bad_request
from nexushr.querystring import url_with_query
from nexushr.seo import Crumb, absolute, trail_context
from nexushr.sharing import qr_png, share_links
from roles.compare import (
    COOKIE_NAME,
    RolesRenamed,
    compare_url,
    picker_roles,
    role_comparison_get,
    tray_roles,
)
from roles.forms import (
    MAX_COMPARED,
    MAX_ROLES_LENGTH,
    SLUG,
    CompareEditForm,
    CompareForm,
    RoleIndexForm,
    RolePageForm,
    SearchSuggestionsForm,
    split_slugs,
)
from roles.selectors import (
    RoleMoved,
    categories_with_roles,
    role_get,
    role_index_get,
    role_page_get,
    role_panel_get,
    role_suggestions_get,
)
from roles.share_image import image_tags, share_image, share_image_url, site_share_image
from roles.structured_data import occupation_json_ld

PANEL_TARGET = "interview-questions"
RESULTS_TARGET = "results"
TRAY_TARGET = "compare-tray"
TRAY_COOKIE_AGE = 60 * 60 * 24 * 30

# What each page reads from the query string (nexushr/cache.py, roles/forms.py): the cache key,
# the canonical URL and the language links are derived from these; any other parameter is
# ignored.
HOME = PageSpec("home")
INDEX = PageSpec(
    "index",
    form=RoleIndexForm,
    canonical=frozenset({"category", "page"}),
    fragments=frozenset({RESULTS_TARGET}),
)
ROLE = PageSpec("role", form=RolePageForm, fragments=frozenset({PANEL_TARGET}))
IMAGE = PageSpec("image")
# The search box's suggestions (htmx fragment and OpenSearch JSON) read only ``q``, declared in
# RoleIndexForm; the OpenSearch description reads nothing.
SUGGESTIONS_TARGET = "home-q-list"
SUGGESTIONS = PageSpec(
    "suggestions", form=SearchSuggestionsForm, fragments=frozenset({SUGGESTIONS_TARGET})
)
OPENSEARCH = PageSpec("opensearch")
# The URL is the comparison; its canonical address is set by the view (slugs in order).
COMPARE = PageSpec("compare", form=CompareForm)
LISTING = "listing"


def _index_crumb() -> Crumb:
    return Crumb(_("Roles"), reverse("roles:index"))


@require_safe
@page(HOME)
def home(request: HttpRequest) -> HttpResponse:
    response = render(request, "roles/home.html", {"categories": categories_with_roles()})
    return tag_response(response, {LISTING})


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
@page(INDEX)
def role_index(request: HttpRequest) -> HttpResponse:
    params = request.page_form.cleaned_data
    index = role_index_get(
        query=params["q"], category_slug=params["category"], page_number=params["page"]
    )
    context = {"index": index, "page": index.page}
    if request.htmx and request.htmx.target == RESULTS_TARGET:
        # Live search: only the results are swapped.
        response = render(request, "roles/role_index.html#results", context)
        return tag_response(response, {LISTING})
    context |= trail_context(_index_crumb())
    return tag_response(render(request, "roles/role_index.html", context), {LISTING})


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
@page(ROLE)
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    form = request.page_form
    options = {"slug": slug, "include_drafts": is_staff(request), **form.panel_options()}
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
    role_crumb = Crumb(role.title, role.get_absolute_url())
    context = {
        "page": page,
        "role": role,
        "panel": page.panel,
        **trail_context(_index_crumb(), role_crumb, json_ld=[occupation_json_ld(page)]),
        **_share_context(
            url_with_query(absolute(role.get_absolute_url()), kind=form.cleaned_data["kind"]),
            title=f"{role.title} · {settings.SITE_NAME}",
            summary=role.summary,
        ),
        "qr_url": reverse("roles:qr_code", kwargs={"slug": role.slug}),
        "share_image_url": share_image_url(role),
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


def _share_context(url: str, *, title: str, summary: str = "") -> dict[str, object]:
    """The share box: the URL to share (canonical, plus the panel tab only) and app links."""
    return {
        "share_url": url,
        "share_title": title,
        "share_links": share_links(url=url, title=title, summary=summary),
    }


def _moved(url: str, request: HttpRequest) -> HttpResponsePermanentRedirect:
    """301 to the role's current address, keeping the query string."""
    return HttpResponsePermanentRedirect(url_with_query(url, request.GET))


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
def role_qr_code(request: HttpRequest, slug: str) -> HttpResponse:
    """A QR code of the role page's canonical URL in this language, for printouts and screens."""
    try:
        role = role_get(slug=slug, include_drafts=is_staff(request), with_lists=False)
    except RoleMoved as moved:
        return _moved(reverse("roles:qr_code", kwargs={"slug": moved.role.slug}), request)
    response = HttpResponse(qr_png(absolute(role.get_absolute_url())), content_type="image/png")
    if not role.is_published:
        return private(response)
    return tag_response(response, {f"role:{role.pk}"})  # only its address: a renamed slug


@require_safe
@page(IMAGE)
def site_image(request: HttpRequest) -> HttpResponse:
    """The portal's own 1200×630 link-preview image in the page language."""
    return HttpResponse(site_share_image(), content_type="image/png")


# ---------- Compare up to three roles ----------


@require_safe
@vary_on_headers("HX-Request")
@page(COMPARE)
def compare(request: HttpRequest) -> HttpResponse:
    """``/compare/?roles=a,b,c``: the URL is the whole state, so any combination can be shared."""
    # Called by the template only when the menu is shown (not when three roles are compared).
    context: dict[str, object] = {"picker": picker_roles, "max_compared": MAX_COMPARED}
    slugs = request.page_form.cleaned_data["roles"]
    if not slugs:
        # No list at all: the starting point, with the menu to choose roles.
        response = render(
            request, "roles/compare.html", context | {"comparison": None, "chosen": []}
        )
        return tag_response(response, {LISTING})
    try:
        comparison = role_comparison_get(slugs=slugs)
    except RolesRenamed as renamed:
        return HttpResponsePermanentRedirect(compare_url(renamed.slugs))
    context |= {
        "comparison": comparison,
        "chosen": comparison.slugs,
        **trail_context(Crumb(_("Compare roles"), reverse("compare"))),
        # One canonical address per combination, whatever order the visitor chose.
        "canonical_path": compare_url(comparison.canonical_slugs),
        **_share_context(
            absolute(compare_url(comparison.canonical_slugs)),
            title=" · ".join(item.role.title for item in comparison.roles)
            + f" · {settings.SITE_NAME}",
        ),
    }
    response = render(request, "roles/compare.html", context)
    response["X-Robots-Tag"] = "noindex"
    # A comparison shows most of each role's page, and the roles' ranks on each other's paths.
    return tag_response(response, {"any"})


def tray_slugs(request: HttpRequest) -> list[str]:
    """The tray remembered in the visitor's cookie; anything malformed in it is ignored."""
    value = request.COOKIES.get(COOKIE_NAME, "")[:MAX_ROLES_LENGTH]
    slugs = [slug for slug in split_slugs(value) if SLUG.match(slug)]
    return list(dict.fromkeys(slugs))[:MAX_COMPARED]


@require_safe
@never_cache
def compare_edit(request: HttpRequest) -> HttpResponse:
    """Add, remove or move one role, then show the comparison (or, for htmx, the tray).

    A GET that changes only the visitor's own tray cookie, so the controls are plain links
    that work on cached pages and without JavaScript (crawlers are kept off by ``nofollow``
    and robots.txt).
    """
    form = CompareEditForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.first_error())
    data = form.cleaned_data
    slugs = data["roles"] if "roles" in request.GET else tray_slugs(request)
    message = ""
    if data["add"] and data["add"] not in slugs:
        if len(slugs) >= MAX_COMPARED:
            message = _("You can compare up to three roles: remove one before adding another.")
        else:
            slugs.append(data["add"])
    if data["remove"]:
        slugs = [slug for slug in slugs if slug != data["remove"]]
    for name, step in (("earlier", -1), ("later", 1)):
        if data[name] in slugs:
            here = slugs.index(data[name])
            there = here + step
            if 0 <= there < len(slugs):
                slugs[here], slugs[there] = slugs[there], slugs[here]
    roles = tray_roles(slugs)
    slugs = [role.slug for role in roles]
    if request.htmx and request.htmx.target == TRAY_TARGET:
        response = render(
            request,
            "roles/includes/compare_tray.html",
            {"tray": roles, "tray_message": message, "tray_url": compare_url(slugs)},
        )
    elif message:
        response = bad_request(request, message)
    else:
        response = HttpResponseRedirect(compare_url(slugs), status=303)
    response.set_cookie(
        COOKIE_NAME, ",".join(slugs), max_age=TRAY_COOKIE_AGE, samesite="Lax", httponly=True
    )
    return response


@require_safe
@never_cache
@vary_on_cookie
def compare_tray(request: HttpRequest) -> HttpResponse:
    """The tray, for htmx to load into pages that are cached for everyone."""
    if not request.htmx:
        return bad_request(request, _("This address is a part of a page, loaded by the page."))
    roles = tray_roles(tray_slugs(request))
    context = {"tray": roles, "tray_url": compare_url([role.slug for role in roles])}
    return render(request, "roles/includes/compare_tray.html", context)


# ---------- Search suggestions and OpenSearch ----------


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
@page(SUGGESTIONS)
def search_suggestions(request: HttpRequest) -> HttpResponse:
    """The options of the home page's search combobox (an htmx fragment). Without htmx, the
    same address answers with the search results page."""
    query = request.page_form.cleaned_data["q"]
    results_url = url_with_query(reverse("roles:index"), q=query or None)
    if not request.htmx:
        return HttpResponseRedirect(results_url)
    context = {
        "query": query,
        "suggestions": role_suggestions_get(query=query) if query else [],
        "all_results_url": results_url,
    }
    return tag_response(render(request, "roles/suggestions.html", context), {LISTING})


@require_safe
@page(SUGGESTIONS)
def search_suggestions_json(request: HttpRequest) -> JsonResponse:
    """OpenSearch suggestions: [query, [titles], [descriptions], [addresses]]."""
    query = request.page_form.cleaned_data["q"]
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
    return tag_response(response, {LISTING})


@require_safe
@page(OPENSEARCH)
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
    # Only addresses and fixed text: no content tag, so only a new build (or ``all``) drops it.
    return tag_response(response, set())
