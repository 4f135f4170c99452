"""What the outbox holds about a person, and how it is scrubbed (for data rights).

The outbox does not know who a person is beyond a user id and an address: the accounts
app calls these when a person downloads or erases their data, and an app whose mail
carries a person's details (a partner invitation names its sender) scrubs that mail
by its idempotency keys.
"""

from __future__ import annotations

from django.db.models import Q

from .models import OutgoingMessage

ERASED = {"recipient": "erased@invalid", "subject": "", "body_text": "", "body_html": ""}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def messages_export(*, user_id: int, email: str) -> list[dict]:
    """Every message sent to the person or on their account (not the bodies: login
    codes and reset links are not kept for a download)."""
    messages = OutgoingMessage.objects.filter(Q(user_id=user_id) | Q(recipient__iexact=email))
    return [
        {
            "kind": m.kind,
            "recipient": m.recipient,
            "subject": m.subject,
            "language": m.language,
            "status": m.status,
            "created_at": _iso(m.created_at),
        }
        for m in messages.order_by("created_at")
    ]


def messages_scrub(
    *, user_id: int | None = None, email: str = "", idempotency_keys: list[str] | tuple = ()
) -> int:
    """Blank every message to the person, on their account, quoting their address, or
    with one of ``idempotency_keys``; the rows stay (with their status) for the counts."""
    matches = Q(idempotency_key__in=list(idempotency_keys))
    if user_id is not None:
        matches |= Q(user_id=user_id)
    if email:
        matches |= (
            Q(recipient__iexact=email)
            | Q(subject__icontains=email)
            | Q(body_text__icontains=email)
            | Q(body_html__icontains=email)
        )
    return OutgoingMessage.objects.filter(matches).update(user=None, headers={}, **ERASED)
