"""Views of the role pages: thin — parse the request, call one selector, render one template."""

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_cookie, vary_on_headers

from nexushr.cache import cache_public_page
from nexushr.errors import bad_request
from nexushr.forms import first_error
from nexushr.querystring import url_with_query
from nexushr.seo import Crumb, absolute, breadcrumb_json_ld, breadcrumbs
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
    RolePageForm,
    split_slugs,
)
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

    role = page.role
    crumbs = breadcrumbs(_index_crumb(), Crumb(role.title, role.get_absolute_url()))
    context = {
        "page": page,
        "role": role,
        "panel": page.panel,
        "breadcrumbs": crumbs,
        "structured_data": role_page_json_ld(page, crumbs),
        **_share_context(
            url_with_query(absolute(role.get_absolute_url()), kind=form.cleaned_data["kind"]),
            title=f"{role.title} · {settings.SITE_NAME}",
            summary=role.summary,
        ),
        "qr_url": reverse("roles:qr_code", kwargs={"slug": role.slug}),
        "share_image_url": share_image_url(role),
    }
    response = render(request, "roles/role_detail.html", context)
    if not page.role.is_published:
        response["X-Robots-Tag"] = "noindex"
    return response


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
@share_image_cache
def role_share_image(request: HttpRequest, slug: str) -> HttpResponse:
    """The role's 1200×630 link-preview image in the page language."""
    try:
        role = role_get(slug=slug, include_drafts=request.user.is_staff, with_lists=False)
    except RoleMoved as moved:
        return _moved(reverse("roles:share_image", kwargs={"slug": moved.role.slug}), request)
    return HttpResponse(share_image(role), content_type="image/png")


@require_safe
def role_qr_code(request: HttpRequest, slug: str) -> HttpResponse:
    """A QR code of the role page's canonical URL in this language, for printouts and screens."""
    try:
        role = role_get(slug=slug, include_drafts=request.user.is_staff, with_lists=False)
    except RoleMoved as moved:
        return _moved(reverse("roles:qr_code", kwargs={"slug": moved.role.slug}), request)
    response = HttpResponse(qr_png(absolute(role.get_absolute_url())), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
@share_image_cache
def site_image(request: HttpRequest) -> HttpResponse:
    """The portal's own 1200×630 link-preview image in the page language."""
    return HttpResponse(site_share_image(), content_type="image/png")


# ---------- Compare up to three roles ----------

TRAY_TARGET = "compare-tray"
TRAY_COOKIE_AGE = 60 * 60 * 24 * 30


@require_safe
@vary_on_headers("HX-Request")
@cache_public_page("compare")
def compare(request: HttpRequest) -> HttpResponse:
    """``/compare/?roles=a,b,c``: the URL is the whole state, so any combination can be shared."""
    # Called by the template only when the menu is shown (not when three roles are compared).
    context: dict[str, object] = {"picker": picker_roles, "max_compared": MAX_COMPARED}
    if "roles" not in request.GET:
        # No list at all: the starting point, with the menu to choose roles.
        return render(request, "roles/compare.html", context | {"comparison": None, "chosen": []})
    form = CompareForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form.first_error())
    try:
        comparison = role_comparison_get(slugs=form.cleaned_data["roles"])
    except RolesRenamed as renamed:
        return HttpResponsePermanentRedirect(compare_url(renamed.slugs))
    crumbs = breadcrumbs(Crumb(_("Compare roles"), reverse("compare")))
    context |= {
        "comparison": comparison,
        "chosen": comparison.slugs,
        "breadcrumbs": crumbs,
        "structured_data": [breadcrumb_json_ld(crumbs)],
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
    return response


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
