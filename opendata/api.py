"""The open-data API, version 1: read-only JSON under /api/v1/, described by OpenAPI.

Views here are thin: parse and check the query (ninja validates types against the schemas in
``opendata.schemas``; this module checks values against the data), call one selector, map rows
to schemas (``opendata.serializers``). HTTP concerns shared by every endpoint (language, ETag,
caching, CORS, rate limit, problem+json for errors raised outside ninja) live in
``opendata.middleware``.
"""

import datetime
import math
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI, Query, Swagger
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from nexushr.querystring import url_with_query
from opendata import schemas, selectors, serializers
from opendata.problems import KINDS, Problem, invalid, problem_response, type_uri
from roles.search import MAX_QUERY_LENGTH, clean_query
from roles.selectors import RoleMoved

DESCRIPTION = """\
Read-only data of the NexusHR role portal: published job-role profiles, their LATAM salary
bands, interview questions and FAQs, and the sources they come from.

* **Language**: `?lang={languages}` or the `Accept-Language` header; the answer's
  `Content-Language` says which was used. Untranslated text falls back to English.
* **Figures** carry their currency, period, pay type and level exactly as the source states
  them (`null` where the source is silent: never filled in), whether the source gives them as
  approximate, the source's caveat (`note`), their as-of date and their source. Never converted.
* **Sources**: every band, question and FAQ names its source (`/api/v1/sources` lists them all;
  a role's detail lists the ones its page cites).
* **Caching**: every answer has an `ETag`; send `If-None-Match` to get `304 Not Modified`.
* **Errors** are `application/problem+json` (RFC 9457); each `type` URI describes itself.
* **Rate limit**: {limit} requests per {window} seconds per client IP, then `429` with
  `Retry-After`.
* **CORS**: any origin may read (`Access-Control-Allow-Origin: *`), without credentials.
* The same data as CSV and JSON files, with a Frictionless data package: `/en/data/`.
"""

# The docs page runs Swagger UI from the app's own static files. Swagger UI sets inline style
# attributes as it renders, so this page alone also allows inline *styles* (never scripts).
DOCS_CSP = {**settings.SECURE_CSP, "style-src": ["'self'", "'unsafe-inline'"]}


class Utf8JSONRenderer(JSONRenderer):
    """Accented text as UTF-8, not \\u escapes: smaller, and readable with curl."""

    json_dumps_params = {"ensure_ascii": False}


ERRORS = {400: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}

api = NinjaAPI(
    title="NexusHR open data API",
    version="1",
    description=DESCRIPTION.format(
        languages="|".join(schemas.LANGUAGE_CODES),
        limit=settings.API_RATE_LIMIT,
        window=settings.API_RATE_WINDOW,
    ),
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=csp_override(DOCS_CSP),
    renderer=Utf8JSONRenderer(),
)


# Errors: every one is problem+json with a message naming the parameter and what is wrong.
@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
    return problem_response(request, exc)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        parameter = location[-1] if location else "query"
        errors.append(
            {"parameter": parameter, "in": "query", "message": _message(request, parameter, error)}
        )
    detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
    return problem_response(request, Problem("invalid-parameter", detail, errors=errors))


def _message(request: HttpRequest, parameter: str, error: dict) -> str:
    value = request.GET.get(parameter)
    got = f", got {value[:40]!r}" if value is not None else ""
    kind = error.get("type", "")
    if kind.startswith(("date", "datetime")):
        return f"expected a date as YYYY-MM-DD{got}"
    if kind.startswith("int"):
        return f"expected a whole number{got}"
    return f"{error.get('msg', 'invalid value')}{got}"


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, Problem("not-found", "No published resource here."))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    kind = {405: "method-not-allowed", 404: "not-found"}.get(exc.status_code, "invalid-parameter")
    return problem_response(request, Problem(kind, str(exc)))


def _only(request: HttpRequest, query: schemas.Schema) -> None:
    """Refuse parameters the endpoint does not know: a misspelt filter must not silently
    return everything."""
    known = set(type(query).model_fields)
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise Problem(
            "invalid-parameter",
            f"Unknown parameter(s): {', '.join(unknown)[:200]}. "
            f"This endpoint reads: {', '.join(sorted(known))}.",
            errors=[
                {
                    "parameter": name[:60],
                    "in": "query",
                    "message": f"not a parameter of this endpoint; known: "
                    f"{', '.join(sorted(known))}",
                }
                for name in unknown[:10]
            ],
        )


