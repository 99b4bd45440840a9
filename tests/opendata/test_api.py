"""The open-data API: every endpoint and filter, languages, drafts, and what figures carry."""

import pytest

from roles.models import Role
from salaries.models import SalaryBand
from tests.faqs.factories import FAQFactory, InterviewQuestionFactory
from tests.roles.factories import CareerStepFactory, CategoryFactory, RoleFactory
from tests.salaries.factories import CountryFactory, SalaryBandFactory

pytestmark = pytest.mark.django_db

MLE = "machine-learning-engineer"
ORIGIN = "https://nexushr.example"  # SITE_ORIGIN in nexushr/settings_test.py


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def slugs(page):
    return [item["slug"] for item in page["items"]]


def test_roles_list_is_paginated_and_counts_published_roles_only(client, seeded):
    published = Role.objects.published().count()
    page = get(client, "/api/v1/roles?page_size=5")
    assert page["count"] == published
    assert page["pages"] == -(-published // 5)
    assert len(page["items"]) == 5
    assert page["next"].endswith("/api/v1/roles?page_size=5&page=2")
    assert page["previous"] is None
    last = get(client, f"/api/v1/roles?page_size=5&page={page['pages']}")
    assert last["next"] is None and last["previous"]
    everything = [*slugs(page)]
    for number in range(2, page["pages"] + 1):
        everything += slugs(get(client, f"/api/v1/roles?page_size=5&page={number}"))
    assert sorted(everything) == sorted(Role.objects.published().values_list("slug", flat=True))


def test_roles_filter_by_category_demand_and_search(client, db):
    tech = CategoryFactory(slug="technology", name="Technology")
    health = CategoryFactory(slug="health", name="Health")
    RoleFactory(slug="data-scientist", title="Data Scientist", category=tech, demand="high")
    RoleFactory(slug="nurse", title="Nurse", category=health, demand="medium")
    RoleFactory(slug="data-nurse", title="Data Nurse", category=health, demand="high")
    assert slugs(get(client, "/api/v1/roles?category=health")) == ["data-nurse", "nurse"]
    assert slugs(get(client, "/api/v1/roles?demand=high")) == ["data-nurse", "data-scientist"]
    assert slugs(get(client, "/api/v1/roles?q=data&category=health")) == ["data-nurse"]
    assert slugs(get(client, "/api/v1/roles?q=scientist")) == ["data-scientist"]


def test_search_uses_the_content_language(client, seeded):
    found = get(client, "/api/v1/roles?q=cientista&lang=pt-br")["items"]
    titles = {item["slug"]: item["title"] for item in found}
    assert titles["data-scientist"] == "Cientista de Dados"
    # In English the Portuguese word is no exact match (PostgreSQL may still offer look-alikes).
    english = get(client, "/api/v1/roles?q=cientista&lang=en")["items"]
    assert all("cientista" not in item["title"].lower() for item in english)


def test_role_detail_has_every_section_of_the_page(client, seeded):
    role = get(client, f"/api/v1/roles/{MLE}")
    assert role["title"] == "Machine Learning Engineer"
    assert role["category"] == {"slug": "technology", "name": "Technology"}
    assert role["demand"] == "high"
    for section in (
        "salary_bands",
        "responsibilities",
        "requirements",
        "career_path",
        "tools",
        "interview_questions",
        "faqs",
        "related_roles",
    ):
        assert role[section], section
    assert role["day_in_the_life"]
    assert [step["order"] for step in role["career_path"]] == sorted(
        step["order"] for step in role["career_path"]
    )
    assert any(step["is_current"] for step in role["career_path"])
    assert "PyTorch" in role["tools"]
    assert role["links"]["html"].endswith(f"/en/roles/{MLE}/")
    assert role["links"]["json_data"].endswith(f"/en/data/roles/{MLE}.json")
    assert role["links"]["csv_data"].endswith(f"/en/data/roles/{MLE}.csv")


def test_every_figure_carries_currency_period_pay_as_of_and_source(client, seeded):
    bands = get(client, f"/api/v1/roles/{MLE}")["salary_bands"]
    brazil = next(b for b in bands if b["country"] == "BR")
    assert brazil["currency"] == "BRL"
    assert brazil["minimum"] == 13000 and brazil["maximum"] == 24000
    assert brazil["as_of"] == "2026-06-22"
    assert brazil["source"]["title"]
    for band in bands:
        assert {"currency", "period", "pay", "as_of", "source", "statistic"} <= set(band)
        assert band["period"] in ("month", "year", None)
        assert band["pay"] in ("base", "total", None)


def test_a_period_the_source_does_not_state_is_null(client, db):
    band = SalaryBandFactory(country=None, currency="USD")
    SalaryBand.objects.filter(pk=band.pk).update(period="", pay="", as_of=None)
    item = get(client, "/api/v1/salary-bands")["items"][0]
    assert item["period"] is None
    assert item["pay"] is None
    assert item["as_of"] is None
    assert item["country"] is None and item["country_name"] is None


def test_categories_count_published_roles(client, db):
    category = CategoryFactory(slug="tech", name="Tech")
    RoleFactory(category=category)
    RoleFactory(category=category, status=Role.Status.DRAFT)
    CategoryFactory(slug="only-drafts")
    RoleFactory(category__slug="only-drafts", status=Role.Status.DRAFT)
    assert get(client, "/api/v1/categories") == [
        {
            "slug": "tech",
            "name": "Tech",
            "role_count": 1,
            "roles_url": "https://nexushr.example/api/v1/roles?category=tech",
        }
    ]


def test_salary_band_filters(client, db):
    brazil = CountryFactory(code="BR", currency="BRL")
    mexico = CountryFactory(code="MX", currency="MXN")
    one, two = RoleFactory(slug="one"), RoleFactory(slug="two")
    import datetime

    SalaryBandFactory(key="one-br", role=one, country=brazil, as_of=datetime.date(2026, 6, 22))
    SalaryBandFactory(key="one-mx", role=one, country=mexico, as_of=datetime.date(2025, 1, 1))
    SalaryBandFactory(
        key="two-us", role=two, country=None, currency="USD", level="senior", as_of=None
    )
    SalaryBandFactory(key="two-undated", role=two, country=brazil, as_of=None)

    def keys(query):
        return sorted(i["key"] for i in get(client, f"/api/v1/salary-bands?{query}")["items"])

    assert keys("role=one") == ["one-br", "one-mx"]
    assert keys("country=BR") == ["one-br", "two-undated"]
    assert keys("country=br") == ["one-br", "two-undated"]
    assert keys("country=global") == ["two-us"]
    assert keys("currency=MXN") == ["one-mx"]
    assert keys("level=senior") == ["two-us"]
    assert keys("as_of_from=2026-01-01") == ["one-br"]
    assert keys("as_of_to=2025-12-31") == ["one-mx"]
    assert keys("as_of_from=2025-01-01&as_of_to=2026-06-22") == ["one-br", "one-mx"]
    assert keys("role=two&country=BR") == ["two-undated"]


def test_interview_questions_by_role_and_kind(client, seeded):
    page = get(client, f"/api/v1/interview-questions?role={MLE}&page_size=100")
    assert page["count"] > 0
    kinds = {item["kind"] for item in page["items"]}
    assert kinds >= {"technical", "behavioral"}
    technical = get(client, f"/api/v1/interview-questions?role={MLE}&kind=technical")
    assert technical["count"] and all(i["kind"] == "technical" for i in technical["items"])
    everything = get(client, "/api/v1/interview-questions?page_size=100")
    assert everything["count"] >= page["count"]
    item = technical["items"][0]
    assert item["source"]["title"] and item["kind_label"] == "Technical"


def test_faqs_by_role_include_site_wide_ones(client, db):
    role = RoleFactory(slug="one")
    FAQFactory(key="own", role=role)
    FAQFactory(key="other", role=RoleFactory(slug="two"))
    FAQFactory(key="site", role=None)
    keys = [i["key"] for i in get(client, "/api/v1/faqs?role=one")["items"]]
    assert keys == ["own", "site"]
    every = {i["key"]: i["role"] for i in get(client, "/api/v1/faqs")["items"]}
    assert every == {"own": "one", "other": "two", "site": None}


def test_sources_are_listed(client, seeded):
    sources = get(client, "/api/v1/sources")
    assert sources and all(source["key"] and source["title"] for source in sources)


def test_problem_types_describe_themselves(client, db):
    problem = get(client, "/api/v1/problems/invalid-parameter")
    assert problem["status"] == 400 and problem["description"]


# Language ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "headers", "language", "title"),
    [
        ("", {}, "en", "Machine Learning Engineer"),
        ("?lang=pt-br", {}, "pt-br", "Engenheiro de Machine Learning"),
        ("?lang=es-mx", {}, "es-mx", "Ingeniero de Machine Learning"),
        ("", {"Accept-Language": "pt-BR,pt;q=0.9"}, "pt-br", "Engenheiro de Machine Learning"),
        ("", {"Accept-Language": "es-MX"}, "es-mx", "Ingeniero de Machine Learning"),
        ("?lang=en", {"Accept-Language": "pt-BR"}, "en", "Machine Learning Engineer"),
    ],
)
def test_language_by_query_or_accept_language(client, seeded, query, headers, language, title):
    response = client.get(f"/api/v1/roles/{MLE}{query}", headers=headers)
    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert response.json()["title"] == title
    assert "Accept-Language" in response["Vary"]


