"""The search pages: results people can scan, the home combobox's suggestions, OpenSearch."""

import json
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.roles.factories import CategoryFactory, RoleFactory

pytestmark = pytest.mark.django_db

SUGGEST = {"HX-Request": "true", "HX-Target": "home-q-list"}


def index(client, language: str = "en", **params: str) -> str:
    with translation.override(language):
        url = reverse("roles:index")
    return client.get(url, params).content.decode()


def test_results_are_ranked_by_relevance_not_alphabetically(client, seeded):
    html = index(client, q="machine learning")

    cards = html.split('class="role-card"')[1:]
    assert 'href="/en/roles/machine-learning-engineer/"' in cards[0]
    assert 'href="/en/roles/applied-ml-engineer/"' in cards[1]


def test_matched_words_are_highlighted_in_titles_and_snippets(client, seeded):
    html = index(client, "pt-br", q="engenheiros de dados")

    link = '<a class="role-card__link" href="/pt-br/roles/data-engineer/">'
    assert link + "<mark>Engenheiro</mark> de <mark>Dados</mark></a>" in html


def test_highlighting_escapes_role_text(client):
    RoleFactory(title="<script>alert(1)</script> Data Engineer", summary="Data & <b>pipes</b>.")

    html = index(client, q="data")

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Data</mark> Engineer" in html
    assert "<mark>Data</mark> &amp; &lt;b&gt;pipes&lt;/b&gt;." in html


def test_the_snippet_says_where_a_match_outside_the_summary_is(client, seeded):
    html = index(client, q="sagemaker")

    assert '<span class="role-card__where">Tools:</span>' in html
    assert "<mark>SageMaker</mark>" in html


def test_a_misspelt_query_offers_did_you_mean(client, seeded):
    html = index(client, q="data engneer")

    assert (
        'Did you mean <a href="/en/roles/?q=data+engineer" rel="nofollow">data engineer</a>?'
        in html
    )


def test_category_filters_show_how_many_roles_match(client):
    data, design = CategoryFactory(name="Data"), CategoryFactory(name="Design")
    RoleFactory(title="Data Engineer", category=data)
    RoleFactory(title="Data Analyst", category=data)
    RoleFactory(title="Data Visualisation Designer", category=design)

    html = index(client, q="data")
    narrowed = index(client, q="data", category=design.slug)

    assert 'Data <span class="filters__count">(2 matches)</span>' in html
    assert 'Design <span class="filters__count">(1 match)</span>' in html
    assert "1 role for “data” · Design" in narrowed
    assert 'Design <span class="filters__count">(1 match)</span>' in narrowed


def test_an_empty_result_says_what_was_searched_and_offers_closest_roles_and_categories(
    client, seeded
):
    html = index(client, q="astronauta espacial")

    assert "No role matches “astronauta espacial”." in html
    assert "Closest roles" in html
    assert "Browse by category" in html and 'href="/en/roles/?category=technology"' in html
    assert html.count('class="role-card"') == 0
    empty = html[html.index('class="empty-state"') :]
    assert empty.count('href="/en/roles/') >= 4  # closest roles, a category, clear


@pytest.mark.parametrize("query", ["de la", "...", "y/o del", "¿?"])
def test_a_query_of_only_stop_words_or_punctuation_gets_a_helpful_empty_result(
    client, seeded, query
):
    html = index(client, "es-mx", q=query)

    assert "no tiene ninguna palabra para buscar" in html
    assert "Puestos con alta demanda" in html
    assert "Ingeniero de Machine Learning" in html


@pytest.mark.parametrize("query", ["\x00data", "data\x1b[31m", "x" * 5000, "%%%", "' OR 1=1 --"])
def test_bad_input_never_fails(client, seeded, query):
    response = client.get(reverse("roles:index"), {"q": query})

    assert response.status_code == 200


