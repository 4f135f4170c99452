"""What the desk shows of each newcomer on a page: their household in brief, their
journey's progress and their case (contact person, case steps), read for the whole page
in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from checklists.models import InstanceItem
from newcomers.models import NewcomerProfile

from .cases.kind import CASE
from .models import Case


@dataclass(frozen=True)
class Progress:
    done: int = 0
    total: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class CaseSummary:
    case: Case
    progress: Progress


def _progress(checklists: Q) -> dict[int, Progress]:
    """Done, in all and overdue today, of the active steps of each checklist, by subject."""
    today = timezone.localdate()
    rows = (
        InstanceItem.objects.filter(checklists, state=InstanceItem.State.ACTIVE)
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


def progress_by_profile(profiles: list[NewcomerProfile]) -> dict[int, Progress]:
    """Each profile's journey: steps done, in all, and overdue today."""
    return _progress(Q(instance__newcomer__in=[p.pk for p in profiles]))


def cases_by_profile(profiles: list[NewcomerProfile]) -> dict[int, CaseSummary]:
    """Each profile's case at their present municipality, if one is open."""
    present = {p.pk: p.municipality_id for p in profiles}
    cases = [
        case
        for case in Case.objects.filter(profile__in=profiles).select_related("contact_person__user")
        if case.municipality_id == present[case.profile_id]
    ]
    progress = _progress(Q(instance__kind=CASE.key, instance__case__in=cases))
    return {case.profile_id: CaseSummary(case, progress.get(case.pk, Progress())) for case in cases}
