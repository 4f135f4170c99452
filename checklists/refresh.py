"""Checklists stay current: content changes and the calendar reach existing ones.

A checklist is re-assembled from its subject's facts *now* (``ChecklistKind.facts_of``),
so a step an editor adds reaches everyone it applies to, and a child's age moves on.
Progress is kept by step key, as in every re-assembly. One subject's failure is logged
and counted; it never stops the others.

- After content changes, ``content_changed`` marks the template and, once the
  transaction commits, a background task re-assembles what it affects: the checklists
  assembled from it (a step edited), or, for a template added, switched on or off, or
  moved to another owner, every checklist of its kind; for an owner's template whose
  layer says which checklists name that owner (``Layer.checklists_of_owner``), only
  those and the ones assembled from it. A checklist whose stored facts lag behind its
  subject's is caught by the nightly job.
- Every night, ``checklists_refresh_stale`` re-assembles each checklist whose facts
  have moved on, or that was assembled before a change of its kind's content.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator

from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from .kinds import ChecklistKind, kind_get, kinds_all
from .models import ChecklistInstance, ChecklistTemplate
from .services import checklist_sync

logger = logging.getLogger(__name__)

CHUNK = 500
REFRESH_TASK = "checklists.tasks.checklists_refresh_after_change"


def checklists_refresh(
    *, kind: ChecklistKind, instances: QuerySet[ChecklistInstance], only_if_facts_moved=False
) -> tuple[int, int]:
    """Re-assemble ``instances`` of ``kind`` (with ``only_if_facts_moved``, only those
    whose subject's facts differ from the ones stored); ``(re-assembled, failed)``."""
    synced = failed = 0
    rows = instances.order_by("subject_id").values_list("subject_id", "facts")
    for chunk in _chunks(rows.iterator(chunk_size=CHUNK)):
        stored = dict(chunk)
        for subject in kind.subjects(list(stored)):
            try:
                facts = kind.facts_of(subject)
                if only_if_facts_moved and stored[subject.pk] == facts.to_json():
                    continue
                checklist_sync(kind=kind, subject=subject, facts=facts)
            except Exception:  # one subject's bad data must not stop everyone else's
                logger.exception("Could not re-assemble %s checklist of %s", kind.key, subject.pk)
                failed += 1
            else:
                synced += 1
    return synced, failed


def _chunks(rows: Iterator[tuple]) -> Iterator[list[tuple]]:
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def checklists_refresh_after_change(*, template_id: int, whole_kind: bool) -> tuple[int, int]:
    template = ChecklistTemplate.objects.filter(pk=template_id).first()
    if template is None:
        return 0, 0
    kind = kind_get(template.kind)
    instances = ChecklistInstance.objects.filter(
        kind=kind.key, assembled_at__lt=template.changed_at
    )
    layer = kind.layer(template.layer)
    if not whole_kind:
        instances = instances.filter(templates=template)
    elif template.owner_id and layer.checklists_of_owner is not None:
        owner = layer.owner.objects.filter(pk=template.owner_id).first()
        named = layer.checklists_of_owner(owner) if owner is not None else Q(pk__in=[])
        affected = ChecklistInstance.objects.filter(Q(templates=template) | named)
        instances = instances.filter(pk__in=affected.values("pk"))
    return checklists_refresh(kind=kind, instances=instances)


def checklists_refresh_stale() -> tuple[int, int]:
    """The nightly job: facts that moved on (ages, a partner's shared facts), and
    content changes a background task may have missed (the broker was down)."""
    synced = failed = 0
    for kind in kinds_all():
        of_kind = ChecklistInstance.objects.filter(kind=kind.key)
        last = ChecklistTemplate.objects.filter(kind=kind.key).aggregate(last=Max("changed_at"))
        behind = of_kind.filter(assembled_at__lt=last["last"]) if last["last"] else of_kind.none()
        current = of_kind.exclude(pk__in=behind.values("pk"))
        for instances, moved_only in ((behind, False), (current, True)):
            done, failures = checklists_refresh(
                kind=kind, instances=instances, only_if_facts_moved=moved_only
            )
            synced += done
            failed += failures
    return synced, failed


def content_changed(template_id: int, *, whole_kind: bool) -> None:
    """Mark a template changed now, and re-assemble what it affects once the
    transaction commits. Several changes in one transaction make several tasks; each
    re-assembles only what is still older than the change, so the later ones find
    little left to do."""
    ChecklistTemplate.objects.filter(pk=template_id).update(changed_at=timezone.now())
    transaction.on_commit(lambda: _dispatch(template_id, whole_kind))


def _dispatch(template_id: int, whole_kind: bool) -> None:
    from celery import current_app

    try:
        current_app.tasks[REFRESH_TASK].delay(template_id, whole_kind)
    except Exception as error:  # the nightly job re-assembles what this would have
        logger.warning("Checklists: refresh of template %s waits: %s", template_id, error)
