from datetime import date

from celery import shared_task
from django.utils import timezone

from outbox.retrying import RETRY_ON_DATABASE_ERRORS

from .reminders import reminders_ranges, reminders_send


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def reminders_send_daily() -> int:
    """Split today's digests into ranges that the maintenance workers render side by
    side; return how many range tasks were handed over."""
    today = timezone.localdate()
    ranges = reminders_ranges(today=today)
    for first, before in ranges:
        reminders_send_range.delay(today.isoformat(), first, before)
    return len(ranges)


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def reminders_send_range(today: str, first: int, before: int | None) -> int:
    """One range of today's digests. Safe to run again: a digest already queued today
    is skipped, so a redelivered task sends nothing twice."""
    return reminders_send(today=date.fromisoformat(today), first=first, before=before)
