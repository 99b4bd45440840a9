"""The interview-questions panel over HTTP: full page vs htmx fragment, and bad parameters."""

import re

import pytest

from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
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
    assert html.count('class="question"') == 5
    assert re.search(r'aria-current="true">Behavioral <span class="tab__count">7</span>', html)
    assert "Vary" in response and "HX-Request" in response["Vary"]


def test_plain_request_with_the_same_query_gets_the_full_page_with_that_state(client, role):
    response = client.get(role.get_absolute_url() + "?kind=behavioral&page=2")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and 'id="interview-questions"' in html
    assert html.count('class="question"') == 7
    assert "Show more questions" not in html


def test_links_work_without_javascript_and_land_at_the_panel(client, role):
    html = client.get(role.get_absolute_url()).content.decode()

    assert 'href="?kind=behavioral#interview-questions"' in html
    assert 'href="?kind=technical&amp;page=2#interview-questions"' not in html  # only 2 technical
    behavioral = client.get(role.get_absolute_url() + "?kind=behavioral").content.decode()
    assert 'href="?kind=behavioral&amp;page=2#interview-questions"' in behavioral
    assert 'hx-push-url="?kind=behavioral&amp;page=2"' in behavioral


def test_a_request_for_another_target_is_not_given_the_panel(client, role):
    response = client.get(role.get_absolute_url(), headers={"HX-Request": "true"})

    assert "<h1" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["?kind=nonsense", "?page=abc", "?page=0", "?kind=technical&page=-3"]
)
def test_bad_panel_parameters_are_a_clear_400(client, role, query):
    response = client.get(role.get_absolute_url() + query)

    assert response.status_code == 400
    assert b"This address cannot be used" in response.content


def test_bad_parameters_in_an_htmx_request_are_a_400_too(client, role):
    response = client.get(role.get_absolute_url() + "?page=x", headers=HTMX)

    assert response.status_code == 400


def test_panel_says_what_the_list_is(client, role):
    html = client.get(role.get_absolute_url()).content.decode()

    assert "Curated interview questions" in html
    assert "AI" not in re.sub(r"<[^>]+>", "", html.split('id="interview-questions"')[1][:2000])


def test_panel_fragment_of_a_renamed_role_redirects(client, role):
    old = role.get_absolute_url()
    role.slug = "renamed"
    role.save()

    response = client.get(old + "?kind=behavioral", headers=HTMX)

    assert response.status_code == 301
    assert response["Location"] == "/en/roles/renamed/?kind=behavioral"


def test_faqs_render_as_details_carrying_faqpage_microdata(client):
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    role = RoleFactory()
    FAQFactory(role=role, question="Is it remote?", answer="Often, yes.")
    FAQFactory(role=None, question="Where do figures come from?", answer="Published sources.")

    tree = HTMLParser(client.get(role.get_absolute_url()).content.decode())

    page = tree.css_first('[itemtype="https://schema.org/FAQPage"]')
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
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', str(tree.html), re.S)
    assert "FAQPage" not in "".join(blocks)  # not sent twice
