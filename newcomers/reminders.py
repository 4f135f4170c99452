"""The reminder digest: open steps due within a week and overdue ones, per person.

Sent through the outbox in the person's language. The idempotency key holds the day
and the state of the steps it lists, so the same digest is never sent twice in a day,
however often the job runs.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from checklists.models import InstanceItem
from checklists.selectors import items_needing_attention
from portal.mail import message_enqueue, message_render
from portal.models import OutgoingMessage

from .models import NewcomerProfile

UNSUBSCRIBE_SALT = "landa.reminders.unsubscribe"
MONDAY = 0


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps(user_id, salt=UNSUBSCRIBE_SALT)


def unsubscribe_user_id(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def _digest_key(user_id: int, today: date, rows: list[InstanceItem]) -> str:
    state = "|".join(f"{r.key}:{r.due_date}" for r in sorted(rows, key=lambda r: r.key))
    return f"digest:{user_id}:{today.isoformat()}:{hashlib.sha256(state.encode()).hexdigest()[:16]}"


def reminders_send(*, today: date) -> int:
    """Queue today's digests; return how many were queued (not counting repeats)."""
    frequencies = [NewcomerProfile.Reminders.DAILY]
    if today.weekday() == MONDAY:
        frequencies.append(NewcomerProfile.Reminders.WEEKLY)
    rows = (
        items_needing_attention(today=today)
        .filter(instance__user__newcomer__reminders__in=frequencies, instance__user__is_active=True)
        .select_related("item", "item__authority", "instance__user")
        .order_by("instance__user_id", "due_date", "position")
    )
    by_user: dict[int, list[InstanceItem]] = defaultdict(list)
    for row in rows.iterator(chunk_size=2000):
        by_user[row.instance.user_id].append(row)
    queued = 0
    for user_rows in by_user.values():
        message = reminder_queue(rows=user_rows, today=today)
        queued += message is not None
    return queued


def reminder_queue(*, rows: list[InstanceItem], today: date) -> OutgoingMessage | None:
    """Queue one person's digest, unless the same digest went out today already."""
    user = rows[0].instance.user
    key = _digest_key(user.pk, today, rows)
    if OutgoingMessage.objects.filter(idempotency_key=key).exists():
        return None  # nothing to render: the outbox would return the first one anyway
    language = user.preferred_language
    with translation.override(language):
        journey_path = reverse("newcomers:journey")
        unsubscribe_path = reverse(
            "newcomers:unsubscribe", kwargs={"token": unsubscribe_token(user.pk)}
        )
    unsubscribe_url = f"{settings.SITE_URL}{unsubscribe_path}"
    rendered = message_render(
        template="newcomers/email/reminder_digest",
        context={
            "overdue": [r for r in rows if r.due_date < today],
            "upcoming": [r for r in rows if r.due_date >= today],
            "journey_path": journey_path,
            "unsubscribe_url": unsubscribe_url,
            "today": today,
        },
        language=language,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message_enqueue(
        kind="reminder_digest",
        recipient=user.email,
        rendered=rendered,
        language=language,
        idempotency_key=key,
        user=user,
    )
