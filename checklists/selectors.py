"""Reads of the checklist engine."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from django.db.models import QuerySet

from .due import needs_attention_q
from .kinds import ChecklistKind
from .models import ChecklistInstance, InstanceItem

T = TypeVar("T")


def by_phase(
    entries: Iterable[T], *, kind: ChecklistKind, phase_of: Callable[[T], str]
) -> list[tuple[str, str, list[T]]]:
    """``(phase, label, entries)`` in the kind's phase order; entries keep their order
    within a phase."""
    groups: dict[str, list[T]] = {}
    for entry in entries:
        groups.setdefault(phase_of(entry), []).append(entry)
    labels = kind.phase_labels
    return [(phase, labels[phase], groups[phase]) for phase in kind.phase_order if phase in groups]


def instance_items(*, instance: ChecklistInstance) -> QuerySet[InstanceItem]:
    """The steps of a checklist that apply, with what a page shows of them."""
    return (
        instance.items.filter(state=InstanceItem.State.ACTIVE)
        .select_related("item__template", "item__authority")
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


def items_needing_attention(*, today: date) -> QuerySet[InstanceItem]:
    """Open steps overdue or due soon (``due.DUE_SOON_DAYS``), across all checklists."""
    return InstanceItem.objects.filter(needs_attention_q(today))
