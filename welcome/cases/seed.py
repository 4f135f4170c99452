"""Seed the standard case checklist from ``data/case_checklist.json`` (every enabled
language). Safe to run again: the template and its steps are matched by key."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from checklists.conditions import condition_validate
from checklists.models import ChecklistItem, ChecklistTemplate
from newcomers.seed import translated

from .kind import CASE

DATA = Path(__file__).resolve().parent / "data" / "case_checklist.json"


@transaction.atomic
def case_checklist_seed() -> int:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    template, _created = ChecklistTemplate.objects.update_or_create(
        kind=CASE.key, layer="standard", owner_id=None, defaults=translated("name", data["name"])
    )
    for entry in data["items"]:
        condition_validate(entry["condition"], facts=CASE.facts.condition_facts())
        ChecklistItem.objects.update_or_create(
            template=template,
            key=entry["key"],
            defaults={
                "phase": entry["phase"],
                "due_offset_days": entry["due_offset_days"],
                "condition": entry["condition"],
                **translated("title", entry["title"]),
                **translated("body", entry["body"]),
            },
        )
    return len(data["items"])
