"""Shared pytest fixtures: the seed content (fixtures/*.json), a clean language and cache."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

FIXTURES = sorted(str(path) for path in (Path(__file__).parent.parent / "fixtures").glob("*.json"))


@pytest.fixture(autouse=True)
def _reset_language():
    """Every test starts in English and leaves no active language behind (as in pretix)."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from nexushr.cache import local_entries

    cache.clear()
    local_entries.clear()
    yield
    cache.clear()
    local_entries.clear()


@pytest.fixture
def seeded(db):
    """The portal's real content, as `make run` loads it."""
    call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def mle(seeded):
    from roles.models import Role

    return Role.objects.get(slug="machine-learning-engineer")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``postgresql`` run only on PostgreSQL (CI runs the suite on both)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgresql")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failure: browser tests, above all, must run."""
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        reporter.write_line(f"CI: {skipped} test(s) skipped; failing the run.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
