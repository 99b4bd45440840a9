"""Reads of the curated question tables, for the role page and its interview-questions panel."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, Q, When

from faqs.models import FAQ, InterviewQuestion
from roles.models import Role

PAGE_SIZE = 5
KINDS = list(InterviewQuestion.Kind)


@dataclass(frozen=True)
class Tab:
    kind: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class QuestionPanel:
    tabs: list[Tab]
    kind: str | None
    questions: list[InterviewQuestion]
    shown: int  # how many pages of PAGE_SIZE are shown ("show more" adds one)
    total: int
    every_question: list[InterviewQuestion] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str, list[InterviewQuestion]]]:
        """Every question, grouped by kind in tab order: what a printed page shows."""
        return [
            (tab.label, [q for q in self.every_question if q.kind == tab.kind]) for tab in self.tabs
        ]

    @property
    def has_more(self) -> bool:
        return len(self.questions) < self.total

    @property
    def next_shown(self) -> int:
        return self.shown + 1


def faq_list(*, role: Role) -> list[FAQ]:
    """The role's own FAQs, then the site-wide ones (role empty), each group in editorial order."""
    return list(
        FAQ.objects.active()
        .filter(Q(role=role) | Q(role__isnull=True))
        .annotate(site_wide=Case(When(role__isnull=True, then=1), default=0))
        .order_by("site_wide", "order", "pk")
    )


def interview_question_list(*, role: Role) -> list[InterviewQuestion]:
    """Active questions that apply to ``role``, each with its ``scope``, in one query."""
    return list(InterviewQuestion.objects.for_role(role))


def question_panel(*, role: Role, kind: str | None = None, shown: int = 1) -> QuestionPanel:
    """The panel's state: tabs with counts (kinds with questions only), the selected tab's list."""
    questions = interview_question_list(role=role)
    counts = {k.value: 0 for k in KINDS}
    for question in questions:
        counts[question.kind] += 1
    available = [k for k in KINDS if counts[k.value]]
    if kind not in {k.value for k in available}:
        kind = available[0].value if available else None
    selected = [q for q in questions if q.kind == kind]
    shown = max(1, min(shown, -(-len(selected) // PAGE_SIZE) or 1))
    return QuestionPanel(
        tabs=[Tab(k.value, k.label, counts[k.value], k.value == kind) for k in available],
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
