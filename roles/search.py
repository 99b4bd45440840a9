"""Role search: relevance-ranked, in the page language, identical on SQLite and PostgreSQL.

The index lives in three plain tables (roles.models), kept in step with edits by
``reindex_role`` (called from roles.signals; ``reindex_all`` rebuilds everything):

- ``SearchPosting``: each stemmed content word of a role's title, alternative titles (other
  languages' titles count as alternative titles too), tools, requirements and summary, per
  language, with its field, entry and position;
- ``SearchWord``: the vocabulary (folded word → stem), for prefixes and glued words;
- ``SearchDeletion``: SymSpell typo keys of the words in titles and tools.

A search is a handful of indexed equality/range lookups on those tables (the same SQL on both
databases: no full-text engine, no trigram extension). Each posting carries copies of what
ranking needs (published, category, and a sort key compared byte by byte), so a search never
joins the roles. A one-word query (the kind that can find every role) is scored, counted and
its first page sorted in SQL, by the same integer arithmetic as the Python scoring that ranks
other queries' candidates; both databases rank identically by construction:

1. the query is analysed like the documents (roles.analysis): folded, stop words dropped,
   stemmed; editors' synonym groups (``SearchSynonym``) add alternatives for words and phrases;
2. a query word the index does not know gets alternatives: the vocabulary words it starts
   (the last word, as typed), two known words it glues together ("dataengineer"), or words
   one or two edits away (5 letters or more: "engeneer");
3. each role scores the best match of every query word: title 100, alternative title 60,
   tool 20, requirement 10, summary 4, times how the word matched (exact 1, synonym 0.9,
   glued 0.8, one typo 0.7, half-typed 0.6, two typos 0.5); a role whose title *is* the query
   gets +1000, one whose title contains it as a phrase +500 (alternative titles +400/+300);
4. roles that match every query word come first (if none does, those matching the most), by
   score, then demand, then title.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import pairwise
from typing import overload

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import build_localized_fieldname, resolution_order
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from nexushr.cache import invalidate
from nexushr.invalidation import LISTING
from nexushr.text import normalize
from roles.analysis import WORD, Token, analyze, deletes, stem, stop_words, surface_words
from roles.models import (
    Role,
    RoleTool,
    SearchDeletion,
    SearchIndexVersion,
    SearchPosting,
    SearchSynonym,
    SearchWord,
)

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
TYPO_MIN_LENGTH = 5
MAX_EDITS = 2
GLUED_MIN_LENGTH = 4
PREFIX_MIN_LENGTH = 2
PREFIX_EXPANSIONS = 40
BATCH = 500

Field = SearchPosting.Field
FIELD_WEIGHTS = {
    Field.TITLE: 100,
    Field.ALTERNATIVE_TITLE: 60,
    Field.TOOL: 20,
    Field.SKILL: 10,
    Field.SUMMARY: 4,
}
# Whole-query matches: (exact, phrase) bonus for a title and an alternative title.
ENTRY_BONUS = {Field.TITLE: (1000, 500), Field.ALTERNATIVE_TITLE: (400, 300)}
# Words of these fields get typo keys: what people name a role by.
TYPO_FIELDS = {Field.TITLE, Field.ALTERNATIVE_TITLE, Field.TOOL}

# How a word matched, in tenths (integers: scores are exact, and the same in SQL and Python).
EXACT, SYNONYM, GLUED, TYPO_1, PREFIX, TYPO_2 = 10, 9, 8, 7, 6, 5
# A phrase's words apart in an entry count 8/10 (together 10/10): scores are in hundredths.
TOGETHER, APART = 10, 8


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def clean_query(raw: str | None) -> str:
    """The query as searched: trimmed to a sane length, whitespace collapsed, and without
    control characters (PostgreSQL refuses a NUL byte in a string)."""
    text = "".join(
        char for char in (raw or "")[:MAX_QUERY_LENGTH] if char.isprintable() or char.isspace()
    )
    return " ".join(text.split())


# --- Indexing ---------------------------------------------------------------------------------


def _text(obj: object, name: str, language: str) -> str:
    """A translated field in ``language``, falling back as modeltranslation does on the page."""
    values = (
        getattr(obj, build_localized_fieldname(name, code), "")
        for code in resolution_order(language)
    )
    return next((value for value in values if value), "")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _entries(role: Role, language: str) -> list[tuple[int, str]]:
    """What is searchable about ``role`` in ``language``: (field, text), in field order."""
    entries: list[tuple[int, str]] = [(Field.TITLE, _text(role, "title", language))]
    alternatives = _lines(_text(role, "alternative_titles", language))
    # Candidates also search in English (and English speakers may paste a local title): the
    # role's titles in the other languages count as alternative titles.
    for other in languages():
        if other != language:
            alternatives += [_text(role, "title", other)]
            alternatives += _lines(_text(role, "alternative_titles", other))
    seen = {normalize(entries[0][1])}
    for title in alternatives:
        if normalize(title) not in seen:
            seen.add(normalize(title))
            entries.append((Field.ALTERNATIVE_TITLE, title))
    entries += [(Field.TOOL, item.tool.name) for item in role.role_tools.all()]
    entries += [(Field.SKILL, _text(item, "text", language)) for item in role.requirements.all()]
    entries.append((Field.SUMMARY, _text(role, "summary", language)))
    return entries


# (language, word) → (stem, display, has typo keys)
Vocabulary = dict[tuple[str, str], tuple[str, str, bool]]


# The columns of a posting row, as _insert_postings writes them.
POSTING_COLUMNS = (
    "role_id",
    "language",
    "stem",
    "field",
    "entry",
    "position",
    "entry_length",
    "published",
    "category",
    "sort_key",
)
PostingRow = tuple[int, str, str, int, int, int, int, bool, int, str]
SORT_KEY_LENGTH = SearchPosting._meta.get_field("sort_key").max_length


def sort_key(role: Role, language: str) -> str:
    """Where ``role`` goes among roles of equal score in ``language``: demand rank (one digit),
    then the folded title. Compared as a plain string (code points = UTF-8 bytes) on both
    databases, so both order alike."""
    title = _text(role, "title", language)
    return f"{Role.rank_of_demand(role.demand)}{normalize(title)}"[:SORT_KEY_LENGTH]


def _index_rows(roles: Iterable[Role]) -> tuple[list[PostingRow], Vocabulary]:
    postings: list[PostingRow] = []
    vocabulary: Vocabulary = {}
    for role in roles:
        published = role.status == Role.Status.PUBLISHED
        for language in languages():
            columns = (published, role.category_id, sort_key(role, language))
            entry_numbers: Counter[int] = Counter()
            for field_kind, text in _entries(role, language):
                tokens = analyze(text, language)
                entry = entry_numbers[field_kind]
                entry_numbers[field_kind] += 1
                for position, token in enumerate(tokens[:1000]):
                    postings.append(
                        (
                            role.pk,
                            language,
                            token.stem,
                            field_kind,
                            entry,
                            position,
                            len(tokens),
                            *columns,
                        )
                    )
                    typo = field_kind in TYPO_FIELDS and not token.word.isdigit()
                    key = (language, token.word)
                    known = vocabulary.get(key)
                    if known is None or (typo and not known[2]):
                        vocabulary[key] = (token.stem, token.display, typo)
    return postings, vocabulary


def _index_queryset():  # type: ignore[no-untyped-def]
    return Role.objects.prefetch_related(
        Prefetch("role_tools", queryset=RoleTool.objects.select_related("tool")),
        "requirements",
    )


def _insert_postings(rows: list[PostingRow]) -> None:
    """One multi-row INSERT per batch, without building a model instance per row: a role's
    postings are rewritten on every edit, and loading the fixtures does that many times."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in POSTING_COLUMNS)
    table = quote(SearchPosting._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            values = ", ".join(["(" + ", ".join(["%s"] * len(POSTING_COLUMNS)) + ")"] * len(batch))
            params = [value for row in batch for value in row]
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)  # noqa: S608


