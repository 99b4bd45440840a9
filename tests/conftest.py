"""Shared pytest fixtures. The seed fixtures (fixtures/*.json) load once per test database."""

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

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db):
    """The portal's real content, as `make run` loads it."""
    call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def mle(seeded):
    from roles.models import Role

    return Role.objects.get(slug="machine-learning-engineer")
