"""Comparing up to three roles side by side: the reads for the compare page and its tray.

The page is a table with one column per role and one row per fact, aligned by section:
summary, category and demand, salary bands (one row per place, level, pay, currency and
period, so a row never mixes currencies and nothing is converted), top tools (the shared ones
marked), required skills, position on a career path, and interview questions per kind.

``role_comparison_get`` assembles all of it in a constant number of queries, whatever the
roles and the size of their lists (asserted in tests/roles/test_compare.py).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse

from faqs.models import InterviewQuestion
from faqs.selectors import question_counts
from nexushr.querystring import url_with_query
from roles.forms import MAX_COMPARED
from roles.models import CareerStep, Requirement, Role, RoleRedirect, RoleTool
from roles.selectors import role_queryset
from salaries.charts import PayChart, band_label, pay_charts, period_label
from salaries.models import SalaryBand

COOKIE_NAME = "nexushr_compare"


@dataclass(frozen=True)
class ToolCell:
    name: str
    shared: bool


@dataclass(frozen=True)
class CareerPosition:
    """Where a role sits on a ladder: steps ``first``–``last`` of ``size`` on ``ladder``'s path
    (``own`` when the ladder is the role's own career path)."""

    ladder: Role
    own: bool
    first: int
    last: int
    size: int
    titles: list[str]


@dataclass
class ComparedRole:
    role: Role
    required: list[Requirement]
    tools: list[ToolCell]
    careers: list[CareerPosition]
    questions: dict[str, int]

    @property
    def question_total(self) -> int:
        return sum(self.questions.values())


@dataclass
class SalaryRow:
    """One fact about pay, the same for every column: place, level, pay, currency, period.

    The terms are the source's: ``period_label`` and ``pay_label`` say "not stated by the
    source" where it is silent, and ``period_reading_label`` is our reading, labelled as ours.
    """

    label: str
    currency: str
    period_label: str
    statistic: str
    statistic_label: str
    cells: list[SalaryBand | None]
    pay_label: str = ""  # only when the source does not state the pay type (else in ``label``)
    period_stated: bool = True
    period_reading_label: str = ""


@dataclass
class QuestionRow:
    kind: str
    label: str
    counts: list[int]


@dataclass
class Comparison:
    roles: list[ComparedRole]
    missing: list[str]  # requested slugs that are unknown or not published, named on the page
    salary_rows: list[SalaryRow] = field(default_factory=list)
    question_rows: list[QuestionRow] = field(default_factory=list)
    charts: list[PayChart] = field(default_factory=list)
    sources: list[SalaryBand] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the sources' caveats, each once

    @property
    def slugs(self) -> list[str]:
        return [item.role.slug for item in self.roles]

    @property
    def canonical_slugs(self) -> list[str]:
        return sorted(self.slugs)

    @property
    def has_tools(self) -> bool:
        return any(item.tools for item in self.roles)

    @property
    def has_required(self) -> bool:
        return any(item.required for item in self.roles)

    @property
    def has_careers(self) -> bool:
        return any(item.careers for item in self.roles)


class RolesRenamed(Exception):
    """Some requested slugs are old ones: the caller redirects to the current ``slugs``."""

    def __init__(self, slugs: list[str]) -> None:
        self.slugs = slugs


def compare_url(slugs: list[str]) -> str:
    return url_with_query(reverse("compare"), roles=",".join(slugs) or None, safe=",")


def compare_edit_url(slugs: list[str] | None = None, **change: str) -> str:
    """The tray's control URL: ``compare_edit_url(["a", "b"], remove="a")``."""
    roles = ",".join(slugs) if slugs is not None else None
    return url_with_query(reverse("compare_edit"), roles=roles, safe=",", **change)


def role_comparison_get(*, slugs: list[str]) -> Comparison:
    """The published roles at ``slugs``, in that order, with everything the compare page shows.

    Raises ``RolesRenamed`` when a slug is a renamed role's old one or a role's written in
    capitals (links never break). Seven queries whatever the roles (plus one to look up old
    slugs when some are missing, and one more when a missing one has capitals).
    """
    roles = {
        role.slug: role
        for role in role_queryset()
        .filter(slug__in=slugs)
        .prefetch_related(
            "requirements",
            Prefetch(
                "career_steps",
                queryset=CareerStep.objects.prefetch_related(
                    Prefetch("linked_roles", queryset=Role.objects.published())
                ),
            ),
            Prefetch("role_tools", queryset=RoleTool.objects.select_related("tool")),
            Prefetch(
                "salary_bands", queryset=SalaryBand.objects.select_related("country", "source")
            ),
        )
    }
    missing = [slug for slug in slugs if slug not in roles]
    if missing:
        lowered = {slug.lower() for slug in missing}  # an address typed in capitals
        renamed = dict(
            RoleRedirect.objects.filter(
                old_slug__in=lowered | set(missing), role__status=Role.Status.PUBLISHED
            ).values_list("old_slug", "role__slug")
        )
        if lowered - set(missing):
            published = role_queryset().filter(slug__in=lowered).values_list("slug", flat=True)
            renamed |= {slug: slug for slug in published}
        current_of = {slug: renamed.get(slug) or renamed.get(slug.lower()) for slug in missing}
        moved = {slug: current for slug, current in current_of.items() if current}
        if moved:
            current = list(dict.fromkeys(moved.get(slug, slug) for slug in slugs))
            raise RolesRenamed(current)
    found = [roles[slug] for slug in slugs if slug in roles]
    counts = question_counts(roles=found)
    tool_use: dict[str, int] = {}
    for role in found:
        for name in {item.tool.name for item in role.role_tools.all()}:
            tool_use[name] = tool_use.get(name, 0) + 1
    compared = [
        ComparedRole(
            role=role,
            required=[r for r in role.requirements.all() if r.kind == Requirement.Kind.REQUIRED],
            tools=[
                ToolCell(item.tool.name, tool_use[item.tool.name] > 1)
                for item in role.role_tools.all()
            ],
            careers=_career_positions(role, found),
            questions=counts.get(role.pk, {}),
        )
        for role in found
    ]
    bands = [band for role in found for band in role.salary_bands.all()]
    return Comparison(
        roles=compared,
        missing=missing,
        salary_rows=_salary_rows(found),
        question_rows=_question_rows(compared),
        charts=pay_charts(bands, label=_chart_label, id_prefix="compare-chart"),
        sources=_distinct_sources(bands),
        notes=list(dict.fromkeys(band.note for band in bands if band.note)),
    )


def _chart_label(band: SalaryBand) -> str:
    return f"{band.role.title} · {band_label(band)}"


def _distinct_sources(bands: list[SalaryBand]) -> list[SalaryBand]:
    seen: dict[tuple, SalaryBand] = {}
    for band in bands:
        seen.setdefault((band.source_id, band.as_of), band)
    return list(seen.values())


def _career_positions(role: Role, compared: list[Role]) -> list[CareerPosition]:
    """Where ``role`` appears on its own ladder and on the other compared roles' ladders."""
    positions = []
    for ladder in [role, *(other for other in compared if other.pk != role.pk)]:
        steps = list(ladder.career_steps.all())
        numbers = [
            number
            for number, step in enumerate(steps, start=1)
            if any(linked.pk == role.pk for linked in step.linked_roles.all())
        ]
        if numbers:
            positions.append(
                CareerPosition(
                    ladder=ladder,
                    own=ladder.pk == role.pk,
                    first=numbers[0],
                    last=numbers[-1],
                    size=len(steps),
                    titles=[steps[n - 1].title for n in numbers],
                )
            )
    return positions


_STATISTICS = list(SalaryBand.Statistic.values)
_LEVELS = list(SalaryBand.Level.values)
_PAYS = ["", *SalaryBand.Pay.values]


def _salary_rows(roles: list[Role]) -> list[SalaryRow]:
    """One row per place, level, pay, statistic, currency and period; a cell per role."""
    rows: dict[tuple, SalaryRow] = {}
    order: dict[tuple, tuple] = {}
    for column, role in enumerate(roles):
        for band in role.salary_bands.all():
            key = (
                band.country.code if band.country_id else "",
                band.level,
                band.pay,
                band.statistic,
                band.currency,
                band.period,
                "" if band.period else band.period_reading,
            )
            if key not in rows:
                rows[key] = SalaryRow(
                    label=band_label(band),
                    currency=band.currency,
                    period_label=period_label(band),
                    statistic=band.statistic,
                    statistic_label=band.get_statistic_display(),
                    cells=[None] * len(roles),
                    pay_label="" if band.pay else band.pay_label,
                    period_stated=bool(band.period),
                    period_reading_label=band.period_reading_label,
                )
                order[key] = (
                    _STATISTICS.index(band.statistic) if band.statistic in _STATISTICS else 9,
                    band.country_id is None,
                    key[0],
                    _LEVELS.index(band.level) if band.level in _LEVELS else 9,
                    _PAYS.index(band.pay) if band.pay in _PAYS else 9,
                    band.currency,
                    band.period,
                    key[-1],
                )
            if rows[key].cells[column] is None:
                rows[key].cells[column] = band
    return [rows[key] for key in sorted(rows, key=order.__getitem__)]


def _question_rows(compared: list[ComparedRole]) -> list[QuestionRow]:
    rows = []
    for kind in InterviewQuestion.Kind:
        counts = [item.questions.get(kind.value, 0) for item in compared]
        if any(counts):
            rows.append(QuestionRow(kind.value, str(kind.label), counts))
    return rows


def tray_roles(slugs: list[str]) -> list[Role]:
    """The published roles of a tray, in its order (one query); unknown slugs are dropped."""
    roles = {role.slug: role for role in role_queryset().filter(slug__in=slugs)}
    return [roles[slug] for slug in slugs if slug in roles][:MAX_COMPARED]


def picker_roles() -> list[Role]:
    """Every published role, for the "add a role" menu (one query)."""
    return list(Role.objects.published().order_by("title"))
