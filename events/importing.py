"""Importing a calendar a municipality already keeps (RFC 5545), once from a file or
kept in sync from its address.

Each VEVENT becomes an event of the municipality, matched by its UID: importing again
updates it rather than adding it twice, and a future event that has left the calendar
is marked cancelled (its registrations stay). Text is kept as plain text and shown
escaped, whatever markup it carries. A calendar that cannot be read, or an event in it
without a UID, a start or a title, refuses the whole import with the reason, and
nothing is saved. Events that have ended are skipped; a repeating event is imported as
its first occurrence (series come with the recurrence work).
"""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar

from municipalities.models import Municipality

from .models import CalendarSource, Event

MAX_BYTES = 2_000_000
FETCH_TIMEOUT = 10


class CalendarRefused(ValueError):
    """Why the calendar was not imported, in the reader's language."""


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    cancelled: int


def _when(value, zone) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, zone)
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time.min), zone)
    raise CalendarRefused(_("A date in the calendar could not be read."))


def _text(component, name: str, limit: int) -> str:
    value = component.get(name)
    return strip_tags(str(value)).strip()[:limit] if value is not None else ""


def _events(data: bytes, zone) -> list[dict]:
    try:
        calendar = Calendar.from_ical(data)
    except Exception as error:  # icalendar raises several kinds for bad input
        message = _("This is not a calendar file (iCalendar) that can be read.")
        raise CalendarRefused(message) from error
    found = []
    for number, component in enumerate(calendar.walk("VEVENT"), start=1):
        uid = _text(component, "UID", 300)
        title = _text(component, "SUMMARY", 200)
        if not uid or not title or component.get("DTSTART") is None:
            raise CalendarRefused(
                _("Event %(number)s in the calendar has no identifier, title or start.")
                % {"number": number}
            )
        starts = _when(component.decoded("DTSTART"), zone)
        if component.get("DTEND") is not None:
            ends = _when(component.decoded("DTEND"), zone)
        elif component.get("DURATION") is not None:
            ends = starts + component.decoded("DURATION")
        else:
            ends = starts + timedelta(hours=1)
        if ends <= starts:
            ends = starts + timedelta(hours=1)
        found.append(
            {
                "uid": uid,
                "title": title,
                "description": _text(component, "DESCRIPTION", 4000),
                "place": _text(component, "LOCATION", 300),
                "online_url": _text(component, "URL", 300),
                "starts_at": starts,
                "ends_at": ends,
            }
        )
    return found


@transaction.atomic
def calendar_import(
    *, data: bytes, municipality: Municipality, source: CalendarSource | None = None
) -> ImportResult:
    if len(data) > MAX_BYTES:
        raise CalendarRefused(_("The calendar is larger than 2 MB."))
    now = timezone.now()
    found = [e for e in _events(data, timezone.get_current_timezone()) if e["ends_at"] > now]
    imported = Event.objects.filter(municipality=municipality).exclude(source_uid="")
    existing = {event.source_uid: event for event in imported}
    created = updated = 0
    for entry in found:
        uid = entry.pop("uid")
        event = existing.pop(uid, None)
        if event is None:
            event = Event(municipality=municipality, source_uid=uid)
            created += 1
        else:
            updated += 1
        event.source = source or event.source
        # A Swedish municipality's calendar is in Swedish; other languages fall back to it.
        event.title_sv = entry["title"]
        event.description_sv = entry["description"] or entry["title"]
        event.place = entry["place"] if entry["place"] or entry["online_url"] else municipality.name
        event.online_url = entry["online_url"] if entry["online_url"].startswith("http") else ""
        event.starts_at, event.ends_at = entry["starts_at"], entry["ends_at"]
        event.is_cancelled = False
        event.save()
    cancelled = 0
    if source is not None:  # what left the calendar is cancelled, if it is still to come
        for event in existing.values():
            if event.source_id == source.pk and event.starts_at > now and not event.is_cancelled:
                event.is_cancelled = True
                event.save(update_fields=["is_cancelled", "updated_at"])
                cancelled += 1
    return ImportResult(created, updated, cancelled)


def source_sync(source: CalendarSource) -> ImportResult | None:
    """Read the calendar at its address and import it; a failure is kept on the source
    (shown to editors) and changes nothing."""
    try:
        with urllib.request.urlopen(source.url, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
        result = calendar_import(data=data, municipality=source.municipality, source=source)
    except (OSError, CalendarRefused) as error:
        source.last_error = str(error)[:300]
        source.save(update_fields=["last_error"])
        return None
    source.last_synced_at = timezone.now()
    source.last_error = ""
    source.save(update_fields=["last_synced_at", "last_error"])
    return result


def sources_sync() -> int:
    """Hourly: every imported calendar; how many were read."""
    return sum(source_sync(source) is not None for source in CalendarSource.objects.all())
