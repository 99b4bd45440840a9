"""The framework ceiling for `make bench-http`: Django with no middleware, no apps, no
templates, returning the bytes of the role page from a file (BENCH_PAGE)."""

import os
from pathlib import Path

import django
from django.conf import settings

PAGE = Path(os.environ["BENCH_PAGE"]).read_bytes()
settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("en/roles/machine-learning-engineer/", page)]
application = get_wsgi_application()
