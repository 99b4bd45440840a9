"""Home page and role index: categories, search, pagination, htmx results, malformed input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roles.selectors import ROLES_PER_PAGE
from tests.html import attrs, query, select, select_one, texts
from tests.roles.factories import CategoryFactory, RoleFactory

pytestmark = pytest.mark.django_db

RESULTS = {"HX-Request": "true", "HX-Target": "results"}


def cards(response) -> int:
    return len(select(response, ".role-card"))


def test_home_lists_categories_with_their_published_roles_and_a_search_box(client):
    role = RoleFactory(title="Data Engineer", demand="high")
    RoleFactory(title="Hidden Draft", status="draft", category=role.category)

    response = client.get(reverse("home"))
    html = response.content.decode()

    assert role.category.name in html
    assert [card.css_first("a").attributes["href"] for card in select(response, ".role-card")] == [
        role.get_absolute_url()
    ]
    assert "Data Engineer" in texts(response, ".role-card")[0]
    assert "High Demand" in html
    assert "Hidden Draft" not in html
    search = select_one(response, "form[role='search']")
    assert search.attributes["action"] == "/en/roles/" and search.css_first("input[name='q']")


def test_index_lists_every_published_role(client):
    RoleFactory.create_batch(3)
    RoleFactory(status="draft")

    response = client.get(reverse("roles:index"))

    assert cards(response) == 3
    assert "3 roles" in response.content.decode()


def test_index_filters_by_category(client):
    data, design = CategoryFactory(name="Data"), CategoryFactory(name="Design")
    RoleFactory.create_batch(2, category=data)
    RoleFactory(category=design, title="Designer")

    response = client.get(reverse("roles:index") + f"?category={design.slug}")

    assert cards(response) == 1
    assert "Designer" in response.content.decode()
    assert attrs(response, ".filters a[aria-current]", "href") == [
        f"/en/roles/?category={design.slug}"
    ]


def test_unknown_category_is_reported_and_ignored(client):
    RoleFactory.create_batch(2)

    response = client.get(reverse("roles:index") + "?category=nope")

    assert response.status_code == 200
    assert cards(response) == 2
    assert "There is no category" in response.content.decode()


def test_empty_search_says_so_and_offers_to_clear(client):
    RoleFactory(title="Data Engineer")

    response = client.get(reverse("roles:index") + "?q=astronaut")

    html = response.content.decode()
    assert cards(response) == 0
    assert "No role matches “astronaut”." in html
    assert "Clear the search and filters" in html


@pytest.mark.parametrize(
    ("page", "expected_cards", "label"),
    [
        ("1", ROLES_PER_PAGE, "Page 1 of 2"),
        ("2", 1, "Page 2 of 2"),
        ("99999", 1, "Page 2 of 2"),
        ("01", ROLES_PER_PAGE, "Page 1 of 2"),
        ("", ROLES_PER_PAGE, "Page 1 of 2"),
    ],
)
def test_a_page_past_the_end_gives_the_last_page(client, page, expected_cards, label):
    RoleFactory.create_batch(ROLES_PER_PAGE + 1)

    response = client.get(reverse("roles:index") + f"?page={page}")

    assert response.status_code == 200
    assert cards(response) == expected_cards
    assert label in response.content.decode()


def test_pagination_links_keep_the_search_and_filter(client):
    category = CategoryFactory()
    RoleFactory.create_batch(ROLES_PER_PAGE + 1, category=category, title="Data Role")

    response = client.get(reverse("roles:index") + f"?q=data&category={category.slug}")

    [next_page] = attrs(response, ".pagination a[rel='next']", "href")
    assert query(next_page) == {"q": ["data"], "category": [category.slug], "page": ["2"]}
    # The category filters keep the search; "All categories" drops only the category.
    assert [query(href) for href in attrs(response, ".filters a", "href")] == [
        {"q": ["data"]},
        {"q": ["data"], "category": [category.slug]},
    ]


def test_a_five_thousand_character_query_is_handled(client):
    RoleFactory(title="Data Engineer")

    response = client.get(reverse("roles:index") + "?q=" + "data " * 1000)

    assert response.status_code == 200


def test_odd_characters_in_the_query_are_searched_literally(client):
    RoleFactory(title="C++ Developer", slug="cpp")
    RoleFactory(title="Other")

    for searched in ("%", "_", "c++", "'; drop table roles_role; --", "\\"):
        response = client.get(reverse("roles:index"), {"q": searched})
        assert response.status_code == 200, searched
    assert cards(client.get(reverse("roles:index"), {"q": "c++"})) == 1
    assert cards(client.get(reverse("roles:index"), {"q": "%"})) == 0


def test_htmx_search_gets_only_the_results(client):
    RoleFactory(title="Data Engineer")
    RoleFactory(title="Designer")

    response = client.get(reverse("roles:index") + "?q=data", headers=RESULTS)

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert not select(response, "h1, form")
    assert cards(response) == 1


def test_plain_search_gets_the_full_page_with_the_query_filled_in(client):
    RoleFactory(title="Data Engineer")

    response = client.get(reverse("roles:index") + "?q=data")

    assert texts(response, "h1") == ["Roles"]
    form = select_one(response, "form[role='search']")
    assert form.css_first("input#q").attributes["value"] == "data"
    assert form.attributes["data-hx-get"] == "/en/roles/"
    assert form.attributes["data-hx-target"] == "#results"
    assert form.attributes["data-hx-trigger"] == (
        "input changed delay:300ms from:#q, search from:#q, submit"
    )
    assert form.attributes["data-hx-push-url"] == "true"


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/en/", "/en/roles/", "/en/roles/?q=role", "/en/roles/?page=2"])
def test_home_and_index_query_counts_do_not_grow_with_the_number_of_roles(client, url):
    categories = CategoryFactory.create_batch(3)
    for i in range(5):
        RoleFactory(category=categories[i % 3])
    small = queries(client, url)
    for i in range(40):
        RoleFactory(category=categories[i % 3])
    from django.core.cache import cache

    from nexushr.cache import local_entries

    cache.clear()
    local_entries.clear()  # the process's own copy of hot pages, too
    large = queries(client, url)

    assert small == large
    assert large <= 4


def test_home_shows_the_first_roles_of_each_category_and_links_to_the_rest(client):
    from roles.selectors import HOME_ROLES_PER_CATEGORY

    big, small = CategoryFactory(name="Big"), CategoryFactory(name="Small")
    for n in range(HOME_ROLES_PER_CATEGORY + 3):
        RoleFactory(category=big, title=f"Big role {n:02d}")
    RoleFactory(category=small, title="Only one")

    response = client.get(reverse("home"))
    html = response.content.decode()

    assert cards(response) == HOME_ROLES_PER_CATEGORY + 1
    assert "Big role 00" in html and f"Big role {HOME_ROLES_PER_CATEGORY:02d}" not in html
    assert f"See all {HOME_ROLES_PER_CATEGORY + 3} roles in Big" in html
    assert f"/en/roles/?category={big.slug}" in attrs(response, "a", "href")
    assert "roles in Small" not in html


def test_categories_count_published_roles_only_and_hide_when_they_have_none(client):
    from roles.selectors import HOME_ROLES_PER_CATEGORY

    data, drafts_only = CategoryFactory(name="Data"), CategoryFactory(name="Drafts only")
    RoleFactory.create_batch(HOME_ROLES_PER_CATEGORY + 1, category=data)
    RoleFactory.create_batch(2, category=data, status="draft")
    RoleFactory(category=drafts_only, status="draft")

    home = client.get(reverse("home")).content.decode()
    index = client.get(reverse("roles:index"))

    assert f"See all {HOME_ROLES_PER_CATEGORY + 1} roles in Data" in home
    assert "Drafts only" not in home
    assert texts(index, ".filters a") == ["All categories", "Data"]


def test_home_orders_roles_by_their_title_in_the_page_language(client):
    category = CategoryFactory()
    RoleFactory(category=category, title="Alpha", title_pt_br="Zeta")
    RoleFactory(category=category, title="Beta", title_pt_br="Eta")

    english = client.get("/en/").content.decode()
    portuguese = client.get("/pt-br/").content.decode()

    assert english.index("Alpha") < english.index("Beta")
    assert portuguese.index("Eta") < portuguese.index("Zeta")


@pytest.mark.parametrize(
    "query",
    ["?q=%00abc", "?category=%00", "?q=%FF%FE", "?q=%F0%9F%A4%96", "?q=a&q=b"],
)
def test_control_characters_and_odd_encodings_never_fail(client, query):
    RoleFactory(title="Data Engineer")

    assert client.get(reverse("roles:index") + query).status_code == 200


@pytest.mark.parametrize(
    "page",
    ["abc", "-1", "0", "%00", "%C2%B2", "%D9%A3", "1.5", "%EF%BC%92", "100001"],
    ids=[
        "letters",
        "negative",
        "zero",
        "nul",
        "superscript-two",
        "arabic-indic-three",
        "decimal",
        "fullwidth-two",
        "too-large",
    ],
)
def test_a_page_that_is_not_ascii_digits_is_a_400_page(client, page):
    RoleFactory(title="Data Engineer")

    response = client.get(reverse("roles:index") + f"?page={page}")

    assert response.status_code == 400
    assert "whole number" in response.content.decode()


def test_control_characters_in_the_panel_kind_are_a_400(client):
    role = RoleFactory()

    assert client.get(role.get_absolute_url() + "?kind=%00").status_code == 400


@pytest.mark.parametrize("path", ["/en/", "/en/roles/", "/healthz", "/robots.txt"])
def test_head_requests_are_answered_for_monitors_and_link_checkers(client, path):
    assert client.head(path).status_code == 200


def test_head_request_for_a_role_page(client):
    role = RoleFactory()

    assert client.head(role.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("language", ["en", "pt-br", "es-mx"])
def test_every_published_role_is_reachable_from_the_home_page(client, seeded, language):
    from roles.models import Role
    from tests.html import attrs

    wanted = {
        f"/{language}/roles/{slug}/"
        for slug in Role.objects.published().values_list("slug", flat=True)
    }
    seen, frontier = set(), [f"/{language}/"]
    for _depth in range(3):
        following = []
        for path in frontier:
            for href in attrs(client.get(path), "a[href^='/']", "href"):
                href = href.split("#")[0]
                if (
                    href.startswith(f"/{language}/")
                    and href not in seen
                    and "share.png" not in href
                ):
                    seen.add(href)
                    following.append(href)
        frontier = following
    assert wanted <= seen


def test_home_puts_roles_in_high_demand_first(client):
    category = CategoryFactory()
    RoleFactory(category=category, title="Aardvark Analyst")
    RoleFactory(category=category, title="Zebra Engineer", demand="high")

    html = client.get("/en/").content.decode()

    assert html.index("Zebra Engineer") < html.index("Aardvark Analyst")
