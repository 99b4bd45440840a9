"""Where an uncached render spends its time: `make profile`.

Renders pages with the page cache cleared before every request (Django's test client, the seed
catalogue, a throwaway SQLite database unless PROFILE_DATABASE_URL is set) under cProfile, and
prints for each page:

- the time per request, and the share of it spent in each part of the stack — SQL (the
  database driver and Django's cursor), the ORM building queries and objects, templates,
  Babel's formatting, translations, the middleware around the view, URL reversing, our own
  code — by summing each function's *own* time by the package it belongs to (Python's
  built-ins and Django's small utilities are charged to the parts that called them);
- the functions with the most own time;
- for the role page, the floor under any query tuning: the same request timed (unprofiled)
  with its selector answered from one page of data built beforehand, so no query runs and no
  row becomes an object; what is left is the view, the templates and the middleware.

Writes the same to bench/results/profile.txt; the README's *Benchmarks* section reads it.
PROFILE_REQUESTS (default 60) sets how many requests per page.
"""

import cProfile
import dataclasses
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

workdir = tempfile.mkdtemp(prefix="nexushr-profile-")
os.environ["DATABASE_URL"] = os.environ.get(
    "PROFILE_DATABASE_URL", f"sqlite:///{workdir}/profile.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nexushr.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

from nexushr.cache import local_entries  # noqa: E402
from roles import views  # noqa: E402
from roles.selectors import role_page_get  # noqa: E402

REQUESTS = int(os.environ.get("PROFILE_REQUESTS", "60"))
PAGES = [
    "/en/roles/machine-learning-engineer/",
    "/pt-br/roles/machine-learning-engineer/",
    "/en/roles/",
    "/en/roles/?q=data",
    "/en/",
]
RESULTS = ROOT / "bench" / "results" / "profile.txt"

# (label, test on the function's file path), first match wins. A function in none of them
# (Python's built-ins, Django's utilities such as lazy strings and escaping) is charged to the
# parts that called it, in proportion to the time spent in it from each caller.
PARTS = [
    ("SQL: driver and Django's cursor", ("/sqlite3/", "/psycopg", "django/db/backends/")),
    ("ORM: queries built, rows turned into objects", ("django/db/models/",)),
    ("templates", ("django/template/", "django/templatetags/")),
    ("Babel: numbers, currencies, dates", ("/babel/",)),
    ("translations (gettext, modeltranslation)", ("django/utils/translation", "modeltranslation")),
    ("middleware and request/response", ("django/middleware/", "django/core/handlers/",
                                         "django/http/", "django/contrib/sessions/",
                                         "django_htmx", "whitenoise", "axes")),
    ("URL resolving and reversing", ("django/urls/",)),
    ("the test client (not in production)", ("django/test/",)),
    ("our code", tuple(f"{ROOT}/{app}/" for app in (
        "nexushr", "roles", "salaries", "faqs", "sources", "editorial", "opendata"))),
]  # fmt: skip
UNATTRIBUTED = "unattributed"


def part_of(filename: str) -> str | None:
    for label, needles in PARTS:
        if any(needle in filename for needle in needles):
            return label
    return None


def parts(stats: pstats.Stats) -> dict[str, float]:
    """Own time per part, built-ins and utilities charged to their callers' parts."""
    shares: dict[tuple, dict[str, float]] = {}

    def share(func: tuple) -> dict[str, float]:
        part = part_of(func[0])
        if part is not None:
            return {part: 1.0}
        if func in shares:
            return shares[func]
        shares[func] = {UNATTRIBUTED: 1.0}  # a cycle ends here
        callers = stats.stats[func][4] if func in stats.stats else {}
        weight = sum(row[2] for row in callers.values())
        if weight > 0:
            result: dict[str, float] = defaultdict(float)
            for caller, row in callers.items():
                for label, fraction in share(caller).items():
                    result[label] += fraction * row[2] / weight
            shares[func] = dict(result)
        return shares[func]

    total: dict[str, float] = defaultdict(float)
    for func, row in stats.stats.items():
        for label, fraction in share(func).items():
            total[label] += row[2] * fraction
    return total


def _clear_caches() -> None:
    """Every request below renders: the shared page cache and the process's own copies go."""
    cache.clear()
    local_entries.clear()


def profile(client: Client, url: str) -> str:
    client.get(url)  # warm: imports, compiled templates, connection
    profiler = cProfile.Profile()
    started = time.perf_counter()
    for _ in range(REQUESTS):
        _clear_caches()
        profiler.enable()
        response = client.get(url)
        profiler.disable()
        assert response.status_code == 200, (url, response.status_code)
    wall = (time.perf_counter() - started) / REQUESTS * 1000
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # own time of every function
    by_part = parts(stats)

    lines = [f"## {url}", ""]
    lines.append(
        f"{wall:.1f} ms a request (wall clock, {REQUESTS} requests, cache cleared before each; "
        f"{total / REQUESTS * 1000:.1f} ms of it profiled)"
    )
    lines += ["", "| part of the stack | ms a request | share |", "|---|---:|---:|"]
    for label, seconds in sorted(by_part.items(), key=lambda item: -item[1]):
        lines.append(f"| {label} | {seconds / REQUESTS * 1000:.2f} | {seconds / total:.0%} |")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    top = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next(i for i, line in enumerate(top) if line.lstrip().startswith("ncalls"))
    lines += ["", "Most own time:", "", "```", *top[start:], "```", ""]
    return "\n".join(lines)


def _median_ms(client: Client, url: str) -> float:
    times = []
    for _ in range(REQUESTS):
        _clear_caches()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def template_floor(client: Client, slug: str = "machine-learning-engineer") -> str:
    """The role page with and without building its data: what query tuning could at most win."""
    url = f"/en/roles/{slug}/"
    client.get(url)
    full = _median_ms(client, url)
    with translation.override("en"):
        built = role_page_get(slug=slug)  # every list prefetched, once
    # A fresh RolePage per request (its charts are drawn again), over the same loaded rows.
    with mock.patch.object(views, "role_page_get", lambda **_: dataclasses.replace(built)):
        floor = _median_ms(client, url)
    return "\n".join(
        [
            f"## {url}: the floor under query tuning",
            "",
            f"{full:.1f} ms a request (median of {REQUESTS}, unprofiled, cache cleared first)",
            f"{floor:.1f} ms with the page's data built beforehand: no query, no row turned into "
            f"an object; the view, templates and middleware only ({floor / full:.0%})",
            "",
        ]
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")),
                 verbosity=0)  # fmt: skip
    client = Client()
    report = "\n".join([*(profile(client, url) for url in PAGES), template_floor(client)])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report.replace(str(ROOT) + "/", ""))
    print(report.replace(str(ROOT) + "/", ""))
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
