"""Celery tasks of the outbox: thin shells around its services."""

from __future__ import annotations

import logging
from collections import Counter

from celery import shared_task
from django.conf import settings
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

logger = logging.getLogger(__name__)

DATABASE_RETRIES = 50  # with backoff capped at an hour: about two days


@shared_task(bind=True, acks_late=True, max_retries=settings.OUTBOX_MAX_ATTEMPTS)
def outbox_send(self, message_id: int, sent: bool = False) -> str:
    """Send one message. A database outage must not lose it: the task is retried, not
    acknowledged as failed; ``sent`` says the SMTP server already accepted it."""
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
    if outcome == DeliveryOutcome.RETRY:
        raise self.retry(countdown=retry_countdown(message.attempts), max_retries=None)
    return outcome


@shared_task(bind=True, acks_late=True)
def outbox_send_batch(
    self, message_ids: list[int], sent: list[int] | None = None
) -> dict[str, int]:
    """Send several messages one after another: what a digest run hands over. Each is
    claimed on its own, so a batch delivered again after a crash skips what was sent;
    a message that needs another attempt continues as its own ``outbox_send``. After a
    database error the task goes on later from where it stopped, first recording the
    ones the SMTP server had accepted (``sent``)."""
    outcomes = Counter()
    unrecorded = list(sent or [])
    position = 0
    try:
        if unrecorded:
            outcomes[DeliveryOutcome.SENT] += messages_record_sent(message_ids=unrecorded)
            unrecorded = []
        for position, message_id in enumerate(message_ids):  # noqa: B007 (read below)
            message = OutgoingMessage.objects.claim(message_id)
            outcome = message_deliver(message=message) if message else "skipped"
            if outcome == DeliveryOutcome.RETRY:
                _send_again_later(message)
            outcomes[outcome] += 1
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


def _send_again_later(message: OutgoingMessage) -> None:
    try:
        outbox_send.apply_async((message.pk,), countdown=retry_countdown(message.attempts))
    except Exception as error:  # the row stays queued; the requeue job hands it over
        logger.warning("Outbox: message %s waits for the requeue job: %s", message.pk, error)


@shared_task(acks_late=True)
def outbox_requeue_stale() -> int:
    return outbox_requeue()
