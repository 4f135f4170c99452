"""Importing a calendar a municipality or an association already keeps (RFC 5545),
once from a file or kept in sync from its address.

Each VEVENT becomes an event of the municipality (or the association), matched by its
UID and, in a repeating event, by the start its rule gave the occurrence
(RECURRENCE-ID): importing again updates it rather than adding it twice, and a future
event that has left the calendar is marked cancelled (its registrations stay, and hear
of it). A repeating event (RRULE, RDATE, EXDATE and changed occurrences) becomes a
series whose occurrences in the coming year are events, at most
``series.MAX_OCCURRENCES`` of each; a calendar kept in sync gains the later ones as the
year moves on. Text is kept as plain text and shown escaped, whatever markup it
carries. A calendar that cannot be read, or an event in it without a UID, a start or a
title, refuses the whole import with the reason, and nothing is saved. Events that have
ended are skipped.

An address is read only from the public internet (every address its host name resolves
to must be global; redirects are not followed), in at most 2 MB, and a failure is told
in the reader's words, never with the network's own message.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import recurring_ical_events
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar

from associations.models import Organization
from municipalities.models import Municipality

from .models import CalendarSource, Event, EventSeries
from .series import MAX_OCCURRENCES, horizon_end
from .services import Before, changes_tell, registrants_tell

MAX_BYTES = 2_000_000
MAX_EVENTS = 2_000
FETCH_TIMEOUT = 10


class CalendarRefused(ValueError):
    """Why the calendar was not imported, in the reader's language."""


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    cancelled: int

    def summary(self) -> str:
        return _("Imported. New: %(created)s. Updated: %(updated)s. Cancelled: %(cancelled)s.") % {
            "created": self.created,
            "updated": self.updated,
            "cancelled": self.cancelled,
        }


def _when(value, zone) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, zone)
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time.min), zone)
    raise CalendarRefused(_("A date in the calendar could not be read."))


def _text(component, name: str, limit: int) -> str:
    value = component.get(name)
    return strip_tags(str(value)).strip()[:limit] if value is not None else ""


def _calendar(data: bytes) -> Calendar:
    try:
        calendar = Calendar.from_ical(data)
    except Exception as error:  # icalendar raises several kinds for bad input
        message = _("This is not a calendar file (iCalendar) that can be read.")
        raise CalendarRefused(message) from error
    for number, component in enumerate(calendar.walk("VEVENT"), start=1):
        if not _text(component, "UID", 300) or not _text(component, "SUMMARY", 200):
            raise _incomplete(number)
        if component.get("DTSTART") is None:
            raise _incomplete(number)
    return calendar


def _incomplete(number: int) -> CalendarRefused:
    return CalendarRefused(
        _("Event %(number)s in the calendar has no identifier, title or start.")
        % {"number": number}
    )


def _rules(calendar: Calendar) -> dict[str, EventSeries]:
    """An unsaved series for each repeating event, by UID: its rule as written, and how
    to describe it when it is one an editor could have chosen."""
    found = {}
    for component in calendar.walk("VEVENT"):
        rule = component.get("RRULE")
        if component.get("RECURRENCE-ID") is not None:
            continue
        if rule is None and component.get("RDATE") is None:
            continue
        rule = rule[0] if isinstance(rule, list) else rule
        try:
            found[_text(component, "UID", 300)] = _series(rule)
        except Exception as error:  # icalendar keeps a broken rule, raising on use
            raise _unreadable_rule() from error
    return found


def _unreadable_rule() -> CalendarRefused:
    return CalendarRefused(_("A repeating event in the calendar has a rule that cannot be read."))


def _series(rule) -> EventSeries:
    if rule is None:  # dates listed one by one (RDATE)
        return EventSeries(rule="", frequency=EventSeries.Frequency.OTHER)
    frequency, interval = rule.get("FREQ", [""])[0], rule.get("INTERVAL", [1])[0]
    kinds = {
        ("WEEKLY", 1): EventSeries.Frequency.WEEKLY,
        ("WEEKLY", 2): EventSeries.Frequency.FORTNIGHTLY,
        ("MONTHLY", 1): EventSeries.Frequency.MONTHLY,
    }
    until = rule.get("UNTIL", [None])[0]
    if isinstance(until, datetime):
        until = timezone.localtime(until).date() if timezone.is_aware(until) else until.date()
    return EventSeries(
        rule=rule.to_ical().decode()[:500],
        frequency=kinds.get((frequency, interval), EventSeries.Frequency.OTHER),
        until=until,
    )


def _events(data: bytes, zone) -> tuple[list[dict], dict[str, EventSeries]]:
    calendar = _calendar(data)
    rules = _rules(calendar)
    try:
        occurrences = recurring_ical_events.of(calendar).between(timezone.now(), horizon_end())
        occurrences = list(occurrences)
    except Exception as error:  # a rule or date the library cannot expand
        raise _unreadable_rule() from error
    found, per_series = [], {}
    for component in occurrences:
        uid = _text(component, "UID", 300)
        repeating = uid in rules
        if repeating:
            per_series[uid] = per_series.get(uid, 0) + 1
            if per_series[uid] > MAX_OCCURRENCES:
                continue
        if len(found) == MAX_EVENTS:
            message = _("The calendar has more than %(count)s events in the coming year.")
            raise CalendarRefused(message % {"count": MAX_EVENTS})
        starts = _when(component.decoded("DTSTART"), zone)
        ends = _when(component.decoded("DTEND"), zone) if component.get("DTEND") else starts
        if ends <= starts:
            ends = starts + timedelta(hours=1)
        recurrence_id = None
        if repeating and component.get("RECURRENCE-ID") is not None:
            recurrence_id = _when(component.decoded("RECURRENCE-ID"), zone)
        found.append(
            {
                "uid": uid,
                "recurrence_id": recurrence_id,
                "title": _text(component, "SUMMARY", 200),
                "description": _text(component, "DESCRIPTION", 4000),
                "place": _text(component, "LOCATION", 300),
                "online_url": _text(component, "URL", 300),
                "starts_at": starts,
                "ends_at": ends,
            }
        )
    return found, rules


