"""Seeding a standard template of the employers' checklist kinds (the readiness check,
the onboarding plan) from a data file: every enabled language, the authority and the
sources behind each step, and the day it was checked. Safe to run again: the template
is found by kind and steps by key, and updated."""

from __future__ import annotations

from django.db import transaction

from checklists.kinds import ChecklistKind
from checklists.models import Authority, ChecklistItem, ChecklistTemplate
from newcomers.seed import review_fields, sources_named, sources_seed, translated


@transaction.atomic
def standard_steps_seed(
    *, kind: ChecklistKind, name: dict[str, str], entries: list[dict], phase_field: str = "phase"
) -> int:
    sources = sources_seed()
    authorities = {authority.key: authority for authority in Authority.objects.all()}
    template, _created = ChecklistTemplate.objects.update_or_create(
        kind=kind.key,
        layer=kind.layers[0].name,
        owner_id=None,
        defaults=translated("name", name),
    )
    phases = set(kind.phase_order)
    for entry in entries:
        if entry[phase_field] not in phases:
            raise ValueError(f"{entry['key']}: unknown {phase_field} {entry[phase_field]}")
        item, _created = ChecklistItem.objects.update_or_create(
            template=template,
            key=entry["key"],
            defaults={
                "phase": entry[phase_field],
                "authority": authorities.get(entry["authority"]),
                "due_offset_days": entry.get("due_offset_days"),
                "condition": entry.get("condition", {"all": []}),
                "link_url": entry.get("link", ""),
                **review_fields(entry),
                **translated("title", entry["title"]),
                **translated("body", entry["body"]),
            },
        )
        item.sources.set(sources_named(entry["sources"], sources, entry["key"]))
    items = {item.key: item for item in template.items.all()}
    for entry in entries:  # the order within a phase: a step after those it waits for
        items[entry["key"]].dependencies.set([items[key] for key in entry.get("depends_on", [])])
    return len(entries)
