"""How text becomes search terms, per language: one analyser for role documents and queries.

A word is folded (case and accents: "Ciência" → "ciencia"), dropped if it is a stop word of
the language ("de", "del", "the" never decide a result), then stemmed with the Snowball stemmer
of the language ("engenheiros" → "engenheir", "desarrolladora" → "desarroll"). Documents and
queries go through the same steps, so whatever the stemmer makes of a word, both sides agree.
Folding comes before stemming for the same reason: "visao" and "visão" stem alike.

Typo keys (``deletes``) are the SymSpell deletion neighbourhood of a word: every string made by
removing up to two letters. Two words within two edits of each other share at least one key,
so a typo lookup is an indexed equality query on both databases (see roles.search).
"""

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import snowballstemmer

from nexushr.text import normalize

# Words longer than this are cut (an index column's width; no real word is longer).
MAX_WORD_LENGTH = 40
# Letters and digits; anything else (punctuation, "_", "+") separates words.
WORD = re.compile(r"[^\W_]+")

# Articles, prepositions and conjunctions, folded. Kept short on purpose: a word that could
# be what someone searches for ("it", "ti", "ia", "data") is not a stop word.
STOP_WORDS = {
    "en": {
        "a", "an", "the", "of", "for", "and", "or", "in", "on", "at", "to", "with", "by",
        "from", "as", "is", "are", "be", "job", "jobs", "role", "roles",
    },
    "pt": {
        "a", "o", "as", "os", "um", "uma", "de", "da", "do", "das", "dos", "e", "ou", "em",
        "na", "no", "nas", "nos", "para", "por", "com", "ao", "aos", "que", "vaga", "vagas",
    },
    "es": {
        "el", "la", "los", "las", "un", "una", "de", "del", "y", "o", "en", "para", "por",
        "con", "al", "a", "que", "e", "u", "puesto", "puestos", "empleo", "empleos",
    },
}  # fmt: skip

STEMMER_NAMES = {"en": "english", "pt": "portuguese", "es": "spanish"}

# Light spelling fixes before stemming, where Snowball splits a word family in two:
# Spanish feminine "-iera" ("ingeniera" would stem to "ingen", "ingeniero" to "ingenier"),
# Portuguese plural "-ões" ("visões" → "visão").
PRE_STEM = {
    "es": [(re.compile(r"iera(s?)$"), r"iero\1")],
    "pt": [(re.compile(r"oes$"), "ao"), (re.compile(r"aes$"), "ao")],
}


def base_language(language: str) -> str:
    """ "pt-br" → "pt": stop words and stemmers are per language, not per country."""
    return language.split("-")[0].lower()


def stop_words(language: str) -> set[str]:
    return STOP_WORDS.get(base_language(language), set())


_local = threading.local()


def _stemmer(language: str):  # type: ignore[no-untyped-def]
    """Snowball stemmer objects keep state between calls: one per thread and language."""
    stemmers = _local.__dict__.setdefault("stemmers", {})
    base = base_language(language)
    if base not in stemmers:
        name = STEMMER_NAMES.get(base)
        stemmers[base] = snowballstemmer.stemmer(name) if name else None
    return stemmers[base]


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The stem of a folded word in ``language`` (short words and numbers are kept whole)."""
    if len(word) <= 3 or word.isdigit():
        return word
    for pattern, replacement in PRE_STEM.get(base_language(language), ()):
        word = pattern.sub(replacement, word)
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


@dataclass(frozen=True)
class Token:
    word: str  # folded: lower case, no accents
    stem: str
    display: str  # as written, in lower case (accents kept): for "Did you mean …?"


def surface_words(text: str) -> list[tuple[str, str]]:
    """(as written in lower case, folded) for every word of ``text``, stop words included."""
    pairs = []
    for raw in WORD.findall(text):
        for folded in WORD.findall(normalize(raw)):
            pairs.append((raw.casefold()[:MAX_WORD_LENGTH], folded[:MAX_WORD_LENGTH]))
    return pairs


def words(text: str) -> list[str]:
    """Folded words of ``text``, stop words included."""
    return [folded for _raw, folded in surface_words(text)]


@lru_cache(maxsize=20_000)
def analyze(text: str, language: str) -> tuple[Token, ...]:
    """The content words of ``text`` in order, stop words dropped. Memoised: a role's texts
    are analysed again each time one of its parts is saved."""
    stops = stop_words(language)
    return tuple(
        Token(folded, stem(folded, language), raw)
        for raw, folded in surface_words(text)
        if folded not in stops
    )


def deletes(word: str, distance: int = 2) -> set[str]:
    """The word and every string made from it by deleting up to ``distance`` letters."""
    keys = {word}
    for count in range(1, min(distance, len(word) - 1) + 1):
        for positions in combinations(range(len(word)), count):
            keys.add("".join(char for i, char in enumerate(word) if i not in positions))
    return keys
