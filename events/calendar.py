"""Events as iCalendar (RFC 5545): one event, or a municipality's feed. Each event's UID
is its public identifier, so a calendar that subscribes updates it instead of adding it
twice; times are written in UTC. Escaping and folding are the icalendar library's."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

from django.http import HttpResponse
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event


def _component(event: Event, site_url: str) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"{event.uuid}@landa")
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at.astimezone(UTC))
    item.add("dtend", event.ends_at.astimezone(UTC))
    item.add("dtstamp", event.updated_at.astimezone(UTC))
    item.add("description", f"{event.description}\n\n{site_url}{event.get_absolute_url()}")
    item.add("url", f"{site_url}{event.get_absolute_url()}")
    if event.place:
        item.add("location", event.place)
    elif event.online_url:
        item.add("location", event.online_url)
    if event.is_cancelled:
        item.add("status", "CANCELLED")
    return item


def calendar_response(
    events: Iterable[Event], *, name: str, file_name: str, site_url: str
) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//Landa//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_component(event, site_url))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