def _delete_rows(model: type, where: str = "", params: list | None = None) -> None:
    """A plain DELETE: QuerySet.delete() would load every row to send delete signals (the
    content-version receiver listens to every model), which derived rows do not need."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}" + (f" WHERE {where}" if where else ""), params)  # noqa: S608


def _typo_keys(vocabulary: Vocabulary) -> list[SearchDeletion]:
    return [
        SearchDeletion(language=language, key=key, word=word)
        for (language, word), (_stem, _display, typo) in vocabulary.items()
        if typo
        for key in deletes(word, MAX_EDITS)
        if len(key) >= TYPO_MIN_LENGTH - MAX_EDITS
    ]


def _add_vocabulary(vocabulary: Vocabulary) -> None:
    """Add the words the index does not know yet (and typo keys for newly title words)."""
    if not vocabulary:
        return
    known = {
        (language, word): typo
        for language, word, typo in SearchWord.objects.filter(
            language__in={language for language, _word in vocabulary},
            word__in={word for _language, word in vocabulary},
        ).values_list("language", "word", "typo")
    }
    new = {key: value for key, value in vocabulary.items() if key not in known}
    upgraded = {
        key: value for key, value in vocabulary.items() if value[2] and known.get(key) is False
    }
    SearchWord.objects.bulk_create(
        [
            SearchWord(language=language, word=word, stem=stem_, display=display, typo=typo)
            for (language, word), (stem_, display, typo) in new.items()
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    for language, word in upgraded:
        SearchWord.objects.filter(language=language, word=word).update(typo=True)
    SearchDeletion.objects.bulk_create(
        _typo_keys(new | upgraded), batch_size=BATCH, ignore_conflicts=True
    )
    if new:
        _vocabulary_changed()


def reindex_role(role: Role | int) -> None:
    """Rebuild the search index of one role, in every language.

    Call it after any change to what a role is found by: its titles, summary, requirements,
    tools, or a tool's name (roles.signals does for edits made through models). A deleted
    role's postings go with it (foreign key cascade).
    """
    pk = role if isinstance(role, int) else role.pk
    # What a role is found by changed (its tools, requirements, a tool's name…): the result
    # lists and suggestions (tagged ``listing``) are dropped after the commit.
    invalidate({LISTING})
    with transaction.atomic():
        _delete_rows(SearchPosting, "role_id = %s", [pk])
        fresh = _index_queryset().filter(pk=pk).first()
        if fresh is None:
            return
        postings, vocabulary = _index_rows([fresh])
        _insert_postings(postings)
        _add_vocabulary(vocabulary)


# Older name, kept for callers written before the index existed.
refresh_search_documents = reindex_role


def reindex_all() -> int:
    """Rebuild the whole index (after bulk imports; also drops words no role uses any more).
    Returns the number of roles indexed."""
    count = 0
    vocabulary: Vocabulary = {}
    with transaction.atomic():
        for model in (SearchPosting, SearchWord, SearchDeletion):
            _delete_rows(model)
        queryset = _index_queryset().order_by("pk")
        for roles in _chunks(queryset.iterator(chunk_size=BATCH), BATCH):
            postings, words_ = _index_rows(roles)
            _insert_postings(postings)
            for key, value in words_.items():
                if key not in vocabulary or (value[2] and not vocabulary[key][2]):
                    vocabulary[key] = value
            count += len(roles)
        SearchWord.objects.bulk_create(
            [
                SearchWord(language=language, word=word, stem=stem_, display=display, typo=typo)
                for (language, word), (stem_, display, typo) in vocabulary.items()
            ],
            batch_size=BATCH,
        )
        SearchDeletion.objects.bulk_create(_typo_keys(vocabulary), batch_size=BATCH)
        _vocabulary_changed()
    return count


def _chunks(items: Iterable[Role], size: int) -> Iterable[list[Role]]:
    chunk: list[Role] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _vocabulary_changed() -> None:
    """A new token for the vocabulary: every process reloads it at its next search."""
    SearchIndexVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


@dataclass(frozen=True)
class _Vocabulary:
    """The words of one language's index, in memory: known stems, glued-word halves and
    prefixes are looked up here, not in the database."""

    words: dict[str, tuple[str, str]]  # folded word → (stem, display)
    stems: frozenset[str]
    ordered: list[str]  # the words, sorted: a prefix is a range of it


_vocabularies: dict[str, tuple[str | None, _Vocabulary]] = {}


def _vocabulary(language: str) -> _Vocabulary:
    """The vocabulary of ``language``: one query for the token, and one to reload the words
    when another process (or this one) changed them since."""
    token = SearchIndexVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    cached = _vocabularies.get(language)
    if cached and cached[0] == token:
        return cached[1]
    rows = SearchWord.objects.filter(language=language).values_list("word", "stem", "display")
    words = {word: (stem_, display) for word, stem_, display in rows}
    vocabulary = _Vocabulary(words, frozenset(s for s, _d in words.values()), sorted(words))
    _vocabularies[language] = (token, vocabulary)
    return vocabulary


# --- Searching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    """One way a query word (or phrase) can match: stems that must occur together."""

    stems: tuple[str, ...]
    quality: int
    # For a corrected word (typo, glued): what to propose in "Did you mean …?".
    correction: str = ""


@dataclass
class Concept:
    """A query word, or a phrase an editor's synonym group names, and its alternatives."""

    words: tuple[str, ...]  # folded query words
    alternatives: list[Alternative]
    last: bool = False  # the query's last word: it may be half typed
    known: bool = True  # the index has one of its alternatives as typed


