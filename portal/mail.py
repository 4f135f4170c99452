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

import hashlib
import logging
import smtplib
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import parseaddr

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.template import Context, Template, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation

from .breaker import breaker
from .models import OutgoingMessage, User

logger = logging.getLogger(__name__)

OUTBOX_SEND_TASK = "portal.tasks.outbox_send"


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body_text: str
    body_html: str = ""
    headers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PendingMessage:
    """A rendered message not yet stored, for ``message_enqueue_many``."""

    kind: str
    recipient: str
    rendered: RenderedMessage
    language: str
    idempotency_key: str
    user_id: int | None = None


@dataclass(frozen=True)
class MessageTemplate:
    """A message's three templates, looked up once: ``<name>_subject.txt``,
    ``_body.txt`` and (optional) ``_body.html``. A run that renders many messages
    (the digest) loads it once instead of searching the loaders per message."""

    subject: Template
    body_text: Template
    body_html: Template | None

    @classmethod
    def load(cls, name: str) -> MessageTemplate:
        try:
            body_html = get_template(f"{name}_body.html").template
        except TemplateDoesNotExist:
            body_html = None
        return cls(
            subject=get_template(f"{name}_subject.txt").template,
            body_text=get_template(f"{name}_body.txt").template,
            body_html=body_html,
        )

    def render(
        self, *, context: dict, language: str, headers: dict | None = None
    ) -> RenderedMessage:
        """Render in ``language``. Text parts are not HTML-escaped: in a text mail "'"
        must stay "'", not become "&#x27;"; the HTML body is escaped as usual."""
        with translation.override(language):
            context = {**context, "site_url": settings.SITE_URL, "LANGUAGE_CODE": language}
            subject = " ".join(self.subject.render(Context(context, autoescape=False)).split())
            body_text = self.body_text.render(Context(context, autoescape=False))
            body_html = self.body_html.render(Context(context)) if self.body_html else ""
        return RenderedMessage(
            subject=subject, body_text=body_text, body_html=body_html, headers=headers or {}
        )


def message_render(
    *, template: str, context: dict, language: str, headers: dict | None = None
) -> RenderedMessage:
    """Render the message ``template`` names in ``language``."""
    return MessageTemplate.load(template).render(
        context=context, language=language, headers=headers
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
    fields = ("kind", "recipient", "user_id", "language", "subject", "body_text")
    defaults = {f: getattr(row, f) for f in (*fields, "body_html", "headers")}
    with transaction.atomic():
        stored, created = OutgoingMessage.objects.get_or_create(
            idempotency_key=row.idempotency_key, defaults=defaults
        )
    row.pk = stored.pk
    return created


def message_dispatch(*, message_id: int) -> bool:
    """Hand one message to the broker; see ``messages_dispatch``."""
    return messages_dispatch(message_ids=[message_id]) == 1


OUTBOX_SEND_BATCH_TASK = "portal.tasks.outbox_send_batch"
BROKER = breaker("broker")
DISPATCH_BATCH = 50  # messages per broker message when many go at once


def messages_dispatch(*, message_ids: list[int]) -> int:
    """Hand messages to the broker; return how many were handed over. One message goes
    as its own task; many go ``DISPATCH_BATCH`` to a task, over one connection, so a
    digest run of 100,000 is 2,000 broker messages, not 100,000.

    Never raises: what cannot be handed over now stays queued, dated back so that the
    next requeue run (every minute) hands it over, not only after the stale period."""
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
    stale_after = timedelta(seconds=settings.OUTBOX_STALE_AFTER_SECONDS)
    try:
        OutgoingMessage.objects.filter(
            pk__in=message_ids, status=OutgoingMessage.Status.QUEUED
        ).update(updated_at=timezone.now() - stale_after)
    except Exception as error:  # the database may be the thing that is down
        logger.warning("Outbox: could not date %s messages back: %s", len(message_ids), error)


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


def message_id_header(message: OutgoingMessage) -> str:
    """The same Message-ID on every attempt, so a copy sent twice after a crash (the
    window described above) can be recognised and dropped by the recipient's mail."""
    digest = hashlib.sha256(message.idempotency_key.encode()).hexdigest()[:16]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "landa.example"
    return f"<outbox.{message.pk}.{digest}@{domain}>"


class _SMTPConnections(threading.local):
    """One open connection per worker process (and thread), reused across messages:
    a new SMTP session per message is what limited throughput."""

    def __init__(self) -> None:
        self.key: tuple = ()
        self.connection = None
        self.opened_at = 0.0


_connections = _SMTPConnections()
CONNECTION_MAX_AGE_SECONDS = 60  # servers drop idle sessions; start fresh after a while


def smtp_connection(*, fresh: bool = False):
    key = (
        settings.EMAIL_BACKEND,
        getattr(settings, "EMAIL_HOST", ""),
        getattr(settings, "EMAIL_PORT", 0),
    )
    old = time.monotonic() - _connections.opened_at > CONNECTION_MAX_AGE_SECONDS
    if fresh or old or _connections.key != key or _connections.connection is None:
        smtp_connection_close()
        connection = get_connection(fail_silently=False)
        connection.open()
        _connections.key, _connections.connection = key, connection
        _connections.opened_at = time.monotonic()
    return _connections.connection


def smtp_connection_close() -> None:
    connection, _connections.connection = _connections.connection, None
    if connection is not None:
        try:
            connection.close()
        except Exception as error:  # closing a broken session may fail; nothing to keep
            logger.debug("Outbox: closing the SMTP connection failed: %s", error)


def _send(email: EmailMultiAlternatives) -> None:
    """Send on the kept connection; if the server had dropped it before this message
    was handed over, reconnect once and send (nothing was accepted, so no duplicate)."""
    email.connection = smtp_connection()
    try:
        email.send(fail_silently=False)
    except smtplib.SMTPServerDisconnected:
        email.connection = smtp_connection(fresh=True)
        email.send(fail_silently=False)
    except Exception:
        smtp_connection_close()  # whatever happened, the next message starts clean
        raise


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
            "Message-ID": message_id_header(message),
        },
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        _send(email)
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
    try:
        messages_record_sent(message_ids=[message.pk])
    except DATABASE_DOWN as error:
        raise SentNotRecorded(message.pk) from error
    return DeliveryOutcome.SENT


