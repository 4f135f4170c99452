"""Services of the checklist engine: preview, assemble a person's checklist, progress."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .assembly import Candidate, assemble, find_cycle
from .conditions import condition_facts
from .facts import JourneyFacts
from .models import (
    LAYER_RANK,
    ChecklistInstance,
    ChecklistItem,
    ChecklistTemplate,
    InstanceItem,
    Layer,
)


@dataclass(frozen=True)
class Step:
    """An applicable step, in order, with the keys it waits for."""

    item: ChecklistItem
    depends_on: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.item.key


def _templates_for(facts: JourneyFacts) -> Q:
    layers = Q(layer=Layer.NATIONAL)
    if facts.municipality:
        layers |= Q(layer=Layer.MUNICIPAL, owner_key=facts.municipality)
    if facts.has_employer and facts.employer_key:
        layers |= Q(layer=Layer.EMPLOYER, owner_key=facts.employer_key)
    return Q(is_active=True) & layers


def checklist_steps(*, facts: JourneyFacts) -> list[Step]:
    """The ordered steps that apply to these facts (four queries whatever the size)."""
    templates = ChecklistTemplate.objects.filter(_templates_for(facts))
    items = list(
        ChecklistItem.objects.filter(template__in=templates)
        .select_related("template", "authority")
        .prefetch_related("dependencies", "sources")
    )
    by_candidate: dict[tuple[str, int], ChecklistItem] = {}
    candidates = []
    for item in items:
        rank = LAYER_RANK[item.template.layer]
        by_candidate[(item.key, rank)] = item
        candidates.append(
            Candidate(
                key=item.key,
                phase=item.phase,
                due_offset_days=item.due_offset_days,
                condition=item.condition,
                depends_on=tuple(d.key for d in item.dependencies.all()),
                layer_rank=rank,
            )
        )
    return [
        Step(
            item=by_candidate[(c.key, c.layer_rank)],
            depends_on=c.depends_on,
            reasons=tuple(condition_facts(c.condition)),
        )
        for c in assemble(candidates, facts.values())
    ]


def _due_date(
    step_item: ChecklistItem,
    arrival: date,
    done: dict[str, date | None],
    depends_on: tuple[str, ...],
) -> date | None:
    if step_item.due_offset_days is None:
        return None  # a step to keep in mind, with no date of its own
    if not step_item.due_after_dependencies:
        return arrival + timedelta(days=step_item.due_offset_days)
    finished = [done.get(key) for key in depends_on]
    if not finished or any(day is None for day in finished):
        return None  # dated once everything it waits for is done
    return max(finished) + timedelta(days=step_item.due_offset_days)


def facts_as_json(facts: JourneyFacts) -> dict:
    data = asdict(facts)
    data["arrival_date"] = facts.arrival_date.isoformat()
    data["children_ages"] = list(facts.children_ages)
    return data


SYNCED_FIELDS = ["item", "state", "removed_at", "position", "depends_on", "reasons", "due_date"]


@transaction.atomic
def checklist_sync(*, user, facts: JourneyFacts) -> ChecklistInstance:
    """Create or re-assemble a person's checklist without losing progress.

    Steps that still apply keep their done date and note; steps that no longer apply
    are kept as history (``removed``) with their progress; new steps are added.
    """
    instance, _created = ChecklistInstance.objects.select_for_update().get_or_create(
        user=user, defaults={"facts": facts_as_json(facts)}
    )
    instance.facts = facts_as_json(facts)
    instance.assembled_at = timezone.now()
    instance.save()

    steps = checklist_steps(facts=facts)
    existing = {row.key: row for row in instance.items.all()}
    done = {key: row.done_at.date() if row.done_at else None for key, row in existing.items()}
    now = timezone.now()
    created, updated = [], []
    for position, step in enumerate(steps):
        row = existing.pop(step.key, None)
        if row is None:
            row = InstanceItem(instance=instance, key=step.key, added_at=now)
            created.append(row)
        else:
            updated.append(row)
        row.item = step.item
        row.state = InstanceItem.State.ACTIVE
        row.removed_at = None
        row.position = position
        row.depends_on = list(step.depends_on)
        row.reasons = list(step.reasons)
        row.due_date = _due_date(step.item, facts.arrival_date, done, step.depends_on)
    for row in existing.values():  # what is left no longer applies
        if row.state == InstanceItem.State.ACTIVE:
            row.state = InstanceItem.State.REMOVED
            row.removed_at = now
            updated.append(row)
    InstanceItem.objects.bulk_create(created)
    InstanceItem.objects.bulk_update(updated, SYNCED_FIELDS)
    return instance


@transaction.atomic
def instance_item_set_done(*, row: InstanceItem, done: bool) -> InstanceItem:
    """Mark a step done or not done; steps dated after it are re-dated."""
    row.done_at = timezone.now() if done else None
    row.save(update_fields=["done_at"])
    siblings = list(InstanceItem.objects.filter(instance_id=row.instance_id).select_related("item"))
    done_dates = {s.key: s.done_at.date() if s.done_at else None for s in siblings}
    for dependent in siblings:
        waits = dependent.item.due_after_dependencies and row.key in dependent.depends_on
        if waits and dependent.state == InstanceItem.State.ACTIVE:
            dependent.due_date = _due_date(
                dependent.item, row.instance.arrival_date, done_dates, tuple(dependent.depends_on)
            )
            dependent.save(update_fields=["due_date"])
    return row


def instance_item_note(*, row: InstanceItem, note: str) -> InstanceItem:
    row.note = note.strip()
    row.save(update_fields=["note"])
    return row


def dependencies_validate(*, item: ChecklistItem, dependencies) -> None:
    """Reject a set of dependencies that would close a cycle, naming it."""
    edges: dict[int, set[int]] = {}
    for source, target in ChecklistItem.dependencies.through.objects.values_list(
        "from_checklistitem_id", "to_checklistitem_id"
    ):
        edges.setdefault(source, set()).add(target)
    proposed = {dependency.pk for dependency in dependencies}
    if item.pk in proposed:
        raise ValidationError(_("A step cannot depend on itself."))
    edges[item.pk] = proposed
    cycle = find_cycle({str(k): {str(v) for v in vs} for k, vs in edges.items()})
    if cycle:
        keys = dict(
            ChecklistItem.objects.filter(pk__in=[int(pk) for pk in cycle]).values_list("pk", "key")
        )
        raise ValidationError(
            _("These dependencies would make a cycle: %(cycle)s.")
            % {"cycle": " → ".join(keys[int(pk)] for pk in cycle)}
        )
