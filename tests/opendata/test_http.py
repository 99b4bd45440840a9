"""HTTP behaviour of the API: problem+json errors, ETag/304, caching headers, CORS, rate limit."""

import multiprocessing

import pytest
from django.core.cache import caches
from django.test import override_settings

from opendata import ratelimit
from tests.roles.factories import RoleFactory
from tests.salaries.factories import SalaryBandFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(db):
    """A published role with a Brazilian band: enough for every filter to have values."""
    SalaryBandFactory(role=RoleFactory(slug="one", category__slug="technology"))


PROBLEM = "application/problem+json"


def problem(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    # A body rewritten as problem+json keeps no stale length: a client or proxy trusting
    # Content-Length would wait for bytes that never come.
    assert response.get("Content-Length", str(len(response.content))) == str(len(response.content))
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("/api/v1/problems/")
    assert body["title"] and body["detail"]
    return body


@pytest.mark.parametrize(
    ("url", "parameter", "words"),
    [
        ("/api/v1/roles?category=nope", "category", "unknown category 'nope'"),
        ("/api/v1/roles?demand=extreme", "demand", "'extreme'"),
        ("/api/v1/roles?page=0", "page", "greater than or equal to 1"),
        ("/api/v1/roles?page=two", "page", "expected a whole number"),
        ("/api/v1/roles?page=9", "page", "page 9 does not exist"),
        ("/api/v1/roles?page_size=500", "page_size", "less than or equal to 100"),
        ("/api/v1/roles?categry=tech", "categry", "not a parameter of this endpoint"),
        ("/api/v1/roles?lang=fr", "lang", "not a language of this API"),
        ("/api/v1/salary-bands?as_of_from=22/06/2026", "as_of_from", "YYYY-MM-DD"),
        ("/api/v1/salary-bands?as_of_to=2026-02-30", "as_of_to", "YYYY-MM-DD"),
        (
            "/api/v1/salary-bands?as_of_from=2026-06-01&as_of_to=2026-01-01",
            "as_of_to",
            "on or after as_of_from",
        ),
        ("/api/v1/salary-bands?country=AR", "country", "unknown country 'AR'"),
        ("/api/v1/salary-bands?currency=EUR", "currency", "no band is in 'EUR'"),
        ("/api/v1/salary-bands?level=guru", "level", "'guru'"),
        ("/api/v1/salary-bands?role=nobody", "role", "no published role"),
        ("/api/v1/interview-questions?kind=trivia", "kind", "'trivia'"),
        ("/api/v1/roles?q=" + "x" * 201, "q", "at most 200 characters"),
    ],
)
def test_each_bad_parameter_gets_a_problem_naming_it(client, small, url, parameter, words):
    body = problem(client.get(url), 400)
    assert body["type"] == "/api/v1/problems/invalid-parameter"
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert words in body["errors"][0]["message"]
    assert body["instance"].startswith(url.split("?")[0])


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/roles?q=data%00", "q"),
        ("/api/v1/salary-bands?role=one%00", "role"),
        ("/api/v1/faqs?role=%00", "role"),
        ("/api/v1/interview-questions?role=one&kind=%00", "kind"),
        ("/api/v1/roles?ca%00tegory=technology", "category"),
    ],
)
def test_a_nul_character_in_a_parameter_is_a_problem_naming_it(client, small, url, parameter):
    """PostgreSQL refuses a NUL in any text it is given: before this check, a slug filter
    holding one answered 500 there (SQLite took it and found nothing)."""
    body = problem(client.get(url), 400)
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert "NUL character" in body["errors"][0]["message"]


@pytest.mark.parametrize("url", ["/api/v1/roles/one%00", "/api/v1/roles/%00", "/api/v1/%00"])
def test_a_nul_character_in_the_path_is_a_404_problem(client, small, url):
    body = problem(client.get(url), 404)
    assert "NUL character" in body["detail"]


def test_a_10_kb_query_string_gets_414(client, db):
    body = problem(client.get("/api/v1/roles?q=" + "a" * 10240), 414)
    assert "at most 2048" in body["detail"]


def test_thousands_of_parameters_get_a_problem_not_a_500(client, db):
    response = client.get("/api/v1/roles?" + "&".join(f"a{i}=1" for i in range(1100)))
    assert response.status_code in (400, 414)
    assert response["Content-Type"] == PROBLEM


def test_unknown_address_and_role_are_404_problems(client, db):
    assert problem(client.get("/api/v1/nothing-here"), 404)["type"].endswith("/not-found")
    problem(client.get("/api/v1/roles/no-such-role"), 404)
    problem(client.get("/api/v1/problems/no-such-kind"), 404)


def test_writes_are_refused_with_a_problem(client, db):
    response = client.post("/api/v1/roles", {})
    problem(response, 405)
    assert "GET" in response["Allow"]


def test_a_server_error_is_a_problem_too(client, db, monkeypatch):
    from opendata import selectors

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "category_list", broken)
    client.raise_request_exception = False
    body = problem(client.get("/api/v1/categories"), 500)
    assert "boom" not in body["detail"]


