"""Appointments as iCalendar (RFC 5545): an event, a municipality's feed, a booked
meeting, a whole series. Each item's UID is stable (an event's public identifier), so a
calendar that subscribes updates it instead of adding it twice; times are written in
UTC, except in a series, whose rule repeats in Swedish time (with its VTIMEZONE) so that
it keeps its hour across summer time. Escaping and folding are the icalendar library's.

A series is one VEVENT with its rule, the cancelled dates as EXDATE and an occurrence
changed on its own as a VEVENT of the same UID with its RECURRENCE-ID. A rule that
counts its occurrences (COUNT) counts from a start Landa may not have kept, so such a
series is written date by date instead."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, vRecur
from icalendar import Event as CalendarEvent

from .models import Event, EventSeries


@dataclass(frozen=True)
class Appointment:
    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    stamp: datetime
    url: str
    description: str = ""
    location: str = ""
    cancelled: bool = False
    rule: str = ""  # RRULE value: repeats, in local time
    exceptions: tuple[datetime, ...] = ()  # EXDATE: dates of the rule that do not happen
    recurrence_id: datetime | None = None  # one occurrence of a series, changed


def event_appointment(event: Event, site_url: str) -> Appointment:
    url = f"{site_url}{event.get_absolute_url()}"
    return Appointment(
        uid=f"{event.uuid}@landa",
        summary=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        stamp=event.updated_at,
        url=url,
        description=f"{event.description}\n\n{url}",
        location=event.place or event.online_url,
        cancelled=event.is_cancelled,
    )


def series_appointments(series: EventSeries, site_url: str) -> list[Appointment]:
    """A series as its rule with exceptions, or date by date (see above)."""
    events = list(series.events.select_related("municipality", "organization"))
    events.sort(key=lambda event: event.recurrence_id or event.starts_at)
    if not events:
        return []
    if not series.rule or "COUNT=" in series.rule or events[0].recurrence_id is None:
        return [event_appointment(event, site_url) for event in events]
    first = events[0]
    master = event_appointment(first, site_url)
    uid = f"{series.uuid}@landa"
    appointments = [
        replace(
            master,
            uid=uid,
            starts_at=first.recurrence_id,
            ends_at=first.recurrence_id + (first.ends_at - first.starts_at),
            cancelled=False,
            rule=series.rule,
            exceptions=tuple(event.recurrence_id for event in events if event.is_cancelled),
        )
    ]
    for event in events:
        if event.is_cancelled:
            continue
        if (event.starts_at, event.title, event.place) != (
            event.recurrence_id,
            first.title,
            first.place,
        ) or event.ends_at - event.starts_at != first.ends_at - first.starts_at:
            changed = event_appointment(event, site_url)
            appointments.append(replace(changed, uid=uid, recurrence_id=event.recurrence_id))
    return appointments


def _moment(value: datetime, appointment: Appointment) -> datetime:
    local = appointment.rule or appointment.recurrence_id
    return timezone.localtime(value) if local else value.astimezone(UTC)


def _component(appointment: Appointment) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", appointment.uid)
    item.add("summary", appointment.summary)
    item.add("dtstart", _moment(appointment.starts_at, appointment))
    item.add("dtend", _moment(appointment.ends_at, appointment))
    if appointment.rule:
        item.add("rrule", vRecur.from_ical(appointment.rule))
    if appointment.exceptions:
        item.add("exdate", [timezone.localtime(value) for value in appointment.exceptions])
    if appointment.recurrence_id is not None:
        item.add("recurrence-id", timezone.localtime(appointment.recurrence_id))
    item.add("dtstamp", appointment.stamp.astimezone(UTC))
    item.add("url", appointment.url)
    if appointment.description:
        item.add("description", appointment.description)
    if appointment.location:
        item.add("location", appointment.location)
    if appointment.cancelled:
        item.add("status", "CANCELLED")
    return item


def calendar_response(
    appointments: Iterable[Appointment], *, name: str, file_name: str
) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//Landa//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for appointment in appointments:
        calendar.add_component(_component(appointment))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
