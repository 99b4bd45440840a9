"""Benchmarks: how fast pages answer with a large catalogue. Run with `make bench`.

Builds a throwaway database (SQLite by default; PostgreSQL when BENCH_DATABASE_URL is set),
loads the seed fixtures, adds 10,000 generated roles, then times requests through Django's
test client (in process: no network, so it measures the application, not a server).
Prints Markdown tables; the README quotes their figures. The search timings (p50/p95 per kind of
query, with references measured in the same run) are also written to
bench/results/search-<database>.json; BENCH_ONLY=search stops after them. BENCH_ONLY=opendata
prints only the open-data figures (API beside HTML, the salary-band CSV).
"""

import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
from django.utils import translation  # noqa: E402

from nexushr.cache import local_entries  # noqa: E402
from roles.models import Category, Role  # noqa: E402
from roles.search import reindex_all, search  # noqa: E402
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


def generate() -> float:
    """Add the generated roles (bulk, so no signals) and index them; returns the seconds the
    full reindex took."""
    category = Category.objects.get(slug="technology")
    roles = []
    for n in range(GENERATED_ROLES):
        title = f"{WORDS[n % 10].title()} {WORDS[(n // 10) % 10].title()} Specialist {n}"
        summary = f"Generated role {n} working on {WORDS[(n * 7) % 10]} and {WORDS[(n * 3) % 10]}."
        roles.append(
            Role(
                slug=f"generated-{n}",
                title=title,
                title_en=title,
                summary=summary,
                summary_en=summary,
                category=category,
                status=Role.Status.PUBLISHED,
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
    started = time.perf_counter()
    reindex_all()
    took = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum would have done by now: statistics, and the visibility map that
            # lets searches read postings from the index alone.
            cursor.execute("VACUUM ANALYZE")
    return took


def relevance() -> list[str]:
    """hit@1 and hit@3 per language over the relevance test set, on the seed catalogue."""
    cases = json.loads((ROOT / "tests" / "roles" / "relevance_cases.json").read_text("utf-8"))
    slugs = dict(Role.objects.values_list("pk", "slug"))
    totals: dict[str, list[int]] = {}
    misses = []
    for case in cases:
        with translation.override(case["language"]):
            ids = search(case["query"], language=case["language"], limit=3).role_ids
        top = [slugs[pk] for pk in ids]
        row = totals.setdefault(case["language"], [0, 0, 0])
        row[0] += 1
        row[1] += top[:1] == [case["first"]]
        row[2] += case["first"] in top
        if top[:1] != [case["first"]]:
            misses.append(f"- miss: {case['language']} `{case['query']}` → {top}")
    lines = ["| language | queries | hit@1 | hit@3 |", "|---|---:|---:|---:|"]
    for language, (count, hit1, hit3) in totals.items():
        lines.append(f"| {language} | {count} | {hit1 / count:.0%} | {hit3 / count:.0%} |")
    return lines + misses


SEARCHES = [
    ("en", "machine learning engineer", "exact title"),
    ("en", "data platform specialist", "several words"),
    ("en", "specialist", "one word in all 10,000 titles"),
    ("en", "data", "one common word"),
    ("pt-br", "aprendizado de máquina", "synonym phrase (pt)"),
    ("es-mx", "aprendizaje automático", "synonym phrase (es)"),
    ("es-mx", "desarrolladora", "stemming"),
    ("en", "engeneer", "typo"),
    ("en", "lerning", "typo"),
    ("en", "dataengineer", "glued words"),
    ("en", "mlops", "glued words"),
    ("en", "machine lear", "half-typed"),
    ("en", "sp", "common prefix"),
    ("en", "d", "one letter"),
    ("en", "the of", "stop words only"),
    ("es-mx", "astronauta", "nothing matches"),
]


def timed(function) -> tuple[float, float]:
    """p50 and p95 in ms of ``REPEAT`` calls, after one untimed call (which loads what a
    process keeps in memory, e.g. the search vocabulary)."""
    function()
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def first_page(query: str, language: str) -> object:
    """A search and the ids of its first page of results (a search finding many roles reads
    later pages only when asked for: the first is what the index page shows)."""
    return search(query, language=language).role_ids[:12]


def time_search() -> tuple[list[str], dict]:
    """search() and its first page of ids in process, per query, against two references
    measured in the same run: one role by primary key (one indexed query through the ORM), and
    the search this one replaced at its simplest (published roles whose title contains the
    query, unranked, all ids)."""
    pk = Role.objects.get(slug="generated-5000").pk
    reference, reference_p95 = timed(lambda: Role.objects.filter(pk=pk).first())
    unranked, unranked_p95 = timed(
        lambda: list(
            Role.objects.published().filter(title__icontains="specialist").values_list("pk")
        )
    )
    lines = [
        f"References: one role by primary key p50 {reference:.2f} ms (p95 {reference_p95:.2f}); "
        f"unranked `title icontains 'specialist'` (10,000 ids) p50 {unranked:.1f} ms "
        f"(p95 {unranked_p95:.1f}).\n",
        "| search | language | kind | found | SQL queries | p50 ms | p95 ms "
        "| p50 / by pk | p50 / unranked |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    rows = []
    for language, query, kind in SEARCHES:
        with translation.override(language):
            search(query, language=language)
            with CaptureQueriesContext(connection) as captured:
                result = search(query, language=language)
                result.role_ids[:12]
            found = len(result.role_ids)
            p50, p95 = timed(lambda q=query, lang=language: first_page(q, lang))
        rows.append(
            {
                "query": query,
                "language": language,
                "kind": kind,
                "found": found,
                "queries": len(captured),
                "p50_ms": round(p50, 2),
                "p95_ms": round(p95, 2),
            }
        )
        lines.append(
            f"| `{query}` | {language} | {kind} | {found:,} | {len(captured)} | {p50:.1f} | "
            f"{p95:.1f} | {p50 / reference:.0f}× | {p50 / unranked:.1f}× |"
        )
    results = {
        "database": connection.vendor,
        "roles": Role.objects.published().count(),
        "repeat": REPEAT,
        "cores": os.cpu_count(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "reference_by_pk_p50_ms": round(reference, 3),
        "reference_by_pk_p95_ms": round(reference_p95, 3),
        "reference_unranked_p50_ms": round(unranked, 2),
        "reference_unranked_p95_ms": round(unranked_p95, 2),
        "searches": rows,
    }
    return lines, results


@contextmanager
def count_queries() -> Iterator[list[str]]:
    """Every query run inside it. Not CaptureQueriesContext: that one reads Django's query log,
    which keeps only the last 9,000 queries, so once a few thousand requests have run it counts
    0 (the "0 queries" once printed for the salary-band CSV)."""
    executed: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield executed


COMPARE = "/en/compare/?roles=machine-learning-engineer,data-scientist,software-developer"


def measure(client: Client, url: str, *, cached: bool = False, **headers: str) -> dict:
    timings = []
    with count_queries() as captured:
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
    print(f"Search relevance on the seed catalogue ({connection.vendor}):\n")
    print("\n".join(relevance()) + "\n")
    reindex = generate()
    print(
        f"Database: {connection.vendor}; roles: {Role.objects.count():,} published; "
        f"built in {time.perf_counter() - started:.1f} s (search index rebuilt in "
        f"{reindex:.1f} s); {REPEAT} timed requests each.\n"
    )
    lines, results = time_search()
    print("\n".join(lines) + "\n")
    out = ROOT / "bench" / "results" / f"search-{connection.vendor}.json"
    out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(f"Written to {out.relative_to(ROOT)}.\n")
    if os.environ.get("BENCH_ONLY") == "search":
        return
    client = Client()
    rows = [
        measure(client, "/en/roles/"),
        measure(client, "/en/roles/?page=800"),
        measure(client, "/en/roles/?q=vision"),
        measure(client, "/en/roles/?q=machine+learning+specialist+99"),
        measure(client, "/pt-br/roles/?q=ciencia"),
        measure(client, "/en/roles/?q=scientst"),
        measure(client, "/pt-br/roles/?q=aprendizado+de+maquina"),
        measure(
            client,
            "/en/search/suggestions/?q=data+eng",
            **{"HX-Request": "true", "HX-Target": "home-q-list"},
        ),
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
            local_entries.clear()  # the process's own copy of hot pages, too
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
    with count_queries() as captured:
        response = client.get(csv_url)
    rows = response.content.count(b"\r\n") - 1
    timings = []
    for _ in range(max(3, REPEAT // 10)):
        cache.clear()
        local_entries.clear()
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


def open_data_only() -> None:
    """``BENCH_ONLY=opendata``: build the same database, print only the open-data figures."""
    started = time.perf_counter()
    build()
    generate()
    print(
        f"Database: {connection.vendor}; roles: {Role.objects.count():,} published; "
        f"built in {time.perf_counter() - started:.1f} s.\n"
    )
    open_data(Client())


if __name__ == "__main__":
    open_data_only() if os.environ.get("BENCH_ONLY") == "opendata" else main()
