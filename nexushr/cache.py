"""The page cache: rendered public responses, tagged with the content they were built from.

How it fits together (README, "Caching"):

- **One declaration per view** (``PageSpec``): its page kind (which picks the ``Cache-Control``
  policy in ``settings.HTTP_CACHE_POLICIES``), the query parameters it reads with a normaliser
  for each, and the htmx targets it renders as fragments. The cache key, the canonical URL and
  the hreflang/language-switcher links are all derived from it, so ``?utm_source=…`` and any
  other parameter a page does not read never makes a new cache entry or a new canonical URL.
- **Content tags.** Each cached response records the content keys it was built from
  (``role:42``, ``category:7``, ``listing`` …, set by the view with ``tag_response``); they are
  also sent as ``Surrogate-Key`` / ``Cache-Tag`` so a CDN can purge by the same keys.
- **Invalidation by tag clock.** A write calls ``invalidate(tags)``; after the transaction
  commits, one counter (the clock) is incremented and each tag is stamped with the new value.
  A cached response remembers the clock value read *before* it was rendered and is fresh only
  while none of its tags carries a later stamp. So a request that read the old rows just before
  an editor's commit can never store them as fresh, and a save to one role leaves every
  unrelated page cached.
- **The hit path** is ``PageCacheMiddleware``, early in the stack: for an anonymous GET it
  answers from the cache (with a 304 when ``If-None-Match``/``If-Modified-Since`` match) before
  sessions, CSRF or the view run — and without touching the database, so cached pages survive
  a database outage. A per-process copy of hot entries (``PAGE_CACHE_LOCAL_SECONDS``, ¼ s by
  default) spares the round trips to Redis for popular pages.
- **A cold page** is rendered once under concurrent requests: the first takes a short lock;
  the others serve the previous (stale) copy if there is one, or wait briefly for the new one.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

logger = logging.getLogger("nexushr.cache")

CLOCK_KEY = "pc:clock"
TAG_PREFIX = "pc:tag:"
PAGE_PREFIX = "pc:page:"
LOCK_PREFIX = "pc:lock:"
LOCK_SECONDS = 10
LOCK_WAIT_SECONDS = 2.0


class BadParam(ValueError):
    """A query parameter a page reads has a value it cannot mean: the answer is a 400 page."""


# --- declarations --------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSpec:
    """What a view reads from the query string, declared once.

    ``form`` is the Django form that validates the parameters (roles/forms.py); only its fields
    are read, so ``?utm_source=…`` and anything else a page does not read never makes a new
    cache entry or a new canonical URL. A field's ``initial`` is its default, normalised away
    (``?page=1`` and no page share one entry and one URL). Fields named in ``canonical`` are
    part of the canonical URL and hreflang alternates (another page of results); the others are
    state of the same page (a panel tab, a search). ``kind`` picks the ``Cache-Control`` policy
    in ``settings.HTTP_CACHE_POLICIES``; ``fragments`` are the htmx targets rendered alone.
    """

    kind: str
    form: type[forms.Form] | None = None
    canonical: frozenset[str] = field(default_factory=frozenset)
    fragments: frozenset[str] = field(default_factory=frozenset)

    def bind(self, query: QueryDict) -> forms.Form | None:
        """The bound, validated form (``BadParam`` with its first message when invalid)."""
        if self.form is None:
            return None
        form = self.form(query)
        if not form.is_valid():
            from nexushr.forms import first_error

            raise BadParam(first_error(form))
        return form

    def clean(self, query: QueryDict) -> dict[str, str]:
        """The normalised values of the declared parameters present (defaults left out)."""
        return self.values(self.bind(query))

    @staticmethod
    def values(form: forms.Form | None) -> dict[str, str]:
        if form is None:
            return {}
        values = {}
        for name, form_field in form.fields.items():
            value = form.cleaned_data.get(name)
            if value in (None, "", [], ()) or value == form_field.initial:
                continue
            values[name] = ",".join(value) if isinstance(value, list | tuple) else str(value)
        return values

    def query_string(self, values: dict[str, str], *, canonical_only: bool = False) -> str:
        query = QueryDict(mutable=True)
        for name in self.form.base_fields if self.form else ():
            if name in values and (name in self.canonical or not canonical_only):
                query[name] = values[name]
        encoded = query.urlencode(safe=",")
        return f"?{encoded}" if encoded else ""


def page(spec: PageSpec) -> Callable:
    """Declare what a view reads (see ``PageSpec``); validates the parameters (400 on bad
    values) and leaves the bound form on ``request.page_form`` and the normalised values on
    ``request.page_params``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            request.page_spec = spec
            try:
                request.page_form = spec.bind(request.GET)
            except BadParam as error:
                from nexushr.errors import bad_request

                return bad_request(request, str(error))
            request.page_params = spec.values(request.page_form)
            return view(request, *args, **kwargs)

        wrapper.page_spec = spec
        return wrapper

    return decorator


