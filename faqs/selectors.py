"""Reads of the curated question tables, for the role page and its interview-questions panel."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Count, Q, When
from django.utils.translation import pgettext_lazy

from faqs.models import FAQ, InterviewQuestion
from roles.models import Role

PAGE_SIZE = 5
KINDS = list(InterviewQuestion.Kind)
ALL = "all"  # the first tab: every kind, grouped (``kind=None`` in the selectors)


@dataclass(frozen=True)
class Tab:
    kind: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Group:
    """Questions of one kind, under its heading; ``start`` numbers the first (1-based), so the
    numbering runs on from one group to the next."""

    kind: str
    label: str
    start: int
    questions: list[InterviewQuestion]


@dataclass(frozen=True)
class QuestionPanel:
    tabs: list[Tab]
    kind: str | None  # None: the "All" tab
    questions: list[InterviewQuestion]
    shown: int  # how many pages of PAGE_SIZE are shown ("show more" adds one)
    total: int
    every_question: list[InterviewQuestion] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str, list[InterviewQuestion]]]:
        """Every question, grouped by kind in tab order: what a printed page shows."""
        return [
            (tab.label, [q for q in self.every_question if q.kind == tab.kind])
            for tab in self.tabs
            if tab.kind != ALL
        ]

    @property
    def shown_groups(self) -> list[Group]:
        """The questions shown, under a heading per kind (one group when a tab filters)."""
        labels = dict(InterviewQuestion.Kind.choices)
        groups: list[Group] = []
        for number, question in enumerate(self.questions, start=1):
            if not groups or groups[-1].kind != question.kind:
                groups.append(Group(question.kind, labels[question.kind], number, []))
            groups[-1].questions.append(question)
        return groups

    @property
    def first_new(self) -> InterviewQuestion | None:
        """The first question "show more" added (keyboard focus goes there after the swap)."""
        index = (self.shown - 1) * PAGE_SIZE
        return self.questions[index] if self.shown > 1 and index < len(self.questions) else None

    @property
    def has_more(self) -> bool:
        return len(self.questions) < self.total

    @property
    def next_shown(self) -> int:
        return self.shown + 1


def faq_list(*, role: Role, with_salaries: bool = True, with_questions: bool = True) -> list[FAQ]:
    """The role's own FAQs, then the site-wide ones (role empty), each group in editorial order.

    A FAQ about one section (``only_with``) is left out when the page has no such section:
    a role without salary figures does not answer "Where do the salary figures come from?".
    """
    missing = []
    if not with_salaries:
        missing.append(FAQ.OnlyWith.SALARIES)
    if not with_questions:
        missing.append(FAQ.OnlyWith.INTERVIEW_QUESTIONS)
    return list(
        FAQ.objects.active()
        .select_related("source")
        .filter(Q(role=role) | Q(role__isnull=True))
        .exclude(only_with__in=missing)
        .annotate(site_wide=Case(When(role__isnull=True, then=1), default=0))
        .order_by("site_wide", "order", "pk")
    )


def interview_question_list(*, role: Role) -> list[InterviewQuestion]:
    """Active questions that apply to ``role``, each with its ``scope`` and source, in one query:
    the role's own, its category's, then generic ones, each in editorial order."""
    return in_scope_order(InterviewQuestion.objects.for_role(role).select_related("source"))


def in_scope_order(questions: Iterable[InterviewQuestion]) -> list[InterviewQuestion]:
    """``questions`` (annotated with ``scope``) most specific scope first, in the order of
    ``InterviewQuestion.Scope``, keeping their order within each scope."""
    rank = {scope: rank for rank, scope in enumerate(InterviewQuestion.Scope)}
    return sorted(questions, key=lambda question: rank[question.scope])


def question_panel(*, role: Role, kind: str | None = None, shown: int = 1) -> QuestionPanel:
    """The panel's state: an "All" tab, then a tab per kind that has questions (with counts),
    and the selected tab's questions, ``shown`` pages of them.

    "All" (``kind=None``, and the fallback for a kind without questions) lists every question
    grouped by kind, in editorial order: the kinds in the order their first question comes
    (the role's own questions first, then its category's, then generic ones), each kind's
    questions in that order too.
    """
    questions = interview_question_list(role=role)
    by_kind: dict[str, list[InterviewQuestion]] = {}
    for question in questions:
        by_kind.setdefault(question.kind, []).append(question)
    if kind not in by_kind:
        kind = None
    selected = by_kind[kind] if kind else [q for group in by_kind.values() for q in group]
    shown = max(1, min(shown, -(-len(selected) // PAGE_SIZE) or 1))
    tabs = [
        Tab(k.value, k.label, len(by_kind[k.value]), k.value == kind)
        for k in KINDS
        if k.value in by_kind
    ]
    if tabs:
        label = pgettext_lazy("interview questions", "All")
        tabs.insert(0, Tab(ALL, label, len(questions), kind is None))
    return QuestionPanel(
        tabs=tabs,
        kind=kind,
        questions=selected[: shown * PAGE_SIZE],
        shown=shown,
        total=len(selected),
        every_question=questions,
    )


def question_counts(*, roles: list[Role]) -> dict[int, dict[str, int]]:
    """How many active questions of each kind apply to each role (as its panel counts them).

    One query for any number of roles: a conditional count per role over the active questions,
    grouped by kind, with the scope conditions ``interview_question_list`` uses (EXISTS tests,
    no join, so no question is counted twice).
    """
    if not roles:
        return {}
    counts = {
        f"role_{role.pk}": Count("pk", filter=InterviewQuestion.objects.applies_to(role))
        for role in roles
    }
    rows = InterviewQuestion.objects.active().values("kind").annotate(**counts).order_by()
    result = {role.pk: {kind.value: 0 for kind in KINDS} for role in roles}
    for row in rows:
        for role in roles:
            result[role.pk][row["kind"]] = row[f"role_{role.pk}"]
    return result
