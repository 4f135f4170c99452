"""Meetings with the contact person: officers publish times, a newcomer of their area
who agreed to be contacted books one and gets a confirmation by mail with a calendar
link; cancelling frees the time.

Booking is one conditional update (``booked_by IS NULL`` and still in the future), so
whatever the timing, of two people booking the same time exactly one wins.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from municipalities.access_log import access_record
from municipalities.models import Officer, OfficerAccess
from newcomers.models import NewcomerProfile
from newcomers.selectors import contact_consenting
from outbox.mail import message_enqueue
from outbox.rendering import message_render

from ..models import MeetingSlot


def slots_for_officer(officer: Officer) -> QuerySet[MeetingSlot]:
    return MeetingSlot.objects.filter(
        municipality__in=officer.municipalities(), ends_at__gte=timezone.now()
    ).select_related("officer__user", "municipality", "booked_by__user")


def may_book(profile: NewcomerProfile) -> bool:
    return bool(
        profile.municipality_id and contact_consenting().filter(user_id=profile.user_id).exists()
    )


def free_slots(profile: NewcomerProfile) -> QuerySet[MeetingSlot]:
    return MeetingSlot.objects.filter(
        municipality_id=profile.municipality_id,
        booked_by__isnull=True,
        starts_at__gt=timezone.now(),
    ).select_related("officer__user", "municipality")


def bookings_of(profile: NewcomerProfile) -> QuerySet[MeetingSlot]:
    return MeetingSlot.objects.filter(
        booked_by=profile, ends_at__gte=timezone.now()
    ).select_related("officer__user", "municipality")


@transaction.atomic
def slot_book(*, slot: MeetingSlot, profile: NewcomerProfile) -> bool:
    """Book the time for the newcomer; False if someone else has it (or it has passed)."""
    won = MeetingSlot.objects.filter(
        pk=slot.pk,
        booked_by__isnull=True,
        starts_at__gt=timezone.now(),
        municipality_id=profile.municipality_id,
    ).update(booked_by=profile, booked_at=timezone.now())
    if not won:
        return False
    slot.refresh_from_db()
    _confirmation(slot, profile)
    return True


def slot_cancel(*, slot: MeetingSlot, profile: NewcomerProfile) -> bool:
    return bool(
        MeetingSlot.objects.filter(pk=slot.pk, booked_by=profile).update(
            booked_by=None, booked_at=None
        )
    )


def slots_listed(*, officer: Officer, slots: list[MeetingSlot]) -> None:
    """The officer saw who booked these times: in each person's access log."""
    people = {slot.booked_by.user_id for slot in slots if slot.booked_by_id}
    access_record(officer=officer, people=sorted(people), action=OfficerAccess.Action.LISTED)


def _confirmation(slot: MeetingSlot, profile: NewcomerProfile) -> None:
    person = profile.user
    language = person.preferred_language
    with translation.override(language):
        context = {
            "starts": timezone.localtime(slot.starts_at),
            "officer": slot.officer.user.get_full_name() or slot.officer.workplace,
            "workplace": slot.officer.workplace,
            "place": slot.place,
            "online_url": slot.online_url,
            "ics_path": reverse("my_meetings:ics", kwargs={"uuid": slot.uuid}),
            "meetings_path": reverse("my_meetings:list"),
        }
    message_enqueue(
        kind="meeting_booked",
        recipient=person.email,
        rendered=message_render(
            template="welcome/email/meeting_booked", context=context, language=language
        ),
        language=language,
        idempotency_key=f"meeting-booked:{slot.pk}:{slot.booked_at.isoformat()}",
        user=person,
    )
