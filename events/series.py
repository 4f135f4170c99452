"""Repeating events, by an RFC 5545 recurrence rule (an ``RRULE`` value).

Each occurrence is an event of its own, with its own places, registrations, reminder
and page; the series keeps the rule and what a reader is told about it ("every week,
until 1 June"). Every occurrence remembers the start the rule gave it
(``recurrence_id``, as RFC 5545's RECURRENCE-ID), so a series written out as iCalendar
is one rule with its exceptions, and an imported one is matched occurrence by
occurrence.

An editor's or association's series is written when it is saved: every week, every
other week, or every month on the same weekday (the second Tuesday, or the last), until
a date at most a year after the first. Times repeat in Swedish wall-clock time, so an
evening that starts at 18:00 stays at 18:00 across the change to summer time. An
imported calendar's series is expanded by the import (``importing``), a year ahead,
and kept in step on each sync.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import islice

from dateutil.rrule import rrulestr
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from caching.content import content_changed

from .models import Event, EventSeries

Frequency = EventSeries.Frequency

MAX_OCCURRENCES = 60
HORIZON = timedelta(days=366)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# What an occurrence shares with the series when an editor changes "this and later".
SHARED = (
    *(f"{field}_{code}" for field in ("title", "description") for code in LANGUAGES),
    "place",
    "online_url",
    "capacity",
    "is_cancelled",
)


def _nth_weekday(day: date) -> str:
    """RFC 5545's BYDAY for "the same weekday of the month": 2TU for the second
    Tuesday, -1TU for a last Tuesday that is also its fifth."""
    ordinal = (day.day - 1) // 7 + 1
    return f"{-1 if ordinal == 5 else ordinal}{WEEKDAYS[day.weekday()]}"


def rule_for(frequency: str, first_start: datetime, until: date) -> str:
    """The RRULE value for one of the frequencies an editor chooses; UNTIL is the end
    of the last day, in UTC as RFC 5545 asks when the start has a time zone."""
    zone = timezone.get_current_timezone()
    last = datetime.combine(until, time(23, 59, 59), tzinfo=zone).astimezone(UTC)
    local = timezone.localtime(first_start)
    parts = {
        Frequency.WEEKLY: "FREQ=WEEKLY",
        Frequency.FORTNIGHTLY: "FREQ=WEEKLY;INTERVAL=2",
        Frequency.MONTHLY: f"FREQ=MONTHLY;BYDAY={_nth_weekday(local.date())}",
    }[frequency]
    return f"{parts};UNTIL={last:%Y%m%dT%H%M%SZ}"


def occurrence_starts(rule: str, first_start: datetime) -> list[datetime]:
    """The starts the rule gives, the first included, in Swedish wall-clock time; at
    most ``MAX_OCCURRENCES`` (a year of weekly dates, 53, fits)."""
    local = timezone.localtime(first_start)
    return list(islice(rrulestr(rule, dtstart=local), MAX_OCCURRENCES))


@transaction.atomic
def series_create(event: Event, *, frequency: str, until: date) -> EventSeries:
    """Make a saved event the first of a series, and write the others."""
    rule = rule_for(frequency, event.starts_at, until)
    starts = occurrence_starts(rule, event.starts_at)
    series = EventSeries.objects.create(rule=rule, frequency=frequency, until=until)
    event.series, event.recurrence_id = series, event.starts_at
    event.save(update_fields=["series", "recurrence_id", "updated_at"])
    length = event.ends_at - event.starts_at
    Event.objects.bulk_create(
        _copy(event, starts_at=start, ends_at=start + length, recurrence_id=start)
        for start in starts[1:]
    )
    content_changed()  # the copies are written without signals
    return series


def _copy(event: Event, **changes) -> Event:
    values = {field: getattr(event, field) for field in SHARED}
    return Event(
        municipality_id=event.municipality_id,
        organization_id=event.organization_id,
        series_id=event.series_id,
        **values,
        **changes,
    )


def wall_clock_shift(before: datetime, after: datetime) -> timedelta:
    """How far an event moved on the wall clock (so that a move across the change to
    summer time moves every later occurrence to the same local hour)."""
    return _naive(after) - _naive(before)


def _naive(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


@transaction.atomic
def series_follow(event: Event, *, moved_by: timedelta) -> list[Event]:
    """After an edit of "this event and the later ones": give the later occurrences the
    event's text, place, places and state, and move them as far on the wall clock as it
    moved (with its length). Returns them, for the caller to tell their registrants."""
    later = list(
        Event.objects.select_for_update()
        .filter(series_id=event.series_id, recurrence_id__gt=event.recurrence_id)
        .order_by("recurrence_id")
    )
    zone = timezone.get_current_timezone()
    length = event.ends_at - event.starts_at
    now = timezone.now()
    for other in later:
        for field in SHARED:
            setattr(other, field, getattr(event, field))
        other.starts_at = timezone.make_aware(_naive(other.starts_at) + moved_by, zone)
        other.ends_at = other.starts_at + length
        other.updated_at = now
    Event.objects.bulk_update(later, [*SHARED, "starts_at", "ends_at", "updated_at"])
    content_changed()  # written without signals
    return later


def later_dates(event: Event, *, limit: int = 6) -> list[Event]:
    """The series' next occurrences after this one, not cancelled (for its page)."""
    if event.series_id is None:
        return []
    return list(
        Event.objects.filter(
            series_id=event.series_id, starts_at__gt=event.starts_at, is_cancelled=False
        ).order_by("starts_at")[:limit]
    )


def horizon_end() -> datetime:
    return timezone.now() + HORIZON
