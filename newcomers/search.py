"""Search over guides and the public steps of the journey, in the reader's language.

Design. Guides and steps are one list, ordered by relevance; a hit is always a link (a
guide's page, or the step's public page). Both databases stem and rank the same way:

- On PostgreSQL the database does it: each language's text-search configuration
  (Swedish, English and Arabic stemming; Ukrainian has no stemmer in PostgreSQL 15,
  so ``simple``), ``websearch`` queries, and ``SearchRank`` over a vector with the
  title weighted ``A`` and the rest (summary, body) ``B``.
- On the embedded SQLite database (``make run`` without ``DATABASE_URL``), which has
  no stemming, Python does it over the whole corpus (about ten guides and thirty-odd
  steps a language, two queries): words are stemmed with the Snowball stemmers of the
  ``snowballstemmer`` package (Swedish, English and Arabic; Snowball has no Ukrainian,
  so Ukrainian words are compared lowercased, as ``simple`` does), every query word
  must occur, and a document's rank follows ``ts_rank``'s formula with its default
  weights (title 1.0, other text 0.4). A query word found in more than half of the
  documents is left out, as PostgreSQL leaves out a stop word, unless no word would
  be left.

Either way, one occurrence in the title outranks any number in the body alone, and
the Python path can be called by itself (``search_in_python``) on any database.

Snippets are plain text (the template escapes them), cut at a word boundary with "…".
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import translation

from associations.search import SEARCH_CONFIG

from .models import Guide
from .steps import public_steps
from .text import first_paragraph

STEMMERS = {"sv": "swedish", "en": "english", "ar": "arabic"}  # Snowball has no Ukrainian
LIMIT = 20
QUERY_CHARS = 200
SNIPPET_CHARS = 240
# Left off the end of a cut snippet: punctuation, dashes, the Arabic comma and semicolon.
_DANGLING = " ,.;:(-\u2013\u2014\u060c\u061b"
# PostgreSQL's default weights of 'A' and 'B', and ts_rank's normalisation (π²/6).
TITLE_WEIGHT = 1.0
TEXT_WEIGHT = 0.4
_RANK_NORM = math.pi**2 / 6
COMMON_SHARE = 0.5


@dataclass(frozen=True)
class Hit:
    kind: str  # "guide" or "step"
    title: str
    snippet: str
    url: str


@dataclass(frozen=True)
class Corpus:
    """One kind of searchable content: its rows, searched fields, link and snippet."""

    kind: str
    rows: Callable[[], QuerySet]
    text_fields: tuple[str, ...]  # searched besides the title, with the lower weight
    url: Callable[[Model], str]
    summary: Callable[[Model], str]


CORPORA = (
    Corpus(
        kind="guide",
        rows=lambda: Guide.objects.filter(is_published=True),
        text_fields=("summary", "body"),
        url=lambda guide: guide.get_absolute_url(),
        summary=lambda guide: guide.summary,
    ),
    Corpus(
        kind="step",
        rows=public_steps,
        text_fields=("body",),
        url=lambda step: reverse("newcomers:step_detail", kwargs={"key": step.key}),
        summary=lambda step: first_paragraph(step.body),
    ),
)


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """``text`` on one line, cut at the last word boundary before ``limit`` with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    boundary = cut.rfind(" ")
    cut = cut[:boundary] if boundary > 0 else text[:limit]
    return cut.rstrip(_DANGLING) + "…"


def _hits(ranked: list[tuple[float, int, Model]], language: str) -> list[Hit]:
    """Hits from ``(rank, corpus index, row)``, best first; ties in a stable order."""
    ranked.sort(key=lambda entry: (-entry[0], entry[1], entry[2].pk))
    with translation.override(language):
        return [
            Hit(
                kind=CORPORA[index].kind,
                title=row.title,
                snippet=snippet(CORPORA[index].summary(row)),
                url=CORPORA[index].url(row),
            )
            for _rank, index, row in ranked[:LIMIT]
        ]


def _clean(query: str) -> str:
    return query.strip()[:QUERY_CHARS]