def test_the_htmx_suggestions_are_listbox_options(client, seeded):
    response = client.get(reverse("search_suggestions"), {"q": "data eng"}, headers=SUGGEST)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<li id="suggestion-1" class="combobox__option" role="option"')
    assert 'data-href="/en/roles/data-engineer/"' in html.split("</li>")[0]
    assert 'id="suggestion-all"' in html and "All results for “data eng”" in html
    assert '<p id="home-q-status" data-hx-swap-oob="innerHTML">' in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_suggestions_follow_the_page_language(client, seeded):
    response = client.get("/es-mx/search/suggestions/", {"q": "ingeniera"}, headers=SUGGEST)

    assert "<mark>Ingeniero</mark> de" in response.content.decode()
    assert 'data-href="/es-mx/roles/' in response.content.decode()


def test_an_empty_suggestion_query_gives_no_options(client, seeded):
    response = client.get(reverse("search_suggestions"), {"q": "  "}, headers=SUGGEST)

    assert 'role="option"' not in response.content.decode()


def test_suggestions_without_htmx_go_to_the_results_page(client):
    response = client.get(reverse("search_suggestions"), {"q": "data eng"})

    assert response.status_code == 302
    assert response["Location"] == "/en/roles/?q=data+eng"


def test_opensearch_suggestions_are_json_in_the_page_language(client, seeded):
    response = client.get("/pt-br/search/suggestions.json", {"q": "cientista"})

    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert data[0] == "cientista"
    assert data[1][0] == "Cientista de Dados"
    assert data[3][0] == settings.SITE_ORIGIN + "/pt-br/roles/data-scientist/"
    assert len(data[1]) == len(data[2]) == len(data[3]) <= 6


@pytest.mark.parametrize("query", ["\x00data", "data\x1b[31m", "x" * 5000, "%%%", "' OR 1=1 --"])
def test_bad_input_to_the_suggestions_never_fails(client, seeded, query):
    as_json = client.get("/en/search/suggestions.json", {"q": query})
    as_html = client.get("/en/search/suggestions/", {"q": query}, headers=SUGGEST)

    assert as_json.status_code == as_html.status_code == 200
    assert json.loads(as_json.content)[0] == " ".join(
        "".join(c for c in query[:200] if c.isprintable()).split()
    )


def test_suggestions_are_cached_per_query_and_read_only_q(client, seeded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/en/search/suggestions.json", {"q": "data"})
    with CaptureQueriesContext(connection) as captured:
        again = client.get("/en/search/suggestions.json?q=data&category=x&page=9&utm_source=y")

    assert again.status_code == 200 and len(captured) == 0
    assert "listing" in again["Surrogate-Key"].split()


@pytest.mark.parametrize("language", ["en", "pt-br", "es-mx"])
def test_opensearch_description_per_language(client, language):
    response = client.get(f"/{language}/opensearch.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    root = ElementTree.fromstring(response.content)
    assert len(root.find("os:ShortName", ns).text) <= 16
    assert root.find("os:Language", ns).text == language
    urls = {url.get("type"): url.get("template") for url in root.findall("os:Url", ns)}
    origin = settings.SITE_ORIGIN
    assert urls["text/html"] == f"{origin}/{language}/roles/?q={{searchTerms}}"
    assert urls["application/x-suggestions+json"] == (
        f"{origin}/{language}/search/suggestions.json?q={{searchTerms}}"
    )


def test_every_page_links_its_opensearch_description(client):
    html = client.get("/pt-br/").content.decode()

    link = '<link rel="search" type="application/opensearchdescription+xml"'
    assert link + ' href="/pt-br/opensearch.xml"' in html


def test_the_home_search_box_is_a_combobox_that_works_as_a_plain_form(client):
    html = client.get("/en/").content.decode()

    assert 'action="/en/roles/" method="get" role="search"' in html
    assert (
        'role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="home-q-list"'
        in html
    )
    assert 'data-hx-get="/en/search/suggestions/"' in html
    assert '<ul id="home-q-list" class="combobox__list" role="listbox"' in html
