"""Appointments as iCalendar (RFC 5545): an event, a municipality's feed, a booked
meeting. Each item's UID is stable (an event's public identifier), so a calendar that
subscribes updates it instead of adding it twice; times are written in UTC. Escaping
and folding are the icalendar library's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.http import HttpResponse
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event


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


def _component(appointment: Appointment) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", appointment.uid)
    item.add("summary", appointment.summary)
    item.add("dtstart", appointment.starts_at.astimezone(UTC))
    item.add("dtend", appointment.ends_at.astimezone(UTC))
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
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