def _get(path: str, answer: object, *, name: str, summary: str, tag: str, others: dict = ERRORS):
    """Register a GET endpoint: 200 with ``answer``, the ``others`` responses (by default the
    problem+json errors), and, for a view with a ``query``, unknown parameters refused
    (``_only``) before the view runs."""

    def register(view: Callable) -> Callable:
        @wraps(view)  # ninja reads the view's signature, name and docstring through the wrapper
        def checked(request: HttpRequest, *args: object, **kwargs: object) -> object:
            if "query" in kwargs:
                _only(request, kwargs["query"])
            return view(request, *args, **kwargs)

        response = {200: answer, **others}
        return api.get(path, response=response, url_name=name, summary=summary, tags=[tag])(checked)

    return register


def _page(request: HttpRequest, items, query: schemas.PageQuery, serialize) -> dict:
    """One page of ``items`` (a queryset or list); a page past the last is a 400, not empty."""
    count = len(items) if isinstance(items, list) else items.count()
    pages = max(1, math.ceil(count / query.page_size))
    if query.page > pages:
        raise invalid(
            "page",
            f"page {query.page} does not exist: {count} item(s) make {pages} page(s) "
            f"of {query.page_size}",
        )
    start = (query.page - 1) * query.page_size
    chunk = items[start : start + query.page_size]

    def link(number: int) -> str:
        return settings.SITE_ORIGIN + url_with_query(request.path, request.GET, page=number)

    return {
        "count": count,
        "page": query.page,
        "pages": pages,
        "page_size": query.page_size,
        "next": link(query.page + 1) if query.page < pages else None,
        "previous": link(query.page - 1) if query.page > 1 else None,
        "items": [serialize(item) for item in chunk],
    }


def _published_role(parameter: str, slug: str):
    role = selectors.published_roles().filter(slug=slug).first()
    if role is None:
        raise invalid(parameter, f"no published role has the slug {slug[:80]!r}")
    return role


# The root ----------------------------------------------------------------------------------
ENDPOINTS = ("roles", "categories", "salary_bands", "interview_questions", "faqs", "sources")


@_get("/", schemas.ApiIndex, name="index", summary="What this API has", tag="index")
def index(request: HttpRequest, query: Query[schemas.LanguageQuery]):
    """The API's own address answers with where everything is, so a URL trimmed back to
    /api/v1/ is a map, not a 404."""
    origin = serializers._origin  # as every URL the API gives: absolute, on SITE_ORIGIN
    return {
        "name": api.title,
        "version": api.version,
        "docs": origin(reverse("api-v1:openapi-view")),
        "openapi": origin(reverse("api-v1:openapi-json")),
        "datasets": origin(reverse("opendata:index")),  # in the content language
        "endpoints": {name: origin(reverse(f"api-v1:{name}")) for name in ENDPOINTS},
    }


# Roles -----------------------------------------------------------------------------------------
class RoleQuery(schemas.PageQuery):
    category: str | None = schemas.Field(
        None, description="Category slug (see /categories).", max_length=80
    )
    demand: schemas.Demand | None = schemas.Field(None, description="Demand level.")
    q: str | None = schemas.Field(
        None,
        description="Search in the content language, ranked as on the role index: titles, "
        "other titles, tools, requirements and summaries; case, accents, plurals and small "
        "typos ignored, editors' synonyms included.",
        max_length=MAX_QUERY_LENGTH,
    )


@_get(
    "/roles",
    schemas.Page[schemas.RoleSummary],
    name="roles",
    summary="List published roles",
    tag="roles",
)
def roles(request: HttpRequest, query: Query[RoleQuery]):
    """Published roles, by slug (by relevance when searching), a page at a time."""
    category = None
    if query.category:
        categories = selectors.category_list()
        category = next((c for c in categories if c.slug == query.category), None)
        if category is None:
            known = ", ".join(c.slug for c in categories)
            raise invalid("category", f"unknown category {query.category!r}; known: {known}")
    roles = selectors.role_list(category=category, demand=query.demand, query=clean_query(query.q))
    return _page(request, roles, query, serializers.role_summary)


@_get(
    "/roles/{slug}",
    schemas.RoleDetail,
    name="role",
    summary="One role with every section of its page",
    tag="roles",
    others={301: None, **ERRORS},
)
def role(request: HttpRequest, slug: str, query: Query[schemas.LanguageQuery]):
    """Everything the role page shows. A renamed slug answers 301 to the current address."""
    try:
        detail = selectors.role_detail(slug=slug)
    except RoleMoved as moved:
        url = reverse("api-v1:role", kwargs={"slug": moved.role.slug})
        return HttpResponsePermanentRedirect(url_with_query(url, request.GET))
    return serializers.role_detail(detail)


