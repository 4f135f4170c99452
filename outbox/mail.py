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
import time
from dataclasses import dataclass
from datetime import datetime

from celery import current_app
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from .breaker import breaker
from .delivery import (  # noqa: F401  (the outbox's interface is this module)
    DATABASE_DOWN,
    DeliveryOutcome,
    SentNotRecorded,
    message_deliver,
    message_id_header,
    messages_record_sent,
    retry_countdown,
)
from .models import OutgoingMessage, lease_end
from .rendering import (  # noqa: F401
    MessageTemplate,
    RenderedMessage,
    message_render,
    site_address,
)

logger = logging.getLogger(__name__)

OUTBOX_SEND_TASK = "outbox.tasks.outbox_send"


@dataclass(frozen=True)
class PendingMessage:
    """A rendered message not yet stored, for ``message_enqueue_many``."""

    kind: str
    recipient: str
    rendered: RenderedMessage
    language: str
    idempotency_key: str
    user_id: int | None = None


def message_enqueue(
    *,
    kind: str,
    recipient: str,
    rendered: RenderedMessage,
    language: str,
    idempotency_key: str,
    user: AbstractBaseUser | None = None,
    sensitive: bool = False,
) -> OutgoingMessage:
    """Store a message in the caller's transaction; dispatch it after commit.

    Enqueueing the same idempotency key twice returns the first message untouched.
    ``sensitive``: the body carries a code or a link that opens an account; it is
    blanked as soon as the message is delivered.
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
            "sensitive": sensitive,
            "next_attempt_at": lease_end(timezone.now()),
        },
    )
    if created:
        transaction.on_commit(lambda: message_dispatch(message_id=message.pk))
    return message


def message_enqueue_many(*, messages: list[PendingMessage]) -> int:
    """Store many messages at once (a digest run), in the caller's transaction, and
    dispatch them together after commit; return how many were new.

    Keys already in the outbox are skipped. If a concurrent run inserted one of the
    keys in the meantime, the batch falls back to one row at a time, so that run's
    messages stay untouched and nothing is stored twice.
    """
    keys = [m.idempotency_key for m in messages]
    existing = set(
        OutgoingMessage.objects.filter(idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    rows = [
        OutgoingMessage(
            idempotency_key=m.idempotency_key,
            kind=m.kind,
            recipient=m.recipient,
            user_id=m.user_id,
            language=m.language,
            subject=m.rendered.subject[:300],
            body_text=m.rendered.body_text,
            body_html=m.rendered.body_html,
            headers=m.rendered.headers,
            next_attempt_at=lease_end(timezone.now()),
        )
        for m in messages
        if m.idempotency_key not in existing
    ]
    try:
        with transaction.atomic():
            created = OutgoingMessage.objects.bulk_create(rows)
    except IntegrityError:
        created = [row for row in rows if _insert_unless_present(row)]
    ids = [row.pk for row in created]
    if ids:
        transaction.on_commit(lambda: messages_dispatch(message_ids=ids))
    return len(ids)


def _insert_unless_present(row: OutgoingMessage) -> bool:
    fields = ("kind", "recipient", "user_id", "language", "subject", "body_text", "body_html")
    defaults = {f: getattr(row, f) for f in (*fields, "headers", "next_attempt_at")}
    with transaction.atomic():
        stored, created = OutgoingMessage.objects.get_or_create(
            idempotency_key=row.idempotency_key, defaults=defaults
        )
    row.pk = stored.pk
    return created


def message_dispatch(*, message_id: int) -> bool:
    """Hand one message to the broker; see ``messages_dispatch``."""
    return messages_dispatch(message_ids=[message_id]) == 1


OUTBOX_SEND_BATCH_TASK = "outbox.tasks.outbox_send_batch"
BROKER = breaker("broker")
DISPATCH_BATCH = 50  # messages per broker message when many go at once


def messages_dispatch(*, message_ids: list[int]) -> int:
    """Hand messages to the broker; return how many were handed over. One message goes
    as its own task; many go ``DISPATCH_BATCH`` to a task, over one connection, so a
    digest run of 100,000 is 2,000 broker messages, not 100,000.

    Never raises: what cannot be handed over now stays queued, due at once, so that the
    next sweep hands it over, not only when its lease ends."""
    # Looked up by name: the task module imports this one, not the other way round.
    if len(message_ids) == 1:
        task, chunks = current_app.tasks[OUTBOX_SEND_TASK], [message_ids]
    else:
        task = current_app.tasks[OUTBOX_SEND_BATCH_TASK]
        chunks = [
            message_ids[i : i + DISPATCH_BATCH] for i in range(0, len(message_ids), DISPATCH_BATCH)
        ]
    handed_over = 0
    if not BROKER.closed():  # it failed a moment ago: do not make this caller wait too
        _due_at_next_sweep(message_ids)
        return 0
    try:
        with current_app.producer_or_acquire() as producer:
            for chunk in chunks:
                args = (chunk[0],) if task.name == OUTBOX_SEND_TASK else (chunk,)
                task.apply_async(args, producer=producer, retry=False)
                handed_over += len(chunk)
    except Exception as error:  # any broker failure must not break the caller's request
        BROKER.trip()
        waiting = message_ids[handed_over:]
        logger.warning("Outbox: broker unavailable, %s messages wait: %s", len(waiting), error)
        _due_at_next_sweep(waiting)
    return handed_over


def _due_at_next_sweep(message_ids: list[int]) -> None:
    try:
        OutgoingMessage.objects.filter(
            pk__in=message_ids, status=OutgoingMessage.Status.QUEUED
        ).update(next_attempt_at=timezone.now())
    except Exception as error:  # the database may be the thing that is down
        logger.warning("Outbox: could not date %s messages back: %s", len(message_ids), error)


REQUEUE_TIME_BUDGET_SECONDS = 10  # under beat's interval (OUTBOX_SWEEP_SECONDS)


def outbox_requeue(*, now: datetime | None = None) -> int:
    """The sweep: hand over every message whose next attempt is due, in batches until
    none is left (or the time budget is spent); return how many were handed over.
    ``now`` lets a test sweep as if it were later. A large backlog after an outage is
    recovered in one run."""
    started = time.monotonic()
    total = 0
    while time.monotonic() - started < REQUEUE_TIME_BUDGET_SECONDS:
        handed_over, found = _requeue_batch(now=now or timezone.now())
        total += handed_over
        if found < settings.OUTBOX_REQUEUE_BATCH or handed_over < found:
            break  # nothing more waiting, or the broker refuses: try at the next tick
    return total


def _requeue_batch(*, now: datetime) -> tuple[int, int]:
    """Due messages: queued ones whose backoff is over or whose task never came (the
    broker was down or lost it), and ``sending`` ones whose worker's lease ended (it
    died). Returns (handed over, found)."""
    Status = OutgoingMessage.Status
    lost = OutgoingMessage.objects.filter(status=Status.SENDING, next_attempt_at__lte=now)
    lost.filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS).update(
        status=Status.FAILED, last_error="Worker lost while sending", updated_at=now
    )
    lost.update(status=Status.QUEUED, last_error="Worker lost while sending", updated_at=now)
    waiting = list(
        OutgoingMessage.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[: settings.OUTBOX_REQUEUE_BATCH]
    )
    OutgoingMessage.objects.filter(pk__in=waiting).update(next_attempt_at=lease_end(now))
    return messages_dispatch(message_ids=waiting), len(waiting)


def message_retry(*, message: OutgoingMessage) -> bool:
    """Staff action: put a failed or aborted message back in the queue (not one whose
    body was blanked after delivery)."""
    now = timezone.now()
    updated = (
        OutgoingMessage.objects.filter(
            pk=message.pk,
            status__in=[OutgoingMessage.Status.FAILED, OutgoingMessage.Status.ABORTED],
        )
        .exclude(body_text="")
        .update(
            status=OutgoingMessage.Status.QUEUED,
            attempts=0,
            updated_at=now,
            next_attempt_at=lease_end(now),
        )
    )
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
