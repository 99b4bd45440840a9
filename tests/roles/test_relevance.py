"""The relevance test set (tests/roles/relevance_cases.json): for each query, the role that
must rank first, in each language. The same cases run on SQLite and, in CI, on PostgreSQL;
`make bench` reports hit@1 and hit@3 per language from the same file."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.utils import translation

from roles.models import Role
from roles.search import search

CASES_FILE = Path(__file__).with_name("relevance_cases.json")
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))


def test_the_set_covers_every_language_and_every_kind_of_query():
    languages = Counter(case["language"] for case in CASES)
    covers = " ".join(case["covers"] for case in CASES)

    assert len(CASES) >= 60
    assert set(languages) == {"en", "pt-br", "es-mx"} and min(languages.values()) >= 20
    for kind in ("exact title", "synonym", "typo", "glued", "plural", "gender", "stop words"):
        assert kind in covers, kind
    assert len({(case["language"], case["query"]) for case in CASES}) == len(CASES)


@pytest.mark.django_db
def test_every_case_ranks_its_role_first(seeded):
    """One test for the whole set (the fixtures load once); a failure lists every miss."""
    slugs = dict(Role.objects.values_list("pk", "slug"))
    misses = []
    for case in CASES:
        with translation.override(case["language"]):
            result = search(case["query"], language=case["language"], limit=3)
        top = [slugs[pk] for pk in result.role_ids]
        if top[:1] != [case["first"]]:
            misses.append(f"{case['language']} {case['query']!r}: {top} ({case['covers']})")

    assert misses == [], "\n".join(misses)
