"""Reads of the checklist engine."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TypeVar

from django.db.models import QuerySet

from .models import ChecklistInstance, InstanceItem, Phase

T = TypeVar("T")
PHASES = [value for value, _label in Phase.choices]


def by_phase(
    entries: Iterable[T], *, phase_of: Callable[[T], str]
) -> list[tuple[str, str, list[T]]]:
    """``(phase, label, entries)`` in phase order; entries keep their order within a phase."""
    labels = dict(Phase.choices)
    groups: dict[str, list[T]] = {}
    for entry in entries:
        groups.setdefault(phase_of(entry), []).append(entry)
    return [(phase, labels[phase], groups[phase]) for phase in PHASES if phase in groups]


def instance_items(*, instance: ChecklistInstance) -> QuerySet[InstanceItem]:
    """The steps of a checklist that apply, with what a page shows of them."""
    return (
        instance.items.filter(state=InstanceItem.State.ACTIVE)
        .select_related("item", "item__authority")
        .prefetch_related("item__sources")
        .order_by("position")
    )


def instance_history(*, instance: ChecklistInstance) -> QuerySet[InstanceItem]:
    """Steps that applied once and no longer do, with any progress made on them."""
    return (
        instance.items.filter(state=InstanceItem.State.REMOVED)
        .select_related("item")
        .order_by("-removed_at")
    )


def items_needing_attention(*, today: date, within_days: int = 7) -> QuerySet[InstanceItem]:
    """Open steps due within ``within_days`` or overdue, across all checklists."""
    return InstanceItem.objects.filter(
        state=InstanceItem.State.ACTIVE,
        done_at__isnull=True,
        due_date__isnull=False,
        due_date__lte=today + timedelta(days=within_days),
    )
