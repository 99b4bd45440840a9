"""Login throttling (django-axes): explained on the login page, locked after repeated failures."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_explains_the_lockout_rule(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert (
        f"After {settings.AXES_FAILURE_LIMIT} failed attempts in a row, signing in with that "
        "username from your address is locked for 15 minutes." in html
    )


def test_login_page_explains_the_rule_in_portuguese(client):
    html = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="pt-BR").content.decode()
    assert "tentativas" in html


def test_repeated_failures_lock_the_account_even_with_the_right_password(client):
    get_user_model().objects.create_superuser("editor", "e@example.com", "right-password")
    url = reverse("admin:login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    response = client.post(url, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    assert "Sign-in is locked for now" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    response = client.post(url, {"username": "editor", "password": "right-password"})
    assert response.status_code == 429
    assert not client.session.get("_auth_user_id")


def test_a_success_before_the_limit_resets_the_count(client):
    get_user_model().objects.create_superuser("editor", "e@example.com", "right-password")
    url = reverse("admin:login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(url, {"username": "editor", "password": "wrong"})
    assert client.post(url, {"username": "editor", "password": "right-password"}).status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(url, {"username": "editor", "password": "wrong"}).status_code == 200


def test_other_usernames_are_not_locked_out_by_someone_elses_failures(client):
    get_user_model().objects.create_superuser("other", "o@example.com", "pw-other")
    url = reverse("admin:login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "editor", "password": "wrong"})
    assert client.post(url, {"username": "other", "password": "pw-other"}).status_code == 302
