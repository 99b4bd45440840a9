"""SQLite as `make serve` configures it: concurrent writers wait for each other, none fails."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Eight threads, each with its own connection, run read-then-write transactions on one file
# database at the same time (like gunicorn threads saving in the admin). Prints the failures
# and the final counter as JSON.
WRITERS = """
import json, os, sys, threading, time
sys.path.insert(0, os.getcwd())
import nexushr.settings as project_settings
if sys.argv[1] != "shipped":
    project_settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = sys.argv[1]
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (n integer NOT NULL)")
    cursor.execute("INSERT INTO counter (n) VALUES (0)")
connection.close()
errors = []
start = threading.Barrier(8)

def writer():
    start.wait()
    for _ in range(5):
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    n = cursor.fetchone()[0]
                    time.sleep(0.01)
                    cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except Exception as error:
            errors.append(str(error))
    connection.close()

threads = [threading.Thread(target=writer) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter")
    total = cursor.fetchone()[0]
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
print(json.dumps({"errors": errors, "total": total, "journal_mode": mode}))
"""


def run_writers(tmp_path: Path, transaction_mode: str) -> dict:
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "nexushr.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'server.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", WRITERS, transaction_mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_concurrent_writes_wait_instead_of_failing_database_is_locked(tmp_path):
    outcome = run_writers(tmp_path, "shipped")
    assert outcome["journal_mode"] == "wal"
    assert outcome["errors"] == []
    assert outcome["total"] == 40  # every write landed, none lost


@pytest.mark.parametrize("mode", ["DEFERRED"])
def test_without_immediate_transactions_the_same_writers_fail(tmp_path, mode):
    """The check above can fail: SQLite's default (deferred) transactions give up at once."""
    outcome = run_writers(tmp_path, mode)
    assert outcome["errors"], "expected 'database is locked' with deferred transactions"
    assert all("locked" in error for error in outcome["errors"])


@pytest.mark.django_db(transaction=True)
def test_the_live_server_shares_no_database_connection_with_the_tests(live_server):
    """Browser tests' server threads each open their own connection (see settings_test).

    With Django's default in-memory SQLite test database, pytest-django hands the test thread's
    one connection to every live-server thread; a page and its qr.png requested at once then
    interleave statements on it, which failed CI with "bad parameter or other API misuse".
    """
    from django.db import connection

    assert live_server.thread.connections_override == {}
    assert not (connection.vendor == "sqlite" and connection.is_in_memory_db())