@dataclass(frozen=True)
class SearchResult:
    query: str
    role_ids: list[int]  # best first (within the chosen category, if any)
    category_counts: dict[int, int]  # category pk → matching roles, across categories
    stems: frozenset[str]  # what to highlight
    language: str
    partial: bool = False  # no role matches every word: these match the most
    suggestion: str = ""  # "Did you mean …?" query
    no_words: bool = False  # the query has no searchable word (stop words, punctuation)


def _synonyms(language: str) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Analysed synonym phrases → every phrase of their groups (one query; the analysis is
    memoised on the rows, so an editor's change applies at once)."""
    rows = SearchSynonym.objects.filter(language__in=["", language]).order_by("pk")
    return _synonym_table(language, tuple(rows.values_list("terms", flat=True)))


@lru_cache(maxsize=16)
def _synonym_table(
    language: str, groups: tuple[str, ...]
) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for terms in groups:
        phrases = []
        for line in _lines(terms):
            stems = tuple(token.stem for token in analyze(line, language))
            if stems and stems not in phrases:
                phrases.append(stems)
        for phrase in phrases:
            table[phrase] += [other for other in phrases if other not in table[phrase]]
    return dict(table)


def _concepts(tokens: list[Token], language: str) -> list[Concept]:
    synonyms = _synonyms(language)
    longest = max((len(phrase) for phrase in synonyms), default=1)
    concepts = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            phrase = tuple(token.stem for token in tokens[i : i + size])
            if phrase in synonyms or size == 1:
                alternatives = [Alternative(phrase, EXACT)]
                alternatives += [
                    Alternative(other, SYNONYM)
                    for other in synonyms.get(phrase, [])
                    if other != phrase
                ]
                concepts.append(
                    Concept(tuple(token.word for token in tokens[i : i + size]), alternatives)
                )
                i += size
                break
    if concepts:
        concepts[-1].last = True
    return concepts


def _expand(concepts: list[Concept], language: str) -> None:
    """Give the words the index does not know their prefix, glued-word and typo alternatives."""
    stems = {stem_ for concept in concepts for alt in concept.alternatives for stem_ in alt.stems}
    unknown = [c for c in concepts if len(c.words) == 1]
    pieces = {
        part
        for concept in unknown
        if len(concept.words[0]) >= GLUED_MIN_LENGTH
        for cut in range(2, len(concept.words[0]) - 1)
        for part in (concept.words[0][:cut], concept.words[0][cut:])
    }
    vocabulary = _vocabulary(language)
    known_stems = stems & vocabulary.stems
    words_ = {piece: vocabulary.words[piece] for piece in pieces if piece in vocabulary.words}
    unknown = [
        c for c in concepts if not any(set(alt.stems) <= known_stems for alt in c.alternatives)
    ]
    typo_words: list[Concept] = []
    for concept in unknown:
        concept.known = False
        if len(concept.words) != 1:
            continue
        word = concept.words[0]
        for cut in range(2, len(word) - 1):
            left, right = words_.get(word[:cut]), words_.get(word[cut:])
            if left and right:
                concept.alternatives.append(
                    Alternative((left[0], right[0]), GLUED, f"{left[1]} {right[1]}")
                )
        if len(word) >= TYPO_MIN_LENGTH and not word.isdigit():
            typo_words.append(concept)
        if concept.last and len(word) >= PREFIX_MIN_LENGTH:
            start = bisect_left(vocabulary.ordered, word)
            for found in vocabulary.ordered[start : start + PREFIX_EXPANSIONS]:
                if found.startswith(word):
                    concept.alternatives.append(Alternative((vocabulary.words[found][0],), PREFIX))
    if typo_words:
        _add_typos(typo_words, language, vocabulary)


def _add_typos(concepts: list[Concept], language: str, vocabulary: _Vocabulary) -> None:
    keys = {key for c in concepts for key in deletes(c.words[0], MAX_EDITS)}
    lookup = SearchDeletion.objects.filter(language=language, key__in=keys)
    candidates = set(lookup.values_list("word", flat=True))
    if not candidates:
        return
    near = {}
    for concept in concepts:
        word = concept.words[0]
        for candidate in candidates:
            distance = OSA.distance(word, candidate, score_cutoff=MAX_EDITS)
            if 0 < distance <= MAX_EDITS:
                near.setdefault(candidate, []).append((concept, distance))
    if not near:
        return
    rows = [(word, *vocabulary.words[word]) for word in near if word in vocabulary.words]
    for word, stem_, display in sorted(rows):
        for concept, distance in near[word]:
            quality = TYPO_1 if distance == 1 else TYPO_2
            concept.alternatives.append(Alternative((stem_,), quality, display))


@dataclass
class _Match:
    score: int
    quality: int
    field: int
    entry: int
    start: int
    length: int
    adjacent: bool


class _RoleHits:
    """A candidate role's postings, grouped by (field, entry)."""

    __slots__ = ("entries", "lengths")

    def __init__(self) -> None:
        self.entries: dict[tuple[int, int], dict[str, list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.lengths: dict[tuple[int, int], int] = {}

    def match(self, alternative: Alternative, where: tuple[int, int]) -> _Match | None:
        stems = self.entries.get(where)
        if not stems or any(s not in stems for s in alternative.stems):
            return None
        first, rest = alternative.stems[0], alternative.stems[1:]
        start = next(
            (p for p in stems[first] if all(p + i + 1 in stems[s] for i, s in enumerate(rest))),
            None,
        )
        adjacent = start is not None
        score = FIELD_WEIGHTS[where[0]] * alternative.quality * (TOGETHER if adjacent else APART)
        return _Match(
            score,
            alternative.quality,
            where[0],
            where[1],
            start if adjacent else stems[first][0],
            len(alternative.stems),
            adjacent,
        )

    def best(self, concept: Concept, where: Iterable[tuple[int, int]]) -> _Match | None:
        best = None
        for place in where:
            for alternative in concept.alternatives:
                found = self.match(alternative, place)
                if found and (best is None or found.score > best.score):
                    best = found
        return best

    def score(self, concepts: list[Concept]) -> tuple[int, int]:
        """(query words matched, score)."""
        places = list(self.entries)
        matches = [self.best(concept, places) for concept in concepts]
        found = [m for m in matches if m]
        total = sum(m.score for m in found)
        if len(found) == len(concepts):
            total += self._bonus(concepts)
        return len(found), total

    def _bonus(self, concepts: list[Concept]) -> int:
        """The query as a whole in one title: the title itself, or a phrase in it."""
        best = 0
        for place in self.entries:
            if place[0] not in ENTRY_BONUS:
                continue
            matches = [self.best(concept, [place]) for concept in concepts]
            if not all(matches):
                continue
            contiguous = all(m.adjacent for m in matches) and all(
                after.start == before.start + before.length for before, after in pairwise(matches)
            )
            if not contiguous:
                continue
            exact_bonus, phrase_bonus = ENTRY_BONUS[place[0]]
            covered = sum(m.length for m in matches)
            bonus = exact_bonus if covered == self.lengths[place] else phrase_bonus
            best = max(best, bonus * min(m.quality for m in matches) * TOGETHER)
        return best


# Fields whose entries can earn the whole-query bonus: only there do positions always count.
BONUS_FIELDS = frozenset(int(field_kind) for field_kind in ENTRY_BONUS)
# Above this many candidate roles, their postings are read in one pass without an id list.
MAX_ID_LIST = 1000
# The ids a search reads at once, best first: the first page of results (and more are read
# when asked for, see RankedIds).
FIRST_IDS = 24
POSTINGS = SearchPosting._meta.db_table


def _placeholders(values: list) -> str:
    return ", ".join(["%s"] * len(values))


def _where(language: str, stems: list[str]) -> tuple[str, list]:
    """The postings of ``stems`` in ``language`` of published roles (from the index alone)."""
    return (
        f"language = %s AND stem IN ({_placeholders(stems)}) AND published = %s",
        [language, *stems, True],
    )


def _order_key() -> str:
    """``sort_key`` compared byte by byte, as SQLite does and Python's str does."""
    return 'sort_key COLLATE "C"' if connection.vendor == "postgresql" else "sort_key"


def _one_word_sql(qualities: dict[str, int], where: str) -> tuple[str, list]:
    """A CTE ``matched`` of the roles a one-word query finds, each with its score, category
    and sort key: the score of ``_RoleHits.score`` for a query whose alternatives are single
    stems, where positions cannot matter (the best field times the word's quality, plus the
    best whole-title bonus), computed in SQL."""
    by_quality: dict[int, list[str]] = defaultdict(list)
    for stem_, quality in qualities.items():
        by_quality[quality].append(stem_)
    quality_sql, quality_params = "CASE", []
    for quality, stems_ in sorted(by_quality.items(), reverse=True):
        quality_sql += f" WHEN stem IN ({_placeholders(stems_)}) THEN {int(quality)}"
        quality_params += sorted(stems_)
    quality_sql += " END"
    weight = " ".join(f"WHEN {int(f)} THEN {int(w)}" for f, w in FIELD_WEIGHTS.items())
    bonus = " ".join(
        f"WHEN field = {int(f)} AND entry_length = 1 THEN {int(exact)} "
        f"WHEN field = {int(f)} THEN {int(phrase)}"
        for f, (exact, phrase) in ENTRY_BONUS.items()
    )
    sql = (
        "WITH matched AS (SELECT role_id, "  # noqa: S608
        f"{TOGETHER} * (MAX((CASE field {weight} ELSE 0 END) * ({quality_sql})) "
        f"+ MAX((CASE {bonus} ELSE 0 END) * ({quality_sql}))) AS score, "
        f"MIN(category) AS category, MIN(sort_key) AS sort_key FROM {POSTINGS} "
        f"WHERE {where} GROUP BY role_id)"
    )
    return sql, quality_params + quality_params


def _search_one_word(
    qualities: dict[str, int], language: str, category_id: int | None, first: int
) -> tuple[dict[int, int], list[int], RankedIds | list[int]]:
    """(category counts, the first ids, all ids) of a one-word query, ranked in SQL: one
    query for the counts and the first page, one more for any later page."""
    stems_ = sorted(qualities)
    where, where_params = _where(language, stems_)
    cte, cte_params = _one_word_sql(qualities, where)
    cte_params += where_params
    in_category = " WHERE category = %s" if category_id is not None else ""
    category_params = [category_id] if category_id is not None else []
    page = (
        f"SELECT role_id, score, sort_key, category FROM matched{in_category} "  # noqa: S608
        f"ORDER BY score DESC, {_order_key()}, role_id LIMIT %s OFFSET %s"
    )
    sql = (
        f"{cte} SELECT * FROM ({page}) AS page UNION ALL "  # noqa: S608
        "SELECT NULL, COUNT(*), NULL, category FROM matched GROUP BY category"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*cte_params, *category_params, first, 0])
        rows = cursor.fetchall()
    counts = {category: count for role_id, count, _key, category in rows if role_id is None}
    # The page's rows in the order the query sorted them (a UNION ALL promises none).
    top = sorted((row for row in rows if row[0] is not None), key=lambda r: (-r[1], r[2], r[0]))
    ids = [row[0] for row in top]
    total = sum(counts.values()) if category_id is None else counts.get(category_id, 0)

    def fetch(offset: int, count: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(f"{cte} {page}", [*cte_params, *category_params, count, offset])
            return [row[0] for row in cursor.fetchall()]

    return counts, ids, ids if total <= len(ids) else RankedIds(fetch, total, ids)


class RankedIds(Sequence[int]):
    """The ids of the roles a search found, best first, as a sequence: its length is known and
    its first ids are read; other slices are read when asked for (the page of results a
    visitor opens), sorted in SQL, so a search finding 10,000 roles reads 24 of them."""

    def __init__(self, fetch: Callable[[int, int], list[int]], total: int, first: list[int]):
        self._fetch, self._total, self._first = fetch, total, first

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, int):
            position = range(self._total)[index]  # IndexError out of range, as a list
            return self[position : position + 1][0]
        start, stop, step = index.indices(self._total)
        if step != 1:
            return list(self)[index]
        if start >= stop:
            return []
        if stop <= len(self._first):
            return self._first[start:stop]
        return self._fetch(start, stop - start)

    def __iter__(self) -> Iterator[int]:
        return iter(self[0 : self._total])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, RankedIds)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<RankedIds {self._first[:5]}… of {self._total}>"


def _one_word_qualities(concepts: list[Concept]) -> dict[str, int] | None:
    """stem → its best quality, for a query of one word whose alternatives are single stems
    (where SQL can score it); None for any other query."""
    if len(concepts) != 1 or any(len(alt.stems) != 1 for alt in concepts[0].alternatives):
        return None
    qualities: dict[str, int] = {}
    for alternative in concepts[0].alternatives:
        stem_ = alternative.stems[0]
        qualities[stem_] = max(qualities.get(stem_, 0), alternative.quality)
    return qualities


def _candidates(language: str, concepts: list[Concept]) -> list[int]:
    """The roles that could match the most query words, counted in
    SQL from the index alone: a role could match a word if it has every stem of one of the
    word's alternatives."""
    stems_ = sorted({s for concept in concepts for alt in concept.alternatives for s in alt.stems})

    def has(stems: list[str]) -> str:  # one of ``stems``
        params.extend(stems)
        return f"MAX(CASE WHEN stem IN ({_placeholders(stems)}) THEN 1 ELSE 0 END) = 1"

    words: list[str] = []
    params: list[str] = []
    for concept in concepts:
        single = sorted({alt.stems[0] for alt in concept.alternatives if len(alt.stems) == 1})
        options = [has(single)] if single else []
        for alternative in concept.alternatives:
            if len(alternative.stems) > 1:
                options.append("(" + " AND ".join(has([s]) for s in alternative.stems) + ")")
        words.append(f"(CASE WHEN {' OR '.join(options)} THEN 1 ELSE 0 END)")
    where, where_params = _where(language, stems_)
    sql = (
        "SELECT role_id, matched FROM (SELECT role_id, matched, MAX(matched) OVER () AS most "  # noqa: S608
        f"FROM (SELECT role_id, {' + '.join(words)} AS matched FROM {POSTINGS} "
        f"WHERE {where} GROUP BY role_id) AS counted) AS ranked WHERE matched = most"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *where_params])
        return [role_id for role_id, _matched in cursor.fetchall()]