def test_figures_keep_their_currency_in_every_language(client, seeded):
    for lang in ("en", "pt-br", "es-mx"):
        bands = get(client, f"/api/v1/salary-bands?country=BR&lang={lang}")["items"]
        assert bands[0]["currency"] == "BRL" and bands[0]["minimum"] == 13000
    assert (
        get(client, "/api/v1/salary-bands?country=BR&lang=pt-br")["items"][0]["country_name"]
        == "Brasil"
    )


# Drafts never leak ------------------------------------------------------------------------------
@pytest.fixture
def with_draft(db):
    category = CategoryFactory(slug="tech")
    public = RoleFactory(slug="public", category=category)
    draft = RoleFactory(
        slug="secret-draft", title="Secret", category=category, status=Role.Status.DRAFT
    )
    public.related_roles.add(draft)
    CareerStepFactory(role=public, linked_roles=[draft, public])
    SalaryBandFactory(key="draft-band", role=draft)
    SalaryBandFactory(key="public-band", role=public)
    FAQFactory(key="draft-faq", role=draft)
    only_draft = InterviewQuestionFactory(key="draft-question", roles=[draft])
    shared = InterviewQuestionFactory(key="shared-question", roles=[draft, public])
    return public, draft, only_draft, shared


def test_drafts_never_appear_in_lists_counts_filters_or_related_fields(client, with_draft):
    urls = [
        "/api/v1/roles",
        "/api/v1/roles?q=secret",
        "/api/v1/roles/public",
        "/api/v1/categories",
        "/api/v1/salary-bands",
        "/api/v1/interview-questions",
        "/api/v1/interview-questions?role=public",
        "/api/v1/faqs",
        "/en/data/roles.json",
        "/en/data/salary-bands.csv",
        "/en/data/interview-questions.json",
        "/en/data/faqs.csv",
        "/en/data/roles/public.json",
        "/en/feed/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "secret-draft" not in body, url
        assert "draft-band" not in body and "draft-faq" not in body, url
        assert "draft-question" not in body, url
    assert get(client, "/api/v1/roles")["count"] == 1
    assert get(client, "/api/v1/categories")[0]["role_count"] == 1
    shared = get(client, "/api/v1/interview-questions")["items"]
    assert [(q["key"], q["roles"], q["generic"]) for q in shared] == [
        ("shared-question", ["public"], False)
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/roles/secret-draft",
        "/en/data/roles/secret-draft.json",
        "/en/data/roles/secret-draft.csv",
    ],
)
def test_a_draft_answers_404(client, with_draft, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/salary-bands?role=secret-draft",
        "/api/v1/interview-questions?role=secret-draft",
        "/api/v1/faqs?role=secret-draft",
    ],
)
def test_filtering_by_a_draft_is_the_same_as_by_an_unknown_role(client, with_draft, url):
    response = client.get(url)
    unknown = client.get(url.replace("secret-draft", "no-such-role"))
    assert response.status_code == unknown.status_code == 400
    assert response.json()["detail"].replace("secret-draft", "X") == unknown.json()[
        "detail"
    ].replace("no-such-role", "X")


def test_a_renamed_slug_redirects_permanently(client, db):
    role = RoleFactory(slug="old-name")
    role.slug = "new-name"
    role.save()
    response = client.get("/api/v1/roles/old-name?lang=pt-br")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/roles/new-name?lang=pt-br"


def test_the_apis_own_address_is_a_map_of_it(client, db):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "NexusHR open data API" and body["version"] == "1"
    assert body["docs"] == ORIGIN + "/api/v1/docs"
    assert body["openapi"] == ORIGIN + "/api/v1/openapi.json"
    assert body["datasets"] == ORIGIN + "/en/data/"
    assert set(body["endpoints"]) == {
        "roles", "categories", "salary_bands", "interview_questions", "faqs", "sources",
    }  # fmt: skip
    for url in [body["docs"], body["openapi"], body["datasets"], *body["endpoints"].values()]:
        assert client.get(url.removeprefix(ORIGIN)).status_code == 200, url
    assert client.get("/api/v1/?lang=pt-br").json()["datasets"] == ORIGIN + "/pt-br/data/"
    assert client.get("/api/v1").status_code == 301
