"""Login throttling (django-axes): explained on the login page, locked after repeated failures."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
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


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_a_lockout_is_the_attackers_not_everyones(client):
    """Behind nginx every request comes from 127.0.0.1: the lockout must count the address
    nginx forwards, or one attacker locks the editor out for everyone."""
    get_user_model().objects.create_superuser("editor", "e@example.com", "right-password")
    url = reverse("admin:login")
    attacker = {"X-Forwarded-For": "203.0.113.66"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "editor", "password": "wrong"}, headers=attacker)
    assert (
        client.post(url, {"username": "editor", "password": "x"}, headers=attacker).status_code
        == 429
    )
    # A forged X-Forwarded-For entry to the left of nginx's is not believed either.
    forged = {"X-Forwarded-For": "198.51.100.7, 203.0.113.66"}
    assert (
        client.post(url, {"username": "editor", "password": "x"}, headers=forged).status_code == 429
    )
    editor = {"X-Forwarded-For": "198.51.100.7"}
    response = client.post(
        url, {"username": "editor", "password": "right-password"}, headers=editor
    )
    assert response.status_code == 302


def test_without_a_proxy_a_client_cannot_choose_its_address(client):
    get_user_model().objects.create_superuser("editor", "e@example.com", "right-password")
    url = reverse("admin:login")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        spoofed = {"X-Forwarded-For": f"198.51.100.{attempt}"}
        client.post(url, {"username": "editor", "password": "wrong"}, headers=spoofed)
    spoofed = {"X-Forwarded-For": "198.51.100.200"}
    response = client.post(url, {"username": "editor", "password": "x"}, headers=spoofed)
    assert response.status_code == 429
