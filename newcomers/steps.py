"""The journey's steps as public pages: which steps anyone may read, and whether a
signed-in person has one in their own journey.

Only the national layer is public, and only while its template is active: a
municipality's own steps are shown to the people moving there, in their journey.
"""

from __future__ import annotations

from django.db.models import QuerySet

from checklists.models import ChecklistItem, InstanceItem

from .journey import JOURNEY

PUBLIC_LAYER = "national"


def public_steps() -> QuerySet[ChecklistItem]:
    """The steps search finds and the step page shows."""
    return ChecklistItem.objects.filter(
        template__kind=JOURNEY.key, template__layer=PUBLIC_LAYER, template__is_active=True
    )


def public_step_get(*, key: str) -> ChecklistItem | None:
    """One public step with what its page shows, or None."""
    return (
        public_steps()
        .select_related("authority")
        .prefetch_related("sources")
        .filter(key=key)
        .first()
    )


def step_in_journey(*, user, key: str) -> bool:
    """Whether ``user``'s own journey has the step ``key`` (progress is kept by key, so
    a municipality's version of the step counts too)."""
    if not user.is_authenticated:
        return False
    return InstanceItem.objects.filter(
        instance__kind=JOURNEY.key,
        instance__newcomer__user=user,
        key=key,
        state=InstanceItem.State.ACTIVE,
    ).exists()
