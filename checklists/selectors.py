"""Reads of the checklist engine."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet

from .models import ChecklistInstance, InstanceItem


def instance_items(*, instance: ChecklistInstance) -> QuerySet[InstanceItem]:
    """The steps of a checklist that apply, with what a page shows of them."""
    return (
        instance.items.filter(state=InstanceItem.State.ACTIVE)
        .select_related("item", "item__authority")
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
