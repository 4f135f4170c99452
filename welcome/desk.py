"""What the desk shows of each newcomer on a page: their household in brief and their
journey's progress, read for the whole page in two queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from checklists.models import InstanceItem
from newcomers.models import NewcomerProfile


@dataclass(frozen=True)
class Progress:
    done: int = 0
    total: int = 0
    overdue: int = 0


def progress_by_profile(profiles: list[NewcomerProfile]) -> dict[int, Progress]:
    """Each profile's steps that apply: done, in all, and overdue today."""
    today = timezone.localdate()
    rows = (
        InstanceItem.objects.filter(
            instance__newcomer__in=[p.pk for p in profiles],
            state=InstanceItem.State.ACTIVE,
        )
        .values("instance__subject_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(done_at__isnull=False)),
            overdue=Count("pk", filter=Q(done_at__isnull=True, due_date__lt=today)),
        )
    )
    return {
        row["instance__subject_id"]: Progress(row["done"], row["total"], row["overdue"])
        for row in rows
    }
