"""Delivery of one claimed message over a kept SMTP connection, and its outcome.

A transient SMTP error (4xx, a dropped connection) leaves the message queued for
another attempt; a permanent one (5xx, a refused recipient) ends it ``failed``. The
one window any SMTP client has: a worker that dies after the server accepted a message
and before the row says ``sent``; every attempt carries the same ``Message-ID`` so the
receiving side can drop the copy.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import threading
import time
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .models import BLANK_BODY, OutgoingMessage

logger = logging.getLogger(__name__)


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
            # The backoff, on the one clock the sweep reads.
            next_attempt_at=now + timedelta(seconds=retry_countdown(message.attempts)),
            **(BLANK_BODY if failed and message.sensitive else {}),
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
    """Mark delivered; a sensitive body (a login code, a reset link) is blanked now."""
    now = timezone.now()
    sending = OutgoingMessage.objects.filter(
        pk__in=message_ids, status=OutgoingMessage.Status.SENDING
    )
    sending.filter(sensitive=True).update(**BLANK_BODY)
    return sending.update(
        status=OutgoingMessage.Status.SENT, sent_at=now, updated_at=now, last_error=""
    )


def retry_countdown(attempts: int) -> int:
    """Exponential backoff: base, twice base, four times base, capped at one hour."""
    return min(settings.OUTBOX_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), 3600)
