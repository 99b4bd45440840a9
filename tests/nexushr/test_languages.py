"""What a Portuguese or Spanish reader sees: every message in their language, the wording a
native reviewer asked for, English fallback content marked as English, flags as text."""

import re

import pytest
from django.utils import translation

from nexushr.translation import shown_language
from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.html import parse, select, select_one, text, texts
from tests.roles.factories import ResponsibilityFactory, RoleFactory

pytestmark = pytest.mark.django_db

ROLE = "/{}/roles/machine-learning-engineer/"
LANGUAGES = ["pt-br", "es-mx"]

# Every address a visitor can get a 400 (or 404) for: the message must be in the page language.
BAD_ADDRESSES = [
    "/{}/roles/machine-learning-engineer/?kind=nonsense",
    "/{}/roles/machine-learning-engineer/?kind=",
    "/{}/roles/machine-learning-engineer/?page=x",
    "/{}/roles/machine-learning-engineer/?page=1001",
    "/{}/roles/?page=abc",
    "/{}/compare/?roles=",
    "/{}/compare/?roles=a,a",
    "/{}/compare/?roles=a,b,c,d",
    "/{}/compare/?roles=x$y",
    "/{}/compare/?roles=" + "a," * 200,
    "/{}/compare/edit/?add=$$",
    "/{}/compare/edit/?roles=a,a",
    "/{}/compare/tray/",
    "/{}/roles/no-such-role/",
    "/{}/no-such-page/",
]


def error_text(response) -> str:
    return " ".join(texts(response, "main h1, main p"))


@pytest.mark.parametrize("address", BAD_ADDRESSES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_error_messages_are_in_the_page_language(client, seeded, address, language):
    english = client.get(address.format("en"))
    response = client.get(address.format(language))

    assert response.status_code == english.status_code
    assert response.status_code in (400, 404)
    assert parse(response).css_first("html").attributes["lang"] == language
    english_lines = set(texts(english, "main h1, main p"))
    assert english_lines, "the English page says what went wrong"
    assert not english_lines & set(texts(response, "main h1, main p")), error_text(response)


def test_the_compare_tray_message_is_in_the_page_language(client, seeded):
    slugs = "machine-learning-engineer,data-scientist,software-developer"
    headers = {"HX-Request": "true", "HX-Target": "compare-tray"}
    address = f"/{{}}/compare/edit/?roles={slugs}&add=data-analyst"

    english = text(parse(client.get(address.format("en"), headers=headers)).body)
    spanish = text(parse(client.get(address.format("es-mx"), headers=headers)).body)

    assert "You can compare up to three roles" in english
    assert "You can compare up to three roles" not in spanish
    assert "hasta tres puestos" in spanish


# ---------- wording asked for by native-level review ----------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("pt-br", ["Todas 12", "Técnicas 2", "Comportamentais 5", "Temas para estudar 5"]),
        ("es-mx", ["Todas 12", "Técnicas 2", "Conductuales 5", "Temas para preparar 5"]),
    ],
)
def test_tab_names_are_plural(client, seeded, language, expected):
    response = client.get(ROLE.format(language))

    assert texts(response, "#interview-questions nav.tabs a") == expected
    assert texts(response, "h3.questions__kind") == [
        name.rsplit(" ", 1)[0] for name in expected[1:3]
    ]


def test_portuguese_section_names(client, seeded):
    response = client.get(ROLE.format("pt-br"))

    headings = texts(response, "main h2")
    assert "O dia a dia" in headings and "Trilha de carreira" in headings
    assert not {"Um dia na rotina", "Plano de carreira"} & set(headings)
    footer = text(select_one(response, "footer"))
    assert "O NexusHR publica perfis de cargos" in footer


