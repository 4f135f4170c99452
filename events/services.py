"""Registering for events: a place while there is one, else the waiting list; a
cancellation gives the place to the first on the list, who is told by mail; a reminder
the day before; a word to everyone registered when the event is cancelled or moved.
Every mail goes through the outbox, once each.

The event row is locked while places are counted, so two people registering for the
last place at the same moment cannot both get it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from outbox.mail import message_enqueue
from outbox.rendering import message_render

from .models import Event, Registration

Status = Registration.Status


class RegistrationClosed(Exception):
    """The event is cancelled or has begun."""


def upcoming() -> QuerySet[Event]:
    return Event.objects.filter(is_cancelled=False, ends_at__gte=timezone.now())


def next_of_each_series(events: QuerySet[Event]) -> QuerySet[Event]:
    """Of a series, only its next date still to come (a list shows a series once)."""
    earlier = upcoming().filter(series=OuterRef("series"), starts_at__lt=OuterRef("starts_at"))
    return events.filter(Q(series__isnull=True) | ~Exists(earlier))


def registration_of(event: Event, user: User) -> Registration | None:
    if not user.is_authenticated:
        return None
    return event.registrations.exclude(status=Status.CANCELLED).filter(user=user).first()


@transaction.atomic
def register(*, event: Event, user: User) -> Registration:
    """A place if one is free, else the waiting list; registering twice changes nothing."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled or event.starts_at <= timezone.now():
        raise RegistrationClosed(event.pk)
    existing = registration_of(event, user)
    if existing is not None:
        return existing
    taken = event.registrations.filter(status=Status.CONFIRMED).count()
    full = event.capacity is not None and taken >= event.capacity
    return Registration.objects.create(
        event=event, user=user, status=Status.WAITING if full else Status.CONFIRMED
    )


@transaction.atomic
def cancel(*, event: Event, user: User) -> Registration | None:
    """Give up a place or leave the waiting list; a freed place goes to the first in
    line, who gets a mail."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    registration = registration_of(event, user)
    if registration is None:
        return None
    had_place = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status"])
    if had_place:
        _promote(event)
    return registration


@transaction.atomic
def waiting_promote(event: Event) -> None:
    """After an event gained places: the first on its waiting list move up."""
    _promote(Event.objects.select_for_update().get(pk=event.pk))


@dataclass(frozen=True)
class Before:
    """What registrants are told about when it changes, as it was before an edit or an
    import (``changes_tell``)."""

    starts_at: datetime
    ends_at: datetime
    place: str
    online_url: str
    capacity: int | None
    is_cancelled: bool

    @classmethod
    def of(cls, event: Event) -> Before:
        return cls(
            event.starts_at,
            event.ends_at,
            event.place,
            event.online_url,
            event.capacity,
            event.is_cancelled,
        )


def changes_tell(event: Event, before: Before) -> None:
    """After an event was saved, whoever edited or imported it: the people registered
    hear of a cancellation, or of a new time or place (a restored event included), once
    each; more places (or no limit any more) let the waiting list move up."""
    if event.is_cancelled:
        if not before.is_cancelled:
            registrants_tell(event, kind="cancelled")
        return
    moved = (event.starts_at, event.ends_at) != (before.starts_at, before.ends_at)
    elsewhere = (event.place, event.online_url) != (before.place, before.online_url)
    if moved or elsewhere or before.is_cancelled:
        registrants_tell(event, kind="changed")
    more_places = before.capacity is not None and (
        event.capacity is None or event.capacity > before.capacity
    )
    if more_places:
        waiting_promote(event)


def registrants_tell(event: Event, *, kind: str) -> None:
    """Mail everyone registered (a place or the waiting list) that the event is
    ``cancelled`` or ``changed`` (a new time or place); one mail per change."""
    registrations = event.registrations.exclude(status=Status.CANCELLED).select_related("user")
    for registration in registrations:
        _mail(registration, kind=kind, change=f"{event.updated_at:%Y%m%dT%H%M%S.%f}")


def _promote(event: Event) -> None:
    taken = event.registrations.filter(status=Status.CONFIRMED).count()
    free = None if event.capacity is None else event.capacity - taken
    if free is not None and free <= 0:
        return
    waiting = event.registrations.filter(status=Status.WAITING).select_related("user")
    for registration in waiting[:free] if free is not None else waiting:
        registration.status = Status.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        _mail(registration, kind="promoted")


def reminders_send(today: date | None = None) -> int:
    """Remind everyone with a place at an event that starts tomorrow (local time);
    however often it runs, each person gets one reminder per event."""
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(tomorrow, time.min), zone)
    registrations = Registration.objects.filter(
        status=Status.CONFIRMED,
        event__is_cancelled=False,
        event__starts_at__gte=start,
        event__starts_at__lt=start + timedelta(days=1),
    ).select_related("event__municipality", "event__organization", "user")
    count = 0
    for registration in registrations:
        _mail(registration, kind="reminder")
        count += 1
    return count


def _mail(registration: Registration, *, kind: str, change: str = "") -> None:
    person = registration.user
    language = person.preferred_language
    event = registration.event
    with translation.override(language):
        context = {
            "title": event.title,
            "starts": timezone.localtime(event.starts_at),
            "place": event.place,
            "online_url": event.online_url,
            "event_path": event.get_absolute_url(),
            "events_path": f"{reverse('events:list')}?municipality={event.municipality.code}",
        }
    message_enqueue(
        kind=f"event_{kind}",
        recipient=person.email,
        rendered=message_render(
            template=f"events/email/{kind}", context=context, language=language
        ),
        language=language,
        idempotency_key=f"event-{kind}:{registration.pk}{':' if change else ''}{change}",
        user=person,
    )
