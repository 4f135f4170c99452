"""Writes of a municipality's own steps: add or replace, hide, and give way again.

Every write goes through the engine's models, so its signals (``checklists.signals``)
refuse dependency cycles and re-assemble, in the background, the journeys a change
affects, keeping progress by key. The municipality's template is created on its first
write (which makes the engine look at every journey of the kind once).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import transaction

from checklists.models import ChecklistItem, ChecklistTemplate, never
from checklists.services import checklist_item_remove
from municipalities.models import Municipality

from .selectors import municipal_steps, municipal_template_new, municipal_template_of

# What a step's form writes, besides its key and dependencies.
CONTENT_FIELDS = (
    *(f"{name}_{code}" for name in ("title", "body") for code, _label in settings.LANGUAGES),
    "phase",
    "due_offset_days",
    "due_after_dependencies",
    "authority",
    "link_url",
    "condition",
)


def municipal_template_get_or_create(*, municipality: Municipality) -> ChecklistTemplate:
    template = municipal_template_of(municipality=municipality)
    if template is None:
        template = municipal_template_new(municipality=municipality)
        template.save()
    return template


@transaction.atomic
def municipal_step_save(
    *,
    municipality: Municipality,
    key: str,
    content: Mapping[str, object],
    depends_on: Sequence[str],
) -> ChecklistItem:
    """Add the municipality's step ``key``, or change it. With a national step's key it
    replaces that step for the municipality's newcomers. ``depends_on`` holds keys of
    national or municipal steps (the form has refused unknown keys and cycles)."""
    template = municipal_template_get_or_create(municipality=municipality)
    steps = municipal_steps(municipality=municipality)
    item = steps.municipal.get(key) or ChecklistItem(template=template, key=key)
    for name in CONTENT_FIELDS:
        setattr(item, name, content[name])
    item.save()
    item.dependencies.set([steps.item_for(dependency) for dependency in depends_on])
    return item


@transaction.atomic
def municipal_step_hide(*, municipality: Municipality, key: str) -> ChecklistItem:
    """Hide national step ``key`` from the municipality's newcomers: the municipality's
    item of that key (a copy of the national text, to tell staff what it hides) never
    applies. Undone by ``municipal_step_remove``."""
    steps = municipal_steps(municipality=municipality)
    national = steps.national[key]
    item = steps.municipal.get(key)
    if item is None:
        item = ChecklistItem(
            template=municipal_template_get_or_create(municipality=municipality),
            key=key,
            phase=national.phase,
            due_offset_days=national.due_offset_days,
            **{
                f"{name}_{code}": getattr(national, f"{name}_{code}")
                for name in ("title", "body")
                for code, _label in settings.LANGUAGES
            },
        )
    item.condition = never()
    item.save()
    return item


def municipal_step_remove(*, municipality: Municipality, key: str) -> bool:
    """Take back the municipality's step ``key``: a replaced or hidden national step
    applies again; an own step is deleted, or retired (hidden) while it is in someone's
    journey. False when it was retired."""
    item = municipal_steps(municipality=municipality).municipal[key]
    return checklist_item_remove(item=item)
