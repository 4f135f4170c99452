"""Searching the directory in the reader's language.

Associations write their activities in whatever language they use, most often Swedish,
and readers search in theirs. So a word of the query finds an activity in three ways,
and each word must find it (the words are and-ed):

- the activity's own words: its name, its text or its association's name, containing
  the word (in any language);
- the directory's vocabulary as the reader reads it: a category, an audience or a
  spoken language whose name, in the reader's language, in English, in Swedish or as
  the language calls itself, contains the word (compared without accents and vowel
  marks). An
  Arabic reader's "رياضة" finds the sports, a Swedish reader's "arabiska" the
  activities held in Arabic, whatever language they are written in;
- on PostgreSQL, also stemmed: the whole query against the activity's text in the
  reader's language's text-search configuration (as the guides' search does, so
  "körer" finds "kör"), and the best matches come first.

On the embedded SQLite database (``make run``) the first two hold, without stemming.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import get_language_info

from .choices import LANGUAGE_NAMES, Audience, Category
from .models import Language, Service

# PostgreSQL text-search configurations by language (none for Ukrainian); search of
# guides and steps (newcomers.search) uses them too.
SEARCH_CONFIG = {"sv": "swedish", "en": "english", "ar": "arabic", "uk": "simple"}
MAX_WORDS = 8
MAX_CHARS = 200
MIN_VOCABULARY_WORD = 3  # shorter words would match too many names


def folded(text: str) -> str:
    """Lowercased, without accents or Arabic vowel marks: how words are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=32)
def _names(choices: tuple, language: str) -> dict[str, list[str]]:
    """Each value's label in the reader's language, in English and in Swedish (the
    words around them in Sweden), folded."""
    found: dict[str, list[str]] = {}
    for code in dict.fromkeys((language, "en", "sv")):
        with translation.override(code):
            for value, label in choices:
                found.setdefault(value, []).append(folded(str(label)))
    return found


@lru_cache(maxsize=8)
def _language_names(language: str) -> dict[str, list[str]]:
    found = {code: [folded(name)] for code, name in LANGUAGE_NAMES.items()}
    for code in found:
        try:
            info = get_language_info(code)
        except KeyError:  # one of the languages Django does not know
            continue
        found[code] += [folded(info["name"])]
        for reader in dict.fromkeys((language, "sv")):
            with translation.override(reader):
                found[code].append(folded(str(get_language_info(code)["name_translated"])))
    return found


def _named(word: str, names: dict[str, list[str]]) -> list[str]:
    if len(word) < MIN_VOCABULARY_WORD:
        return []
    return [value for value, labels in names.items() if any(word in label for label in labels)]


def _word_matches(word: str, language: str) -> Q:
    text = (
        Q(name__icontains=word)
        | Q(description__icontains=word)
        | Q(organization__name__icontains=word)
    )
    folded_word = folded(word)
    categories = _named(folded_word, _names(tuple(Category.choices), language))
    audiences = _named(folded_word, _names(tuple(Audience.choices), language))
    spoken = _named(folded_word, _language_names(language))
    if categories:
        text |= Q(category__in=categories)
    if audiences:
        text |= Q(audience__in=audiences)
    if spoken:
        text |= Exists(Language.objects.filter(service=OuterRef("pk"), code__in=spoken))
    return text


def directory_search(services: QuerySet[Service], query: str, language: str) -> QuerySet:
    """The services that match every word of ``query``, the best first on PostgreSQL."""
    query = query.strip()[:MAX_CHARS]
    words = query.split()[:MAX_WORDS]
    if not words:
        return services
    every_word = Q()
    for word in words:
        every_word &= _word_matches(word, language)
    if connection.vendor != "postgresql":
        return services.filter(every_word)
    config = SEARCH_CONFIG.get(language, "simple")
    stemmed = SearchQuery(query, config=config, search_type="websearch")
    vector = SearchVector("name", "organization__name", config=config, weight="A")
    vector += SearchVector("description", config=config, weight="B")
    return (
        services.annotate(document=vector)
        .filter(every_word | Q(document=stemmed))
        .annotate(rank=Coalesce(SearchRank(F("document"), stemmed), Value(0.0)))
        .order_by(F("rank").desc(), "name", "pk")
    )
