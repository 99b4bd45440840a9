"""The admin in Portuguese and Spanish, as an editor reads it: no English left on the screen
where a library's catalog lacks a string (Django 6.1's own "- Select an option -", the Spanish
admin's "Run" and "Log out", django-axes' models, django-import-export's messages)."""

from functools import cache
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation

from faqs.models import FAQ, InterviewQuestion
from salaries.models import SalaryBand
from tests.html import parse, text

pytestmark = pytest.mark.django_db

# The same word in the page's language as in English, or a name.
SAME_IN_EVERY_LANGUAGE = {
    "NexusHR",
    "Editorial",
    "Axes",
    "Junior",
    "Senior",
    "No",
    "Total",
    "Email",
}


@cache
def library_strings() -> frozenset[str]:
    """Every string that Django and the installed apps ship for translation (the msgids of
    their catalogs, in whatever languages they have)."""
    folders = [Path(django.__file__).parent / "conf" / "locale"]
    folders += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    ids: set[str] = set()
    for folder in folders:
        for po in folder.glob("*/LC_MESSAGES/django.po"):
            with open(po, "rb") as file:
                try:
                    catalog = read_po(file)
                except ValueError:  # a header Babel cannot read ("farsi/persian"); the
                    continue  # same strings are in the app's other catalogs
            ids |= {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    return frozenset(ids)


def _forms(shown: str) -> set[str]:
    """What a shown text may be in a catalog: as shown, without a label's colon, and with the
    first letter lowered (the admin capitalises model names: "access attempts")."""
    forms = {shown, shown.rstrip(":")}
    return forms | {form[:1].lower() + form[1:] for form in forms}


def untranslated(response, language: str) -> set[str]:
    """Text and labels on the page that are a library's English string with no translation in
    ``language``."""
    doc = parse(response)
    for node in doc.css("script, style, textarea, [data-original]"):
        node.decompose()
    shown = {
        text(node) for node in doc.css("body *") if node.child is None or node.text(deep=False)
    }
    shown |= {
        value
        for node in doc.css("[title], [aria-label], [placeholder], input[type=submit]")
        for name in ("title", "aria-label", "placeholder", "value")
        if (value := node.attributes.get(name))
    }
    shown |= {own for node in doc.css("body *") if (own := node.text(deep=False).strip())}
    shown |= {word for node in doc.css("title") for word in text(node).split(" | ")}
    strings = library_strings()
    with translation.override(language):
        return {
            candidate
            for shown_text in shown
            for candidate in _forms(shown_text)
            if candidate in strings
            and candidate not in SAME_IN_EVERY_LANGUAGE
            and translation.gettext(candidate) == candidate
        }


@pytest.fixture
def chefe(client):
    """The test client, logged in as a superuser."""
    admin = get_user_model().objects.create_superuser("chefe", "chefe@example.com", "x" * 12)
    client.force_login(admin)
    return client


def admin_pages(mle) -> list[str]:
    band = SalaryBand.objects.filter(role=mle).first()
    return [
        reverse("admin:index"),
        reverse("admin:roles_role_changelist"),
        reverse("admin:roles_role_change", args=[mle.pk]),
        reverse("admin:roles_role_add"),
        reverse("admin:roles_role_delete", args=[mle.pk]),
        reverse("admin:roles_role_history", args=[mle.pk]),
        reverse("admin:faqs_interviewquestion_changelist"),
        reverse("admin:faqs_interviewquestion_change", args=[InterviewQuestion.objects.first().pk]),
        reverse("admin:faqs_faq_changelist"),
        reverse("admin:faqs_faq_change", args=[FAQ.objects.first().pk]),
        reverse("admin:salaries_salaryband_changelist"),
        reverse("admin:salaries_salaryband_change", args=[band.pk]),
        reverse("admin:salaries_salaryband_import"),
        reverse("admin:salaries_salaryband_export"),
        reverse("admin:sources_source_changelist"),
        reverse("admin:roles_category_changelist"),
        reverse("admin:roles_tool_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:password_change"),
        reverse("translation_worklist"),
    ]


@pytest.mark.parametrize("language", ["pt-br", "es-mx"])
def test_the_admin_shows_no_untranslated_library_string(chefe, mle, language):
    found = {}
    for url in admin_pages(mle):
        response = chefe.get(url, headers={"accept-language": language})
        assert response.status_code == 200, url
        for string in untranslated(response, language):
            found.setdefault(string, url)
    assert found == {}


def test_the_check_sees_text_labels_and_buttons(client, mle):
    """In English every library string counts as untranslated, so the check must find each
    one, wherever it stands: text, a title, an aria-label, a button's value."""
    page = HttpResponse(
        '<body><p>Add <a title="History" href="#">x</a></p><span aria-label="Delete">-</span>'
        '<input type="submit" value="Save"><p>NexusHR</p><p>Salvar</p></body>'
    )
    assert untranslated(page, "en") == {"Add", "History", "Delete", "Save"}


@pytest.mark.parametrize("language", ["en", "pt-br", "es-mx"])
def test_admin_headings_and_section_links_start_with_a_capital(chefe, mle, language):
    """Our catalogs keep model names in lower case, as Django's do ("perguntas frequentes"),
    for the admin to capitalise where a name starts a heading; our own headings must too."""
    found = {}
    for url in admin_pages(mle):
        response = chefe.get(url, headers={"accept-language": language})
        doc = parse(response)
        for node in doc.css("h1, h2, h3, caption, .editor-sections-nav a, #nav-sidebar a"):
            shown = text(node)
            if shown[:1].islower():
                found.setdefault(shown, url)
    assert found == {}