@_get(
    "/categories",
    list[schemas.Category],
    name="categories",
    summary="Categories that have published roles",
    tag="roles",
)
def categories(request: HttpRequest, query: Query[schemas.LanguageQuery]):
    return [serializers.category(c) for c in selectors.category_list()]


# Salary bands ----------------------------------------------------------------------------------
class BandQuery(schemas.PageQuery):
    role: str | None = schemas.Field(None, description="Role slug.", max_length=120)
    country: str | None = schemas.Field(
        None,
        description="ISO 3166-1 alpha-2 country code, or `global` for bands of no country.",
        max_length=10,
    )
    currency: str | None = schemas.Field(None, description="ISO 4217 code.", max_length=10)
    level: schemas.Level | None = schemas.Field(None, description="Seniority level.")
    as_of_from: datetime.date | None = schemas.Field(
        None, description="Bands dated on or after (YYYY-MM-DD); undated bands never match."
    )
    as_of_to: datetime.date | None = schemas.Field(
        None, description="Bands dated on or before (YYYY-MM-DD); undated bands never match."
    )


@_get(
    "/salary-bands",
    schemas.Page[schemas.SalaryBand],
    name="salary_bands",
    summary="Salary bands of published roles",
    tag="salaries",
)
def salary_bands(request: HttpRequest, query: Query[BandQuery]):
    """Every band in its own currency, period and pay type, with its as-of date and source."""
    choices = selectors.band_filter_choices()
    country = query.country.upper() if query.country else None
    if country and country != "GLOBAL" and country not in choices["country"]:
        known = ", ".join([*choices["country"], "global"])
        raise invalid("country", f"unknown country {query.country!r}; known: {known}")
    currency = query.currency.upper() if query.currency else None
    if currency and currency not in choices["currency"]:
        known = ", ".join(choices["currency"])
        raise invalid("currency", f"no band is in {query.currency!r}; currencies: {known}")
    if query.as_of_from and query.as_of_to and query.as_of_from > query.as_of_to:
        raise invalid("as_of_to", "must be on or after as_of_from")
    bands = selectors.band_list(
        role=_published_role("role", query.role) if query.role else None,
        country="global" if country == "GLOBAL" else country,
        currency=currency,
        level=query.level,
        as_of_from=query.as_of_from,
        as_of_to=query.as_of_to,
    )
    return _page(request, bands, query, serializers.band)


# Questions and FAQs ----------------------------------------------------------------------------
class QuestionQuery(schemas.PageQuery):
    role: str | None = schemas.Field(
        None,
        description="Role slug: the questions its page shows (its own, its category's, "
        "generic ones), in the page's order.",
        max_length=120,
    )
    kind: schemas.QuestionKind | None = schemas.Field(None, description="Kind of question.")


@_get(
    "/interview-questions",
    schemas.Page[schemas.InterviewQuestion],
    name="interview_questions",
    summary="Curated interview questions",
    tag="questions",
)
def interview_questions(request: HttpRequest, query: Query[QuestionQuery]):
    role = _published_role("role", query.role) if query.role else None
    questions = selectors.question_list(role=role, kind=query.kind)
    return _page(request, questions, query, serializers.question)


class FAQQuery(schemas.PageQuery):
    role: str | None = schemas.Field(
        None,
        description="Role slug: the FAQs its page shows (its own, then site-wide ones).",
        max_length=120,
    )


@_get("/faqs", schemas.Page[schemas.FAQ], name="faqs", summary="FAQs", tag="questions")
def faqs(request: HttpRequest, query: Query[FAQQuery]):
    role = _published_role("role", query.role) if query.role else None
    return _page(request, selectors.faq_rows(role=role), query, serializers.faq)


# Sources and problem types ---------------------------------------------------------------------
@_get(
    "/sources",
    list[schemas.SourceDetail],
    name="sources",
    summary="The sources the data comes from",
    tag="sources",
)
def sources(request: HttpRequest, query: Query[schemas.LanguageQuery]):
    return serializers.source_list()


@_get(
    "/problems/{kind}",
    schemas.ProblemType,
    name="problem_type",
    summary="What an error type means",
    tag="errors",
    others={404: schemas.Problem, 429: schemas.Problem},
)
def problem_type(request: HttpRequest, kind: str):
    """Each error's `type` URI answers here with its description."""
    if kind not in KINDS:
        raise Problem("not-found", f"No problem type {kind[:40]!r}; known: {', '.join(KINDS)}.")
    status, title, description = KINDS[kind]
    return {"type": type_uri(kind), "title": title, "status": status, "description": description}
