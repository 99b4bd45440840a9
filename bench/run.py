"""Benchmarks: how fast pages answer with a large catalogue. Run with `make bench`.

Builds a throwaway database (SQLite by default; PostgreSQL when BENCH_DATABASE_URL is set),
loads the seed fixtures, adds 10,000 generated roles, then times requests through Django's
test client (in process: no network, so it measures the application, not a server).
Prints a Markdown table; the README quotes its figures.
"""

import datetime
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
# The benchmark is one client sending thousands of requests: not what the API's limit is for.
os.environ["API_RATE_LIMIT"] = "1000000000"

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
from salaries.models import Country, SalaryBand  # noqa: E402
from sources.models import Source  # noqa: E402

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
    # Two salary bands per generated role (a Brazilian range and a global senior one), so the
    # salary-band dataset has about 20,000 rows to write.
    brazil = Country.objects.get(code="BR")
    profile = Source.objects.get(key="nexushr-mle-profile")
    career_guide = Source.objects.get(key="mle-career-guide")
    created = Role.objects.filter(slug__startswith="generated-").only("pk", "slug")
    bands = []
    for role in created:
        bands.append(
            SalaryBand(
                key=f"{role.slug}-br",
                role=role,
                country=brazil,
                currency="BRL",
                minimum=10000,
                maximum=20000,
                as_of=datetime.date(2026, 6, 22),
                source=profile,
            )
        )
        bands.append(
            SalaryBand(
                key=f"{role.slug}-senior",
                role=role,
                currency="USD",
                minimum=150000,
                maximum=220000,
                period=SalaryBand.Period.YEAR,
                level=SalaryBand.Level.SENIOR,
                source=career_guide,
            )
        )
    SalaryBand.objects.bulk_create(bands, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


COMPARE = "/en/compare/?roles=machine-learning-engineer,data-scientist,software-developer"


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
        measure(client, COMPARE),
        measure(client, COMPARE, cached=True),
        measure(client, "/en/roles/machine-learning-engineer/qr.png", cached=True),
    ]
    print("| request | SQL queries | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print(f"| `{row['url']}` | {row['queries']} | {row['p50']:.1f} | {row['p95']:.1f} |")
    open_data(client)


def throughput(client: Client, url: str, *, cached: bool, seconds: float = 3.0) -> dict:
    """Requests per second for one URL, for ``seconds`` of back-to-back requests."""
    client.get(url)
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        if not cached:
            cache.clear()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        done += 1
    return {"url": url, "rps": done / (time.perf_counter() - started)}


def open_data(client: Client) -> None:
    """The API detail endpoint beside the HTML role page (same role, same run), and the full
    salary-band CSV with every generated role's bands."""
    html_url = "/en/roles/machine-learning-engineer/"
    api_url = "/api/v1/roles/machine-learning-engineer"
    print("\n| role, uncached / cached | HTML page req/s | API detail req/s | API ÷ HTML |")
    print("|---|---:|---:|---:|")
    for cached in (False, True):
        html = throughput(client, html_url, cached=cached)["rps"]
        api = throughput(client, api_url, cached=cached)["rps"]
        label = "cached" if cached else "uncached"
        print(f"| {label} | {html:.0f} | {api:.0f} | {api / html:.2f} |")

    csv_url = "/en/data/salary-bands.csv"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(csv_url)
    rows = response.content.count(b"\r\n") - 1
    timings = []
    for _ in range(max(3, REPEAT // 10)):
        cache.clear()
        start = time.perf_counter()
        assert client.get(csv_url).status_code == 200
        timings.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    client.get(csv_url)
    cached_ms = (time.perf_counter() - start) * 1000
    print(
        f"\n`{csv_url}`: {rows:,} rows, {len(response.content) / 1e6:.1f} MB, "
        f"{len(captured)} queries; built in {statistics.median(timings):.0f} ms (median of "
        f"{len(timings)}), {cached_ms:.1f} ms from the cache."
    )

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
