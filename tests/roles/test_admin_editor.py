"""The editor's form: readable choices and errors, saves that would break a page, preview."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from faqs.models import FAQ
from roles.models import Role
from tests.roles.factories import CareerStepFactory, CategoryFactory, RoleFactory
from tests.roles.test_admin import management, role_form
from tests.salaries.factories import CountryFactory
from tests.sources.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


# Every admin form with an autocomplete field, and the field: a value that is not an id used
# to make Django's autocomplete widget query the database with it and answer 500.
AUTOCOMPLETE_FORMS = [
    ("admin:roles_role_add", "category"),
    ("admin:roles_role_add", "related_roles"),
    ("admin:roles_roleredirect_add", "role"),
    ("admin:faqs_faq_add", "role"),
    ("admin:faqs_interviewquestion_add", "roles"),
    ("admin:salaries_salaryband_add", "role"),
    ("admin:salaries_salaryband_add", "country"),
]


@pytest.mark.parametrize(("url_name", "field"), AUTOCOMPLETE_FORMS)
def test_a_malformed_autocomplete_value_is_a_form_error_not_a_500(editor, url_name, field):
    response = editor.post(reverse(url_name), {field: "not-a-number"})

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors
    assert "valid choice" in str(errors[field]) or "valid value" in str(errors[field])


@pytest.mark.parametrize(
    ("prefix", "field"),
    [
        ("career_steps", "linked_roles"),
        ("role_tools", "tool"),
        ("salary_bands", "country"),
        ("interview_questions", "interviewquestion"),
    ],
)
def test_a_malformed_autocomplete_value_in_an_inline_is_a_form_error(editor, prefix, field):
    category = CategoryFactory()
    data = role_form(category) | management(prefix, total=1) | {f"{prefix}-0-{field}": "x"}

    response = editor.post(reverse("admin:roles_role_add"), data)

    assert response.status_code == 200
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == prefix
    )
    assert field in formset.forms[0].errors


def test_a_source_deleted_since_the_form_was_shown_is_refused(editor):
    """The rows' source drop-downs share one list read for the request (editorial.admin);
    what is saved is still checked against the sources as they are."""
    category = CategoryFactory()
    gone = SourceFactory()
    gone_pk = gone.pk
    gone.delete()
    prefix = "responsibilities"
    row = {f"{prefix}-0-order": "1", f"{prefix}-0-text_en": "Ships models."}
    data = role_form(category) | management(prefix, total=1) | row
    data[f"{prefix}-0-source"] = str(gone_pk)

    response = editor.post(reverse("admin:roles_role_add"), data)

    assert response.status_code == 200
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == prefix
    )
    assert "valid choice" in str(formset.forms[0].errors["source"])
    assert not Role.objects.exists()


@pytest.mark.parametrize(
    ("language", "term", "code"),
    [("en", "mexico", "MX"), ("pt-br", "Estados Unidos", "US"), ("es-mx", "brasil", "BR")],
)
def test_countries_are_found_by_their_name_in_the_editors_language(editor, language, term, code):
    for iso, currency in [("BR", "BRL"), ("MX", "MXN"), ("US", "USD")]:
        CountryFactory(code=iso, currency=currency)
    response = editor.get(
        "/admin/autocomplete/",
        {
            "app_label": "salaries",
            "model_name": "salaryband",
            "field_name": "country",
            "term": term,
        },
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 200
    texts = [result["text"] for result in response.json()["results"]]
    assert len(texts) == 1
    assert f"({ {'BR': 'BRL', 'MX': 'MXN', 'US': 'USD'}[code] })" in texts[0]


@pytest.mark.parametrize(
    ("model_name", "field_name", "term", "found"),
    [
        ("role", "related_roles", "data\x00", "Data Engineer"),
        ("salaryband", "country", "mx\x00", "(MXN)"),
        ("careerstep", "linked_roles", "\x00engineer", "Data Engineer"),
    ],
)
def test_a_nul_character_typed_in_an_autocomplete_is_ignored(
    editor, model_name, field_name, term, found
):
    """Django's autocomplete passes the search on as typed, and PostgreSQL refuses a NUL in
    any text (a 500); the change list already drops it, and now so does every drop-down."""
    RoleFactory(title="Data Engineer")
    CountryFactory(code="MX", currency="MXN")
    app_label = "salaries" if model_name == "salaryband" else "roles"
    response = editor.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )

    assert response.status_code == 200
    assert any(found in result["text"] for result in response.json()["results"])


def test_a_country_constraint_reads_as_words_in_the_editors_language(editor):
    response = editor.post(
        reverse("admin:salaries_country_add"),
        {"code": "br", "currency": "brl"},
        HTTP_ACCEPT_LANGUAGE="pt-br",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "country_code_iso_alpha2" not in html and "country_currency_iso4217" not in html
    form = response.context["adminform"].form
    messages = " ".join(str(m) for m in form.non_field_errors())
    assert "ISO 3166" in messages and "ISO 4217" in messages
    assert "letras" in messages  # in Portuguese, as the editor reads the admin


def test_a_published_role_without_an_english_summary_is_refused_with_the_reason(editor):
    category = CategoryFactory()
    data = role_form(category, summary_en="", summary_pt_br="Constrói pipelines de dados.")

    response = editor.post(reverse("admin:roles_role_add"), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "summary_en" in errors
    assert "English" in str(errors["summary_en"])
    assert not Role.objects.filter(slug="data-engineer").exists()


def test_a_draft_may_be_saved_without_a_summary_in_english_being_refused_for_publishing(editor):
    category = CategoryFactory()
    data = role_form(category, status="draft", summary_en="Draft summary.")

    assert editor.post(reverse("admin:roles_role_add"), data).status_code == 302


def test_a_published_ladder_cannot_link_to_a_draft_role(editor):
    draft = RoleFactory(slug="ml-intern", status=Role.Status.DRAFT, title="ML Intern")
    role = RoleFactory(slug="data-engineer", category=CategoryFactory())
    data = (
        role_form(role.category)
        | management("career_steps", total=1)
        | {
            "career_steps-0-role": str(role.pk),
            "career_steps-0-order": "1",
            "career_steps-0-title_en": "Intern",
            "career_steps-0-linked_roles": [str(draft.pk)],
            "career_steps-0-source": str(SourceFactory().pk),
        }
    )

    response = editor.post(reverse("admin:roles_role_change", args=[role.pk]), data)

    assert response.status_code == 200
    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "career_steps"
    )
    assert "ML Intern is a draft" in str(formset.forms[0].errors["linked_roles"])


def _ladder_linking(draft: Role, role_pk: str = "") -> dict:
    return management("career_steps", total=1) | {
        "career_steps-0-role": role_pk,
        "career_steps-0-order": "1",
        "career_steps-0-title_en": "Intern",
        "career_steps-0-linked_roles": [str(draft.pk)],
        "career_steps-0-source": str(SourceFactory().pk),
    }


def _ladder_error(response) -> str:
    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "career_steps"
    )
    return str(formset.forms[0].errors.get("linked_roles", ""))


def test_a_new_published_role_cannot_link_its_ladder_to_a_draft(editor):
    """The add form: the step has no saved role yet, the posted status is what counts."""
    draft = RoleFactory(slug="ml-intern", status=Role.Status.DRAFT, title="ML Intern")
    data = role_form(CategoryFactory(), slug="new-published-role") | _ladder_linking(draft)

    response = editor.post(reverse("admin:roles_role_add"), data)

    assert response.status_code == 200
    assert "ML Intern is a draft" in _ladder_error(response)
    assert not Role.objects.filter(slug="new-published-role").exists()


def test_publishing_a_draft_whose_ladder_links_a_draft_is_refused(editor):
    """Stored status draft, posted status published, in one save: checked as posted."""
    draft = RoleFactory(slug="ml-intern", status=Role.Status.DRAFT, title="ML Intern")
    role = RoleFactory(slug="data-engineer", category=CategoryFactory(), status=Role.Status.DRAFT)
    data = role_form(role.category) | _ladder_linking(draft, str(role.pk))

    response = editor.post(reverse("admin:roles_role_change", args=[role.pk]), data)

    assert response.status_code == 200
    assert "ML Intern is a draft" in _ladder_error(response)
    role.refresh_from_db()
    assert role.status == Role.Status.DRAFT


def test_a_draft_ladder_may_link_to_a_draft_role(editor):
    draft = RoleFactory(slug="ml-intern", status=Role.Status.DRAFT)
    role = RoleFactory(slug="data-engineer", category=CategoryFactory(), status=Role.Status.DRAFT)
    data = (
        role_form(role.category, status="draft")
        | management("career_steps", total=1)
        | {
            "career_steps-0-role": str(role.pk),
            "career_steps-0-order": "1",
            "career_steps-0-title_en": "Intern",
            "career_steps-0-linked_roles": [str(draft.pk)],
            "career_steps-0-source": str(SourceFactory().pk),
        }
    )

    response = editor.post(reverse("admin:roles_role_change", args=[role.pk]), data)

    assert response.status_code == 302
    assert CareerStepFactory._meta.model.objects.get(role=role).linked_roles.get() == draft


def test_the_form_is_in_sections_in_the_order_of_the_page(editor):
    role = RoleFactory(category=CategoryFactory())

    response = editor.get(reverse("admin:roles_role_change", args=[role.pk]))

    anchors = [section["anchor"] for section in response.context["editor_sections"]]
    assert anchors == [
        "summary",
        "salaries",
        "lists",
        "career-path",
        "questions",
        "faqs",
        "sharing",
    ]
    # Nothing on the form is lost by the layout: every fieldset and inline is in a section.
    placed = [item for section in response.context["editor_sections"] for item in section["items"]]
    assert sum("inline" in item for item in placed) == len(
        response.context["inline_admin_formsets"]
    )
    assert sum("fieldset" in item for item in placed) == len(list(response.context["adminform"]))


# Preview ------------------------------------------------------------------------------------


def test_preview_shows_the_unsaved_form_as_the_public_page_and_saves_nothing(editor, client, mle):
    data = _change_data(editor, mle) | {"title_pt_br": "Engenheira de ML (prévia)"}

    response = editor.post(
        reverse("admin:roles_role_preview", kwargs={"object_id": mle.pk, "language": "pt-br"}),
        data,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Engenheira de ML (prévia)" in html
    assert "Prévia" in html or "prévia" in html.lower()
    assert {"private", "no-store"} <= {v.strip() for v in response["Cache-Control"].split(",")}
    assert 'content="noindex' in html
    mle.refresh_from_db()
    assert mle.title_pt_br == "Engenheiro de Machine Learning"
    public = client.get("/pt-br/roles/machine-learning-engineer/").content.decode()
    assert "Engenheiro de Machine Learning" in public and "prévia" not in public


def test_a_role_its_sources_do_not_describe_may_be_published_without_a_summary(editor):
    category = CategoryFactory()
    data = role_form(category, summary_en="", summary_pt_br="", summary_es_mx="")

    response = editor.post(reverse("admin:roles_role_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Role.objects.get(slug="data-engineer").is_published
    # Saved, with a warning that says what the page will show and what would change it.
    shown = [str(m) for m in editor.get(response["Location"]).context["messages"]]
    assert any(m.startswith("Published without a summary: the page says") for m in shown), shown


def test_a_published_role_with_a_summary_gets_no_such_warning(editor):
    response = editor.post(reverse("admin:roles_role_add"), role_form(CategoryFactory()))

    assert response.status_code == 302
    shown = [str(m) for m in editor.get(response["Location"]).context["messages"]]
    assert not any("without a summary" in m for m in shown), shown


def test_preview_invalidates_no_cached_page(
    editor, client, mle, django_capture_on_commit_callbacks
):
    """The preview's writes are rolled back, and so are their invalidations (queued for after a
    commit that never comes): every cached public page stays cached."""
    data = _change_data(editor, mle) | {"title_en": "Changed in the preview only"}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = editor.post(
            reverse("admin:roles_role_preview", kwargs={"object_id": mle.pk, "language": "en"}),
            data,
        )

    assert response.status_code == 200
    assert "Changed in the preview only" in response.content.decode()
    assert callbacks == []


def test_preview_of_a_new_role_creates_nothing(editor):
    category = CategoryFactory()
    data = role_form(category, status="draft", title_en="Prompt Engineer", slug="prompt-engineer")

    response = editor.post(reverse("admin:roles_role_preview_add", kwargs={"language": "en"}), data)

    assert response.status_code == 200
    assert "Prompt Engineer" in response.content.decode()
    assert not Role.objects.filter(slug="prompt-engineer").exists()


def test_preview_of_an_invalid_form_lists_the_errors(editor):
    category = CategoryFactory()

    response = editor.post(
        reverse("admin:roles_role_preview_add", kwargs={"language": "es-mx"}),
        role_form(category, summary_en="", summary_es_mx="Construye pipelines de datos."),
        HTTP_ACCEPT_LANGUAGE="es-mx",
    )

    assert response.status_code == 400
    assert "summary_en" in response.content.decode()
    assert not Role.objects.exists()


@pytest.mark.parametrize("method", ["get", "put"])
def test_preview_answers_only_a_post(editor, method):
    role = RoleFactory(category=CategoryFactory())
    url = reverse("admin:roles_role_preview", kwargs={"object_id": role.pk, "language": "en"})
    assert getattr(editor, method)(url).status_code == 405


def test_preview_in_an_unknown_language_is_404(editor):
    role = RoleFactory(category=CategoryFactory())
    url = reverse("admin:roles_role_preview", kwargs={"object_id": role.pk, "language": "fr"})
    assert editor.post(url, {}).status_code == 404


def test_preview_needs_staff(client):
    role = RoleFactory(category=CategoryFactory())
    url = reverse("admin:roles_role_preview", kwargs={"object_id": role.pk, "language": "en"})
    response = client.post(url, {})
    assert response.status_code == 302 and "/login/" in response["Location"]


def _change_data(editor, role: Role) -> dict:
    """The change form as the admin renders it for ``role``: every field and inline row."""
    response = editor.get(reverse("admin:roles_role_change", args=[role.pk]))
    data: dict = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= {
            f"{formset.prefix}-{key}": str(value)
            for key, value in formset.management_form.initial.items()
        }
        for sub in formset.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is None or value is False:
                    continue
                key = sub.add_prefix(name)
                data[key] = (
                    [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
                )
    assert FAQ.objects.filter(role=role).exists()
    return data
