"""Reads for the open data: the API, the dataset files and the feed. Published roles only.

Every read starts from published roles, so a draft never reaches a list, a count, a filter's
choices or a related field (career-step links, related roles, a question's roles). Each read
costs a fixed number of queries whatever the number of rows (asserted in tests/opendata/).
Arguments arrive validated and typed (the API and the views parse the query string).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Count,
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
from roles.models import Category, Role
from roles.search import search_roles
from roles.selectors import role_get, role_queryset
from salaries.models import Country, SalaryBand


def published_roles() -> QuerySet[Role]:
    return role_queryset()


def category_list() -> list[Category]:
    """Categories that have published roles, each with ``role_count`` (published roles only)."""
    return list(
        Category.objects.annotate(
            role_count=Count("roles", filter=Q(roles__status=Role.Status.PUBLISHED))
        ).filter(role_count__gt=0)
    )


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


def role_detail(*, slug: str) -> RoleDetail:
    """A published role with every list its page shows. Raises ``roles.selectors.RoleMoved``
    for a renamed slug and ``Http404`` for an unknown or unpublished one."""
    role = role_get(slug=slug)
    questions = interview_question_list(role=role)
    _prefetch_question_links(questions)
    return RoleDetail(role=role, questions=questions, faqs=faq_list(role=role))


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
        "role", "country"
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
        queryset = InterviewQuestion.objects.active().filter(visible)
        if kind:
            queryset = queryset.filter(kind=kind)
        questions = list(queryset.order_by("kind", "order", "pk"))
    _prefetch_question_links(questions)
    return questions


def faq_rows(*, role: Role | None = None) -> list[FAQ]:
    """Active FAQs. With ``role``: what its page shows (its own, then site-wide ones). Without:
    every published role's FAQs and the site-wide ones."""
    if role is not None:
        faqs = faq_list(role=role)
        for faq in faqs:
            faq.role_slug = role.slug if faq.role_id else None
        return faqs
    faqs = list(
        FAQ.objects.active()
        .filter(Q(role__isnull=True) | Q(role__status=Role.Status.PUBLISHED))
        .select_related("role")
        .order_by(F("role__slug").asc(nulls_first=True), "order", "pk")
    )
    for faq in faqs:
        faq.role_slug = faq.role.slug if faq.role_id else None
    return faqs


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
