"""A hire's onboarding plan: written when the hire is registered, re-assembled when the
organisation changes what it stated about the move (a start date, a partner), ticked
off step by step by any member of the organisation. Progress survives re-assembly: a
step that no longer applies keeps its date in the plan's history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from checklists.models import ChecklistInstance, InstanceItem
from checklists.services import checklist_of, checklist_sync, instance_item_set_done

from ..models import Hire
from .kind import ONBOARDING, PLAN_PHASES, hire_facts


def plan_sync(hire: Hire) -> ChecklistInstance:
    return checklist_sync(kind=ONBOARDING, subject=hire, facts=hire_facts(hire))


def _plan(hire: Hire) -> ChecklistInstance:
    instance = checklist_of(kind=ONBOARDING, subject=hire)
    return instance if instance is not None else plan_sync(hire)  # a hire from before plans


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
    rows = list(
        _plan(hire)
        .items.filter(state=InstanceItem.State.ACTIVE)
        .select_related("item__authority")
        .prefetch_related("item__sources")
        .order_by("position")
    )
    return [
        PlanPhase(
            key=phase.value,
            label=str(phase.label),
            rows=[row for row in rows if row.item.phase == phase.value],
        )
        for phase in PLAN_PHASES
    ]


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
