"""Seed the national checklist, the authority registry, the sources and the guides.

Content lives in ``data/national_checklist.json``, ``data/guides.json`` and
``data/sources.json`` in every enabled language. Every step and guide names its sources
(the authority's own page, or the law) and the day it was checked against them. Safe to
run again: rows are matched by key or slug and updated.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from checklists.conditions import condition_validate
from checklists.models import Authority, ChecklistItem, ChecklistTemplate, Source

from .journey import JOURNEY
from .models import Guide

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
NATIONAL_NAME = {
    "sv": "Nationella steg",
    "en": "National steps",
    "ar": "الخطوات على المستوى الوطني",
    "uk": "Загальнонаціональні кроки",
}


def translated(field: str, values: dict[str, str]) -> dict[str, str]:
    missing = [code for code in LANGUAGES if not values.get(code)]
    if missing:
        raise ValueError(f"{field} lacks {', '.join(missing)}")
    return {f"{field}_{code}": values[code] for code in LANGUAGES}


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def review_fields(entry: dict) -> dict:
    return {
        "checked_on": date.fromisoformat(entry["checked_on"]),
        "review_interval_days": entry.get("review_interval_days", 365),
    }


def sources_named(keys: list[str], known: dict[str, Source], where: str) -> list[Source]:
    missing = [key for key in keys if key not in known]
    if missing:
        raise ValueError(f"{where} names unknown sources: {', '.join(missing)}")
    return [known[key] for key in keys]


def _authorities_seed(entries: list[dict]) -> dict[str, Authority]:
    authorities = {}
    for entry in entries:
        authorities[entry["key"]], _created = Authority.objects.update_or_create(
            key=entry["key"],
            defaults={
                "url": entry["url"],
                **translated("name", entry["name"]),
                **translated("handles", entry["handles"]),
            },
        )
    return authorities


@transaction.atomic
def sources_seed() -> dict[str, Source]:
    """The authority registry and the pages that back the content."""
    authorities = _authorities_seed(_load("national_checklist.json")["authorities"])
    sources = {}
    for entry in _load("sources.json")["sources"]:
        sources[entry["key"]], _created = Source.objects.update_or_create(
            key=entry["key"],
            defaults={
                "url": entry["url"],
                "language": entry["language"],
                "publisher": authorities.get(entry.get("publisher", "")),
                **translated("title", entry["title"]),
            },
        )
    return sources


@transaction.atomic
def national_checklist_seed() -> int:
    data = _load("national_checklist.json")
    sources = sources_seed()
    authorities = {authority.key: authority for authority in Authority.objects.all()}
    template, _created = ChecklistTemplate.objects.update_or_create(
        kind=JOURNEY.key,
        layer="national",
        owner_id=None,
        defaults=translated("name", NATIONAL_NAME),
    )
    items = {}
    for entry in data["items"]:
        condition_validate(entry["condition"], facts=JOURNEY.facts.condition_facts())
        items[entry["key"]], _created = ChecklistItem.objects.update_or_create(
            template=template,
            key=entry["key"],
            defaults={
                "phase": entry["phase"],
                "authority": authorities.get(entry["authority"]),
                "due_offset_days": entry["due_offset_days"],
                "condition": entry["condition"],
                "link_url": entry.get("link", ""),
                **review_fields(entry),
                **translated("title", entry["title"]),
                **translated("body", entry["body"]),
            },
        )
        items[entry["key"]].sources.set(sources_named(entry["sources"], sources, entry["key"]))
    for entry in data["items"]:
        items[entry["key"]].dependencies.set([items[key] for key in entry["depends_on"]])
    return len(items)


@transaction.atomic
def guides_seed() -> int:
    guides = _load("guides.json")["guides"]
    sources = sources_seed()
    for entry in guides:
        guide, _created = Guide.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "topic": entry["topic"],
                "phase": entry["phase"],
                **review_fields(entry),
                **translated("title", entry["title"]),
                **translated("summary", entry["summary"]),
                **translated("body", entry["body"]),
            },
        )
        guide.sources.set(sources_named(entry["sources"], sources, entry["slug"]))
    return len(guides)
