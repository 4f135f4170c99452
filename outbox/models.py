"""The outbox: every outgoing email is first a row, written with the event that caused it."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def lease_end(now):
    """How long a queued or claimed message may take before it is taken as lost."""
    return now + timedelta(seconds=settings.OUTBOX_STALE_AFTER_SECONDS)


BLANK_BODY = {"body_text": "", "body_html": ""}


class OutgoingMessageQuerySet(models.QuerySet):
    def claim(self, message_id: int) -> OutgoingMessage | None:
        """Take a queued message for sending, or return None if another worker has it.

        The conditional UPDATE is the lock: of two workers racing for the same id,
        exactly one gets the row back. One statement (UPDATE … RETURNING), not an
        update and a read: a send is a few statements and each one counts.
        """
        table = self.model._meta.db_table
        now = timezone.now()
        rows = self.model.objects.raw(
            f"UPDATE {table} SET status = %s, claimed_at = %s, updated_at = %s, "  # noqa: S608
            "next_attempt_at = %s, attempts = attempts + 1 "
            "WHERE id = %s AND status = %s RETURNING *",
            [
                OutgoingMessage.Status.SENDING,
                now,
                now,
                lease_end(now),  # should this worker die, the sweep takes it back then
                message_id,
                OutgoingMessage.Status.QUEUED,
            ],
        )
        return next(iter(rows), None)


class OutgoingMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        ABORTED = "aborted", _("aborted")

    idempotency_key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=100)
    recipient = models.EmailField(_("recipient"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outgoing_messages",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The one clock of retries and recovery: when the sweep hands this message to a
    # worker (again) if it has not been sent by then. Set when it is queued or claimed
    # (a lease), when an attempt failed (the backoff), or to now when the broker
    # refused it.
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # A body with a code or a link that opens an account is blanked once delivered.
    sensitive = models.BooleanField(_("sensitive body"), default=False)

    objects = OutgoingMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_next"),
            models.Index(fields=["created_at"], name="outbox_created"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient} ({self.get_status_display()})"
