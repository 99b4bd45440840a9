"""The admin lives at the path set by settings.ADMIN_URL."""

import importlib

import pytest
from django.urls import clear_url_caches, reverse

import nexushr.urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_at_backoffice(settings):
    settings.ADMIN_URL = "backoffice/"
    clear_url_caches()
    importlib.reload(nexushr.urls)
    yield
    settings.ADMIN_URL = "admin/"
    clear_url_caches()
    importlib.reload(nexushr.urls)


def test_admin_is_served_at_the_configured_path(client, admin_at_backoffice):
    assert reverse("admin:index") == "/backoffice/"
    assert client.get("/backoffice/login/").status_code == 200
    assert client.get("/admin/login/").status_code in (301, 302, 404)
    assert "backoffice" not in client.get("/robots.txt").content.decode()
