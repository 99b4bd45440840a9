"""Role index search: in the page language, ignoring case and accents, on SQLite and PostgreSQL."""

import pytest
from django.utils import translation

from roles.models import Role
from roles.search import MAX_QUERY_LENGTH, clean_query, search_roles
from tests.roles.factories import RoleFactory, RoleToolFactory, ToolFactory

pytestmark = pytest.mark.django_db


def found(query: str, language: str = "en") -> list[str]:
    with translation.override(language):
        return sorted(r.slug for r in search_roles(Role.objects.published(), query))


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", "data scientist", ["data-scientist"]),
        ("en", "DATA", ["data-analyst", "data-engineer", "data-scientist"]),
        ("en", "ciencia", []),
        ("en", "mlops", ["mlops-engineer"]),
        ("pt-br", "ciencia", ["machine-learning-engineer"]),
        ("pt-br", "CIÊNCIA DE DADOS", ["machine-learning-engineer"]),
        ("pt-br", "cientista", ["data-scientist"]),
        ("es-mx", "cientifico de datos", ["data-scientist"]),
        ("es-mx", "VISIÓN", ["computer-vision-engineer"]),
        ("en", "sagemaker", ["machine-learning-engineer"]),
        ("en", "ML Engineer", ["machine-learning-engineer"]),
    ],
)
def test_seeded_roles_are_found_in_each_language(seeded, language, query, expected):
    result = found(query, language)

    assert set(expected) <= set(result)
    assert len(result) < Role.objects.count()  # it filters


def test_search_matches_title_alternative_titles_summary_and_tools():
    role = RoleFactory(
        title="Quant Analyst", alternative_titles="Strat\nDesk Modeller", summary="Prices options."
    )
    RoleToolFactory(role=role, tool=ToolFactory(name="KDB+", slug="kdb"))
    RoleFactory(title="Unrelated", summary="Nothing.")

    for query in ("quant", "modeller", "options", "kdb"):
        assert found(query) == [role.slug], query


def test_search_uses_the_page_language_with_english_fallback():
    role = RoleFactory(title="Data Analyst", title_pt_br="Analista de Dados", summary="Reports.")
    RoleFactory(title="Designer", summary="Draws.")  # no translations at all

    designer = Role.objects.get(title_en="Designer")

    assert found("analista", "pt-br") == [role.slug]
    assert found("analista", "en") == []
    assert found("designer", "pt-br") == [designer.slug]


def test_every_word_must_match():
    RoleFactory(title="Data Engineer", slug="de")
    RoleFactory(title="Data Analyst", slug="da")

    assert found("data engineer") == ["de"]


def test_editing_a_role_or_its_tools_updates_what_search_finds():
    role = RoleFactory(title="Old Title")
    role.title = "Platform Engineer"
    role.save()
    assert found("platform") == [role.slug]

    link = RoleToolFactory(role=role, tool=ToolFactory(name="Terraform", slug="terraform"))
    assert found("terraform") == [role.slug]
    link.delete()
    assert found("terraform") == []


def test_queries_are_trimmed_to_a_sane_length():
    assert clean_query("  data    engineer ") == "data engineer"
    assert len(clean_query("x" * 5000)) == MAX_QUERY_LENGTH
    assert clean_query(None) == ""


@pytest.mark.postgresql
def test_postgresql_tolerates_typos(seeded):
    assert "data-scientist" in found("scientst")
