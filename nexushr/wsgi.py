"""The WSGI application: Django, behind the page cache's hit path for hot pages
(``nexushr.cache.PageCacheFront``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nexushr.settings")
django_application = get_wsgi_application()

from nexushr.cache import PageCacheFront  # noqa: E402  (needs the settings loaded)

application = PageCacheFront(django_application)
