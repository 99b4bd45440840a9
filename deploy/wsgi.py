"""The app as the shipped deployment runs it: nexushr.wsgi plus one header for nginx.

nginx's micro-cache (deploy/nginx/nexushr.conf) may keep a page until the end of the current
second, no longer: `X-Accel-Expires: @<this second>` says so. nginx counts in whole seconds,
so a plain `proxy_cache_valid 1s` would keep a page for up to two; this way an editor's save
reaches every visitor within one second. The next request after that second revalidates
(If-None-Match), and the app answers 304 when nothing changed. nginx strips the header before
the response leaves it; the app's own Cache-Control (for browsers and CDNs) is left alone.
"""

import time

from nexushr.wsgi import application as django_application


def application(environ, start_response):
    # The second the request *arrived* in: whatever it read, it read after this moment, so a
    # page built from rows an editor replaces later is dropped by the end of that second.
    expires = f"@{int(time.time())}"

    def start(status, headers, exc_info=None):
        if not any(name.lower() == "x-accel-expires" for name, _ in headers):
            headers.append(("X-Accel-Expires", expires))
        return start_response(status, headers, exc_info)

    return django_application(environ, start)
