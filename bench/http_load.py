"""`make bench-http`: requests per second and latency of the role page, served five ways.

Starts everything itself on free ports in a temporary directory (deploy/stack.py), and drives
each server with wrk (32 connections, 10 s; BENCH_SECONDS to change) pinned to another core
than the server (taskset). Rows and their anchors:

    static    nginx serving a static copy of the page's bytes     (anchor of "proxied")
    bare      a bare Django view returning the same bytes         (anchor of "cached", "uncached")
    cached    the app, production settings, page cache warm (Redis)
    uncached  the app with its page cache off: every request renders
    proxied   the app behind the shipped nginx config (TLS, micro-cache)

Prints one table and writes bench/results/http.json (bare_rps, static_rps, cached_rps,
uncached_rps, proxied_rps, r1_cached, r1_uncached, r2, proxied_p99_ms, and the detail).
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


def run(stack: Stack, redis_url: str) -> dict:
    env = prepare(stack, redis_url)
    static_root = Path(env["STATIC_ROOT"])
    forwarded = {"Host": "localhost", "X-Forwarded-Proto": "https"}
    wrk_forwarded = ["Host: localhost", "X-Forwarded-Proto: https"]
    rows: dict[str, dict] = {}

    # The app, page cache warm.
    app, app_port = stack.gunicorn(env, cpus=SERVER_CPUS)
    page = warm(f"http://127.0.0.1:{app_port}{PATH}", **forwarded)
    (stack.directory / "page.html").write_bytes(page)
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
    uncached_env = {**env, "ROLE_PAGE_CACHE_SECONDS": "0", "PAGE_CACHE_LOCAL_SECONDS": "0"}
    uncached, port = stack.gunicorn(uncached_env, cpus=SERVER_CPUS)
    warm(f"http://127.0.0.1:{port}{PATH}", **forwarded)
    rows["uncached"] = wrk(f"http://127.0.0.1:{port}{PATH}", *wrk_forwarded)
    stack.stop(uncached)

    # A bare Django view returning the same bytes, same gunicorn settings.
    bare_env = {**os.environ, "BENCH_PAGE": str(stack.directory / "page.html")}
    bare, port = stack.gunicorn(bare_env, cpus=SERVER_CPUS, app="bench.bare_wsgi:application")
    assert warm(f"http://127.0.0.1:{port}{PATH}") == page
    rows["bare"] = wrk(f"http://127.0.0.1:{port}{PATH}")
    stack.stop(bare)

    # nginx serving a static copy of the bytes: the physical limit.
    static_port = free_port()
    (stack.directory / "www" / "en" / "roles" / "machine-learning-engineer").mkdir(parents=True)
    (stack.directory / "www" / PATH.strip("/") / "index.html").write_bytes(page)
    stack.run_nginx(
        f"server {{ listen 127.0.0.1:{static_port}; root {stack.directory / 'www'}; }}",
        [static_port], cpus=SERVER_CPUS, name="nginx-static",
    )  # fmt: skip
    assert warm(f"http://127.0.0.1:{static_port}{PATH}") == page
    rows["static"] = wrk(f"http://127.0.0.1:{static_port}{PATH}")

    for name, row in rows.items():
        broken = sum(row.get(f"socket_{kind}", 0) for kind in ("connect", "read", "write"))
        failures = row["non_2xx"] + broken
        if failures:
            raise RuntimeError(f"{name}: {failures} failed requests ({row})")
    return {
        "bare_rps": rows["bare"]["rps"],
        "static_rps": rows["static"]["rps"],
        "cached_rps": rows["cached"]["rps"],
        "uncached_rps": rows["uncached"]["rps"],
        "proxied_rps": rows["proxied"]["rps"],
        "r1_cached": round(rows["cached"]["rps"] / rows["bare"]["rps"], 3),
        "r1_uncached": round(rows["uncached"]["rps"] / rows["bare"]["rps"], 3),
        "r2": round(rows["proxied"]["rps"] / rows["static"]["rps"], 3),
        "proxied_p99_ms": rows["proxied"]["p99_ms"],
        "page_bytes": len(page),
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


def print_table(results: dict) -> None:
    anchors = {
        "static": None,
        "bare": None,
        "cached": "bare",
        "uncached": "bare",
        "proxied": "static",
    }
    labels = {
        "static": "nginx, static copy of the page",
        "bare": "bare Django view, same bytes",
        "cached": "the app, page cache warm",
        "uncached": "the app, page cache off",
        "proxied": "the app behind the shipped nginx",
    }
    rows = results["rows"]
    print("\n| served by | req/s | p50 ms | p99 ms | ratio to anchor | timeouts (> 2 s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in ["static", "bare", "cached", "uncached", "proxied"]:
        row, anchor = rows[name], anchors[name]
        ratio = f"{row['rps'] / rows[anchor]['rps']:.3f}× {anchor}" if anchor else "(anchor)"
        print(
            f"| {labels[name]} | {row['rps']:,.0f} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} "
            f"| {ratio} | {row.get('socket_timeout', 0)} |"
        )


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    print(f"({time.monotonic() - started:.0f} s)")
    sys.exit(code)
