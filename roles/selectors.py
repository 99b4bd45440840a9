"""Reads for the role pages: one function per page assembles everything its template needs.

The role page is where the apps meet, so this module may read ``salaries`` and ``faqs`` rows
(through reverse relations and their public selectors); those apps never import ``roles`` views.
Every list is fetched with one ordered query, so a page costs the same number of queries
whatever the size of its lists (asserted in tests/roles/test_queries.py).
"""

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname, get_language

from faqs.models import FAQ
from faqs.selectors import QuestionPanel, faq_list, question_panel
from nexushr.querystring import url_with_query
from roles.models import (
    CareerStep,
    Category,
    Requirement,
    Responsibility,
    Role,
    RoleRedirect,
    RoleTool,
)
from roles.search import SearchResult, closest_roles, highlight, search, snippet
from salaries.charts import PayChart, pay_charts
from salaries.models import SalaryBand
from salaries.selectors import LevelTable, average_bands, level_tables, regional_bands
from sources.models import Source

ROLES_PER_PAGE = 12
# rapidfuzz's WRatio (0-100) from which a title counts as close to an unknown address's words:
# "machine-learning" scores 90 against Machine Learning Engineer, "xyz-123" under 40 with all.
CLOSE_TITLE = 75
HOME_ROLES_PER_CATEGORY = 6


@dataclass(frozen=True)
class RolePage:
    role: Role
    required: list[Requirement]
    preferred: list[Requirement]
    regional_bands: list[SalaryBand]
    level_tables: list[LevelTable]
    averages: list[SalaryBand]
    faqs: list[FAQ]
    panel: QuestionPanel
    sources: list[Source]
    current_step_pk: int | None = None  # the one career-ladder rung badged "This role"

    @property
    def is_stub(self) -> bool:
        """A profile the sources barely describe: no figures, lists, questions or daily routine."""
        role = self.role
        return not (
            self.bands
            or self.required
            or self.preferred
            or role.day_in_the_life
            or role.responsibilities.all()
            or role.career_steps.all()
            or self.panel.every_question
        )

    @property
    def bands(self) -> list[SalaryBand]:
        """Every band shown on the page, in page order (the JSON-LD uses the same list)."""
        by_level = [band for table in self.level_tables for band in table.bands]
        return [*self.regional_bands, *by_level, *self.averages]

    @cached_property
    def charts(self) -> list[PayChart]:
        """Pay at a glance: one SVG chart per currency and period, drawn from ``bands``."""
        return pay_charts(self.bands)


class RoleMoved(Exception):
    """The slug is an old one: the caller answers with a permanent redirect to ``role``."""

    def __init__(self, role: Role) -> None:
        self.role = role


def role_queryset(*, include_drafts: bool = False) -> QuerySet[Role]:
    """Roles with their category, each marked ``has_salary_figures`` (the cards say which do).

    The mark looks up each row's first band through the bands' role index. The callers read a
    page of cards under a LIMIT, and PostgreSQL plans an ``EXISTS`` there for every role of
    the catalogue: it hashed all 20,000 bands to mark six cards (5 ms of the home page's 6).
    """
    first_band = SalaryBand.objects.filter(role=OuterRef("pk")).order_by().values("pk")[:1]
    roles = (
        Role.objects.select_related("category")
        .alias(first_band=Subquery(first_band))
        .annotate(has_salary_figures=Q(first_band__isnull=False))
    )
    return roles if include_drafts else roles.published()


def category_list() -> list[Category]:
    """Categories that have published roles, in order, each with ``role_count`` (published
    roles only).

    Each count is read from the category's rows of a listing index (an index-only scan); a
    join grouped by category read every role of the catalogue instead (7 ms at 10,000 roles,
    against 1 ms).
    """
    published = (
        Role.objects.published()
        .filter(category=OuterRef("pk"))
        .order_by()
        .values("category")
        .annotate(count=Count("*"))
        .values("count")
    )
    categories = Category.objects.annotate(role_count=Subquery(published))
    return [category for category in categories if category.role_count]


