"""Role search: case- and accent-insensitive, in the page language, on PostgreSQL and SQLite.

Each role keeps a derived ``search_document`` per language (modeltranslation columns
``search_document_en`` …): its title, alternative titles, summary and tool names, normalised by
``nexushr.text.normalize``. Every word of the query must appear in it (substring match, so a
half-typed "engin" already finds "Engineer"). On PostgreSQL the same match is backed by a
trigram index and, when no role contains every word, trigram word similarity adds typo tolerance
("scientst" finds "Scientist"); results are ranked by similarity. SQLite has no trigrams and keeps
the plain substring match.

Trigram similarity is only computed when the substring match finds nothing: on 10,000 roles it
costs about ten times as much as the indexed substring match (see bench/).
"""

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from nexushr.text import normalize
from roles.models import Role

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8


def language_field(language: str) -> str:
    """The column of the search document in ``language`` (modeltranslation's name for it)."""
    return build_localized_fieldname("search_document", language)


def build_search_documents(role: Role) -> dict[str, str]:
    """The search document of ``role`` in every language; an empty translation falls back as
    modeltranslation falls back on the page (to the default language)."""
    tools = " ".join(item.tool.name for item in role.role_tools.select_related("tool"))

    def text(field: str, language: str) -> str:
        values = (
            getattr(role, build_localized_fieldname(field, code), "")
            for code in resolution_order(language)
        )
        return next((value for value in values if value), "")

    documents = {}
    for code, _name in settings.LANGUAGES:
        parts = [text(field, code) for field in ("title", "alternative_titles", "summary")]
        documents[language_field(code)] = normalize(" ".join([*parts, tools]))
    return documents


def refresh_search_documents(role: Role) -> None:
    Role.objects.filter(pk=role.pk).update(**build_search_documents(role))


def clean_query(raw: str | None) -> str:
    """The query as searched: trimmed to a sane length, whitespace collapsed, and without
    control characters (PostgreSQL refuses a NUL byte in a string)."""
    text = "".join(
        char for char in (raw or "")[:MAX_QUERY_LENGTH] if char.isprintable() or char.isspace()
    )
    return " ".join(text.split())


def search_roles(roles: QuerySet[Role], query: str) -> QuerySet[Role]:
    words = normalize(query).split()[:MAX_WORDS]
    if not words:
        return roles
    field = language_field(get_language())
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__contains": word})
    matches = roles.filter(condition)
    if connection.vendor == "postgresql" and not matches.exists():
        # Nothing contains every word: perhaps a typo. Only then pay for trigram similarity.
        return _similar_postgresql(roles, words, field)
    return matches


def _similar_postgresql(roles: QuerySet[Role], words: list[str], field: str) -> QuerySet[Role]:
    """Roles whose document has a word like each query word (pg_trgm's ``%>``), best first."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    condition = Q()
    similarity = None
    for word in words:
        score = TrigramWordSimilarity(word, field)
        similarity = score if similarity is None else similarity + score
        condition &= Q(**{f"{field}__trigram_word_similar": word})
    return roles.filter(condition).annotate(rank=similarity).order_by("-rank", "title")
