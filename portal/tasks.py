"""Celery tasks of the portal: thin shells around the outbox services."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from .mail import DeliveryOutcome, message_deliver, outbox_requeue, retry_countdown
from .models import OutgoingMessage


@shared_task(bind=True, acks_late=True, max_retries=settings.OUTBOX_MAX_ATTEMPTS)
def outbox_send(self, message_id: int) -> str:
    message = OutgoingMessage.objects.claim(message_id)
    if message is None:
        return "skipped"
    outcome = message_deliver(message=message)
    if outcome == DeliveryOutcome.RETRY:
        raise self.retry(countdown=retry_countdown(message.attempts), max_retries=None)
    return outcome


@shared_task(acks_late=True)
def outbox_requeue_stale() -> int:
    return outbox_requeue()
