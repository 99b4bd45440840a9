"""The interview-questions panel over HTTP: full page vs htmx fragment, and bad parameters."""

import pytest

from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.html import json_ld, parse, query, select, select_one, text, texts
from tests.roles.factories import RoleFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "interview-questions"}


@pytest.fixture
def role():
    role = RoleFactory()
    InterviewQuestionFactory.create_batch(2, roles=[role], kind="technical")
    for n in range(7):
        InterviewQuestionFactory(roles=[role], kind="behavioral", text=f"Behavioral {n}?", order=n)
    return role


def test_htmx_tab_request_gets_only_the_panel(client, role):
    response = client.get(role.get_absolute_url() + "?kind=behavioral", headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="interview-questions"')
    assert "<html" not in html and "<h1" not in html
    assert len(select(response, "li.question")) == 5
    assert texts(response, "nav.tabs a[aria-current='true']") == ["Behavioral 7"]
    assert "Vary" in response and "HX-Request" in response["Vary"]


def test_plain_request_with_the_same_query_gets_the_full_page_with_that_state(client, role):
    response = client.get(role.get_absolute_url() + "?kind=behavioral&page=2")

    assert response.status_code == 200
    assert select(response, "h1") and select(response, "#interview-questions")
    assert len(select(response, "#interview-questions li.question")) == 7
    assert "Show more questions" not in text(parse(response).body)


def panel_links(response) -> list[dict]:
    """Each link of the panel: where it goes without JavaScript and what htmx fetches."""
    return [
        {"href": a.attributes["href"], "hx-get": a.attributes.get("data-hx-get")}
        for a in select(response, "#interview-questions a")
    ]


def test_links_work_without_javascript_and_land_at_the_panel(client, role):
    first = client.get(role.get_absolute_url())

    # Two tabs, no "show more": only two technical questions.
    assert panel_links(first) == [
        {"href": "?kind=technical#interview-questions", "hx-get": "?kind=technical"},
        {"href": "?kind=behavioral#interview-questions", "hx-get": "?kind=behavioral"},
    ]
    behavioral = client.get(role.get_absolute_url() + "?kind=behavioral")
    more = panel_links(behavioral)[-1]
    assert query(more["href"]) == query(more["hx-get"]) == {"kind": ["behavioral"], "page": ["2"]}
    assert more["href"].endswith("#interview-questions")
    # htmx swaps the panel itself and pushes the fetched address (set once, on the panel).
    panel = select_one(behavioral, "section#interview-questions")
    assert panel.attributes["data-hx-target"] == "#interview-questions"
    assert panel.attributes["data-hx-push-url"] == "true"
    assert not select(behavioral, "[hx-get], [hx-target], [hx-push-url]")


def test_a_request_for_another_target_is_not_given_the_panel(client, role):
    response = client.get(role.get_absolute_url(), headers={"HX-Request": "true"})

    assert select(response, "h1")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?kind=nonsense", "There is no question kind “nonsense”."),
        ("?page=abc", "The page must be a whole number from 1 to 1000."),
        ("?page=0", "The page must be a whole number from 1 to 1000."),
        ("?kind=technical&page=-3", "The page must be a whole number from 1 to 1000."),
        ("?page=%C2%B2", "The page must be a whole number from 1 to 1000."),  # "²"
        ("?page=%D9%A3", "The page must be a whole number from 1 to 1000."),  # Arabic-Indic 3
    ],
)
def test_bad_panel_parameters_are_a_clear_400(client, role, query, message):
    response = client.get(role.get_absolute_url() + query)

    assert response.status_code == 400
    assert texts(response, "h1") == ["This address cannot be used"]
    assert message in texts(response, ".error-page p")


def test_the_400_message_is_in_the_page_language(client, role):
    response = client.get(f"/pt-br/roles/{role.slug}/?page=%C2%B2")

    assert response.status_code == 400
    assert "A página deve ser um número inteiro de 1 a 1000." in texts(response, ".error-page p")


def test_bad_parameters_in_an_htmx_request_are_a_400_too(client, role):
    response = client.get(role.get_absolute_url() + "?page=x", headers=HTMX)

    assert response.status_code == 400


def test_panel_says_what_the_list_is(client, role):
    panel = text(select_one(client.get(role.get_absolute_url()), "#interview-questions"))

    assert "Curated interview questions" in panel
    assert "AI" not in panel


def test_panel_fragment_of_a_renamed_role_redirects(client, role):
    old = role.get_absolute_url()
    role.slug = "renamed"
    role.save()

    response = client.get(old + "?kind=behavioral", headers=HTMX)

    assert response.status_code == 301
    assert response["Location"] == "/en/roles/renamed/?kind=behavioral"


def test_faqs_render_as_details_carrying_faqpage_microdata(client):
    role = RoleFactory()
    FAQFactory(role=role, question="Is it remote?", answer="Often, yes.")
    FAQFactory(role=None, question="Where do figures come from?", answer="Published sources.")

    response = client.get(role.get_absolute_url())

    page = select_one(response, '[itemtype="https://schema.org/FAQPage"]')
    questions = page.css('details[itemprop="mainEntity"][itemtype="https://schema.org/Question"]')
    names = [q.css_first('summary[itemprop="name"]').text() for q in questions]
    answers = [
        q.css_first('[itemprop="acceptedAnswer"][itemtype="https://schema.org/Answer"]')
        .css_first('[itemprop="text"]')
        .text()
        .strip()
        for q in questions
    ]
    assert names == ["Is it remote?", "Where do figures come from?"]
    assert answers == ["Often, yes.", "Published sources."]
    assert "FAQPage" not in [block["@type"] for block in json_ld(response)]  # not sent twice
