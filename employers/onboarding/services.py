"""A hire's onboarding plan: written when the hire is registered, re-assembled when the
organisation changes what it stated about the move (a start date, a partner), ticked
off step by step by any member of the organisation. Progress survives re-assembly: a
step that no longer applies keeps its date in the plan's history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from checklists.models import ChecklistInstance, InstanceItem
from checklists.selectors import by_phase, instance_items
from checklists.services import checklist_ensure, checklist_sync, instance_item_set_done

from ..models import Hire
from .kind import ONBOARDING, hire_facts


def plan_sync(hire: Hire) -> ChecklistInstance:
    return checklist_sync(kind=ONBOARDING, subject=hire, facts=hire_facts(hire))


def _plan(hire: Hire) -> ChecklistInstance:
    return checklist_ensure(kind=ONBOARDING, subject=hire)  # also for a hire from before plans


@dataclass(frozen=True)
class PlanPhase:
    key: str
    label: str
    rows: list[InstanceItem]

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.is_done)


def plan_phases(hire: Hire) -> list[PlanPhase]:
    """The plan's steps that apply, by phase, in order (a few queries)."""
    rows = instance_items(instance=_plan(hire))
    return [
        PlanPhase(key=key, label=str(label), rows=entries)
        for key, label, entries in by_phase(rows, kind=ONBOARDING, phase_of=phase_of)
    ]


def phase_of(row: InstanceItem) -> str:
    return row.item.phase


@transaction.atomic
def plan_step_set_done(*, hire: Hire, key: str, done: bool) -> InstanceItem | None:
    """Tick a step of the plan, or untick it; None when the plan has no such step."""
    row = (
        _plan(hire)
        .items.select_for_update()
        .filter(key=key, state=InstanceItem.State.ACTIVE)
        .select_related("instance")
        .first()
    )
    if row is None:
        return None
    return instance_item_set_done(row=row, done=done)
