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


def test_panel_tabs_list_only_kinds_with_questions_with_their_counts():
    role = RoleFactory()
    InterviewQuestionFactory.create_batch(2, roles=[role], kind="technical")
    InterviewQuestionFactory.create_batch(3, kind="behavioral")

    panel = question_panel(role=role)

    assert [(t.kind, t.count, t.selected) for t in panel.tabs] == [
        ("technical", 2, True),
        ("behavioral", 3, False),
    ]
    assert panel.kind == "technical"
    assert len(panel.questions) == 2


def test_panel_selects_the_requested_kind_and_falls_back_when_it_is_empty():
    role = RoleFactory()
    InterviewQuestionFactory(roles=[role], kind="technical")
    InterviewQuestionFactory(roles=[role], kind="behavioral")

    assert question_panel(role=role, kind="behavioral").kind == "behavioral"
    assert question_panel(role=role, kind="situational").kind == "technical"


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
