"""Which gunicorn worker class and count to ship: `python bench/gunicorn_workers.py`.

Runs the role page, cached (Redis) and uncached, under wrk (as bench/http_load.py does) for
each configuration below, and prints req/s and p99. deploy/gunicorn.conf.py ships the winner;
the README quotes a run.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_load import NICE, PATH, SERVER_CPUS, prepare, uncached, warm, wrk  # noqa: E402
from deploy.stack import Stack  # noqa: E402

CORES = os.cpu_count() or 1
CONFIGS = [
    ("sync", CORES, 1),
    ("sync", CORES + 1, 1),
    ("sync", 2 * CORES + 1, 1),
    ("gthread", CORES, 4),
    ("gthread", 1, 8),
]


def main() -> int:
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    rows = []
    with Stack("nexushr-bench-workers", nice=NICE) as stack:
        env = prepare(stack, redis_url)
        forwarded = {"Host": "localhost", "X-Forwarded-Proto": "https"}
        headers = ["Host: localhost", "X-Forwarded-Proto: https"]
        uncached_env = uncached(stack, env, redis_url)
        for worker_class, workers, threads in CONFIGS:
            config = {
                "GUNICORN_WORKER_CLASS": worker_class,
                "GUNICORN_WORKERS": str(workers),
                "GUNICORN_THREADS": str(threads),
            }
            row = [f"{worker_class} × {workers}" + (f", {threads} threads" if threads > 1 else "")]
            for base in (env, uncached_env):
                process, port = stack.gunicorn({**base, **config}, cpus=SERVER_CPUS)
                warm(f"http://127.0.0.1:{port}{PATH}", **forwarded)
                result = wrk(f"http://127.0.0.1:{port}{PATH}", *headers)
                row += [f"{result['rps']:,.0f}", f"{result['p99_ms']:.1f}"]
                stack.stop(process)
            rows.append(row)
            print(" | ".join(row), flush=True)
    print("\n| gunicorn | cached req/s | cached p99 ms | uncached req/s | uncached p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
