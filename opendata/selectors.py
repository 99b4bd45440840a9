"""Reads for the open data: the API, the dataset files and the feed. Published roles only.

Every read starts from published roles, so a draft never reaches a list, a count, a filter's
choices or a related field (career-step links, related roles, a question's roles). Each read
costs a fixed number of queries whatever the number of rows (asserted in tests/opendata/).
Arguments arrive validated and typed (the API and the views parse the query string).
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import (
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from faqs.models import FAQ, InterviewQuestion
from faqs.selectors import faq_list, interview_question_list
from nexushr.formatting import country_name
from nexushr.translation import fallback_columns
from roles.models import Category, Role
from roles.search import search_roles
from roles.selectors import (
    category_list as category_list,  # the API's categories are the site's (re-exported)
)
from roles.selectors import (
    current_career_step,
    role_get,
    role_queryset,
    sources_in_page_order,
)
from salaries.models import Country, SalaryBand
from sources.models import Source


def published_roles() -> QuerySet[Role]:
    return role_queryset()


def role_list(
    *, category: Category | None = None, demand: str | None = None, query: str = ""
) -> QuerySet[Role]:
    roles = published_roles().prefetch_related("role_tools__tool")
    if category is not None:
        roles = roles.filter(category=category)
    if demand:
        roles = roles.filter(demand=demand)
    roles = search_roles(roles, query)
    if query:
        return roles
    return roles.order_by("slug")


def role_slugs_published() -> set[str]:
    return set(published_roles().values_list("slug", flat=True))


@dataclass(frozen=True)
class RoleDetail:
    role: Role
    questions: list[InterviewQuestion]
    faqs: list[FAQ]
    sources: list[Source]
    current_step: object | None  # the career rung of the role itself (roles.CareerStep)


def _role_faqs(role: Role, *, with_questions: bool) -> list[FAQ]:
    """The FAQs the role's page shows: a FAQ about salaries or questions only where the page
    has them (``FAQ.only_with``)."""
    return faq_list(role=role, with_salaries=role.has_salary_figures, with_questions=with_questions)


def role_detail(*, slug: str) -> RoleDetail:
    """A published role with every list its page shows. Raises ``roles.selectors.RoleMoved``
    for a renamed slug and ``Http404`` for an unknown or unpublished one."""
    role = role_get(slug=slug)
    questions = interview_question_list(role=role)
    _prefetch_question_links(questions)
    faqs = _role_faqs(role, with_questions=bool(questions))
    sources = sources_in_page_order(
        [role],
        role.salary_bands.all(),
        role.responsibilities.all(),
        role.requirements.all(),
        role.career_steps.all(),
        questions,
        faqs,
    )
    return RoleDetail(
        role=role,
        questions=questions,
        faqs=faqs,
        sources=sources,
        current_step=current_career_step(role),
    )


def _prefetch_question_links(questions: list[InterviewQuestion]) -> None:
    prefetch_related_objects(
        questions,
        Prefetch("roles", queryset=Role.objects.published().only("slug"), to_attr="public_roles"),
        Prefetch("categories", queryset=Category.objects.only("slug"), to_attr="category_list"),
    )


def band_list(
    *,
    role: Role | None = None,
    country: str | None = None,
    currency: str | None = None,
    level: str | None = None,
    as_of_from: datetime.date | None = None,
    as_of_to: datetime.date | None = None,
) -> QuerySet[SalaryBand]:
    """Salary bands of published roles; a band with no as-of date never matches a date range."""
    bands = SalaryBand.objects.filter(role__status=Role.Status.PUBLISHED).select_related(
        "role", "country", "source"
    )
    if role is not None:
        bands = bands.filter(role=role)
    if country == "global":
        bands = bands.filter(country__isnull=True)
    elif country:
        bands = bands.filter(country__code=country)
    if currency:
        bands = bands.filter(currency=currency)
    if level:
        bands = bands.filter(level=level)
    if as_of_from:
        bands = bands.filter(as_of__gte=as_of_from)
    if as_of_to:
        bands = bands.filter(as_of__lte=as_of_to)
    return bands.order_by("role__slug", "order", "pk")


def band_filter_choices() -> dict[str, list[str]]:
    """The values the band filters accept: what published roles' bands actually use."""
    bands = SalaryBand.objects.filter(role__status=Role.Status.PUBLISHED)
    return {
        "country": sorted(Country.objects.values_list("code", flat=True)),
        "currency": sorted(set(bands.values_list("currency", flat=True))),
    }