@transaction.atomic
def calendar_import(
    *,
    data: bytes,
    municipality: Municipality,
    organization: Organization | None = None,
    source: CalendarSource | None = None,
) -> ImportResult:
    """Import into the municipality's own events, or the association's."""
    if len(data) > MAX_BYTES:
        raise CalendarRefused(_("The calendar is larger than 2 MB."))
    now = timezone.now()
    found, rules = _events(data, timezone.get_current_timezone())
    found = [entry for entry in found if entry["ends_at"] > now]
    imported = Event.objects.filter(municipality=municipality, organization=organization)
    existing = {
        (event.source_uid, event.recurrence_id): event
        for event in imported.exclude(source_uid="").select_related("series")
    }
    series = _series_saved(rules, existing.values())
    created = updated = 0
    for entry in found:
        uid = entry.pop("uid")
        event = existing.pop((uid, entry["recurrence_id"]), None)
        before = None if event is None else Before.of(event)
        if event is None:
            event = Event(
                municipality=municipality,
                organization=organization,
                source_uid=uid,
                recurrence_id=entry["recurrence_id"],
            )
        # A Swedish calendar is in Swedish; other languages fall back to it.
        values = {
            "source": source or event.source,
            "series": series.get(uid),
            "title_sv": entry["title"],
            "description_sv": entry["description"] or entry["title"],
            "place": entry["place"] if entry["place"] or entry["online_url"] else municipality.name,
            "online_url": entry["online_url"] if entry["online_url"].startswith("http") else "",
            "starts_at": entry["starts_at"],
            "ends_at": entry["ends_at"],
            "is_cancelled": False,
        }
        if before is None:
            created += 1
        else:
            updated += 1  # found again, changed or not
            if all(getattr(event, name) == value for name, value in values.items()):
                continue  # as it was: not saved again, nobody told
        for name, value in values.items():
            setattr(event, name, value)
        event.save()
        if before is not None:
            changes_tell(event, before)
    cancelled = 0
    if source is not None:  # what left the calendar is cancelled, if it is still to come
        for event in existing.values():
            if event.source_id == source.pk and event.starts_at > now and not event.is_cancelled:
                event.is_cancelled = True
                event.save(update_fields=["is_cancelled", "updated_at"])
                registrants_tell(event, kind="cancelled")
                cancelled += 1
    return ImportResult(created, updated, cancelled)


def _series_saved(rules: dict[str, EventSeries], existing) -> dict[str, EventSeries]:
    """The calendar's series, as saved: one kept from an earlier import is updated."""
    known = {event.source_uid: event.series for event in existing if event.series_id}
    saved = {}
    for uid, series in rules.items():
        kept = known.get(uid)
        if kept is not None:
            kept.rule, kept.frequency, kept.until = series.rule, series.frequency, series.until
            kept.save(update_fields=["rule", "frequency", "until"])
            series = kept
        else:
            series.save()
        saved[uid] = series
    return saved


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is answered as an error, not followed elsewhere


def _public_host(host: str, port: int) -> None:
    """Refuse a host that resolves to an address off the public internet."""
    try:
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except OSError as error:
        raise CalendarRefused(_("The calendar could not be read at that address.")) from error
    if not all(ipaddress.ip_address(info[4][0]).is_global for info in found):
        raise CalendarRefused(_("Give the address of a calendar on the public internet."))


def calendar_fetch(url: str) -> bytes:
    """The calendar at ``url`` (http or https, public, no redirects), at most 2 MB and
    one byte more, so that a larger one is refused."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CalendarRefused(_("Give a calendar address that starts with https://."))
    if not settings.CALENDAR_FETCH_ALLOW_PRIVATE:
        _public_host(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(url, timeout=FETCH_TIMEOUT) as response:
            return response.read(MAX_BYTES + 1)
    except OSError as error:  # HTTP errors, redirects, time-outs, refused connections
        raise CalendarRefused(_("The calendar could not be read at that address.")) from error


def source_sync(source: CalendarSource) -> ImportResult | None:
    """Read the calendar at its address and import it; a failure is kept on the source
    (shown to editors) and changes nothing."""
    try:
        result = _source_import(source, calendar_fetch(source.url))
    except CalendarRefused as error:
        source.last_error = str(error)[:300]
        source.save(update_fields=["last_error"])
        return None
    return result


def _source_import(source: CalendarSource, data: bytes) -> ImportResult:
    result = calendar_import(
        data=data,
        municipality=source.municipality,
        organization=source.organization,
        source=source,
    )
    source.last_synced_at = timezone.now()
    source.last_error = ""
    source.save(update_fields=["last_synced_at", "last_error"])
    return result


def import_requested(
    *, municipality: Municipality, organization: Organization | None, file, url: str
) -> ImportResult:
    """An import asked for in a form: a file once, or an address, kept in step from then
    on once it has been read. Raises ``CalendarRefused`` with the reason, and then
    nothing is kept."""
    if file:
        return calendar_import(
            data=file.read(MAX_BYTES + 1), municipality=municipality, organization=organization
        )
    data = calendar_fetch(url)
    with transaction.atomic():
        source, _created = CalendarSource.objects.get_or_create(
            municipality=municipality, organization=organization, url=url
        )
        return _source_import(source, data)


def sources_sync() -> int:
    """Hourly: every imported calendar; how many were read."""
    return sum(source_sync(source) is not None for source in CalendarSource.objects.all())
