"""The interview-questions panel over HTTP: full page vs htmx fragment, and bad parameters."""

import pytest

from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.html import attrs, json_ld, parse, query, select, select_one, text, texts
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
        for a in select(response, "#interview-questions a:not(.cite)")  # not the citations
    ]


def test_links_work_without_javascript_and_land_at_the_panel(client, role):
    first = client.get(role.get_absolute_url())

    path = role.get_absolute_url()
    assert panel_links(first) == [
        {"href": f"{path}#interview-questions", "hx-get": path},
        {"href": "?kind=technical#interview-questions", "hx-get": "?kind=technical"},
        {"href": "?kind=behavioral#interview-questions", "hx-get": "?kind=behavioral"},
        {"href": "?page=2#interview-questions", "hx-get": "?page=2"},
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


def test_the_all_tab_drops_kind_and_page(client, role):
    response = client.get(role.get_absolute_url() + "?kind=behavioral&page=2")

    all_tab = panel_links(response)[0]
    assert all_tab == {
        "href": f"{role.get_absolute_url()}#interview-questions",
        "hx-get": role.get_absolute_url(),
    }


def test_panel_links_carry_only_what_the_page_reads(client, role):
    """The page cache ignores parameters the page does not read, so a link built from the raw
    query string would bake the first visitor's ``utm_*`` into every later visitor's page."""
    first = client.get(role.get_absolute_url() + "?kind=behavioral&utm_source=x&fbclid=y")
    later = client.get(role.get_absolute_url() + "?kind=behavioral")

    for response in (first, later):
        links = panel_links(response)
        assert links, "the panel has links"
        for link in links:
            assert set(query(link["href"])) <= {"kind", "page"}, link
            assert set(query(link["hx-get"])) <= {"kind", "page"}, link
    assert panel_links(first) == panel_links(later)


def groups(page) -> list[tuple[str, list[str]]]:
    """The panel's visible lists: each kind heading with the questions under it."""
    panel = select_one(page, "#interview-questions")
    return [
        (
            text(heading),
            texts(
                panel,
                f"ol[aria-labelledby='{heading.attributes['id']}'] li.question > p:first-child",
            ),
        )
        for heading in panel.css("h3.questions__kind")
    ]


@pytest.fixture
def mixed():
    """Seed 000's three questions (two technical, one behavioral) as the role's own, then
    its category's and generic questions."""
    role = RoleFactory()
    for kind, question, order in [
        ("technical", "Own technical 1?", 1),
        ("technical", "Own technical 2?", 2),
        ("behavioral", "Own behavioral?", 3),
        ("topic", "Own topic", 4),
    ]:
        InterviewQuestionFactory(roles=[role], kind=kind, text=question, order=order)
    InterviewQuestionFactory(categories=[role.category], kind="behavioral", text="Field?", order=1)
    InterviewQuestionFactory(kind="behavioral", text="Any role 1?", order=1)
    InterviewQuestionFactory(kind="behavioral", text="Any role 2?", order=2)
    return role


def test_the_page_opens_on_all_grouped_by_kind_without_javascript(client, mixed):
    response = client.get(mixed.get_absolute_url())

    assert texts(response, "nav.tabs a[aria-current='true']") == ["All 7"]
    assert texts(response, "nav.tabs a.tab") == [
        "All 7",
        "Technical 2",
        "Behavioral 4",
        "Topics to prepare 1",
    ]
    assert groups(response) == [
        ("Technical", ["Own technical 1?", "Own technical 2?"]),
        ("Behavioral", ["Own behavioral?", "Field?", "Any role 1?"]),
    ]
    # One numbering across the groups.
    assert attrs(response, "#interview-questions ol.questions", "start") == ["1", "3"]
    assert "Showing 5 of 7 questions." in text(select_one(response, "#interview-questions"))
    # Keyboard focus after a swap goes to the first heading (nothing is focused on page load).
    focus = select(response, "#interview-questions [data-panel-focus]")
    assert [(node.tag, node.attributes.get("tabindex")) for node in focus] == [("h3", "-1")]


def test_the_htmx_fragment_opens_on_all_too(client, mixed):
    response = client.get(mixed.get_absolute_url(), headers=HTMX)

    assert "<h1" not in response.content.decode()
    assert texts(response, "nav.tabs a[aria-current='true']") == ["All 7"]
    assert [heading for heading, _questions in groups(response)] == ["Technical", "Behavioral"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=technical", [("Technical", ["Own technical 1?", "Own technical 2?"])]),
        (
            "?kind=behavioral",
            [("Behavioral", ["Own behavioral?", "Field?", "Any role 1?", "Any role 2?"])],
        ),
        ("?kind=topic", [("Topics to prepare", ["Own topic"])]),
    ],
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_each_tab_filters_to_its_kind(client, mixed, query, expected, headers):
    response = client.get(mixed.get_absolute_url() + query, headers=headers)

    assert groups(response) == expected
    selected = texts(response, "nav.tabs a[aria-current='true']")
    assert selected == [f"{expected[0][0]} {len(expected[0][1])}"]


@pytest.mark.parametrize("query", ["", "?kind=all", "?kind=situational"])
def test_deep_links_to_all(client, mixed, query):
    """No kind, ``?kind=all`` and a kind this role has no questions of all open "All"."""
    response = client.get(mixed.get_absolute_url() + query)

    assert response.status_code == 200
    assert texts(response, "nav.tabs a[aria-current='true']") == ["All 7"]
    assert len(select(response, "#interview-questions li.question")) == 5


def test_show_more_on_all_adds_a_page_and_keeps_the_grouping(client, mixed):
    first = client.get(mixed.get_absolute_url())
    more = panel_links(first)[-1]
    assert query(more["hx-get"]) == {"page": ["2"]}

    response = client.get(mixed.get_absolute_url() + more["hx-get"], headers=HTMX)

    assert groups(response) == [
        ("Technical", ["Own technical 1?", "Own technical 2?"]),
        ("Behavioral", ["Own behavioral?", "Field?", "Any role 1?", "Any role 2?"]),
        ("Topics to prepare", ["Own topic"]),
    ]
    assert attrs(response, "#interview-questions ol.questions", "start") == ["1", "3", "7"]
    assert not [a for a in panel_links(response) if "page=" in a["href"]]
    assert texts(response, "nav.tabs a[aria-current='true']") == ["All 7"]
    # Focus goes to the first question "show more" added, the sixth.
    focus = select(response, "#interview-questions [data-panel-focus]")
    assert [(node.tag, node.attributes.get("tabindex")) for node in focus] == [("li", "-1")]
    assert text(focus[0].css_first("p")) == "Any role 2?"


def test_the_ml_engineer_page_shows_seed_000s_three_questions_first(client, seeded):
    from faqs.models import InterviewQuestion

    # Seed 000's three questions, in the seed's order.
    keys = ["mle-q-concept-drift", "mle-q-batch-vs-realtime", "mle-q-test-vs-production"]
    seed = [InterviewQuestion.objects.get(key=key) for key in keys]
    assert [q.kind for q in seed] == ["technical", "technical", "behavioral"]

    response = client.get("/en/roles/machine-learning-engineer/")

    shown = texts(response, "#interview-questions li.question > p:first-child")
    assert shown[:3] == [q.text for q in seed]
    assert texts(response, "nav.tabs a[aria-current='true']")[0].startswith("All")


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
