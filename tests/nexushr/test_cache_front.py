"""PageCacheFront: the WSGI-level hit path in front of Django (nexushr/wsgi.py)."""

import io

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from nexushr import cache as page_cache
from nexushr.wsgi import application as shipped_application
from tests.roles.factories import RoleFactory

pytestmark = pytest.mark.django_db


class CountingApp:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


def environ(path: str, query: str = "", **extra: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **extra,
    }


def call(app, path: str, query: str = "", **extra: str) -> tuple[str, list, bytes]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=list(headers))

    body = b"".join(app(environ(path, query, **extra), start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """Django's handler closes the connection after each request (``request_finished``); the
    test client keeps the test's transaction open by leaving that out, and so do these tests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def front():
    inner = CountingApp()
    return page_cache.PageCacheFront(inner), inner


def test_the_shipped_application_is_behind_the_front():
    assert isinstance(shipped_application, page_cache.PageCacheFront)


def test_a_hot_page_is_answered_by_the_front_with_djangos_exact_status_headers_and_bytes(front):
    app, inner = front
    role = RoleFactory()
    url = role.get_absolute_url()

    rendered = call(app, url)  # renders and stores
    through_django = call(app, url)  # a hit in PageCacheMiddleware, remembered by the front
    assert inner.calls == 2
    from_front = call(app, url)

    assert inner.calls == 2  # Django did not see the third request
    assert from_front == through_django
    assert from_front[0] == "200 OK" and from_front[2] == rendered[2]
    assert dict(from_front[1])["Content-Security-Policy"]  # the outer middleware's headers too


def test_an_editors_save_is_never_hidden_by_the_front(front, django_capture_on_commit_callbacks):
    app, inner = front
    role = RoleFactory(title="Before the edit")
    url = role.get_absolute_url()
    call(app, url), call(app, url)

    with django_capture_on_commit_callbacks(execute=True):
        role.title = "After the edit"
        role.save()
    status, _, body = call(app, url)

    assert inner.calls == 3 and status == "200 OK"
    assert b"After the edit" in body and b"Before the edit" not in body


def test_the_front_trusts_the_local_copy_no_longer_than_django_does(front):
    app, inner = front
    url = RoleFactory().get_absolute_url()
    call(app, url), call(app, url)

    page_cache.local_entries.clear()  # as when PAGE_CACHE_LOCAL_SECONDS have passed
    call(app, url)

    assert inner.calls == 3


@pytest.mark.parametrize(
    "extra",
    [
        {"REQUEST_METHOD": "HEAD"},
        {"HTTP_IF_NONE_MATCH": '"x"'},
        {"HTTP_IF_MODIFIED_SINCE": "Sun, 06 Dec 2026 10:00:00 GMT"},
        {"HTTP_COOKIE": "sessionid=abc"},
        {"wsgi.url_scheme": "https", "SERVER_PORT": "443"},
        {"HTTP_HOST": "evil.example"},
        {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "interview-questions"},
        {"QUERY_STRING": "kind=technical"},
    ],
    ids=lambda extra: ",".join(extra),
)
def test_anything_but_the_same_raw_request_goes_to_django(front, extra):
    app, inner = front
    url = RoleFactory().get_absolute_url()
    call(app, url), call(app, url)

    status, _, _ = call(app, url, **extra)

    assert inner.calls == 3
    if extra.get("HTTP_HOST") == "evil.example":
        assert status.startswith("400")  # ALLOWED_HOSTS, cached page or not
