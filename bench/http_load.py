"""`make bench-http`: requests per second and latency of the role page, served several ways.

Starts everything itself on free ports in a temporary directory (deploy/stack.py), and drives
each server with wrk (32 connections, 10 s; BENCH_SECONDS to change) pinned to another core
than the server (taskset). Rows and their anchors:

    static          nginx serving a static copy of the page's bytes   (anchor of "proxied")
    static_tls      the same over the shipped config's TLS settings   (anchor of r2_same_tls)
    bare            a bare Django view returning the same bytes   (anchor of cached, uncached)
    bare_index, bare_search   the same for the index and `?q=data`   (anchors of the next two)
    cached          the app, production settings, page cache warm (Redis)
    uncached        the app with its page cache off: every request renders
    index_uncached, search_uncached   the index and a search, page cache off
    proxied         the app behind the shipped nginx config (TLS, micro-cache)

Prints one table and writes bench/results/http.json (bare_rps, static_rps, cached_rps,
uncached_rps, proxied_rps, r1_cached, r1_uncached, r2, proxied_p99_ms, and the rest).
Needs nginx, wrk, taskset (scripts/system-packages) and Redis (REDIS_URL, else
redis://127.0.0.1:6379/0; keys get a unique prefix and are removed at the end).
"""

import json
import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.stack import Stack, free_port, production_env, request  # noqa: E402

PATH = "/en/roles/machine-learning-engineer/"
# The pages measured with the page cache off, each against a bare view sending its bytes.
URLS = {"page": PATH, "index": "/en/roles/", "search": "/en/roles/?q=data"}
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
RESULTS = ROOT / "bench" / "results" / "http.json"
CORES = os.cpu_count() or 1
# `nice -n` for the servers and wrk (BENCH_NICE=-10 as root): on a machine shared with other
# busy processes the figures are otherwise mostly a measure of their load.
NICE = int(os.environ.get("BENCH_NICE", "0"))
# Servers on the first core(s), the load generator on the last one.
SERVER_CPUS = "0" if CORES <= 2 else f"0-{CORES - 2}"
LOAD_CPUS = str(CORES - 1)


def wrk(url: str, *headers: str) -> dict:
    args = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    for header in headers:
        args += ["-H", header]
    if CORES > 1:
        args = ["taskset", "-c", LOAD_CPUS, *args]
    if NICE:
        args = ["nice", "-n", str(NICE), *args]
    output = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)

    def percentile(p: str) -> float:
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rps": rps,
        "p50_ms": percentile("50"),
        "p99_ms": percentile("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
        # wrk counts a response slower than 2 s as a timeout: reported, not fatal (a busy box).
        **socket_counts(socket_errors.group(1) if socket_errors else ""),
    }


def socket_counts(text: str) -> dict[str, int]:
    """wrk's "Socket errors: connect 0, read 0, write 0, timeout 4" as numbers."""
    pairs = re.findall(r"(connect|read|write|timeout) (\d+)", text)
    return {f"socket_{kind}": int(count) for kind, count in pairs}


def warm(url: str, cafile: Path | None = None, **headers: str) -> bytes:
    body = b""
    for _ in range(20):
        # The first request loads the whole app in a fresh worker: give it time on a busy box.
        response = request(url, headers=headers, cafile=cafile, timeout=60)
        assert response.status == 200, f"{url} answered {response.status}"
        body = response.body
    return body


def main() -> int:
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    with Stack("nexushr-bench-http", nice=NICE) as stack:
        try:
            results = run(stack, redis_url)
        except Exception:
            for log in sorted(stack.directory.glob("*.log")):
                print(f"--- {log.name} ---\n{stack.log(log.name)[-2000:]}", file=sys.stderr)
            raise
    print_table(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


def prepare(stack: Stack, redis_url: str) -> dict[str, str]:
    """A production-like app in the stack's directory: SQLite, Redis (own prefix), static."""
    prefix = stack.redis_prefix(redis_url, "bench")
    env = production_env(
        DATABASE_URL=f"sqlite:///{stack.directory / 'bench.sqlite3'}",
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=prefix,
        STATIC_ROOT=str(stack.directory / "static"),
        SITE_ORIGIN="https://localhost",
    )
    print("Preparing a production-like app (SQLite, Redis, fixtures, collectstatic) …")
    stack.manage(env, "migrate", "--no-input")
    stack.manage(env, "loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")))
    stack.manage(env, "collectstatic", "--no-input")
    return env


