"""Editors work in the Django admin: a role and all its lists on one page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from faqs.models import FAQ
from roles.models import Responsibility, Role
from salaries.models import SalaryBand
from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.roles.factories import (
    CareerStepFactory,
    CategoryFactory,
    RequirementFactory,
    ResponsibilityFactory,
    RoleFactory,
    RoleToolFactory,
    ToolFactory,
)
from tests.salaries.factories import CountryFactory, SalaryBandFactory
from tests.sources.factories import SourceFactory

pytestmark = pytest.mark.django_db

INLINES = {
    "salary_bands": "salary_bands",
    "responsibilities": "responsibilities",
    "requirements": "requirements",
    "career_steps": "career_steps",
    "role_tools": "role_tools",
    "faqs": "faqs",
    "interview_questions": "interview_questions",
    "redirects": "redirects",
}


@pytest.fixture
def source(db):
    return SourceFactory(key="test-source")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def role_form(category, **overrides) -> dict[str, str]:
    data = {
        "title_en": "Data Engineer",
        "title_pt_br": "Engenheiro de Dados",
        "title_es_mx": "Ingeniero de Datos",
        "slug": "data-engineer",
        "status": "published",
        "category": str(category.pk),
        "demand": "",
        "summary_en": "Builds data pipelines.",
        "summary_pt_br": "",
        "summary_es_mx": "",
    }
    for prefix in INLINES.values():
        data |= management(prefix)
    data |= overrides
    return data


def test_admin_pages_for_every_model_open(editor):
    role = RoleFactory()
    for name in (
        "roles_role",
        "roles_category",
        "roles_tool",
        "roles_roleredirect",
        "salaries_salaryband",
        "salaries_country",
        "faqs_faq",
        "faqs_interviewquestion",
        "sources_source",
    ):
        assert editor.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
        assert editor.get(reverse(f"admin:{name}_add")).status_code == 200, name
    response = editor.get(reverse("admin:roles_role_change", args=[role.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for prefix in INLINES.values():
        assert f'id="{prefix}-group"' in html, prefix
    assert 'name="title_pt_br"' in html and 'name="summary_es_mx"' in html
    content_type = ContentType.objects.get_for_model(Role)
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, role.pk])
    assert view_on_site in html
    assert editor.get(view_on_site)["Location"].endswith(role.get_absolute_url())


def test_the_role_form_reads_each_list_once_not_once_per_row(editor):
    """Each list's drop-down choices (every row's source), each row's links and the labels its
    rows read are fetched once per form, not once per row: the seed's ML role, 50-odd rows,
    took 126 queries, 58 of them the same list of sources. Nor does an autocomplete field look
    up its row's selected value (a tool, a career step's linked roles, a band's country, an
    interview question): that was 27 of the 46 queries left on the ML role's form."""
    role = RoleFactory()
    url = reverse("admin:roles_role_change", args=[role.pk])

    def add_a_row_to_each_list() -> None:
        ResponsibilityFactory(role=role)
        RequirementFactory(role=role)
        CareerStepFactory(role=role, linked_roles=[RoleFactory(), RoleFactory()])
        RoleToolFactory(role=role)
        SalaryBandFactory(role=role)
        FAQFactory(role=role)
        InterviewQuestionFactory(roles=[role])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = editor.get(url)
        assert response.status_code == 200
        return len(captured)

    add_a_row_to_each_list()
    one_row_each = queries()
    for _ in range(4):
        add_a_row_to_each_list()
    assert queries() == one_row_each


def test_each_autocomplete_row_shows_its_selected_value(editor):
    """The options an autocomplete row renders from the rows already loaded are the ones
    Django's own lookup rendered: the selected tool, linked roles, country and question."""
    role = RoleFactory()
    first, second = RoleFactory(title="Data Engineer"), RoleFactory(title="Data Scientist")
    CareerStepFactory(role=role, linked_roles=[first, second])
    tool = RoleToolFactory(role=role).tool
    band = SalaryBandFactory(role=role)
    question = InterviewQuestionFactory(roles=[role], text="Explain overfitting.")
    html = editor.get(reverse("admin:roles_role_change", args=[role.pk])).content.decode()
    for value, label in [
        (first.pk, "Data Engineer"),
        (second.pk, "Data Scientist"),
        (tool.pk, str(tool)),
        (band.country.pk, str(band.country)),
        (question.pk, "Explain overfitting."),
    ]:
        assert f'<option value="{value}" selected>{escape(label)}</option>' in html, label


