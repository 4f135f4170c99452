"""What the events app holds about a person: their registrations (they go with the
account when it is erased)."""

from __future__ import annotations

from accounts.data_rights import PersonalData
from accounts.models import User

from .models import Registration


def events_export(user: User) -> dict:
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "starts": registration.event.starts_at.isoformat(),
                "status": registration.status,
                "registered": registration.created_at.isoformat(),
            }
            for registration in Registration.objects.filter(user=user)
            .select_related("event")
            .order_by("created_at", "pk")
        ]
    }


EVENTS_DATA = PersonalData(app="events", export=events_export)