def uncached(stack: Stack, env: dict, redis_url: str) -> dict:
    """The same app with its page cache off (``ROLE_PAGE_CACHE_SECONDS=0``), on a Redis
    prefix of its own: the warm app's stored pages must not answer for it."""
    return {
        **env,
        "ROLE_PAGE_CACHE_SECONDS": "0",
        "CACHE_KEY_PREFIX": stack.redis_prefix(redis_url, "bench-uncached"),
    }


def run(stack: Stack, redis_url: str) -> dict:
    env = prepare(stack, redis_url)
    static_root = Path(env["STATIC_ROOT"])
    forwarded = {"Host": "localhost", "X-Forwarded-Proto": "https"}
    wrk_forwarded = ["Host: localhost", "X-Forwarded-Proto: https"]
    rows: dict[str, dict] = {}

    # The app, page cache warm.
    app, app_port = stack.gunicorn(env, cpus=SERVER_CPUS)
    pages = {url: warm(f"http://127.0.0.1:{app_port}{url}", **forwarded) for url in URLS.values()}
    page = pages[PATH]
    files = {}
    for name, url in URLS.items():
        files[url] = str(stack.directory / f"{name}.html")
        Path(files[url]).write_bytes(pages[url])
    (stack.directory / "pages.json").write_text(json.dumps(files))
    print(
        f"The page: {len(page):,} bytes. Measuring {SECONDS} s each at {CONNECTIONS} connections."
    )
    rows["cached"] = wrk(f"http://127.0.0.1:{app_port}{PATH}", *wrk_forwarded)

    # The same app behind the shipped nginx config (TLS, micro-cache).
    _, https_port, cafile = stack.nginx([f"127.0.0.1:{app_port}"], static_root, cpus=SERVER_CPUS)
    warm(f"https://localhost:{https_port}{PATH}", cafile)
    rows["proxied"] = wrk(f"https://localhost:{https_port}{PATH}")
    stack.stop(app)

    # The app with its page cache off: every request renders.
    uncached_env = uncached(stack, env, redis_url)
    rendering, port = stack.gunicorn(uncached_env, cpus=SERVER_CPUS)
    for name, url in URLS.items():
        # The same page but for its share image's version (?v=, read from this prefix's tags).
        rendered = warm(f"http://127.0.0.1:{port}{url}", **forwarded)
        assert abs(len(rendered) - len(pages[url])) < 64, (url, len(rendered), len(pages[url]))
        rows[f"{name}_uncached"] = wrk(f"http://127.0.0.1:{port}{url}", *wrk_forwarded)
    rows["uncached"] = rows.pop("page_uncached")
    stack.stop(rendering)

    # A bare Django view returning the same bytes for each URL, same gunicorn settings.
    bare_env = {**os.environ, "BENCH_PAGES": str(stack.directory / "pages.json")}
    bare, port = stack.gunicorn(bare_env, cpus=SERVER_CPUS, app="bench.bare_wsgi:application")
    for name, url in URLS.items():
        assert warm(f"http://127.0.0.1:{port}{url}") == pages[url], url
        rows[f"bare_{name}"] = wrk(f"http://127.0.0.1:{port}{url}")
    rows["bare"] = rows.pop("bare_page")
    stack.stop(bare)

    # nginx serving a static copy of the bytes: the physical limit, over plain HTTP and over
    # TLS as the shipped config terminates it (same certificate, protocols and session cache).
    static_port, tls_port = free_port(), free_port()
    (stack.directory / "www" / "en" / "roles" / "machine-learning-engineer").mkdir(parents=True)
    (stack.directory / "www" / PATH.strip("/") / "index.html").write_bytes(page)
    www = stack.directory / "www"
    stack.run_nginx(
        f"""
        server {{ listen 127.0.0.1:{static_port}; root {www}; }}
        server {{
            listen 127.0.0.1:{tls_port} ssl;
            ssl_certificate {cafile}; ssl_certificate_key {stack.directory / "tls.key"};
            ssl_protocols TLSv1.2 TLSv1.3; ssl_prefer_server_ciphers off;
            ssl_session_cache shared:static_tls:10m; ssl_session_tickets off;
            root {www};
        }}""",
        [static_port, tls_port], cpus=SERVER_CPUS, name="nginx-static",
    )  # fmt: skip
    assert warm(f"http://127.0.0.1:{static_port}{PATH}") == page
    rows["static"] = wrk(f"http://127.0.0.1:{static_port}{PATH}")
    assert warm(f"https://localhost:{tls_port}{PATH}", cafile) == page
    rows["static_tls"] = wrk(f"https://localhost:{tls_port}{PATH}")

    for name, row in rows.items():
        broken = sum(row.get(f"socket_{kind}", 0) for kind in ("connect", "read", "write"))
        failures = row["non_2xx"] + broken
        if failures:
            raise RuntimeError(f"{name}: {failures} failed requests ({row})")

    def ratio(name: str) -> float:
        return round(rows[name]["rps"] / rows[ANCHORS[name]]["rps"], 3)

    return {
        "bare_rps": rows["bare"]["rps"],
        "static_rps": rows["static"]["rps"],
        "cached_rps": rows["cached"]["rps"],
        "uncached_rps": rows["uncached"]["rps"],
        "proxied_rps": rows["proxied"]["rps"],
        "r1_cached": ratio("cached"),
        "r1_uncached": ratio("uncached"),
        "r2": ratio("proxied"),
        "proxied_p99_ms": rows["proxied"]["p99_ms"],
        # The same nginx config's TLS: what the proxied row pays that the plain static one
        # does not (encryption, no sendfile).
        "static_tls_rps": rows["static_tls"]["rps"],
        "r2_same_tls": round(rows["proxied"]["rps"] / rows["static_tls"]["rps"], 3),
        "index_uncached_rps": rows["index_uncached"]["rps"],
        "search_uncached_rps": rows["search_uncached"]["rps"],
        "r_index_uncached": ratio("index_uncached"),
        "r_search_uncached": ratio("search_uncached"),
        "page_bytes": len(page),
        "urls": URLS,
        "seconds": SECONDS,
        "connections": CONNECTIONS,
        "cores": CORES,
        "server_cpus": SERVER_CPUS,
        "load_cpus": LOAD_CPUS,
        "nice": NICE,
        "load_average_at_end": [round(x, 1) for x in os.getloadavg()],
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "rows": rows,
    }