def search(
    query: str, *, language: str, category_id: int | None = None, limit: int | None = None
) -> SearchResult:
    """Published roles matching ``query`` in ``language``, best first (see the module doc).

    A fixed number of queries whatever the catalogue's size: the vocabulary lookups of
    ``_expand``, then one or two reads of the index. A one-word query is scored, counted and
    its first page sorted in SQL (``_search_one_word``); for other queries, the roles that
    could match the most words are found in SQL (``_candidates``), then their postings are
    read and scored here. A role's score depends only on its postings of the query's stems,
    so roles whose postings are alike (the same fields, entries and positions; positions
    only where they can matter) are scored once. The index rows carry what ranking needs
    (published, category, sort key): a search never joins the roles.
    """
    tokens = analyze(query, language)[:MAX_WORDS]
    if not tokens:
        return SearchResult(query, [], {}, frozenset(), language, no_words=bool(query))
    concepts = _concepts(tokens, language)
    _expand(concepts, language)
    stems = {s for concept in concepts for alt in concept.alternatives for s in alt.stems}
    result = partial(
        SearchResult,
        query=query,
        stems=frozenset(stems),
        language=language,
        suggestion=_suggestion(query, concepts),
    )

    qualities = _one_word_qualities(concepts)
    if qualities is not None:
        counts, first, ids = _search_one_word(qualities, language, category_id, limit or FIRST_IDS)
        return result(role_ids=first if limit else ids, category_counts=counts)

    candidates = _candidates(language, concepts)
    if not candidates:
        return result(role_ids=[], category_counts={})
    where, params = _where(language, sorted(stems))
    wanted: set[int] | None = set(candidates)
    if len(candidates) <= MAX_ID_LIST:
        where += f" AND role_id IN ({_placeholders(candidates)})"
        params += candidates
        wanted = None  # the query keeps to them
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT role_id, stem, field, entry, position, entry_length, category, sort_key "  # noqa: S608
            f"FROM {POSTINGS} WHERE {where}",
            params,
        )
        rows = cursor.fetchall()
    # Positions outside titles matter only to keep a phrase's words together.
    phrases = any(len(alt.stems) > 1 for concept in concepts for alt in concept.alternatives)
    places: dict[int, list[tuple]] = {}  # role id → its postings
    first: dict[int, tuple] = {}  # role id → its first row (category and sort key)
    add_place, add_role = places.setdefault, first.setdefault
    for row in rows:
        if wanted is not None and row[0] not in wanted:
            continue
        # (stem, field, entry, position, entry length), or (stem, field) where only the
        # field counts.
        add_place(row[0], []).append(row[1:6] if phrases or row[2] in BONUS_FIELDS else row[1:3])
        add_role(row[0], row)

    scores: dict[frozenset, tuple[int, int]] = {}
    scored = []
    for role_id, role_places in places.items():
        signature = frozenset(role_places)
        score = scores.get(signature)
        if score is None:
            score = scores[signature] = _score(signature, concepts)
        scored.append((role_id, score))
    # A role could match a phrase whose words are in different entries: it does not.
    most = max((score[0] for _id, score in scored), default=0)
    ranked = []
    for role_id, (matched, score) in scored:
        if matched == most:
            row = first[role_id]
            ranked.append((-score, row[7], role_id, row[6]))
    # Best first: by score, then demand and title (the sort key), then id.
    ranked.sort()
    counts = Counter(item[3] for item in ranked)
    ids = [item[2] for item in ranked if category_id is None or item[3] == category_id]
    return result(
        role_ids=ids[:limit] if limit else ids,
        category_counts=dict(counts),
        partial=bool(ranked) and most < len(concepts),
    )


