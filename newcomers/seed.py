"""Seed the national checklist, the authority registry and the national guides.

Content lives in ``data/national_checklist.json`` and ``data/guides.json`` in every
enabled language. Safe to run again: rows are matched by key or slug and updated.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from checklists.conditions import condition_validate
from checklists.models import Authority, ChecklistItem, ChecklistTemplate, Layer

from .models import Guide

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
NATIONAL_NAME = {
    "sv": "Nationella steg",
    "en": "National steps",
    "ar": "الخطوات على المستوى الوطني",
    "uk": "Загальнонаціональні кроки",
}


def _translated(field: str, values: dict[str, str]) -> dict[str, str]:
    missing = [code for code in LANGUAGES if not values.get(code)]
    if missing:
        raise ValueError(f"{field} lacks {', '.join(missing)}")
    return {f"{field}_{code}": values[code] for code in LANGUAGES}


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def national_checklist_seed() -> int:
    data = _load("national_checklist.json")
    authorities = {}
    for entry in data["authorities"]:
        authorities[entry["key"]], _created = Authority.objects.update_or_create(
            key=entry["key"],
            defaults={
                "url": entry["url"],
                **_translated("name", entry["name"]),
                **_translated("handles", entry["handles"]),
            },
        )
    template, _created = ChecklistTemplate.objects.update_or_create(
        layer=Layer.NATIONAL, owner_key="", defaults=_translated("name", NATIONAL_NAME)
    )
    items = {}
    for entry in data["items"]:
        condition_validate(entry["condition"])
        items[entry["key"]], _created = ChecklistItem.objects.update_or_create(
            template=template,
            key=entry["key"],
            defaults={
                "phase": entry["phase"],
                "authority": authorities.get(entry["authority"]),
                "due_offset_days": entry["due_offset_days"],
                "condition": entry["condition"],
                "link_url": entry["link"],
                **_translated("title", entry["title"]),
                **_translated("body", entry["body"]),
            },
        )
    for entry in data["items"]:
        items[entry["key"]].dependencies.set([items[key] for key in entry["depends_on"]])
    return len(items)


@transaction.atomic
def guides_seed() -> int:
    guides = _load("guides.json")["guides"]
    for entry in guides:
        Guide.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "topic": entry["topic"],
                "phase": entry["phase"],
                "last_updated": date.fromisoformat(entry["last_updated"]),
                **_translated("title", entry["title"]),
                **_translated("summary", entry["summary"]),
                **_translated("body", entry["body"]),
            },
        )
    return len(guides)
