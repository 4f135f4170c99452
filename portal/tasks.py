"""Celery tasks of the portal: thin shells around the outbox services."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError, close_old_connections

from .mail import DeliveryOutcome, message_deliver, outbox_requeue, retry_countdown
from .models import OutgoingMessage

# A database outage must not lose a send: the task is retried, not acknowledged as failed.
DATABASE_DOWN = (OperationalError, InterfaceError)
DATABASE_RETRIES = 50  # with backoff capped at an hour: about two days


@shared_task(bind=True, acks_late=True, max_retries=settings.OUTBOX_MAX_ATTEMPTS)
def outbox_send(self, message_id: int) -> str:
    try:
        message = OutgoingMessage.objects.claim(message_id)
        if message is None:
            return "skipped"
        outcome = message_deliver(message=message)
    except DATABASE_DOWN as error:
        close_old_connections()
        raise self.retry(
            exc=error,
            countdown=retry_countdown(self.request.retries + 1),
            max_retries=DATABASE_RETRIES,
        ) from error
    if outcome == DeliveryOutcome.RETRY:
        raise self.retry(countdown=retry_countdown(message.attempts), max_retries=None)
    return outcome


@shared_task(acks_late=True)
def outbox_requeue_stale() -> int:
    return outbox_requeue()


@shared_task(acks_late=True)
def sessions_clear_expired() -> None:
    """Expired sessions still hold who was signed in; remove them every night."""
    SessionStore.clear_expired()
