"""Services of the outbox: render a message, enqueue it, deliver it.

A message is rendered in the recipient's language when it is queued, stored as a row in
the caller's transaction, and handed to Celery only after that transaction commits.
If the broker is unreachable the row simply waits; ``outbox_requeue_stale`` (beat)
dispatches it again later. Delivery claims the row with a conditional UPDATE, so a
duplicate task or a second worker never sends a message twice.

One window remains, as with any SMTP client: a worker that dies after the SMTP server
accepted a message but before the row is marked ``sent`` leaves it ``sending``; the
requeue job treats that as lost and sends it again once. We prefer that to losing it.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingMessage, User

logger = logging.getLogger(__name__)

OUTBOX_SEND_TASK = "portal.tasks.outbox_send"


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body_text: str
    body_html: str = ""
    headers: dict = field(default_factory=dict)


def message_render(
    *, template: str, context: dict, language: str, headers: dict | None = None
) -> RenderedMessage:
    """Render ``<template>_subject.txt``, ``_body.txt`` and (optional) ``_body.html``."""
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "LANGUAGE_CODE": language}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body_text = render_to_string(f"{template}_body.txt", context)
        try:
            body_html = render_to_string(f"{template}_body.html", context)
        except TemplateDoesNotExist:
            body_html = ""
    return RenderedMessage(
        subject=subject, body_text=body_text, body_html=body_html, headers=headers or {}
    )


def message_enqueue(
    *,
    kind: str,
    recipient: str,
    rendered: RenderedMessage,
    language: str,
    idempotency_key: str,
    user: User | None = None,
) -> OutgoingMessage:
    """Store a message in the caller's transaction; dispatch it after commit.

    Enqueueing the same idempotency key twice returns the first message untouched.
    """
    message, created = OutgoingMessage.objects.get_or_create(
        idempotency_key=idempotency_key,
        defaults={
            "kind": kind,
            "recipient": recipient,
            "user": user,
            "language": language,
            "subject": rendered.subject[:300],
            "body_text": rendered.body_text,
            "body_html": rendered.body_html,
            "headers": rendered.headers,
        },
    )
    if created:
        transaction.on_commit(lambda: message_dispatch(message_id=message.pk))
    return message


def message_dispatch(*, message_id: int) -> bool:
    """Hand a message to the broker. Never raises: a message that cannot be handed
    over now stays queued for the requeue job."""
    try:
        # Looked up by name: the task module imports this one, not the other way round.
        current_app.tasks[OUTBOX_SEND_TASK].apply_async((message_id,), retry=False)
    except Exception as error:  # any broker failure must not break the caller's request
        logger.warning("Outbox: broker unavailable, message %s waits: %s", message_id, error)
        return False
    return True


class DeliveryOutcome:
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"


PERMANENT_SMTP_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)


def _is_permanent(error: Exception) -> bool:
    if isinstance(error, PERMANENT_SMTP_ERRORS):
        return True
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and 500 <= code < 600


def message_deliver(*, message: OutgoingMessage) -> str:
    """Send a claimed message and record the outcome on its row."""
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={
            **message.headers,
            "Content-Language": message.language,
            "X-Landa-Message": str(message.pk),
        },
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send(fail_silently=False)
    except Exception as error:  # classified below; the row keeps the reason
        now = timezone.now()
        out_of_attempts = message.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        failed = _is_permanent(error) or out_of_attempts
        OutgoingMessage.objects.filter(pk=message.pk).update(
            status=OutgoingMessage.Status.FAILED if failed else OutgoingMessage.Status.QUEUED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            updated_at=now,
        )
        logger.warning("Outbox: message %s not sent (%s): %s", message.pk, message.attempts, error)
        return DeliveryOutcome.FAILED if failed else DeliveryOutcome.RETRY
    now = timezone.now()
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=OutgoingMessage.Status.SENT, sent_at=now, updated_at=now, last_error=""
    )
    return DeliveryOutcome.SENT


def retry_countdown(attempts: int) -> int:
    """Exponential backoff: base, twice base, four times base, capped at one hour."""
    return min(settings.OUTBOX_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), 3600)


def outbox_requeue(*, stale_after: timedelta | None = None) -> int:
    """Dispatch again what is stuck; return how many messages were handed over.

    Queued rows untouched for ``stale_after`` were never picked up (the broker was down
    or the task was lost). Rows ``sending`` for that long belong to a worker that died.
    """
    stale_after = stale_after or timedelta(seconds=settings.OUTBOX_STALE_AFTER_SECONDS)
    now = timezone.now()
    cutoff = now - stale_after
    Status = OutgoingMessage.Status
    lost = OutgoingMessage.objects.filter(status=Status.SENDING, claimed_at__lt=cutoff)
    lost.filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS).update(
        status=Status.FAILED, last_error="Worker lost while sending", updated_at=now
    )
    # Dated at the cutoff, so the sweep below hands them over in this same run.
    lost.update(status=Status.QUEUED, last_error="Worker lost while sending", updated_at=cutoff)
    waiting = list(
        OutgoingMessage.objects.filter(status=Status.QUEUED, updated_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )
    OutgoingMessage.objects.filter(pk__in=waiting).update(updated_at=now)
    return sum(message_dispatch(message_id=pk) for pk in waiting)


def message_retry(*, message: OutgoingMessage) -> bool:
    """Staff action: put a failed or aborted message back in the queue."""
    updated = OutgoingMessage.objects.filter(
        pk=message.pk, status__in=[OutgoingMessage.Status.FAILED, OutgoingMessage.Status.ABORTED]
    ).update(status=OutgoingMessage.Status.QUEUED, attempts=0, updated_at=timezone.now())
    if updated:
        transaction.on_commit(lambda: message_dispatch(message_id=message.pk))
    return bool(updated)


def message_abort(*, message: OutgoingMessage) -> bool:
    """Staff action: stop a message that has not been sent."""
    return bool(
        OutgoingMessage.objects.filter(
            pk=message.pk, status__in=[OutgoingMessage.Status.QUEUED, OutgoingMessage.Status.FAILED]
        ).update(status=OutgoingMessage.Status.ABORTED, updated_at=timezone.now())
    )