def test_etag_and_304(client, db):
    RoleFactory(slug="one")
    first = client.get("/api/v1/roles")
    etag = first["ETag"]
    assert etag.startswith('"') and first["Cache-Control"].startswith("public, max-age=")
    again = client.get("/api/v1/roles", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag and not again.content
    other_language = client.get("/api/v1/roles?lang=pt-br", headers={"If-None-Match": etag})
    assert other_language.status_code == 200


def test_an_edit_changes_the_etag_and_the_answer(client, db, django_capture_on_commit_callbacks):
    role = RoleFactory(slug="one", title="Before")
    first = client.get("/api/v1/roles/one")
    role.title = "After"
    with django_capture_on_commit_callbacks(execute=True):  # invalidated after commit
        role.save()
    second = client.get("/api/v1/roles/one", headers={"If-None-Match": first["ETag"]})
    assert second.status_code == 200
    assert second.json()["title"] == "After"
    assert second["ETag"] != first["ETag"]


def test_repeated_requests_are_served_from_the_cache(client, db, django_assert_num_queries):
    RoleFactory(slug="one")
    client.get("/api/v1/roles/one")
    with django_assert_num_queries(0):
        assert client.get("/api/v1/roles/one").json()["slug"] == "one"


def test_head_answers_like_get_without_a_body(client, db):
    RoleFactory(slug="one")
    response = client.head("/api/v1/roles/one")
    assert response.status_code == 200 and response.content == b""
    got = client.get("/api/v1/roles/one")
    assert response["ETag"] == got["ETag"]
    assert response["Content-Length"] == str(len(got.content))  # the length a GET sends


@pytest.mark.parametrize("address", ["/api/v1/nothing-here", "/api/v1/roles/x/y"])
def test_a_head_of_an_unknown_address_gives_the_problems_length(client, db, address):
    head, got = client.head(address), client.get(address)

    assert head.status_code == got.status_code == 404
    assert head["Content-Length"] == got["Content-Length"] == str(len(got.content))


def test_cors_allows_any_origin_for_anonymous_gets_only(client, db):
    RoleFactory(slug="one")
    response = client.get("/api/v1/roles", headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/roles",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD"
    post = client.post("/api/v1/roles", headers={"Origin": "https://example.org"})
    assert "Access-Control-Allow-Origin" not in post


def test_no_cors_grant_and_no_shared_caching_for_a_signed_in_session(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/api/v1/categories", headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
    assert response["Cache-Control"] == "private, no-store"


def test_errors_are_not_cached(client, db):
    assert client.get("/api/v1/roles?page=5")["Cache-Control"] == "no-store"


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=60)
def test_rate_limit_answers_429_with_retry_after(client, db):
    for _ in range(3):
        assert client.get("/api/v1/categories").status_code == 200
    response = client.get("/api/v1/categories", REMOTE_ADDR="127.0.0.1")
    body = problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "retry in" in body["detail"]
    # Another client is not limited.
    assert client.get("/api/v1/categories", REMOTE_ADDR="10.0.0.9").status_code == 200


@override_settings(API_RATE_LIMIT=2, TRUSTED_PROXY_COUNT=1)
def test_rate_limit_behind_a_proxy_counts_the_forwarded_client(client, db):
    def get(ip):
        return client.get("/api/v1/categories", headers={"X-Forwarded-For": f"1.1.1.1, {ip}"})

    assert get("203.0.113.1").status_code == 200
    assert get("203.0.113.1").status_code == 200
    assert get("203.0.113.1").status_code == 429
    assert get("203.0.113.2").status_code == 200


def _hit_from_another_process(location, ident):
    from django.test.utils import override_settings as override

    cache_settings = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": location,
        }
    }
    with override(CACHES=cache_settings, API_RATE_LIMIT=2, API_RATE_WINDOW=600):
        from django.core.cache import cache

        cache.close()
        return [ratelimit.retry_after(ident, now=1200.0) for _ in range(2)]


def test_rate_limit_is_shared_across_processes_through_the_cache(tmp_path):
    """Two processes, one cache: the second process sees the first one's count."""
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        counted = pool.apply_async(_hit_from_another_process, (str(tmp_path), "198.51.100.7"))
        assert counted.get(timeout=60) == [None, None]
    cache_settings = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    with override_settings(CACHES=cache_settings, API_RATE_LIMIT=2, API_RATE_WINDOW=600):
        caches["default"].close()
        assert ratelimit.retry_after("198.51.100.7", now=1200.0) == 600
        assert ratelimit.retry_after("198.51.100.8", now=1200.0) is None


def test_a_cache_outage_lets_requests_through(client, db, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "incr", down)
    assert ratelimit.retry_after("192.0.2.1") is None


def test_api_and_datasets_are_cached_like_role_pages(client, db):
    """Browsers keep an answer for minutes, a CDN revalidates every second: an edit reaches
    everyone through a CDN as quickly as it reaches the HTML pages."""
    from django.conf import settings

    for url in ("/api/v1/categories", "/en/data/roles.csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == settings.HTTP_CACHE_POLICIES["opendata"]
    policy = settings.HTTP_CACHE_POLICIES["opendata"]
    assert "s-maxage=1" in policy and "stale-if-error" in policy