# --- PostgreSQL ------------------------------------------------------------------------


def search_in_database(*, query: str, language: str) -> list[Hit]:
    """Stemmed, ranked full-text search by PostgreSQL."""
    query = _clean(query)
    if not query:
        return []
    config = SEARCH_CONFIG.get(language, "simple")
    search_query = SearchQuery(query, config=config, search_type="websearch")
    ranked = []
    for index, corpus in enumerate(CORPORA):
        fields = [f"{name}_{language}" for name in corpus.text_fields]
        vector = SearchVector(f"title_{language}", config=config, weight="A") + SearchVector(
            *fields, config=config, weight="B"
        )
        rows = (
            corpus.rows()
            .annotate(document=vector, rank=SearchRank(vector, search_query))
            .filter(document=search_query)
            .order_by("-rank", "pk")[:LIMIT]
        )
        ranked += [(row.rank, index, row) for row in rows]
    return _hits(ranked, language)


# --- Python (the embedded database) ------------------------------------------------------

_WORD = re.compile(r"\w+")
# Combining marks are dropped before splitting into words: Arabic short vowels and
# shadda, stress marks in Ukrainian. ``\w`` does not match them, so they would split
# a word in two.
_MARKS = dict.fromkeys(
    [
        *range(0x0300, 0x0370),
        *range(0x0610, 0x061B),
        *range(0x064B, 0x0660),
        0x0670,
        *range(0x06D6, 0x06EE),
    ]
)
_stemmers = threading.local()  # a Snowball stemmer keeps state while it works


@lru_cache(maxsize=50_000)
def _stem(word: str, algorithm: str) -> str:
    stemmers = _stemmers.__dict__.setdefault("by_algorithm", {})
    if algorithm not in stemmers:
        stemmers[algorithm] = snowballstemmer.stemmer(algorithm)
    return stemmers[algorithm].stemWord(word)


def terms(text: str, language: str) -> list[str]:
    """The words of ``text``, lowercased and stemmed in ``language`` where Snowball can."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).translate(_MARKS).lower())
    algorithm = STEMMERS.get(language)
    if algorithm is None:
        return words
    return [_stem(word, algorithm) for word in words]


def _term_rank(weights: list[float]) -> float:
    """``ts_rank`` for one term: its occurrences by weight, the i-th counting 1/i²,
    normalised so that the result stays below the highest weight."""
    ordered = sorted(weights, reverse=True)
    return sum(weight / (i * i) for i, weight in enumerate(ordered, start=1)) / _RANK_NORM


def _weights(row: Model, corpus: Corpus, language: str) -> dict[str, list[float]]:
    """Each term of a row in ``language`` with the weight of every occurrence."""
    found: dict[str, list[float]] = {}
    for term in terms(getattr(row, f"title_{language}") or "", language):
        found.setdefault(term, []).append(TITLE_WEIGHT)
    for name in corpus.text_fields:
        for term in terms(getattr(row, f"{name}_{language}") or "", language):
            found.setdefault(term, []).append(TEXT_WEIGHT)
    return found


def search_in_python(*, query: str, language: str) -> list[Hit]:
    """Stemmed, ranked search computed in Python; works on any database."""
    wanted = list(dict.fromkeys(terms(_clean(query), language)))
    if not wanted:
        return []
    documents = [
        (index, row, _weights(row, corpus, language))
        for index, corpus in enumerate(CORPORA)
        for row in corpus.rows()
    ]
    common = {
        term
        for term in wanted
        if sum(term in found for _i, _r, found in documents) > COMMON_SHARE * len(documents)
    }
    required = [term for term in wanted if term not in common] or wanted
    ranked = [
        (sum(_term_rank(found[term]) for term in required) / len(required), index, row)
        for index, row, found in documents
        if all(term in found for term in required)
    ]
    return _hits(ranked, language)


def search(*, query: str, language: str) -> list[Hit]:
    """Guides and steps matching ``query`` in ``language``, most relevant first."""
    if connection.vendor == "postgresql":
        return search_in_database(query=query, language=language)
    return search_in_python(query=query, language=language)
