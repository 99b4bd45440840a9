"""Role search: relevance ranking, synonyms, stemming, typos and glued words, highlighting.

Every test here runs on SQLite and, in CI, again on PostgreSQL: the ranking is computed by the
same integer arithmetic (in SQL for one-word queries, in Python for others) over rows fetched
with plain indexed lookups, so it must be identical.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.analysis import analyze, deletes, stem
from roles.models import Role, SearchDeletion, SearchPosting, SearchSynonym, SearchWord
from roles.search import (
    FIRST_IDS,
    MAX_QUERY_LENGTH,
    clean_query,
    highlight,
    reindex_all,
    reindex_role,
    search,
    snippet,
)
from tests.roles.factories import (
    CategoryFactory,
    RequirementFactory,
    RoleFactory,
    RoleToolFactory,
    ToolFactory,
)

pytestmark = pytest.mark.django_db


def ranked(query: str, language: str = "en") -> list[str]:
    slugs = dict(Role.objects.values_list("pk", "slug"))
    return [slugs[pk] for pk in search(query, language=language).role_ids]


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", "data scientist", ["data-scientist"]),
        ("en", "DATA", ["data-analyst", "data-engineer", "data-scientist"]),
        ("en", "mlops", ["mlops-engineer"]),
        ("pt-br", "ciencia", ["machine-learning-engineer"]),
        ("pt-br", "CIÊNCIA DE DADOS", ["machine-learning-engineer", "data-scientist"]),
        ("pt-br", "cientista", ["data-scientist"]),
        ("es-mx", "cientifico de datos", ["data-scientist"]),
        ("es-mx", "VISIÓN", ["computer-vision-engineer"]),
        ("en", "sagemaker", ["machine-learning-engineer"]),
        ("en", "ML Engineer", ["machine-learning-engineer"]),
    ],
)
def test_seeded_roles_are_found_in_each_language(seeded, language, query, expected):
    result = ranked(query, language)

    assert set(expected) <= set(result)
    assert len(result) < Role.objects.count()  # it filters


def test_search_matches_title_alternative_titles_tools_requirements_and_summary():
    role = RoleFactory(
        title="Quant Analyst", alternative_titles="Strat\nDesk Modeller", summary="Prices options."
    )
    RoleToolFactory(role=role, tool=ToolFactory(name="KDB+", slug="kdb"))
    RequirementFactory(role=role, text="Stochastic calculus.")
    RoleFactory(title="Unrelated", summary="Nothing.")

    for query in ("quant", "modeller", "options", "kdb", "stochastic"):
        assert ranked(query) == [role.slug], query


def test_ranking_follows_the_fields_title_first_then_alternative_titles_tools_and_summary():
    """Exact title, then the query as a phrase in a title, then an alternative title, then
    title words, then tools, then summaries; every role matches "cloud platform"."""
    category = CategoryFactory()

    def make(slug: str, **fields: str) -> Role:
        fields.setdefault("summary", "Works on things.")
        return RoleFactory(slug=slug, category=category, **fields)

    make("summary", title="Operator", summary="Runs the cloud platform every day.")
    tool_role = make("tool", title="Builder")
    RoleToolFactory(role=tool_role, tool=ToolFactory(name="Cloud Platform Kit", slug="cpk"))
    make("words", title="Platform Lead for Cloud")
    make("alternative", title="Architect", alternative_titles="Cloud Platform")
    make("phrase", title="Senior Cloud Platform Engineer")
    make("exact", title="Cloud Platform")

    assert ranked("cloud platform") == [
        "exact",
        "phrase",
        "alternative",
        "words",
        "tool",
        "summary",
    ]


def test_ties_are_broken_by_demand_then_title():
    category = CategoryFactory()
    RoleFactory(slug="b", title="Beta Engineer", demand="", category=category)
    RoleFactory(slug="a", title="Alpha Engineer", demand="", category=category)
    RoleFactory(slug="z", title="Zeta Engineer", demand="high", category=category)

    assert ranked("engineer") == ["z", "a", "b"]


def test_every_word_must_match_when_some_role_matches_them_all():
    RoleFactory(title="Data Engineer", slug="de")
    RoleFactory(title="Data Analyst", slug="da")

    assert ranked("data engineer") == ["de"]
    assert not search("data engineer", language="en").partial


def test_roles_matching_some_words_are_shown_when_none_matches_all():
    RoleFactory(title="Data Engineer", slug="de")
    RoleFactory(title="Painter", slug="p")

    result = search("data astronaut", language="en")

    assert result.partial
    assert ranked("data astronaut") == ["de"]


def test_stop_words_never_decide_a_result(seeded):
    assert ranked("engenheiro de dados", "pt-br") == ranked("engenheiro dados", "pt-br")
    assert ranked("el ingeniero de los datos", "es-mx")[0] == "data-engineer"
    assert ranked("of the data engineer")[0] == "data-engineer"


@pytest.mark.parametrize("query", ["de", "de la del", "the of", "…", "?!", "- / -"])
def test_a_query_of_only_stop_words_or_punctuation_finds_nothing_and_says_why(seeded, query):
    language = "es-mx" if query.startswith("de") else "en"
    result = search(query, language=language)

    assert result.role_ids == []
    assert result.no_words


@pytest.mark.parametrize(
    ("language", "query", "first"),
    [
        ("pt-br", "desenvolvedora", "software-developer"),
        ("es-mx", "desarrolladora", "software-developer"),
        ("es-mx", "ingeniera de datos", "data-engineer"),
        ("pt-br", "engenheiras de dados", "data-engineer"),
        ("pt-br", "cientistas de dados", "data-scientist"),
        ("en", "data engineers", "data-engineer"),
    ],
)
def test_plurals_and_gender_are_folded_by_stemming(seeded, language, query, first):
    assert ranked(query, language)[0] == first


def test_stems_agree_with_and_without_accents():
    def stems(text: str, language: str) -> list[str]:
        return [token.stem for token in analyze(text, language)]

    assert stems("Visão Computacional", "pt-br") == stems("visao computacional", "pt-br")
    assert stems("visões", "pt-br") == stems("visão", "pt-br")
    assert stem("ingeniera", "es-mx") == stem("ingeniero", "es-mx")
    assert stem("desarrolladora", "es-mx") == stem("desarrollador", "es-mx")


@pytest.mark.parametrize(
    ("language", "query", "first"),
    [
        ("en", "engeneer", "machine-learning-engineer"),
        ("en", "analist", "data-analyst"),
        ("pt-br", "cientsta", "data-scientist"),
        ("en", "scientst", "data-scientist"),
        ("es-mx", "ingenero de datos", "data-engineer"),
    ],
)
def test_typos_of_one_or_two_letters_still_find_the_role(seeded, language, query, first):
    assert ranked(query, language)[0] == first


def test_typos_are_corrected_only_when_the_word_itself_finds_nothing():
    RoleFactory(slug="exact", title="Platform Engineer")
    RoleFactory(slug="typo", title="Platfrom Engineer")  # a word two letters swapped

    # A word some role has is taken as written: the exact match is the only one.
    assert ranked("platform") == ["exact"]
    # A word no role has is corrected; an exact match of another word ranks first.
    assert ranked("platfomr") == ["exact", "typo"] or set(ranked("platfomr")) == {
        "exact",
        "typo",
    }


def test_short_words_get_no_typo_tolerance():
    RoleFactory(slug="data", title="Data Engineer")

    assert ranked("dada") == []


@pytest.mark.parametrize(
    ("query", "first", "suggestion"),
    [
        ("dataengineer", "data-engineer", "data engineer"),
        ("computervision", "computer-vision-engineer", "computer vision"),
    ],
)
def test_glued_words_are_split(seeded, query, first, suggestion):
    result = search(query, language="en")

    assert ranked(query)[0] == first
    assert result.suggestion == suggestion


def test_a_misspelt_query_gets_a_did_you_mean(seeded):
    assert search("data engneer", language="en").suggestion == "data engineer"
    assert search("cientsta de dados", language="pt-br").suggestion == "cientista de dados"
    assert search("data engineer", language="en").suggestion == ""


def test_a_half_typed_last_word_is_not_called_a_misspelling(seeded):
    result = search("machine lear", language="en")

    assert ranked("machine lear")[0] == "machine-learning-engineer"
    assert result.suggestion == ""


def test_editors_synonyms_apply_to_the_next_search():
    RoleFactory(slug="nlp", title="NLP Engineer")
    assert ranked("pln", "pt-br") == []

    group = SearchSynonym.objects.create(language="pt-br", key="nlp", terms="PLN\nNLP")
    assert ranked("pln", "pt-br") == ["nlp"]
    assert ranked("pln", "es-mx") == []  # that group is for Portuguese pages only

    group.language = ""
    group.save()
    assert ranked("pln", "es-mx") == ["nlp"]

    group.delete()
    assert ranked("pln", "pt-br") == []


def test_synonym_phrases_match_natural_terms(seeded):
    assert ranked("aprendizado de máquina", "pt-br")[0] == "machine-learning-engineer"
    assert ranked("aprendizaje automático", "es-mx")[0] == "machine-learning-engineer"
    assert ranked("visión artificial", "es-mx")[0] == "computer-vision-engineer"
    assert ranked("IA")[0] == "ai-engineer"


def test_search_uses_the_page_language_and_other_languages_titles():
    role = RoleFactory(title="Data Analyst", title_pt_br="Analista de Dados", summary="Reports.")
    designer = RoleFactory(title="Designer", summary="Draws.")  # no translations at all

    assert ranked("analista", "pt-br") == [role.slug]
    assert ranked("designer", "pt-br") == [designer.slug]
    # A title in another language counts as an alternative title.
    assert ranked("analista de dados", "en") == [role.slug]


def test_drafts_are_never_found():
    RoleFactory(title="Secret Engineer", status="draft")

    assert ranked("secret") == []


def test_editing_a_role_its_tools_or_requirements_updates_what_search_finds():
    role = RoleFactory(title="Old Title")
    role.title = "Platform Engineer"
    role.save()
    assert ranked("platform") == [role.slug]
    assert ranked("old") == []

    link = RoleToolFactory(role=role, tool=ToolFactory(name="Terraform", slug="terraform"))
    assert ranked("terraform") == [role.slug]
    link.tool.name = "OpenTofu"
    link.tool.save()
    assert ranked("opentofu") == [role.slug]
    link.delete()
    assert ranked("opentofu") == []

    requirement = RequirementFactory(role=role, text="Kubernetes operators.")
    assert ranked("operators") == [role.slug]
    requirement.delete()
    assert ranked("operators") == []


@pytest.mark.parametrize("how", ["instance", "queryset"])
def test_a_deleted_role_leaves_nothing_in_the_index(how):
    # Its tools and requirements are deleted first: they must not reindex the role on the way.
    role = RoleFactory(title="Temporary Engineer")
    RoleToolFactory(role=role, tool=ToolFactory(name="Airflow"))
    RequirementFactory(role=role, text="Kubernetes operators.")
    assert SearchPosting.objects.filter(role=role).exists()

    if how == "instance":
        role.delete()
    else:
        Role.objects.filter(pk=role.pk).delete()

    assert not SearchPosting.objects.exists()


def test_reindex_all_builds_the_same_index_as_the_edits_did(seeded):
    def snapshot():
        return (
            sorted(
                SearchPosting.objects.values_list(
                    "role__slug", "language", "stem", "field", "entry", "position", "entry_length"
                )
            ),
            sorted(SearchWord.objects.values_list("language", "word", "stem", "typo")),
            SearchDeletion.objects.count(),
        )

    incremental = snapshot()
    assert reindex_all() == Role.objects.count()

    assert snapshot() == incremental


def test_reindex_role_accepts_a_primary_key(seeded):
    role = Role.objects.get(slug="data-engineer")
    SearchPosting.objects.filter(role=role).delete()
    assert "data-engineer" not in ranked("data engineer")

    reindex_role(role.pk)

    assert ranked("data engineer")[0] == "data-engineer"


def test_typo_keys_are_the_deletion_neighbourhood():
    assert deletes("abc", 1) == {"abc", "bc", "ac", "ab"}
    assert {"enginer", "ngineer", "egineer", "engin"} - deletes("engineer", 2) == {"engin"}


def test_category_counts_cover_every_category_and_the_filter_narrows_the_list():
    data, design = CategoryFactory(name="Data"), CategoryFactory(name="Design")
    RoleFactory(title="Data Engineer", category=data)
    RoleFactory(title="Data Analyst", category=data)
    RoleFactory(title="Data Visualisation Designer", category=design)

    everything = search("data", language="en")
    narrowed = search("data", language="en", category_id=design.pk)

    assert everything.category_counts == {data.pk: 2, design.pk: 1}
    assert narrowed.category_counts == everything.category_counts
    assert len(narrowed.role_ids) == 1


def test_highlight_marks_matched_words_and_escapes_everything_else():
    RoleFactory(title="Data Engineer")
    result = search("data", language="en")

    html = highlight("<b>Data</b> & databases, DATA!", result)

    assert html == "&lt;b&gt;<mark>Data</mark>&lt;/b&gt; &amp; databases, <mark>DATA</mark>!"


def test_highlight_matches_stems_and_accents():
    RoleFactory(title="Cientista de Dados", title_pt_br="Cientista de Dados")
    result = search("ciencia cientistas", language="pt-br")

    assert highlight("Cientista de Dados", result) == "<mark>Cientista</mark> de Dados"


def test_snippet_shows_where_the_match_is():
    words = " ".join(f"word{n}" for n in range(80))
    text = f"{words} then Kubernetes operators at the end."
    RoleFactory(title="Operator", summary=text)
    result = search("kubernetes", language="en")

    piece = snippet(text, result)

    assert piece.startswith("… ")
    assert "<mark>Kubernetes</mark>" in piece
    assert len(piece) < 200
    assert snippet("Nothing relevant here.", result) is None


def test_search_costs_the_same_queries_whatever_the_number_of_roles():
    def count(query: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            search(query, language="en")
        return len(captured)

    RoleFactory.create_batch(3, title="Data Engineer")
    small = [count(q) for q in ("data", "dataengineer", "enginer", "engi")]
    RoleFactory.create_batch(30, title="Data Engineer")
    large = [count(q) for q in ("data", "dataengineer", "enginer", "engi")]

    assert small == large
    assert max(large) <= 5


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        # The vocabulary token, the synonyms, one query for the scores, counts and first page.
        ("data", 3),
        ("engi", 3),  # a half-typed word: its completions come from the vocabulary in memory
        # ... or the roles that could match the most words, then their postings.
        ("data engineer", 4),
        # ... and the typo keys of a word the index does not know.
        ("engeneer", 4),
        ("dataengineer", 5),
        ("the of", 0),  # nothing to search for
    ],
)
def test_a_search_makes_a_fixed_number_of_queries(
    django_assert_num_queries, query: str, queries: int
):
    # More roles than a search reads at once: the first page comes with the search.
    RoleFactory.create_batch(FIRST_IDS + 6, title="Data Engineer")
    search("warm", language="en")  # loads the vocabulary: one more query, once per change

    with django_assert_num_queries(queries):
        result = search(query, language="en")
        first_page = result.role_ids[:12]

    assert len(first_page) == (12 if queries else 0)


def test_words_added_after_a_search_are_known_to_the_next_one():
    """Each process keeps the vocabulary in memory; an edit that adds words replaces it."""
    RoleFactory(title="Data Engineer")
    assert search("kubern", language="en").role_ids == []

    role = RoleFactory(title="Kubernetes Administrator")

    assert search("kubern", language="en").role_ids == [role.pk]
    assert search("kubernetse", language="en").role_ids == [role.pk]
    assert search("kubernetesadministrator", language="en").role_ids == [role.pk]


def test_queries_are_trimmed_to_a_sane_length():
    assert clean_query("  data    engineer ") == "data engineer"
    assert len(clean_query("x" * 5000)) == MAX_QUERY_LENGTH
    assert clean_query(None) == ""
    assert clean_query("data\x00\x07 engineer") == "data engineer"


def test_very_long_words_and_many_words_do_not_break_search(seeded):
    assert search("x" * 500, language="en").role_ids == []
    assert search(" ".join(["data"] * 100), language="en").role_ids