def question_list(*, role: Role | None = None, kind: str | None = None) -> list[InterviewQuestion]:
    """Active interview questions. With ``role``: those that apply to it (its own, its
    category's, generic), in the panel's order. Without: every question a published role's page
    can show; a question tied only to draft roles stays hidden."""
    if role is not None:
        questions = interview_question_list(role=role)
        if kind:
            questions = [q for q in questions if q.kind == kind]
    else:
        links = InterviewQuestion.roles.through.objects.filter(interviewquestion=OuterRef("pk"))
        category_links = InterviewQuestion.categories.through.objects.filter(
            interviewquestion=OuterRef("pk")
        )
        visible = (
            Exists(links.filter(role__status=Role.Status.PUBLISHED))
            | Exists(category_links)
            | (~Exists(links) & ~Exists(category_links))
        )
        queryset = InterviewQuestion.objects.active().filter(visible).select_related("source")
        if kind:
            queryset = queryset.filter(kind=kind)
        questions = list(queryset.order_by("kind", "order", "pk"))
    _prefetch_question_links(questions)
    return questions


def faq_rows(*, role: Role | None = None) -> list[FAQ]:
    """Active FAQs. With ``role``: what its page shows (its own, then site-wide ones). Without:
    every published role's FAQs and the site-wide ones."""
    if role is not None:
        has_questions = InterviewQuestion.objects.for_role(role).exists()
        faqs = _role_faqs(role, with_questions=has_questions)
        for faq in faqs:
            faq.role_slug = role.slug if faq.role_id else None
        return faqs
    faqs = list(
        FAQ.objects.active()
        .filter(Q(role__isnull=True) | Q(role__status=Role.Status.PUBLISHED))
        .select_related("role", "source")
        .order_by(F("role__slug").asc(nulls_first=True), "order", "pk")
    )
    for faq in faqs:
        faq.role_slug = faq.role.slug if faq.role_id else None
    return faqs


def source_list() -> list[Source]:
    """Every source on record, by title in the content language."""
    return sorted(Source.objects.all(), key=lambda source: (source.title.casefold(), source.key))


def roles_by_change(*, limit: int) -> list[Role]:
    """Published roles, the most recently changed first, each with its recent changes."""
    from opendata.models import RoleChange

    return list(
        published_roles()
        .annotate(last_change=Coalesce(Max("changes__changed_at"), "updated_at"))
        .order_by("-last_change", "slug")
        .prefetch_related(Prefetch("changes", queryset=RoleChange.objects.order_by("-changed_at")))[
            :limit
        ]
    )


def roles_for_dataset() -> Iterable[Role]:
    return published_roles().prefetch_related("role_tools__tool").order_by("slug")


def band_table() -> Iterator[tuple]:
    """Every published role's salary bands for the full dataset file, as plain tuples in the
    order of ``datasets.SALARY_BANDS``'s columns, with the values ``band_rows`` gives: one
    query joining role, country and source, no model instances (20,000 bands are read in a
    fraction of the time). Translated text falls back as modeltranslation's fields do."""
    note, pick_note = fallback_columns(SalaryBand, "note")
    role_title, pick_role_title = fallback_columns(Role, "title")
    source_title, pick_source_title = fallback_columns(Source, "title")
    columns = [
        "key",
        "role__slug",
        "country__code",
        "currency",
        "statistic",
        "minimum",
        "maximum",
        "period",
        "pay",
        "period_reading",
        "level",
        "experience_min_years",
        "experience_max_years",
        "approximate",
        "as_of",
        "source__key",
        "source__url",
        *note,
        *(f"role__{name}" for name in role_title),
        *(f"source__{name}" for name in source_title),
    ]
    notes = slice(17, 17 + len(note))
    role_titles = slice(notes.stop, notes.stop + len(role_title))
    source_titles = slice(role_titles.stop, role_titles.stop + len(source_title))
    names: dict[str, str] = {}
    for row in band_list().values_list(*columns).iterator(chunk_size=2000):
        code = row[2]
        if code and code not in names:
            names[code] = country_name(code)
        yield (
            row[0],
            row[1],
            code or None,
            names[code] if code else None,
            row[3],
            row[4],
            row[5],
            row[6],
            row[7] or None,
            row[8] or None,
            row[9] or None,
            row[10] or None,
            row[11],
            row[12],
            row[13],
            pick_note(row[notes]) or None,
            row[14],
            pick_role_title(row[role_titles]),
            row[15],
            pick_source_title(row[source_titles]),
            row[16] or None,
        )
