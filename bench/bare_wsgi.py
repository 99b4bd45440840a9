"""The framework ceiling for `make bench-http`: Django with no middleware, no apps, no
templates, returning the bytes the app sent for the same URL, read from files.

BENCH_PAGES is a JSON file mapping each URL (path and query string, as requested) to the file
holding the app's bytes for it."""

import json
import os
from pathlib import Path

import django
from django.conf import settings

PAGES = {
    url: Path(file).read_bytes()
    for url, file in json.loads(Path(os.environ["BENCH_PAGES"]).read_text()).items()
}
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
from django.urls import re_path  # noqa: E402


def page(request):
    return HttpResponse(PAGES[request.get_full_path()], content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"^", page)]
application = get_wsgi_application()