DATABASE_DOWN = (OperationalError, InterfaceError)


class SentNotRecorded(Exception):
    """The SMTP server accepted the message, then the database could not record it.
    The task keeps that knowledge and records it when the database is back, instead
    of leaving the row ``sending`` for the requeue sweep to send a second time."""

    def __init__(self, message_id: int) -> None:
        super().__init__(f"message {message_id} was sent; recording it failed")
        self.message_id = message_id


def messages_record_sent(*, message_ids: list[int]) -> int:
    now = timezone.now()
    return OutgoingMessage.objects.filter(
        pk__in=message_ids, status=OutgoingMessage.Status.SENDING
    ).update(status=OutgoingMessage.Status.SENT, sent_at=now, updated_at=now, last_error="")


def retry_countdown(attempts: int) -> int:
    """Exponential backoff: base, twice base, four times base, capped at one hour."""
    return min(settings.OUTBOX_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), 3600)


REQUEUE_TIME_BUDGET_SECONDS = 45  # under the one-minute beat interval


def outbox_requeue(*, stale_after: timedelta | None = None) -> int:
    """Dispatch again what is stuck, in batches until none is left (or the time budget,
    under the beat interval, is spent); return how many messages were handed over.
    A large backlog after an outage is recovered in one run, not 1,000 a minute."""
    started = time.monotonic()
    total = 0
    while time.monotonic() - started < REQUEUE_TIME_BUDGET_SECONDS:
        handed_over, found = _requeue_batch(stale_after=stale_after)
        total += handed_over
        if found < settings.OUTBOX_REQUEUE_BATCH or handed_over < found:
            break  # nothing more waiting, or the broker refuses: try at the next tick
    return total


def _requeue_batch(*, stale_after: timedelta | None) -> tuple[int, int]:
    """Queued rows untouched for ``stale_after`` were never picked up (the broker was down
    or the task was lost). Rows ``sending`` for that long belong to a worker that died.
    Returns (handed over, found)."""
    if stale_after is None:
        stale_after = timedelta(seconds=settings.OUTBOX_STALE_AFTER_SECONDS)
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
        .values_list("pk", flat=True)[: settings.OUTBOX_REQUEUE_BATCH]
    )
    OutgoingMessage.objects.filter(pk__in=waiting).update(updated_at=now)
    return messages_dispatch(message_ids=waiting), len(waiting)


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
