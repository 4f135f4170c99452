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
from checklists.kinds import ChecklistKind, kind_get
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


def standard_template(kind: ChecklistKind, name: dict[str, str]) -> ChecklistTemplate:
    """A kind's base-layer template (no owner), named in every language."""
    template, _created = ChecklistTemplate.objects.update_or_create(
        kind=kind.key, layer=kind.layers[0].name, owner_id=None, defaults=translated("name", name)
    )
    return template


@transaction.atomic
def steps_write(
    template: ChecklistTemplate, entries: list[dict], *, phase_field: str = "phase"
) -> int:
    """Write a template's steps from data entries, matched by key and updated: phase
    (read from ``phase_field``), condition (checked against the kind's facts), due
    offset, authority, sources, link, the day it was checked, title and body in every
    language, and the steps it waits for (``depends_on``). The authorities and sources
    named must exist (``sources_seed``); an unknown one, phase or fact is an error."""
    kind = kind_get(template.kind)
    authorities = {authority.key: authority for authority in Authority.objects.all()}
    sources = {source.key: source for source in Source.objects.all()}
    items = {}
    for entry in entries:
        phase = entry[phase_field]
        if phase not in kind.phase_order:
            raise ValueError(f"{entry['key']}: unknown {phase_field} {phase}")
        condition = entry.get("condition", {"all": []})
        condition_validate(condition, facts=kind.facts.condition_facts())
        items[entry["key"]], _created = ChecklistItem.objects.update_or_create(
            template=template,
            key=entry["key"],
            defaults={
                "phase": phase,
                "authority": authorities.get(entry.get("authority", "")),
                "due_offset_days": entry.get("due_offset_days"),
                "condition": condition,
                "link_url": entry.get("link", ""),
                **review_fields(entry),
                **translated("title", entry["title"]),
                **translated("body", entry["body"]),
            },
        )
        items[entry["key"]].sources.set(
            sources_named(entry.get("sources", []), sources, entry["key"])
        )
    for entry in entries:  # within a phase, a step comes after those it waits for
        items[entry["key"]].dependencies.set([items[key] for key in entry.get("depends_on", [])])
    return len(items)


@transaction.atomic
def national_checklist_seed() -> int:
    sources_seed()
    template = standard_template(JOURNEY, NATIONAL_NAME)
    return steps_write(template, _load("national_checklist.json")["items"])


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
