"""Which questions a role's panel shows, and in what order."""

import pytest

from faqs.models import InterviewQuestion
from faqs.selectors import PAGE_SIZE, faq_list, interview_question_list, question_panel
from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.roles.factories import CategoryFactory, RoleFactory

pytestmark = pytest.mark.django_db


def texts(questions) -> list[str]:
    return [q.text for q in questions]


def test_role_questions_come_first_then_category_then_generic():
    role = RoleFactory()
    generic = InterviewQuestionFactory(text="generic", order=0)
    category = InterviewQuestionFactory(text="category", categories=[role.category], order=0)
    own = InterviewQuestionFactory(text="own", roles=[role], order=5)

    questions = interview_question_list(role=role)

    assert texts(questions) == ["own", "category", "generic"]
    assert [q.scope for q in questions] == ["role", "category", "generic"]
    assert [q.scope for q in questions] == list(InterviewQuestion.Scope)
    assert {generic.pk, category.pk, own.pk} == {q.pk for q in questions}


def test_questions_of_other_roles_and_categories_are_not_shown():
    role = RoleFactory()
    InterviewQuestionFactory(text="other role", roles=[RoleFactory()])
    InterviewQuestionFactory(text="other category", categories=[CategoryFactory()])

    assert interview_question_list(role=role) == []


def test_inactive_questions_are_hidden():
    role = RoleFactory()
    InterviewQuestionFactory(text="retired", roles=[role], is_active=False)
    InterviewQuestionFactory(text="active", roles=[role])

    assert texts(interview_question_list(role=role)) == ["active"]


def test_question_scoped_to_role_and_category_appears_once_as_the_roles_own():
    role = RoleFactory()
    InterviewQuestionFactory(text="both", roles=[role, RoleFactory()], categories=[role.category])

    questions = interview_question_list(role=role)

    assert texts(questions) == ["both"]
    assert questions[0].scope == InterviewQuestion.Scope.ROLE


def test_editorial_order_within_a_scope():
    role = RoleFactory()
    InterviewQuestionFactory(text="second", roles=[role], order=2)
    InterviewQuestionFactory(text="first", roles=[role], order=1)

    assert texts(interview_question_list(role=role)) == ["first", "second"]


def test_panel_opens_on_all_then_a_tab_per_kind_with_questions_with_their_counts():
    role = RoleFactory()
    InterviewQuestionFactory.create_batch(2, roles=[role], kind="technical")
    InterviewQuestionFactory.create_batch(3, kind="behavioral")

    panel = question_panel(role=role)

    assert [(t.kind, t.count, t.selected) for t in panel.tabs] == [
        ("all", 5, True),
        ("technical", 2, False),
        ("behavioral", 3, False),
    ]
    assert str(panel.tabs[0].label) == "All"
    assert panel.kind is None
    assert panel.total == 5
    assert len(panel.questions) == PAGE_SIZE


def seed_like_role():
    """Seed 000's three questions (two technical, one behavioral) as the role's own, with
    topics of its own after them, and category and generic questions of each kind."""
    role = RoleFactory()
    for kind, text, order in [
        ("technical", "own technical 1", 1),
        ("technical", "own technical 2", 2),
        ("behavioral", "own behavioral", 3),
        ("topic", "own topic", 4),
    ]:
        InterviewQuestionFactory(roles=[role], kind=kind, text=text, order=order)
    InterviewQuestionFactory(categories=[role.category], kind="behavioral", text="field behavioral")
    InterviewQuestionFactory(categories=[role.category], kind="technical", text="field technical")
    InterviewQuestionFactory(kind="situational", text="generic situational", order=0)
    InterviewQuestionFactory(kind="behavioral", text="generic behavioral", order=1)
    return role