class RankedRoles:
    """The roles of a queryset that match a search, best first: counted and sliced like a
    queryset (the open data API pages through it) without loading the roles of other pages."""

    def __init__(self, roles: QuerySet[Role], ids: list[int]) -> None:
        self.roles, self.ids = roles, ids

    def count(self) -> int:
        return len(self.ids)

    __len__ = count

    def __getitem__(self, index: slice) -> list[Role]:
        if not isinstance(index, slice):
            raise TypeError("RankedRoles supports slices only")
        ids = self.ids[index]
        found = self.roles.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def search_roles(roles: QuerySet[Role], query: str) -> QuerySet[Role] | RankedRoles:
    """``roles`` (a queryset of published roles, perhaps filtered) that match ``query`` in the
    active language, ranked as the role index ranks them; ``roles`` itself for an empty query."""
    from django.utils.translation import get_language

    if not query:
        return roles
    result = search(query, language=get_language() or settings.LANGUAGE_CODE)
    allowed = set(roles.values_list("pk", flat=True))
    return RankedRoles(roles, [pk for pk in result.role_ids if pk in allowed])


def _score(places: Iterable[tuple], concepts: list[Concept]) -> tuple[int, int]:
    """(query words matched, score) of a role with these postings: (stem, field, entry,
    position, entry length), or (stem, field) where only the field counts."""
    hits = _RoleHits()
    for stem_, field_kind, entry, position, length in sorted(
        place if len(place) == 5 else (*place, 0, 0, 1) for place in places
    ):
        hits.entries[(field_kind, entry)][stem_].append(position)
        hits.lengths[(field_kind, entry)] = length
    return hits.score(concepts)


