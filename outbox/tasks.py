"""Celery tasks of the outbox: thin shells around its services."""

from __future__ import annotations

import logging
from collections import Counter

from celery import shared_task
from django.db import close_old_connections

from .mail import (
    DATABASE_DOWN,
    DeliveryOutcome,
    SentNotRecorded,
    message_deliver,
    messages_record_sent,
    outbox_requeue,
    retry_countdown,
)
from .models import OutgoingMessage
from .retention import outbox_retention_apply

logger = logging.getLogger(__name__)

DATABASE_RETRIES = 50  # with backoff capped at an hour: about two days


@shared_task(bind=True, acks_late=True)
def outbox_send(self, message_id: int, sent: bool = False) -> str:
    """Send one message. A failed attempt is not retried here: the row's
    ``next_attempt_at`` says when, and the sweep hands it over then (one clock). A
    database outage is the exception, since nothing can be recorded: the task is
    retried, not acknowledged as failed; ``sent`` says the SMTP server already
    accepted it."""
    try:
        if sent:
            messages_record_sent(message_ids=[message_id])
            return DeliveryOutcome.SENT
        message = OutgoingMessage.objects.claim(message_id)
        if message is None:
            return "skipped"
        outcome = message_deliver(message=message)
    except (*DATABASE_DOWN, SentNotRecorded) as error:
        close_old_connections()
        raise self.retry(
            kwargs={"sent": sent or isinstance(error, SentNotRecorded)},
            exc=error,
            countdown=retry_countdown(self.request.retries + 1),
            max_retries=DATABASE_RETRIES,
        ) from error
    return outcome


@shared_task(bind=True, acks_late=True)
def outbox_send_batch(
    self, message_ids: list[int], sent: list[int] | None = None
) -> dict[str, int]:
    """Send several messages one after another: what a digest run hands over. Each is
    claimed on its own, so a batch delivered again after a crash skips what was sent;
    a message that needs another attempt waits for its ``next_attempt_at``; one
    message's unexpected error does not stop the others (its lease brings it back).
    After a database error the task goes on later from where it stopped, first
    recording the ones the SMTP server had accepted (``sent``)."""
    outcomes = Counter()
    unrecorded = list(sent or [])
    position = 0
    try:
        if unrecorded:
            outcomes[DeliveryOutcome.SENT] += messages_record_sent(message_ids=unrecorded)
            unrecorded = []
        for position, message_id in enumerate(message_ids):  # noqa: B007 (read below)
            outcomes[_deliver_one(message_id)] += 1
    except (*DATABASE_DOWN, SentNotRecorded) as error:
        close_old_connections()
        if isinstance(error, SentNotRecorded):
            unrecorded.append(error.message_id)
            position += 1
        raise self.retry(
            args=(message_ids[position:],),
            kwargs={"sent": unrecorded},
            exc=error,
            countdown=retry_countdown(self.request.retries + 1),
            max_retries=DATABASE_RETRIES,
        ) from error
    return dict(outcomes)


def _deliver_one(message_id: int) -> str:
    message = OutgoingMessage.objects.claim(message_id)
    if message is None:
        return "skipped"
    try:
        return message_deliver(message=message)
    except (*DATABASE_DOWN, SentNotRecorded):
        raise
    except Exception:  # isolate one message's surprise from the rest of the batch
        logger.exception("Outbox: message %s could not be delivered", message_id)
        return "error"


@shared_task(acks_late=True)
def outbox_requeue_stale() -> int:
    return outbox_requeue()


@shared_task(acks_late=True)
def outbox_retention() -> tuple[int, int]:
    return outbox_retention_apply()
