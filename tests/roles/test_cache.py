"""Role pages are cached per language and dropped as soon as an editor saves anything shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nexushr.cache import content_version
from roles.models import Role
from tests.faqs.factories import FAQFactory
from tests.roles.factories import RoleFactory
from tests.salaries.factories import SalaryBandFactory

pytestmark = pytest.mark.django_db


def get(client, url: str, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return response, len(captured)


def test_second_anonymous_view_is_served_from_the_cache(client):
    role = RoleFactory()

    first, first_queries = get(client, role.get_absolute_url())
    second, second_queries = get(client, role.get_absolute_url())

    assert first_queries > 0 and second_queries == 0
    assert second.content == first.content


def test_cache_is_per_language_and_per_query_string(client):
    role = RoleFactory(title="Analyst", title_pt_br="Analista")
    get(client, role.get_absolute_url())

    pt, queries = get(client, f"/pt-br/roles/{role.slug}/")
    assert queries > 0 and "Analista" in pt.content.decode()
    _, queries = get(client, role.get_absolute_url() + "?kind=technical")
    assert queries > 0


@pytest.mark.parametrize("edit", ["role", "band", "faq"])
def test_editing_anything_on_the_page_refreshes_it(client, edit):
    role = RoleFactory(title="Before")
    band = SalaryBandFactory(role=role)
    faq = FAQFactory(role=role, question="Old question?")
    get(client, role.get_absolute_url())

    if edit == "role":
        role.title = "After"
        role.save()
        expected = "After"
    elif edit == "band":
        band.maximum = 99999
        band.save()
        expected = "99,999"
    else:
        faq.question = "New question?"
        faq.save()
        expected = "New question?"

    response, queries = get(client, role.get_absolute_url())
    assert queries > 0
    assert expected in response.content.decode()


def test_staff_and_htmx_requests_bypass_the_cache(client, django_user_model):
    role = RoleFactory()
    get(client, role.get_absolute_url())

    _, htmx_queries = get(client, role.get_absolute_url(), **{"HX-Request": "true"})
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    _, staff_queries = get(client, role.get_absolute_url())

    assert htmx_queries > 0 and staff_queries > 0


def test_only_successful_responses_are_cached(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse, HttpResponseNotFound

    from nexushr.cache import cache_public_page

    answers = iter([HttpResponseNotFound("gone"), HttpResponse("here"), HttpResponse("later")])
    view = cache_public_page("test")(lambda request: next(answers))
    request = rf.get("/en/roles/some-role/")
    request.user = AnonymousUser()

    assert [view(request).status_code for _ in range(3)] == [404, 200, 200]
    assert view(request).content == b"here"


def test_errors_are_not_cached(client):
    role = RoleFactory(status="draft")
    assert client.get(role.get_absolute_url()).status_code == 404
    # Published behind the cache's back: update() sends no signal, so the content version stays
    # and only an uncached 404 lets the page through.
    version = content_version()
    Role.objects.filter(pk=role.pk).update(status="published")

    assert client.get(role.get_absolute_url()).status_code == 200
    assert content_version() == version