def _suggestion(query: str, concepts: list[Concept]) -> str:
    """The query with its misspelt or glued words corrected, or "" if none was (a half-typed
    last word that starts known words is not a misspelling)."""
    corrections = {}
    for concept in concepts:
        if concept.known or any(alt.quality == PREFIX for alt in concept.alternatives):
            continue
        fixes = sorted(
            (alt for alt in concept.alternatives if alt.correction), key=lambda alt: -alt.quality
        )
        if fixes:
            corrections[concept.words[0]] = fixes[0].correction
    if not corrections:
        return ""
    return " ".join(corrections.get(folded, raw) for raw, folded in surface_words(query))


def closest_roles(
    query: str, *, language: str, limit: int = 3, score_cutoff: float | None = None
) -> list[int]:
    """Published roles whose title is closest to ``query`` (for an empty result), only those
    scoring at least ``score_cutoff`` (rapidfuzz's WRatio, 0-100) when it is given."""
    # The title columns in modeltranslation's fallback order (as _text reads them), in SQL.
    fields = dict.fromkeys(
        build_localized_fieldname("title", code) for code in resolution_order(language)
    )
    rows = Role.objects.published().values_list("pk", *fields)
    titles = {pk: normalize(next((title for title in row if title), "")) for pk, *row in rows}
    wanted = normalize(query)
    if not wanted or not titles:
        return []
    found = process.extract(
        wanted, titles, scorer=fuzz.WRatio, limit=limit, score_cutoff=score_cutoff
    )
    return [pk for _title, _score, pk in found]


# --- Showing matches --------------------------------------------------------------------------


def _is_match(word: str, result: SearchResult, stops: set[str]) -> bool:
    folded = normalize(word)
    return bool(folded) and folded not in stops and stem(folded, result.language) in result.stems


def highlight(text: str, result: SearchResult | None) -> SafeString:
    """``text``, escaped, with the words the search matched in <mark>."""
    if not result or not result.stems:
        return escape(text)
    stops = stop_words(result.language)
    out, last = [], 0
    for found in WORD.finditer(text):
        if _is_match(found.group(), result, stops):
            out.append(escape(text[last : found.start()]))
            out.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece is escaped above


def snippet(text: str, result: SearchResult | None, width: int = 160) -> SafeString | None:
    """About ``width`` characters of ``text`` around its first match, highlighted; None when
    the text has no match."""
    if not result or not result.stems:
        return None
    stops = stop_words(result.language)
    first = next(
        (m for m in WORD.finditer(text) if _is_match(m.group(), result, stops)),
        None,
    )
    if first is None:
        return None
    start = max(0, first.start() - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else first.start()
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space > 0 else end
    piece = highlight(text[start:end].strip(), result)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{piece}{suffix}")  # highlight() escapes