def role_get(*, slug: str, include_drafts: bool = False, with_lists: bool = True) -> Role:
    """The role at ``slug``; ``with_lists`` prefetches every list the role page shows, in order.

    Raises ``RoleMoved`` for a renamed slug or one written in capitals, and ``Http404`` for an
    unknown or unpublished one.
    """
    roles = role_queryset(include_drafts=include_drafts)
    if with_lists:
        roles = roles.prefetch_related(
            Prefetch("responsibilities", queryset=Responsibility.objects.select_related("source")),
            Prefetch("requirements", queryset=Requirement.objects.select_related("source")),
            Prefetch(
                "career_steps",
                queryset=CareerStep.objects.select_related("source").prefetch_related(
                    Prefetch("linked_roles", queryset=Role.objects.published())
                ),
            ),
            Prefetch("role_tools", queryset=RoleTool.objects.select_related("tool")),
            Prefetch(
                "salary_bands", queryset=SalaryBand.objects.select_related("country", "source")
            ),
            Prefetch("related_roles", queryset=role_queryset()),
            "sources",
        )
    try:
        return roles.get(slug=slug)
    except Role.DoesNotExist:
        pass
    if slug != slug.lower():  # typed or pasted in capitals: the lower-case address is the role's
        with suppress(Http404):
            role = role_get(slug=slug.lower(), include_drafts=include_drafts, with_lists=False)
            raise RoleMoved(role)
    moved = RoleRedirect.objects.select_related("role").filter(old_slug=slug).first()
    if moved and (include_drafts or moved.role.is_published):
        raise RoleMoved(moved.role)
    raise Http404("No role at this address.")


def roles_like(slug: str, *, limit: int = 3) -> list[Role]:
    """The published roles an unknown role address most likely meant (for its 404 page): the
    roles matching every word of the slug, searched as the index searches (typos corrected),
    else the roles whose title is close to the words; none when nothing is close."""
    words = slug.replace("-", " ").replace("_", " ")
    language = get_language()
    result = search(words, language=language, limit=limit)
    # Roles matching only some of the words ("no-such-role": "such", in a summary) are no
    # guess at what the address meant; a title close to all of them is.
    ids = [] if result.partial else result.role_ids[:limit]
    if not ids:
        ids = closest_roles(words, language=language, limit=limit, score_cutoff=CLOSE_TITLE)
    by_id = role_queryset().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def role_panel_get(
    *, slug: str, include_drafts: bool = False, kind: str | None = None, shown: int = 1
) -> tuple[Role, QuestionPanel]:
    """Just what the interview-questions panel needs, for the htmx fragment (two queries)."""
    role = role_get(slug=slug, include_drafts=include_drafts, with_lists=False)
    return role, question_panel(role=role, kind=kind, shown=shown)


def role_page_get(
    *, slug: str, include_drafts: bool = False, kind: str | None = None, shown: int = 1
) -> RolePage:
    """Everything the role page template needs, in a constant number of queries."""
    role = role_get(slug=slug, include_drafts=include_drafts)
    requirements = list(role.requirements.all())
    bands = list(role.salary_bands.all())
    panel = question_panel(role=role, kind=kind, shown=shown)
    faqs = faq_list(role=role, with_salaries=bool(bands), with_questions=bool(panel.every_question))
    current_step = current_career_step(role)
    return RolePage(
        role=role,
        current_step_pk=current_step.pk if current_step else None,
        required=[r for r in requirements if r.kind == Requirement.Kind.REQUIRED],
        preferred=[r for r in requirements if r.kind == Requirement.Kind.PREFERRED],
        regional_bands=regional_bands(bands),
        level_tables=level_tables(bands),
        averages=average_bands(bands),
        faqs=faqs,
        panel=panel,
        sources=sources_in_page_order(
            [role],
            bands,
            role.responsibilities.all(),
            requirements,
            role.career_steps.all(),
            panel.every_question,
            faqs,
        ),
    )


def current_career_step(role: Role) -> CareerStep | None:
    """The one career-ladder rung badged "This role": the first that links to ``role`` (from
    the prefetched steps, no query)."""
    return next(
        (
            step
            for step in role.career_steps.all()
            if any(linked.pk == role.pk for linked in step.linked_roles.all())
        ),
        None,
    )


def sources_in_page_order(*lists: Iterable) -> list[Source]:
    """Every source the page uses, each once, in the order the page first cites it: the role's
    own profile sources first, then each band's, list item's, question's and FAQ's."""
    seen: dict[int, Source] = {}
    for items in lists:
        for item in items:
            if isinstance(item, Role):
                for source in item.sources.all():
                    seen.setdefault(source.pk, source)
            else:
                seen.setdefault(item.source_id, item.source)
    return list(seen.values())


@dataclass(frozen=True)
class ResultCard:
    """A role in the index: its title and a snippet, with the searched words highlighted."""

    role: Role
    title: SafeString
    snippet: SafeString | None = None  # None: the template shows the summary's start
    snippet_label: str = ""  # where the snippet comes from, when not the summary


