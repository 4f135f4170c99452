"""How long the outbox keeps what it sent.

A message's body is personal (a digest lists a person's steps) and sometimes secret (a
reset link, a login code): secret bodies are blanked the moment they are delivered
(``OutgoingMessage.sensitive``), every other body once it is
``OUTBOX_BODY_RETENTION_DAYS`` old and finished, and the row itself, kept for
recognising a duplicate and for counts, after ``OUTBOX_ROW_RETENTION_DAYS``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import BLANK_BODY, OutgoingMessage

FINISHED = [
    OutgoingMessage.Status.SENT,
    OutgoingMessage.Status.FAILED,
    OutgoingMessage.Status.ABORTED,
]


def outbox_retention_apply() -> tuple[int, int]:
    """``(bodies blanked, rows deleted)``."""
    now = timezone.now()
    bodies = (
        OutgoingMessage.objects.filter(
            status__in=FINISHED,
            created_at__lt=now - timedelta(days=settings.OUTBOX_BODY_RETENTION_DAYS),
        )
        .exclude(body_text="", body_html="")
        .update(**BLANK_BODY)
    )
    rows, _by_model = OutgoingMessage.objects.filter(
        status__in=FINISHED,
        created_at__lt=now - timedelta(days=settings.OUTBOX_ROW_RETENTION_DAYS),
    ).delete()
    return bodies, rows
