"""Reads of the curated question tables, for the role page and its interview-questions panel."""

from dataclasses import dataclass, field

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from faqs.models import FAQ, InterviewQuestion
from roles.models import Role

PAGE_SIZE = 5
KINDS = list(InterviewQuestion.Kind)


class BadPanelRequest(ValueError):
    """A ``kind`` or ``page`` the panel does not know: the view answers 400."""


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
    applicable: list[InterviewQuestion] = field(default_factory=list)  # every tab's questions

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
    """Active questions that apply to ``role``: its own, its category's, then generic ones.

    One query, whatever the number of questions: the scope is computed in SQL with EXISTS
    subqueries (no join, so no duplicates), and the result carries it as ``scope`` (0, 1, 2).
    """
    links_to_roles = InterviewQuestion.roles.through.objects.filter(
        interviewquestion=OuterRef("pk")
    )
    links_to_categories = InterviewQuestion.categories.through.objects.filter(
        interviewquestion=OuterRef("pk")
    )
    scope = Case(
        When(Exists(links_to_roles.filter(role=role.pk)), then=Value(0)),
        When(Exists(links_to_categories.filter(category=role.category_id)), then=Value(1)),
        When(~Exists(links_to_roles) & ~Exists(links_to_categories), then=Value(2)),
        default=Value(None),
        output_field=IntegerField(),
    )
    return list(
        InterviewQuestion.objects.active()
        .select_related("source")
        .annotate(scope=scope)
        .filter(scope__isnull=False)
        .order_by("scope", "order", "pk")
    )


def parse_panel_params(kind: str | None, page: str | None) -> tuple[str | None, int]:
    """Validate the panel's query string; raise ``BadPanelRequest`` on values it cannot mean."""
    if kind is not None and kind not in InterviewQuestion.Kind.values:
        raise BadPanelRequest(f"Unknown question kind {kind[:40]!r}.")
    if page is None or page == "":
        return kind, 1
    if not page.isdigit() or not 1 <= int(page) <= 1000:
        raise BadPanelRequest("The page must be a whole number from 1 to 1000.")
    return kind, int(page)


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
        applicable=questions,
    )