@dataclass(frozen=True)
class RoleIndex:
    query: str
    category: Category | None
    unknown_category: str
    categories: list[Category]  # each with ``match_count`` when there is a query
    page: Page  # of ResultCard
    result: SearchResult | None = None
    closest: list[Role] = field(default_factory=list)  # offered when nothing matches

    @property
    def suggestion_url(self) -> str:
        """The "Did you mean …?" link: the corrected query, in the same category."""
        if not self.result or not self.result.suggestion:
            return ""
        return url_with_query(reverse("roles:index"), self.filters, q=self.result.suggestion)

    @property
    def filters(self) -> dict[str, str | None]:
        """The search and category as the index's links carry them (``{% querystring %}``)."""
        return {"q": self.query or None, "category": self.category.slug if self.category else None}


def role_index_get(*, query: str, category_slug: str, page_number: str | None) -> RoleIndex:
    """The role index: published roles, filtered by category and search, one page of them.

    Never fails on what a visitor typed: an unknown category is reported and ignored, and a
    page number that is not a number or out of range gives the first or last page. A search
    costs the same number of queries whatever the catalogue's size (roles.search).
    """
    categories = category_list()
    category = next((c for c in categories if c.slug == category_slug), None)
    unknown = category_slug if category_slug and not category else ""
    if not query:
        roles = role_queryset()
        if category:
            roles = roles.filter(category=category)
        page = Paginator(roles, ROLES_PER_PAGE).get_page(page_number)
        page.object_list = [ResultCard(role, escape(role.title)) for role in page.object_list]
        return RoleIndex(query, category, unknown, categories, page)

    language = get_language()
    result = search(query, language=language, category_id=category.pk if category else None)
    for item in categories:
        item.match_count = result.category_counts.get(item.pk, 0)
    page = Paginator(result.role_ids, ROLES_PER_PAGE).get_page(page_number)
    roles = role_queryset().prefetch_related(
        Prefetch("role_tools", queryset=RoleTool.objects.select_related("tool")), "requirements"
    )
    found = roles.in_bulk(list(page.object_list))
    page.object_list = [_card(found[pk], result) for pk in page.object_list if pk in found]
    closest = []
    if not result.role_ids:
        if result.no_words:
            closest = list(role_queryset().order_by("demand_rank", _title_order())[:3])
        else:
            ids = closest_roles(query, language=language)
            by_id = role_queryset().in_bulk(ids)
            closest = [by_id[pk] for pk in ids if pk in by_id]
    return RoleIndex(query, category, unknown, categories, page, result, closest)


SUGGESTIONS = 6


def role_suggestions_get(*, query: str, limit: int = SUGGESTIONS) -> list[ResultCard]:
    """The roles to suggest while someone types ``query`` (the best matches, titles
    highlighted): the home page's combobox and the browsers' OpenSearch suggestions."""
    language = get_language()
    result = search(query, language=language, limit=limit)
    found = role_queryset().in_bulk(result.role_ids)
    return [
        ResultCard(found[pk], highlight(found[pk].title, result))
        for pk in result.role_ids
        if pk in found
    ]


def _card(role: Role, result: SearchResult) -> ResultCard:
    """Highlight the title; show the summary around the match, or else the alternative
    title, tool or requirement that matched."""
    title = highlight(role.title, result)
    found = snippet(role.summary, result)
    if found:
        return ResultCard(role, title, found)
    others = [
        getattr(role, build_localized_fieldname("title", code)) or ""
        for code, _name in settings.LANGUAGES
    ]
    places = [
        (_("Also known as"), [*role.alternative_title_list, *others]),
        (_("Tools"), [item.tool.name for item in role.role_tools.all()]),
        (_("Requirements"), [item.text for item in role.requirements.all()]),
    ]
    for label, texts in places:
        for text in dict.fromkeys(texts):
            if text and text != role.title and (found := snippet(text, result)):
                return ResultCard(role, title, found, label)
    return ResultCard(role, title)


def categories_with_roles(*, per_category: int = HOME_ROLES_PER_CATEGORY) -> list[Category]:
    """Categories that have published roles, each with its first roles and its total count.

    Within a category, roles in high demand come first, then by title in the page language.

    One query for the categories and their counts (``category_list``), then one per category
    for its first ``per_category`` roles: each reads the ``role_listing_<title>`` index of the
    page language, whose rows are already in that order, and stops after ``per_category`` of
    them, so the cost follows the number of categories, not of roles (a window function
    numbering every role took about ten times as long at 10,000 roles, and ordering by a
    ``CASE`` on the demand sorted every role of the category).
    """
    categories = category_list()
    for category in categories:
        category.first_roles = list(
            role_queryset()
            .filter(category=category)
            .order_by("demand_rank", _title_order())[:per_category]
        )
    return categories


def _title_order() -> F:
    """Order by the title in the active language (modeltranslation's column for it)."""
    return F(build_localized_fieldname("title", get_language())).asc()