def test_all_groups_every_question_by_kind_in_editorial_order():
    role = seed_like_role()

    panel = question_panel(role=role, shown=2)

    assert [(g.kind, g.start, texts(g.questions)) for g in panel.shown_groups] == [
        ("technical", 1, ["own technical 1", "own technical 2", "field technical"]),
        ("behavioral", 4, ["own behavioral", "field behavioral", "generic behavioral"]),
        ("topic", 7, ["own topic"]),
        ("situational", 8, ["generic situational"]),
    ]
    assert [str(g.label) for g in panel.shown_groups][:2] == ["Technical", "Behavioral"]
    assert panel.total == 8 and not panel.has_more


def test_the_roles_own_questions_come_first_whatever_their_kind():
    role = RoleFactory()
    InterviewQuestionFactory(kind="technical", text="generic technical", order=0)
    InterviewQuestionFactory(roles=[role], kind="behavioral", text="own behavioral", order=9)

    panel = question_panel(role=role)

    assert texts(panel.questions) == ["own behavioral", "generic technical"]
    assert [g.kind for g in panel.shown_groups] == ["behavioral", "technical"]
    # The tabs keep one order on every page.
    assert [t.kind for t in panel.tabs] == ["all", "technical", "behavioral"]


def test_show_more_on_all_adds_the_next_questions_and_keeps_the_grouping():
    role = seed_like_role()

    first, second = question_panel(role=role), question_panel(role=role, shown=2)

    assert texts(first.questions) == texts(second.questions)[:PAGE_SIZE]
    assert [(g.kind, len(g.questions)) for g in first.shown_groups] == [
        ("technical", 3),
        ("behavioral", 2),
    ]
    assert first.has_more and first.first_new is None
    assert second.first_new == second.questions[PAGE_SIZE]
    assert second.first_new.text == "generic behavioral"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("technical", ["own technical 1", "own technical 2", "field technical"]),
        ("behavioral", ["own behavioral", "field behavioral", "generic behavioral"]),
        ("topic", ["own topic"]),
        ("situational", ["generic situational"]),
    ],
)
def test_each_tab_filters_to_its_kind(kind, expected):
    panel = question_panel(role=seed_like_role(), kind=kind)

    assert panel.kind == kind
    assert texts(panel.questions) == expected
    assert [g.kind for g in panel.shown_groups] == [kind]
    assert [t.kind for t in panel.tabs if t.selected] == [kind]
    assert panel.total == len(expected)


def test_a_kind_without_questions_falls_back_to_all():
    role = RoleFactory()
    InterviewQuestionFactory(roles=[role], kind="technical")
    InterviewQuestionFactory(roles=[role], kind="behavioral")

    assert question_panel(role=role, kind="behavioral").kind == "behavioral"
    panel = question_panel(role=role, kind="situational")
    assert panel.kind is None
    assert [t.kind for t in panel.tabs if t.selected] == ["all"]
    assert len(panel.questions) == 2


def test_show_more_grows_the_list_by_a_page_and_stops_at_the_end():
    role = RoleFactory()
    InterviewQuestionFactory.create_batch(PAGE_SIZE * 2 + 1, roles=[role])

    first, second, third = (question_panel(role=role, shown=n) for n in (1, 2, 3))

    assert (len(first.questions), first.has_more, first.next_shown) == (PAGE_SIZE, True, 2)
    assert (len(second.questions), second.has_more) == (PAGE_SIZE * 2, True)
    assert (len(third.questions), third.has_more) == (PAGE_SIZE * 2 + 1, False)
    assert question_panel(role=role, shown=999).shown == 3


def test_panel_without_questions_has_no_tabs():
    assert question_panel(role=RoleFactory()).tabs == []


def test_faqs_are_the_roles_own_then_site_wide_in_editorial_order():
    role = RoleFactory()
    FAQFactory(role=None, question="site", order=0)
    FAQFactory(role=role, question="own second", order=2)
    FAQFactory(role=role, question="own first", order=1)
    FAQFactory(role=RoleFactory(), question="other role")
    FAQFactory(role=role, question="retired", is_active=False)

    assert [f.question for f in faq_list(role=role)] == ["own first", "own second", "site"]
