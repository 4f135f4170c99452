"""Background work of the engine: keeping checklists current."""

from __future__ import annotations

from celery import shared_task

from outbox.retrying import RETRY_ON_DATABASE_ERRORS

from .refresh import checklists_refresh_after_change as refresh_after_change
from .refresh import checklists_refresh_stale


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def checklists_refresh_after_change(template_id: int, whole_kind: bool) -> tuple[int, int]:
    return refresh_after_change(template_id=template_id, whole_kind=whole_kind)


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def checklists_refresh_nightly() -> tuple[int, int]:
    return checklists_refresh_stale()
