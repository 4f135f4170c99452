"""When a step needs attention: the one definition of "overdue" and "due soon".

The journey page, the reminder digest and the calendar all read these, so a step is
never "due soon" on one and silent on another.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q

DUE_SOON_DAYS = 7


def is_overdue(due_date: date | None, today: date) -> bool:
    return due_date is not None and due_date < today


def is_due_soon(due_date: date | None, today: date) -> bool:
    return due_date is not None and today <= due_date <= today + timedelta(days=DUE_SOON_DAYS)


def needs_attention_q(today: date, prefix: str = "") -> Q:
    """Open steps that are overdue or due soon, as a filter (``prefix`` for a relation)."""
    return Q(
        **{
            f"{prefix}state": "active",
            f"{prefix}done_at__isnull": True,
            f"{prefix}due_date__isnull": False,
            f"{prefix}due_date__lte": today + timedelta(days=DUE_SOON_DAYS),
        }
    )