def test_a_submitted_value_the_row_does_not_hold_is_shown_after_an_error(editor, source):
    """When a save is refused, each row shows what the editor chose, not what was saved: a
    value the loaded rows do not hold is looked up as Django's widget does."""
    role = RoleFactory()
    RoleToolFactory(role=role)
    other = ToolFactory(name="Apache Airflow")
    response = editor.get(reverse("admin:roles_role_change", args=[role.pk]))
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "role_tools"
    )
    row = formset.formset.forms[0]
    post = role_form(
        role.category,
        slug=role.slug,
        title_en="",  # required: the save is refused
        **management("role_tools", total=1, initial=1),
        **{
            "role_tools-0-id": str(row.instance.pk),
            "role_tools-0-role": str(role.pk),
            "role_tools-0-order": "1",
            "role_tools-0-tool": str(other.pk),
        },
    )
    refused = editor.post(reverse("admin:roles_role_change", args=[role.pk]), post)
    assert refused.status_code == 200  # the form again, with its errors
    html = refused.content.decode()
    assert f'<option value="{other.pk}" selected>Apache Airflow</option>' in html


def test_editor_creates_a_role_with_inline_lists_and_sees_it_on_the_site(editor, source, client):
    category = CategoryFactory()
    tool = ToolFactory(name="Airflow", slug="airflow")
    country = CountryFactory(code="BR", currency="BRL")
    data = role_form(category)
    data |= management("responsibilities", total=2) | {
        "responsibilities-0-order": "2",
        "responsibilities-0-text_en": "Second duty",
        "responsibilities-0-source": str(source.pk),
        "responsibilities-1-order": "1",
        "responsibilities-1-text_en": "First duty",
        "responsibilities-1-source": str(source.pk),
    }
    data |= management("role_tools", total=1) | {
        "role_tools-0-order": "1",
        "role_tools-0-tool": str(tool.pk),
    }
    data |= management("salary_bands", total=1) | {
        "salary_bands-0-key": "de-br",
        "salary_bands-0-order": "1",
        "salary_bands-0-country": str(country.pk),
        "salary_bands-0-currency": "BRL",
        "salary_bands-0-statistic": "range",
        "salary_bands-0-minimum": "9000",
        "salary_bands-0-maximum": "15000",
        "salary_bands-0-period": "month",
        "salary_bands-0-level": "all",
        "salary_bands-0-pay": "base",
        "salary_bands-0-as_of": "2026-06-22",
        "salary_bands-0-source": str(source.pk),
    }
    data |= management("faqs", total=1) | {
        "faqs-0-key": "de-faq",
        "faqs-0-order": "1",
        "faqs-0-is_active": "on",
        "faqs-0-question_en": "Is SQL needed?",
        "faqs-0-answer_en": "Yes.",
        "faqs-0-source": str(source.pk),
    }

    response = editor.post(reverse("admin:roles_role_add"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    role = Role.objects.get(slug="data-engineer")
    assert [r.text for r in role.responsibilities.all()] == ["First duty", "Second duty"]
    client.logout()
    html = client.get("/en/roles/data-engineer/").content.decode()
    assert html.index("First duty") < html.index("Second duty")
    assert "R$9,000" in html and "Airflow" in html and "Is SQL needed?" in html
    assert "Engenheiro de Dados" in client.get("/pt-br/roles/data-engineer/").content.decode()


def test_editor_reorders_responsibilities_by_swapping_their_order(editor, source):
    role = RoleFactory(slug="data-engineer", category=CategoryFactory())
    first = ResponsibilityFactory(role=role, order=1, text="A")
    second = ResponsibilityFactory(role=role, order=2, text="B")
    data = role_form(role.category)
    data |= management("responsibilities", total=2, initial=2) | {
        "responsibilities-0-id": str(first.pk),
        "responsibilities-0-role": str(role.pk),
        "responsibilities-0-order": "2",
        "responsibilities-0-text_en": "A",
        "responsibilities-0-source": str(source.pk),
        "responsibilities-1-id": str(second.pk),
        "responsibilities-1-role": str(role.pk),
        "responsibilities-1-order": "1",
        "responsibilities-1-text_en": "B",
        "responsibilities-1-source": str(source.pk),
    }

    response = editor.post(reverse("admin:roles_role_change", args=[role.pk]), data)

    assert response.status_code == 302, _errors(response)
    assert list(Responsibility.objects.filter(role=role).values_list("text", flat=True)) == [
        "B",
        "A",
    ]


def test_two_rows_with_the_same_order_are_refused(editor, source):
    category = CategoryFactory()
    data = role_form(category)
    data |= management("responsibilities", total=2) | {
        "responsibilities-0-order": "1",
        "responsibilities-0-text_en": "A",
        "responsibilities-0-source": str(source.pk),
        "responsibilities-1-order": "1",
        "responsibilities-1-text_en": "B",
        "responsibilities-1-source": str(source.pk),
    }

    response = editor.post(reverse("admin:roles_role_add"), data)

    assert response.status_code == 200
    assert "Please correct the duplicate data for order." in _errors(response)
    assert not Role.objects.exists()


def test_a_band_whose_minimum_exceeds_its_maximum_is_refused_with_a_clear_message(editor, source):
    category = CategoryFactory()
    data = role_form(category)
    data |= management("salary_bands", total=1) | {
        "salary_bands-0-key": "bad",
        "salary_bands-0-order": "1",
        "salary_bands-0-country": "",
        "salary_bands-0-currency": "USD",
        "salary_bands-0-statistic": "range",
        "salary_bands-0-minimum": "200000",
        "salary_bands-0-maximum": "100000",
        "salary_bands-0-period": "year",
        "salary_bands-0-level": "senior",
        "salary_bands-0-pay": "base",
        "salary_bands-0-source": str(source.pk),
    }

    response = editor.post(reverse("admin:roles_role_add"), data)

    assert response.status_code == 200
    assert "The minimum cannot be greater than the maximum." in response.content.decode()
    assert not Role.objects.exists() and not SalaryBand.objects.exists()


def test_a_band_in_another_currency_than_its_country_is_refused(editor, source):
    country = CountryFactory(code="MX", currency="MXN")
    role = RoleFactory()
    response = editor.post(
        reverse("admin:salaries_salaryband_add"),
        {
            "key": "x",
            "role": str(role.pk),
            "country": str(country.pk),
            "currency": "USD",
            "statistic": "range",
            "minimum": "1",
            "maximum": "2",
            "period": "month",
            "level": "all",
            "pay": "base",
            "source": str(source.pk),
            "order": "0",
        },
    )

    assert response.status_code == 200
    assert "MX bands are in MXN." in response.content.decode()


def test_renaming_a_slug_in_the_admin_keeps_the_old_address(editor, client):
    role = RoleFactory(slug="data-engineer", category=CategoryFactory())
    data = role_form(role.category, slug="data-platform-engineer")

    assert editor.post(reverse("admin:roles_role_change", args=[role.pk]), data).status_code == 302

    client.logout()
    response = client.get("/es-mx/roles/data-engineer/")
    assert response.status_code == 301
    assert response["Location"] == "/es-mx/roles/data-platform-engineer/"


def test_question_admin_filters_by_kind_scope_and_role(editor):
    from tests.faqs.factories import InterviewQuestionFactory

    role = RoleFactory(title="Data Engineer")
    InterviewQuestionFactory(text="Own question?", roles=[role], kind="technical")
    InterviewQuestionFactory(text="Generic question?", kind="behavioral")
    url = reverse("admin:faqs_interviewquestion_changelist")

    generic = editor.get(url + "?scope=generic").content.decode()
    by_role = editor.get(url + f"?roles__id__exact={role.pk}").content.decode()
    by_kind = editor.get(url + "?kind=behavioral").content.decode()

    assert "Generic question?" in generic and "Own question?" not in generic
    assert "Own question?" in by_role and "Generic question?" not in by_role
    assert "Generic question?" in by_kind and "Own question?" not in by_kind


def test_retiring_questions_hides_them_from_role_pages(editor, client):
    from faqs.models import InterviewQuestion
    from tests.faqs.factories import InterviewQuestionFactory

    role = RoleFactory()
    question = InterviewQuestionFactory(text="Retire me?", roles=[role])
    editor.post(
        reverse("admin:faqs_interviewquestion_changelist"),
        {"action": "retire", "_selected_action": [str(question.pk)]},
    )

    assert not InterviewQuestion.objects.get(pk=question.pk).is_active
    client.logout()
    assert "Retire me?" not in client.get(role.get_absolute_url()).content.decode()


def test_site_wide_faq_is_created_without_a_role(editor, source):
    response = editor.post(
        reverse("admin:faqs_faq_add"),
        {
            "key": "site",
            "question_en": "Who are you?",
            "answer_en": "A portal.",
            "order": "0",
            "is_active": "on",
            "source": str(source.pk),
        },
    )

    assert response.status_code == 302
    assert FAQ.objects.get(key="site").role is None


def _errors(response) -> str:
    from tests.html import texts

    return " | ".join(texts(response, "ul.errorlist"))


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("pt-br", ["Cargos relacionados", "Endereço", "Endereços antigos", "Faixa"]),
        ("es-mx", ["Puestos relacionados", "Dirección", "Direcciones", "Rango"]),
    ],
)
def test_admin_labels_are_in_the_editors_language(editor, language, labels):
    from tests.html import parse, text, texts
    from tests.salaries.factories import SalaryBandFactory

    role = SalaryBandFactory().role
    headers = {"Accept-Language": language}
    change = editor.get(reverse("admin:roles_role_change", args=[role.pk]), headers=headers)
    bands = editor.get(reverse("admin:salaries_salaryband_changelist"), headers=headers)

    *role_labels, band_label = labels
    page = text(parse(change).body)
    for label in role_labels:
        assert label in page, label
    assert band_label in texts(bands, "#result_list thead th")