# Each row's anchor: the ceiling it is compared with (None: an anchor itself).
ANCHORS = {
    "static": None,
    "static_tls": None,
    "bare": None,
    "bare_index": None,
    "bare_search": None,
    "cached": "bare",
    "uncached": "bare",
    "index_uncached": "bare_index",
    "search_uncached": "bare_search",
    "proxied": "static",
}
LABELS = {
    "static": "nginx, static copy of the page",
    "static_tls": "nginx, static copy, over the shipped config's TLS",
    "bare": "bare Django view, same bytes",
    "bare_index": "bare Django view, the index's bytes",
    "bare_search": "bare Django view, the search page's bytes",
    "cached": "the app, page cache warm",
    "uncached": "the app, page cache off",
    "index_uncached": "the app, index, page cache off",
    "search_uncached": "the app, search `?q=data`, page cache off",
    "proxied": "the app behind the shipped nginx",
}


def print_table(results: dict) -> None:
    rows = results["rows"]
    print("\n| served by | req/s | p50 ms | p99 ms | ratio to anchor | timeouts (> 2 s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, anchor in ANCHORS.items():
        row = rows[name]
        ratio = f"{row['rps'] / rows[anchor]['rps']:.3f}× {anchor}" if anchor else "(anchor)"
        print(
            f"| {LABELS[name]} | {row['rps']:,.0f} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} "
            f"| {ratio} | {row.get('socket_timeout', 0)} |"
        )
    print(f"\nbehind nginx vs the static copy over the same TLS: {results['r2_same_tls']:.3f}×")


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    print(f"({time.monotonic() - started:.0f} s)")
    sys.exit(code)