def tag_response(response: HttpResponse, tags: Iterable[str]) -> HttpResponse:
    response.cache_tags = frozenset(tags)
    return response


def is_staff(request: HttpRequest) -> bool:
    """Staff, without touching the session of a visitor who has none (that would add
    ``Vary: Cookie`` to every anonymous response)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return bool(request.user.is_staff)


def private(response: HttpResponse) -> HttpResponse:
    """Drafts, staff previews and anything personalised: never stored by anyone."""
    if "Cache-Control" in response:
        del response["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- tags, clock and invalidation ----------------------------------------------------------

_missed: set[str] = set()
_missed_lock = threading.Lock()


def _available() -> bool:
    return getattr(cache, "available", True)


def clock() -> int:
    return int(cache.get(CLOCK_KEY) or 0)


def _tick() -> int | None:
    try:
        value = cache.incr(CLOCK_KEY)
    except ValueError:  # no clock yet (or evicted): start above anything stamped before
        cache.add(CLOCK_KEY, int(time.time() * 1000), timeout=None)
        try:
            value = cache.incr(CLOCK_KEY)
        except ValueError:
            return None
    return value


def _stamp(tags: set[str]) -> bool:
    """Stamp ``tags`` with a new clock value now; False when the cache did not answer."""
    if not tags:
        return True
    value = _tick()
    if value is None or not _available():
        return False
    # "any": every write, for pages built from the whole catalogue (``cache_public_page``).
    cache.set_many({TAG_PREFIX + tag: value for tag in tags | {"any"}}, timeout=None)
    local_entries.clear()
    return _available()


def _flush(tags: set[str]) -> None:
    if not _stamp(tags):
        # Redis is down: remember what to drop, and drop it as soon as it answers again.
        with _missed_lock:
            _missed.update(tags)
    local_entries.clear()


def retry_missed() -> None:
    if not _missed:
        return
    with _missed_lock:
        tags = set(_missed)
        _missed.clear()
    if not _stamp(tags):
        with _missed_lock:
            _missed.update(tags)


def invalidate(tags: Iterable[str]) -> None:
    """Drop every cached response built from any of ``tags``, once the transaction commits
    (immediately outside a transaction); a rolled-back write invalidates nothing."""
    tags = set(tags)
    if tags:
        transaction.on_commit(lambda: _flush(tags), robust=True)


def invalidate_all() -> None:
    """Every cached response (all carry ``all``): for writes nothing can attribute."""
    invalidate({"all"})


def tag_versions(tags: Iterable[str]) -> dict[str, int]:
    keys = [TAG_PREFIX + tag for tag in tags]
    found = cache.get_many(keys)
    return {key[len(TAG_PREFIX) :]: value for key, value in found.items()}


def content_version(*tags: str) -> int:
    """A number that changes whenever any of ``tags`` is invalidated (for versioned URLs);
    without tags, whenever any content changes."""
    if not tags:
        return clock()
    return max(tag_versions(tags).values(), default=0)


def cache_public_page(name: str) -> Callable:
    """For a page built from the whole catalogue that reads no parameters: cached like the
    others, dropped on any content change (tag ``any``)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def tagged(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            return tag_response(view(request, *args, **kwargs), {"any"})

        return page(PageSpec("index"))(tagged)

    return decorator


# --- entries -------------------------------------------------------------------------------


@dataclass
class Entry:
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    tags: tuple[str, ...]
    rendered_at_clock: int
    etag: str
    last_modified: float


class LocalEntries:
    """A small per-process copy of hot entries, trusted for ``PAGE_CACHE_LOCAL_SECONDS``."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.items: OrderedDict[str, tuple[float, Entry]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        item = self.items.get(key)
        if item is None:
            return None
        if item[0] < time.monotonic():
            self.items.pop(key, None)
            return None
        return item[1]

    def put(self, key: str, entry: Entry) -> None:
        seconds = settings.PAGE_CACHE_LOCAL_SECONDS
        if seconds <= 0:
            return
        with self.lock:
            self.items[key] = (time.monotonic() + seconds, entry)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


local_entries = LocalEntries()


def _is_fresh(entry: Entry) -> bool:
    versions = cache.get_many([TAG_PREFIX + tag for tag in entry.tags])
    if len(versions) != len(entry.tags):
        return False  # a tag was evicted: its last invalidation is unknown
    return all(value <= entry.rendered_at_clock for value in versions.values())


def _lookup(key: str) -> tuple[Entry | None, bool]:
    """(entry, fresh): the local copy first, then the shared cache checked against tag stamps."""
    entry = local_entries.get(key)
    if entry is not None:
        return entry, True
    entry = cache.get(key)
    if entry is None:
        return None, False
    if _is_fresh(entry):
        local_entries.put(key, entry)
        return entry, True
    return entry, False


def _store(key: str, entry: Entry) -> None:
    """Store ``entry`` unless a tag it was built from was invalidated while it rendered."""
    keys = [TAG_PREFIX + tag for tag in entry.tags]
    versions = cache.get_many(keys)
    missing = [k for k in keys if k not in versions]
    if missing:
        # Tags never stamped (or evicted) get the current clock: entries rendered before now
        # cannot prove they are fresher than an invalidation that may have been lost.
        now = clock()
        for k in missing:
            cache.add(k, now, timeout=None)
            versions[k] = cache.get(k, now)
    if any(value > entry.rendered_at_clock for value in versions.values()):
        return  # rendered from rows an editor has replaced since: not worth keeping
    cache.set(key, entry, settings.ROLE_PAGE_CACHE_SECONDS)
    local_entries.put(key, entry)


def _etag(content: bytes) -> str:
    digest = hashlib.blake2b(content, digest_size=12, key=settings.BUILD_ID.encode()[:64])
    return f'"{digest.hexdigest()}"'


def _response(entry: Entry, request: HttpRequest) -> HttpResponse:
    response = HttpResponse(entry.content if request.method != "HEAD" else b"", status=entry.status)
    for name, value in entry.headers:
        response.headers[name] = value
    if request.method == "HEAD":
        response.headers["Content-Length"] = str(len(entry.content))
    return get_conditional_response(
        request, etag=entry.etag, last_modified=int(entry.last_modified), response=response
    )


# --- the middleware ------------------------------------------------------------------------

STORED_HEADERS_SKIP = {"set-cookie", "date"}


def _spec_for(request: HttpRequest) -> PageSpec | None:
    path = request.path_info
    language = translation.get_language_from_path(path)
    try:
        with translation.override(language or settings.LANGUAGE_CODE):
            match = resolve(path)
    except Resolver404:
        return None
    return getattr(match.func, "page_spec", None)


class RecentKeys:
    """A bounded map of raw request → what was worked out for it (oldest half dropped when
    full, so junk requests cannot grow it)."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.items: dict[tuple, object] = {}

    def get(self, raw: tuple) -> object | None:
        return self.items.get(raw)

    def put(self, raw: tuple, value: object) -> None:
        if len(self.items) >= self.size:
            for old in list(self.items)[: self.size // 2]:
                self.items.pop(old, None)
        self.items[raw] = value


_recent_keys = RecentKeys()


def cache_key(request: HttpRequest, spec: PageSpec) -> str | None:
    """The entry's key: build, path, fragment and the normalised declared parameters; None
    when the request is not one the cache answers (bad parameters, unknown htmx target)."""
    fragment = ""
    if request.headers.get("HX-Request") == "true":
        fragment = request.headers.get("HX-Target", "")
        if fragment not in spec.fragments:
            return None
    try:
        values = spec.clean(request.GET)
    except BadParam:
        return None
    raw = f"{request.path}\n{fragment}\n{spec.query_string(values)}"
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    return f"{PAGE_PREFIX}{settings.BUILD_ID}:{digest}"


class PageCacheMiddleware:
    """Answers anonymous GETs of declared pages from the cache and stores what they render.

    Sits after SecurityMiddleware (HTTPS redirect, HSTS) and WhiteNoise, before sessions: a
    hit needs neither the session nor the database.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        retry_missed()
        key = self._key(request) if settings.ROLE_PAGE_CACHE_SECONDS > 0 else None
        if key is None:
            return self._conditional(request, self._finish(request, self.get_response(request)))
        entry, fresh = _lookup(key)
        if entry is not None and fresh:
            request.environ[FRONT_ENVIRON_KEY] = (key, entry)  # for PageCacheFront
            return _response(entry, request)
        lock = LOCK_PREFIX + key
        if not cache.add(lock, 1, timeout=LOCK_SECONDS) and _available():
            # Someone else is rendering this page right now.
            if entry is not None:
                return _response(entry, request)  # stale while it revalidates
            waited = self._wait_for(key)
            if waited is not None:
                return _response(waited, request)
            cache.delete(lock)  # the renderer is slow or gone: render ourselves
        started = clock()
        try:
            response = self._finish(request, self.get_response(request))
            self._maybe_store(request, key, response, started, entry)
        finally:
            cache.delete(lock)
        return self._conditional(request, response)

    @staticmethod
    def _key(request: HttpRequest) -> str | None:
        if request.method not in ("GET", "HEAD"):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None  # possibly staff: rendered for them, never shared
        # A Host outside ALLOWED_HOSTS gets Django's 400 (DisallowedHost), cached page or not.
        request.get_host()
        # Resolving the URL and normalising the query cost more than the rest of a hit:
        # remember the answer for recent raw requests (bounded, so junk cannot grow it).
        headers = request.headers
        raw = (
            request.path,
            request.META.get("QUERY_STRING", ""),
            headers.get("HX-Request"),
            headers.get("HX-Target"),
        )
        key = _recent_keys.get(raw)
        if key is None:
            spec = _spec_for(request)
            key = cache_key(request, spec) if spec else None
            if key is not None:
                _recent_keys.put(raw, key)
        return key

    @staticmethod
    def _wait_for(key: str) -> Entry | None:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            entry, fresh = _lookup(key)
            if entry is not None and fresh:
                return entry
        return None

    @staticmethod
    def _maybe_store(
        request: HttpRequest,
        key: str,
        response: HttpResponse,
        started: int,
        previous: Entry | None,
    ) -> None:
        if response.status_code != 200 or response.streaming or response.cookies:
            return
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            return
        if not _available():
            return
        etag = response["ETag"]
        last_modified = time.time()
        if previous is not None and previous.etag == etag:
            last_modified = previous.last_modified  # same bytes: not modified since then
            response["Last-Modified"] = http_date(last_modified)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in STORED_HEADERS_SKIP
        ]
        entry = Entry(
            status=200,
            headers=headers,
            content=response.content,
            tags=tuple(sorted(set(getattr(response, "cache_tags", ())) | {"all"})),
            rendered_at_clock=started,
            etag=etag,
            last_modified=last_modified,
        )
        _store(key, entry)

    @staticmethod
    def _finish(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Cache headers for every response: the page kind's policy, validators and tags for
        public pages; private for the admin and logged-in users; no-cache for errors."""
        spec = getattr(request, "page_spec", None)
        cache_control = response.get("Cache-Control", "")
        personal = request.path.startswith("/admin/") or (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        )
        if personal:
            if "no-store" not in cache_control or "private" not in cache_control:
                private(response)
            return response
        if "private" in cache_control or "no-store" in cache_control:
            return response
        if spec is not None and response.status_code == 200 and not response.streaming:
            if not cache_control:
                response["Cache-Control"] = settings.HTTP_CACHE_POLICIES[spec.kind]
            response["ETag"] = _etag(response.content)
            if "Last-Modified" not in response:
                response["Last-Modified"] = http_date(time.time())
            tags = sorted(getattr(response, "cache_tags", ()))
            if tags:
                response["Surrogate-Key"] = " ".join(tags)
                response["Cache-Tag"] = ",".join(tags)
        elif not cache_control and response.status_code >= 400:
            response["Cache-Control"] = "no-cache"
        return response

    @staticmethod
    def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code != 200 or "ETag" not in response:
            return response
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=None, response=response
        )


# --- the WSGI front ------------------------------------------------------------------------

FRONT_ENVIRON_KEY = "nexushr.page_cache.hit"


class PageCacheFront:
    """The hit path for the hottest pages, in front of Django's WSGI handler.

    ``PageCacheMiddleware`` answers a hit without the session, the view or the database, but
    Django still builds a request, runs the outer middleware and a response object for it:
    about as much work again as the page cache itself. This wrapper remembers, for a raw
    request that was just answered from this process's own copy of an entry
    (``local_entries``), the exact status and headers Django sent; while that same entry is
    still the process's fresh copy (at most ``PAGE_CACHE_LOCAL_SECONDS``, and never after a
    write in this process, which clears the copies), the next identical request gets the same
    bytes straight from here.

    "Identical" is everything the middleware stack reads before its answer: scheme (HTTPS
    redirect, HSTS), host, path, query string and the htmx headers. Anything else goes to
    Django as before: other methods, HEAD, conditional requests (``If-None-Match`` and
    ``If-Modified-Since``, so 304s keep one implementation), and any request with a session
    cookie.
    """

    def __init__(self, application: Callable, size: int = 256) -> None:
        self.application = application
        # raw request → (cache key, entry, status, headers) as Django last sent them; bounded
        # like ``local_entries`` (256), so it holds at most about as many pages' bytes.
        self.served = RecentKeys(size)

    @staticmethod
    def _raw(environ: dict) -> tuple | None:
        if environ.get("REQUEST_METHOD") != "GET":
            return None
        if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
            return None
        if settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", ""):
            return None
        return (
            environ.get("wsgi.url_scheme"),
            environ.get("HTTP_HOST"),
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_HX_REQUEST"),
            environ.get("HTTP_HX_TARGET"),
        )

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        raw = self._raw(environ)
        if raw is None:
            return self.application(environ, start_response)
        served = self.served.get(raw)
        if served is not None:
            key, entry, status, headers = served
            if local_entries.get(key) is entry:
                start_response(status, headers)
                return [entry.content]

        def start(status: str, headers: list, exc_info: object = None) -> Callable:
            hit = environ.get(FRONT_ENVIRON_KEY)
            if hit is not None and status.startswith("200 "):
                self.served.put(raw, (*hit, status, list(headers)))
            return start_response(status, headers, exc_info)

        return self.application(environ, start)
