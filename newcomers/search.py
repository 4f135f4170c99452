"""Full-text search over guides and checklist steps, in the reader's language.

On PostgreSQL this uses the text-search configuration of the language (Swedish,
English and Arabic stemming; Ukrainian has no stemmer in PostgreSQL 15, so ``simple``).
On the embedded SQLite database a plain substring search stands in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

from checklists.models import ChecklistItem

from .journey import JOURNEY
from .models import Guide

SEARCH_CONFIG = {"sv": "swedish", "en": "english", "ar": "arabic", "uk": "simple"}
LIMIT = 20


@dataclass(frozen=True)
class Hit:
    kind: str  # "guide" or "step"
    title: str
    summary: str
    url: str


def _postgres(fields: list[str], query: str, language: str, base):
    config = SEARCH_CONFIG.get(language, "simple")
    vector = SearchVector(*[f"{name}_{language}" for name in fields], config=config)
    search = SearchQuery(query, config=config, search_type="websearch")
    return (
        base.annotate(document=vector, rank=SearchRank(vector, search))
        .filter(document=search)
        .order_by("-rank", "pk")
    )


def _substring(fields: list[str], query: str, language: str, base):
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}_{language}__icontains": query})
    return base.filter(condition)


def search(*, query: str, language: str) -> list[Hit]:
    query = query.strip()[:200]
    if not query:
        return []
    find = _postgres if connection.vendor == "postgresql" else _substring
    guides = find(
        ["title", "summary", "body"], query, language, Guide.objects.filter(is_published=True)
    )
    steps = find(
        ["title", "body"],
        query,
        language,
        ChecklistItem.objects.filter(
            template__kind=JOURNEY.key, template__layer="national", template__is_active=True
        ),
    )
    hits = [Hit("guide", g.title, g.summary, g.get_absolute_url()) for g in guides[:LIMIT]]
    hits += [Hit("step", s.title, s.body.split("\n\n")[0][:300], "") for s in steps[:LIMIT]]
    return hits
