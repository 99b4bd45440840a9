"""The open-data API, version 1: read-only JSON under /api/v1/, described by OpenAPI.

Views here are thin: parse and check the query (ninja validates types against the schemas in
``opendata.schemas``; this module checks values against the data), call one selector, map rows
to schemas (``opendata.serializers``). HTTP concerns shared by every endpoint (language, ETag,
caching, CORS, rate limit, problem+json for errors raised outside ninja) live in
``opendata.middleware``.
"""

import datetime
import math

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI, Query, Swagger
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from opendata import schemas, selectors, serializers
from opendata.problems import KINDS, Problem, invalid, problem_response, type_uri
from roles.search import MAX_QUERY_LENGTH, clean_query
from roles.selectors import RoleMoved

DESCRIPTION = """\
Read-only data of the NexusHR role portal: published job-role profiles, their LATAM salary
bands, interview questions and FAQs, and the sources they come from.

* **Language**: `?lang=en|pt-br|es-mx` or the `Accept-Language` header; the answer's
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
    description=DESCRIPTION.format(limit=settings.API_RATE_LIMIT, window=settings.API_RATE_WINDOW),
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
        params = request.GET.copy()
        params["page"] = str(number)
        return f"{settings.SITE_ORIGIN}{request.path}?{params.urlencode()}"

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


@api.get(
    "/roles",
    response={200: schemas.Page[schemas.RoleSummary], **ERRORS},
    url_name="roles",
    summary="List published roles",
    tags=["roles"],
)
def roles(request: HttpRequest, query: Query[RoleQuery]):
    """Published roles, by slug (by relevance when searching), a page at a time."""
    _only(request, query)
    category = None
    if query.category:
        categories = selectors.category_list()
        category = next((c for c in categories if c.slug == query.category), None)
        if category is None:
            known = ", ".join(c.slug for c in categories)
            raise invalid("category", f"unknown category {query.category!r}; known: {known}")
    roles = selectors.role_list(category=category, demand=query.demand, query=clean_query(query.q))
    return _page(request, roles, query, serializers.role_summary)


@api.get(
    "/roles/{slug}",
    response={200: schemas.RoleDetail, 301: None, **ERRORS},
    url_name="role",
    summary="One role with every section of its page",
    tags=["roles"],
)
def role(request: HttpRequest, slug: str, query: Query[schemas.LanguageQuery]):
    """Everything the role page shows. A renamed slug answers 301 to the current address."""
    _only(request, query)
    try:
        detail = selectors.role_detail(slug=slug)
    except RoleMoved as moved:
        url = reverse("api-v1:role", kwargs={"slug": moved.role.slug})
        if request.GET:
            url += "?" + request.GET.urlencode()
        return HttpResponsePermanentRedirect(url)
    return serializers.role_detail(detail)


@api.get(
    "/categories",
    response={200: list[schemas.Category], **ERRORS},
    url_name="categories",
    summary="Categories that have published roles",
    tags=["roles"],
)
def categories(request: HttpRequest, query: Query[schemas.LanguageQuery]):
    _only(request, query)
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


@api.get(
    "/salary-bands",
    response={200: schemas.Page[schemas.SalaryBand], **ERRORS},
    url_name="salary_bands",
    summary="Salary bands of published roles",
    tags=["salaries"],
)
def salary_bands(request: HttpRequest, query: Query[BandQuery]):
    """Every band in its own currency, period and pay type, with its as-of date and source."""
    _only(request, query)
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


@api.get(
    "/interview-questions",
    response={200: schemas.Page[schemas.InterviewQuestion], **ERRORS},
    url_name="interview_questions",
    summary="Curated interview questions",
    tags=["questions"],
)
def interview_questions(request: HttpRequest, query: Query[QuestionQuery]):
    _only(request, query)
    role = _published_role("role", query.role) if query.role else None
    questions = selectors.question_list(role=role, kind=query.kind)
    return _page(request, questions, query, serializers.question)


class FAQQuery(schemas.PageQuery):
    role: str | None = schemas.Field(
        None,
        description="Role slug: the FAQs its page shows (its own, then site-wide ones).",
        max_length=120,
    )


@api.get(
    "/faqs",
    response={200: schemas.Page[schemas.FAQ], **ERRORS},
    url_name="faqs",
    summary="FAQs",
    tags=["questions"],
)
def faqs(request: HttpRequest, query: Query[FAQQuery]):
    _only(request, query)
    role = _published_role("role", query.role) if query.role else None
    return _page(request, selectors.faq_rows(role=role), query, serializers.faq)


# Sources and problem types ---------------------------------------------------------------------
@api.get(
    "/sources",
    response={200: list[schemas.SourceDetail], **ERRORS},
    url_name="sources",
    summary="The sources the data comes from",
    tags=["sources"],
)
def sources(request: HttpRequest, query: Query[schemas.LanguageQuery]):
    _only(request, query)
    return serializers.source_list()


@api.get(
    "/problems/{kind}",
    response={200: schemas.ProblemType, 404: schemas.Problem, 429: schemas.Problem},
    url_name="problem_type",
    summary="What an error type means",
    tags=["errors"],
)
def problem_type(request: HttpRequest, kind: str):
    """Each error's `type` URI answers here with its description."""
    if kind not in KINDS:
        raise Problem("not-found", f"No problem type {kind[:40]!r}; known: {', '.join(KINDS)}.")
    status, title, description = KINDS[kind]
    return {"type": type_uri(kind), "title": title, "status": status, "description": description}
