"""Services of the checklist engine: which steps apply, a subject's checklist, progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from .assembly import Candidate, assemble
from .conditions import condition_facts
from .facts import Facts
from .kinds import ChecklistKind
from .models import ChecklistInstance, ChecklistItem, ChecklistTemplate, InstanceItem, never


@dataclass(frozen=True)
class Step:
    """An applicable step, in order, with the keys it waits for.

    ``due_date`` counts from the kind's start date before any step is done: None for a
    step with no fixed date, with no start date, or dated from the steps it waits for.
    """

    item: ChecklistItem
    depends_on: tuple[str, ...]
    reasons: tuple[str, ...]
    due_date: date | None = None

    @property
    def key(self) -> str:
        return self.item.key


def templates_for(*, kind: ChecklistKind, facts: Facts) -> Q:
    """The kind's base template, and each layer's template whose owner the facts name."""
    base, *owned = kind.layers
    layers = Q(layer=base.name, owner_id__isnull=True)
    for layer in owned:
        owners = layer.owner_filter(facts)
        if owners is not None:
            layers |= Q(
                layer=layer.name,
                owner_type=ContentType.objects.get_for_model(layer.owner),
                owner_id__in=layer.owner.objects.filter(owners).values("pk"),
            )
    return Q(kind=kind.key, is_active=True) & layers


def checklist_steps(*, kind: ChecklistKind, facts: Facts) -> list[Step]:
    """The ordered steps that apply to these facts (a few queries whatever the size)."""
    templates = ChecklistTemplate.objects.filter(templates_for(kind=kind, facts=facts))
    items = list(
        ChecklistItem.objects.filter(template__in=templates)
        .select_related("template", "authority")
        .prefetch_related("dependencies", "sources")
    )
    by_candidate: dict[tuple[str, int], ChecklistItem] = {}
    candidates = []
    for item in items:
        rank = kind.rank(item.template.layer)
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
    chosen = assemble(candidates, facts.condition_values(), phase_order=kind.phase_order)
    start = facts.get(kind.start_fact)
    steps = []
    for c in chosen:
        item = by_candidate[(c.key, c.layer_rank)]
        steps.append(
            Step(
                item=item,
                depends_on=c.depends_on,
                reasons=tuple(condition_facts(c.condition)),
                due_date=due_date_of(item, start, {}, c.depends_on),
            )
        )
    return steps


def due_date_of(
    item: ChecklistItem,
    start: date | None,
    done: dict[str, date | None],
    depends_on: tuple[str, ...],
) -> date | None:
    if item.due_offset_days is None or start is None:
        return None  # a step to keep in mind, with no date of its own
    if not item.due_after_dependencies:
        return start + timedelta(days=item.due_offset_days)
    finished = [done.get(key) for key in depends_on]
    if not finished or any(day is None for day in finished):
        return None  # dated once everything it waits for is done
    return max(finished) + timedelta(days=item.due_offset_days)


def done_on(row: InstanceItem) -> date | None:
    """The day a step was done, in Sweden: a step ticked at half past midnight was done
    that day, not the day before as the stored (UTC) time would say."""
    return timezone.localdate(row.done_at) if row.done_at else None


SYNCED_FIELDS = ["item", "state", "removed_at", "position", "depends_on", "reasons", "due_date"]


def checklist_of(*, kind: ChecklistKind, subject: Model) -> ChecklistInstance | None:
    return ChecklistInstance.objects.filter(
        kind=kind.key,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
    ).first()


def checklist_ensure(*, kind: ChecklistKind, subject: Model) -> ChecklistInstance:
    """A subject's checklist, assembled now from its facts if it has none yet."""
    return checklist_of(kind=kind, subject=subject) or checklist_sync(
        kind=kind, subject=subject, facts=kind.facts_of(subject)
    )


@transaction.atomic
def checklist_sync(*, kind: ChecklistKind, subject: Model, facts: Facts) -> ChecklistInstance:
    """Create or re-assemble a subject's checklist without losing progress.

    Steps that still apply keep their done date and note; steps that no longer apply
    are kept as history (``removed``) with their progress; new steps are added.
    """
    instance, _created = ChecklistInstance.objects.select_for_update().get_or_create(
        kind=kind.key,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        defaults={"facts": facts.to_json()},
    )
    instance.facts = facts.to_json()
    instance.assembled_at = timezone.now()
    instance.save()
    instance.templates.set(ChecklistTemplate.objects.filter(templates_for(kind=kind, facts=facts)))

    steps = checklist_steps(kind=kind, facts=facts)
    existing = {row.key: row for row in instance.items.all()}
    done = {key: done_on(row) for key, row in existing.items()}
    start = facts[kind.start_fact]
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
        row.due_date = due_date_of(step.item, start, done, step.depends_on)
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
    done_dates = {s.key: done_on(s) for s in siblings}
    start = row.instance.start_date
    for dependent in siblings:
        waits = dependent.item.due_after_dependencies and row.key in dependent.depends_on
        if waits and dependent.state == InstanceItem.State.ACTIVE:
            dependent.due_date = due_date_of(
                dependent.item, start, done_dates, tuple(dependent.depends_on)
            )
            dependent.save(update_fields=["due_date"])
    return row


def instance_item_note(*, row: InstanceItem, note: str) -> InstanceItem:
    row.note = note.strip()
    row.save(update_fields=["note"])
    return row


@transaction.atomic
def checklist_item_remove(*, item: ChecklistItem) -> bool:
    """Remove a step without losing anyone's progress; False when it is retired instead.

    A step that replaced a lower layer's step of the same key gives way to it: the
    personal checklist rows and the dependencies that point at it move to that step
    (assembly reads both by key, so nothing else changes), then it is deleted and the
    lower step applies again. A step that replaced nothing but is in someone's
    checklist is retired instead (``InstanceItem.item`` protects it): its condition
    never holds, so it moves to their history. Otherwise it is deleted. Either way the
    engine's signals re-assemble the checklists it affects.
    """
    rank = item.template.rank
    replaced = min(
        (
            lower
            for lower in ChecklistItem.objects.filter(
                template__kind=item.template.kind, key=item.key
            ).select_related("template")
            if lower.template.rank < rank
        ),
        key=lambda lower: lower.template.rank,  # the base layer's, which every one meets
        default=None,
    )
    rows = InstanceItem.objects.filter(item=item)
    if replaced is None:
        if rows.exists():
            item.condition = never()
            item.save(update_fields=["condition"])
            return False
        item.delete()
        return True
    rows.update(item=replaced)
    through = ChecklistItem.dependencies.through
    already = through.objects.filter(to_checklistitem=replaced).values("from_checklistitem")
    pointing = through.objects.filter(to_checklistitem=item)
    pointing.filter(from_checklistitem__in=already).delete()
    pointing.update(to_checklistitem=replaced)
    item.delete()
    return True