def test_spanish_spelling(client, seeded):
    response = client.get(ROLE.format("es-mx"))
    page = text(parse(response).body)
    profile = " ".join(texts(response, "#responsibilities li, #requirements li"))

    assert "Ingeniero de Machine Learning Semi Senior" in page
    assert "Nivel Intermedio" not in page
    assert "contenerización" in profile and "contenedorización" not in profile
    assert "trabajar en conjunto con" in profile
    with translation.override("es-mx"):
        assert translation.gettext("Mid-level") == "Semi Senior"


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        ("pt-br", "Ver o único cargo em Dados", "Ver todos os 2 cargos em Dados"),
        ("es-mx", "Ver el único puesto en Datos", "Ver los 2 puestos en Datos"),
    ],
)
def test_the_home_pages_see_all_link_says_the_only_one(language, one, many):
    """The home page's "See the 1 role in …" (its singular: the only role of a category)."""
    singular, plural = (
        "See the %(counter)s role in %(name)s",
        "See all %(counter)s roles in %(name)s",
    )
    name = {"pt-br": "Dados", "es-mx": "Datos"}[language]
    with translation.override(language):
        assert translation.ngettext(singular, plural, 1) % {"counter": 1, "name": name} == one
        assert translation.ngettext(singular, plural, 2) % {"counter": 2, "name": name} == many


def test_the_all_tab_is_translated_in_the_panel_fragment(client):
    role = RoleFactory()
    InterviewQuestionFactory(roles=[role], kind="behavioral")
    headers = {"HX-Request": "true", "HX-Target": "interview-questions"}

    response = client.get(f"/pt-br/roles/{role.slug}/", headers=headers)

    assert texts(response, "nav.tabs a") == ["Todas 1", "Comportamentais 1"]
    assert select(response, "h3.questions__kind")[0].text() == "Comportamentais"


# ---------- English fallback content is marked as English ----------


@pytest.fixture
def english_only():
    """A role (with a duty, a question and an FAQ) written in English only."""
    role = RoleFactory(
        title="Prompt Librarian", summary="Keeps prompts tidy.", day_in_the_life="Files prompts."
    )
    ResponsibilityFactory(role=role, text="Tidy the prompts.")
    InterviewQuestionFactory(roles=[role], text="How do you file a prompt?")
    FAQFactory(role=role, question="Is it remote?", answer="Often.")
    return role


FALLBACK_PLACES = {
    "h1": "Prompt Librarian",
    ".role-summary": "Keeps prompts tidy.",
    "#day-in-the-life div": "Files prompts.",
    "#responsibilities li": "Tidy the prompts.",
    "#interview-questions li.question > p:first-child": "How do you file a prompt?",
    "#faqs summary": "Is it remote?",
    "#faqs [itemprop='text']": "Often.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_english_fallback_content_is_marked_lang_en(client, english_only, language):
    response = client.get(f"/{language}/roles/{english_only.slug}/")

    assert parse(response).css_first("html").attributes["lang"] == language
    for selector, english in FALLBACK_PLACES.items():
        node = select_one(response, selector)
        assert (text(node), node.attributes.get("lang")) == (english, "en"), selector


def test_translated_content_and_english_pages_carry_no_lang_mark(client, english_only):
    english = client.get(english_only.get_absolute_url())
    assert not select(english, "main [lang]")

    english_only.title_pt_br = "Bibliotecário de Prompts"
    english_only.save()
    response = client.get(f"/pt-br/roles/{english_only.slug}/")

    h1 = select_one(response, "h1")
    assert (text(h1), h1.attributes.get("lang")) == ("Bibliotecário de Prompts", None)
    # The summary is still English only: marked as such, field by field.
    assert select_one(response, ".role-summary").attributes.get("lang") == "en"


def test_shown_language_follows_modeltranslations_fallback(english_only):
    english_only.summary_es_mx = "Ordena los prompts."
    with translation.override("es-mx"):
        assert shown_language(english_only, "summary") == "es-mx"
        assert shown_language(english_only, "title") == "en"
        assert english_only.title == "Prompt Librarian"  # what the fallback shows
        assert shown_language(english_only, "slug") == "es-mx"  # not translated: as it is
    with translation.override("en"):
        assert shown_language(english_only, "title") == "en"


# ---------- countries as text, not emoji flags ----------

REGIONAL_INDICATORS = re.compile("[\U0001f1e6-\U0001f1ff]")


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_countries_are_shown_as_iso_code_badges_not_emoji_flags(client, seeded, language):
    """Emoji flags (pairs of regional-indicator symbols) are empty boxes on Linux and Windows."""
    response = client.get(ROLE.format(language))

    assert not REGIONAL_INDICATORS.search(response.content.decode())
    rows = select(response, "#salaries table.salary-table")[0].css("tbody th")
    badges = [row.css_first(".country-badge") for row in rows]
    assert [(text(b), b.attributes.get("aria-hidden")) for b in badges] == [
        ("BR", "true"),
        ("MX", "true"),
    ]
