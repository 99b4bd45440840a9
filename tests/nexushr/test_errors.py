"""The site's own 403 pages: a form sent without its security token (CSRF) and a page the
account may not open, in the page's language and the site's design, never Django's default."""

import pytest
from django.test import Client
from django.test.client import RequestFactory
from django.urls import get_resolver, reverse
from django.utils import translation

from nexushr import errors
from tests.html import select, texts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/en/roles/", "The form could not be sent"),
        ("/pt-br/roles/", "Não foi possível enviar o formulário"),
        ("/es-mx/compare/", "No se pudo enviar el formulario"),
    ],
)
def test_a_form_sent_without_its_token_gets_the_sites_403_page(path, heading):
    response = Client(enforce_csrf_checks=True).post(path, {"q": "data"})

    assert response.status_code == 403
    assert texts(response, "h1") == [heading]
    assert select(response, "header.site-header")  # the site's design, not Django's
    assert b"CSRF" not in response.content  # no developer's explanation
    assert response["Cache-Control"] == "no-cache"  # as every error page: never stored


def test_an_expired_admin_login_form_is_explained_in_the_editors_language():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "x"},
        headers={"accept-language": "pt-br"},
    )

    assert response.status_code == 403
    assert texts(response, "h1") == ["Não foi possível enviar o formulário"]
    assert "recarregue a página" in texts(response, "main p")[0]


def test_a_page_the_account_may_not_open_gets_the_sites_403_page():
    handler = get_resolver().resolve_error_handler(403)
    assert handler is errors.handler403
    request = RequestFactory().get("/es-mx/")
    with translation.override("es-mx"):
        response = handler(request)

    assert response.status_code == 403
    assert texts(response.content, "h1") == ["Esta página no está disponible para ti"]


# --- a language written another way -----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "current"),
    [
        ("/pt-BR/roles/?q=dados&utm_source=chat", "/pt-br/roles/?q=dados&utm_source=chat"),
        ("/pt_BR/", "/pt-br/"),
        ("/pt/roles/", "/pt-br/roles/"),
        ("/pt-PT/", "/pt-br/"),  # the closest language the site has
        ("/es/compare/", "/es-mx/compare/"),
        ("/es-AR/roles/", "/es-mx/roles/"),
        ("/ES-MX/roles/machine-learning-engineer/", "/es-mx/roles/machine-learning-engineer/"),
        ("/EN/", "/en/"),
        ("/en-US/roles", "/en/roles/"),  # and the missing slash, in the same hop
        ("/es", "/es-mx/"),
    ],
)
def test_a_language_written_another_way_redirects_to_the_sites_prefix(client, typed, current):
    response = client.get(typed)

    assert response.status_code == 301
    assert response["Location"] == current


@pytest.mark.parametrize(
    "path",
    ["/fr/", "/zh-CN/roles/", "/pt-BR/no-such-page/", "/pt-BR//evil.example/", "/en/nope/"],
)
def test_an_unknown_language_or_page_is_404_in_place(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert texts(response, "h1")[0] in ("Page not found", "Página não encontrada")


def test_only_a_read_is_redirected(client):
    response = Client().post("/pt-BR/roles/", {"q": "dados"})

    assert response.status_code == 404  # a form is not sent on to another address


def test_the_alias_path_never_leaves_the_site():
    assert errors.language_alias_path("/pt-BR//evil.example/") is None
    assert errors.language_alias_path("/PT-BR") == "/pt-br/"
    assert errors.language_alias_path("/admin/") is None
    assert errors.language_alias_path("/pt-br/") is None  # already the site's own prefix
