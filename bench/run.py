"""Benchmarks: how fast pages answer with a large catalogue. Run with `make bench`.

Builds a throwaway database (SQLite by default; PostgreSQL when BENCH_DATABASE_URL is set),
loads the seed fixtures, adds 10,000 generated roles, then times requests through Django's
test client (in process: no network, so it measures the application, not a server).
Prints a Markdown table; the README quotes its figures.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GENERATED_ROLES = int(os.environ.get("BENCH_ROLES", "10000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))

workdir = tempfile.mkdtemp(prefix="nexushr-bench-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nexushr.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from nexushr.cache import local_entries  # noqa: E402
from nexushr.text import normalize  # noqa: E402
from roles.models import Category, Role  # noqa: E402

WORDS = [
    "data",
    "platform",
    "machine",
    "learning",
    "cloud",
    "analytics",
    "vision",
    "language",
    "search",
    "security",
]


def build() -> None:
    if connection.vendor == "postgresql":
        # A fresh schema in the benchmark database.
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    call_command(
        "loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")), verbosity=0
    )
    category = Category.objects.get(slug="technology")
    roles = []
    for n in range(GENERATED_ROLES):
        title = f"{WORDS[n % 10].title()} {WORDS[(n // 10) % 10].title()} Specialist {n}"
        summary = f"Generated role {n} working on {WORDS[(n * 7) % 10]} and {WORDS[(n * 3) % 10]}."
        document = normalize(f"{title} {summary}")
        roles.append(
            Role(
                slug=f"generated-{n}",
                title=title,
                title_en=title,
                summary=summary,
                summary_en=summary,
                category=category,
                status=Role.Status.PUBLISHED,
                search_document_en=document,
                search_document_pt_br=document,
                search_document_es_mx=document,
            )
        )
    Role.objects.bulk_create(roles, batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(client: Client, url: str, *, cached: bool = False, **headers: str) -> dict:
    timings = []
    with CaptureQueriesContext(connection) as captured:
        client.get(url, headers=headers)
    queries = len(captured)
    for _ in range(REPEAT):
        if not cached:
            cache.clear()
            local_entries.clear()
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return {
        "url": url + (" (htmx)" if headers else "") + (" (cached)" if cached else ""),
        "queries": queries,
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
    }


def main() -> None:
    started = time.perf_counter()
    build()
    print(
        f"Database: {connection.vendor}; roles: {Role.objects.count():,} published; "
        f"built in {time.perf_counter() - started:.1f} s; {REPEAT} timed requests each.\n"
    )
    client = Client()
    rows = [
        measure(client, "/en/roles/"),
        measure(client, "/en/roles/?page=800"),
        measure(client, "/en/roles/?q=vision"),
        measure(client, "/en/roles/?q=machine+learning+specialist+99"),
        measure(client, "/pt-br/roles/?q=ciencia"),
        measure(client, "/en/roles/?q=scientst"),
        measure(client, "/en/roles/?q=data", **{"HX-Request": "true", "HX-Target": "results"}),
        measure(client, "/en/"),
        measure(client, "/en/roles/machine-learning-engineer/"),
        measure(client, "/en/roles/machine-learning-engineer/", cached=True),
        measure(client, "/en/roles/machine-learning-engineer/share.png"),
    ]
    print("| request | SQL queries | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print(f"| `{row['url']}` | {row['queries']} | {row['p50']:.1f} | {row['p95']:.1f} |")

    # The app against a bare Django view returning the same bytes, in process (no network).
    from bench.wsgi_ratio import measure as measure_ratio

    ratio = measure_ratio("/en/roles/machine-learning-engineer/")
    print(
        f"\nIn-process WSGI, ML page ({ratio['bytes']:,} bytes): bare view "
        f"{ratio['bare_rps']:,.0f} req/s; app, page cache warm {ratio['cached_rps']:,.0f} req/s "
        f"({ratio['r1_cached']:.2f}× bare); app, every request rendered "
        f"{ratio['uncached_rps']:,.0f} req/s ({ratio['r1_uncached']:.3f}× bare)."
    )


if __name__ == "__main__":
    main()
