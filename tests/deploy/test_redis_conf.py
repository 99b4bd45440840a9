"""deploy/redis.conf is a valid Redis configuration that bounds memory and evicts."""

from pathlib import Path

import redis

from deploy.stack import Stack, free_port, wait_for_port

CONF = Path(__file__).resolve().parents[2] / "deploy" / "redis.conf"


def test_the_shipped_redis_settings_bound_memory_and_evict_least_recently_used():
    port = free_port()
    with Stack("nexushr-test-redis") as stack:
        process = stack.start(
            ["redis-server", str(CONF), "--port", str(port), "--dir", str(stack.directory)],
            log="redis.log",
        )
        wait_for_port(port, process)
        client = redis.Redis(port=port)
        try:
            assert client.config_get("maxmemory")["maxmemory"] == str(512 * 1024 * 1024)
            assert client.config_get("maxmemory-policy")["maxmemory-policy"] == "allkeys-lru"
            assert client.config_get("save")["save"] == ""
            assert client.config_get("appendonly")["appendonly"] == "no"

            # Full, it evicts instead of refusing writes (Redis's default, noeviction, refuses).
            client.config_set("maxmemory", str(2 * 1024 * 1024))
            for n in range(200):
                client.set(f"page:{n}", b"x" * 40_000)  # 200 × 40 KB pages into 2 MB
            assert client.dbsize() < 200
            assert client.get("page:199") is not None  # the newest page is kept
        finally:
            client.close()
