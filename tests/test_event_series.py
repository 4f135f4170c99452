"""Repeating events (RFC 5545 rules): an editor writes a weekly series in one form; its
times keep their Swedish hour across summer time; a change reaches the later dates
when asked, and the people registered hear of a new time or a cancellation, once; more
places move the waiting list up; a series appears once in the list, its page shows the
later dates, and its .ics is one rule with its exceptions that a calendar program
expands to the same dates. Imported calendars' series (RRULE, EXDATE, a changed
occurrence) become events, kept in step without duplicates; a rule that cannot be read
refuses the import whole."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import recurring_ical_events
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from events.importing import CalendarRefused, calendar_import
from events.models import Event, EventSeries, Registration
from events.services import register
from municipalities.models import Municipality
from outbox.models import OutgoingMessage

from .factories import OfficerFactory, UserFactory, sign_in_with_mfa

pytestmark = pytest.mark.usefixtures("geography")

NEW = "/en/municipalities/desk/events/new/"


def editor(code="2380") -> Client:
    officer = OfficerFactory(municipality=Municipality.objects.get(code=code), role="editor")
    client = Client()
    sign_in_with_mfa(client, officer.user)
    return client


def first_tuesday_of_march() -> date:
    """Next year's first Tuesday in March: a weekly series from it crosses the change to
    summer time (the last Sunday of March) whatever day the suite runs."""
    day = date(timezone.localdate().year + 1, 3, 1)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def series_form(**changes) -> dict:
    first = first_tuesday_of_march()
    return {
        "title_sv": "Språkcafé",
        "description_sv": "Prata svenska över en kopp kaffe.",
        "municipality": Municipality.objects.get(code="2380").pk,
        "starts_at": f"{first}T18:00",
        "ends_at": f"{first}T20:00",
        "place": "Stadsbiblioteket",
        "online_url": "",
        "capacity": "1",
        "repeat": "weekly",
        "repeat_until": str(first + timedelta(days=60)),
        **changes,
    }


def local_hours(events) -> set[tuple[int, int]]:
    return {
        (timezone.localtime(e.starts_at).hour, timezone.localtime(e.ends_at).hour) for e in events
    }


def test_a_weekly_series_keeps_its_swedish_hour_across_summer_time():
    response = editor().post(NEW, series_form())
    assert response.status_code == 302
    events = list(Event.objects.order_by("starts_at"))
    assert len(events) == 9  # nine Tuesdays in 60 days
    assert len({event.series_id for event in events}) == 1
    assert local_hours(events) == {(18, 20)}
    offsets = {timezone.localtime(event.starts_at).utcoffset() for event in events}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}  # winter and summer time
    assert [e.starts_at for e in events] == [e.recurrence_id for e in events]
    series = EventSeries.objects.get()
    assert series.frequency == "weekly" and series.rule.startswith("FREQ=WEEKLY;UNTIL=")


def test_a_monthly_series_keeps_the_same_weekday_of_the_month():
    first = first_tuesday_of_march() + timedelta(days=7)  # the second Tuesday
    data = series_form(
        starts_at=f"{first}T18:00",
        ends_at=f"{first}T20:00",
        repeat="monthly",
        repeat_until=str(first + timedelta(days=150)),
    )
    assert editor().post(NEW, data).status_code == 302
    days = [timezone.localtime(e.starts_at).date() for e in Event.objects.order_by("starts_at")]
    assert len(days) == 5
    assert all(day.weekday() == 1 and 8 <= day.day <= 14 for day in days)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"repeat_until": ""}, "Give the day the series ends."),
        ({"repeat_until": "2020-01-01"}, "The series must end after the first event."),
        ({"repeat_until": "2099-01-01"}, "A series can last at most a year."),
    ],
)
def test_a_series_that_cannot_be_is_refused_and_nothing_is_saved(changes, message):
    response = editor().post(NEW, series_form(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'value="Språkcafé"' in html
    assert not Event.objects.exists() and not EventSeries.objects.exists()


def edit(client: Client, event: Event, **changes):
    values = {
        "title_sv": event.title_sv,
        "description_sv": event.description_sv,
        "municipality": event.municipality_id,
        "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "place": event.place,
        "online_url": event.online_url,
        "capacity": event.capacity or "",
        "scope": "this",
        **changes,
    }
    if values.pop("is_cancelled", False):
        values["is_cancelled"] = "on"
    return client.post(f"/en/municipalities/desk/events/{event.uuid}/", values)


def test_a_change_to_this_and_later_dates_moves_them_and_tells_who_registered():
    desk = editor()
    desk.post(NEW, series_form())
    events = list(Event.objects.order_by("starts_at"))
    person = UserFactory(preferred_language="sv")
    register(event=events[0], user=person)
    register(event=events[5], user=person)
    third = events[2]
    start = timezone.localtime(third.starts_at)
    moved = {
        "starts_at": start.replace(hour=19).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": start.replace(hour=21).strftime("%Y-%m-%dT%H:%M"),
        "place": "Folkets hus",
        "scope": "later",
    }
    assert edit(desk, third, **moved).status_code == 302
    events = list(Event.objects.order_by("recurrence_id"))
    assert local_hours(events[:2]) == {(18, 20)}
    assert local_hours(events[2:]) == {(19, 21)}  # also after summer time begins
    assert {e.place for e in events[2:]} == {"Folkets hus"}
    assert events[0].place == "Stadsbiblioteket"
    [mail] = OutgoingMessage.objects.filter(kind="event_changed")
    assert mail.recipient == person.email and "19:00" in mail.body_text
    assert "Folkets hus" in mail.body_text


def test_cancelling_one_date_mails_its_registrants_once_and_more_places_promote():
    desk = editor()
    desk.post(NEW, series_form())
    first, second = Event.objects.order_by("starts_at")[:2]
    holder, waiting = UserFactory(), UserFactory()
    register(event=second, user=holder)
    assert register(event=second, user=waiting).status == "waiting"
    assert edit(desk, second, capacity="2").status_code == 302
    assert Registration.objects.get(user=waiting).status == "confirmed"
    assert OutgoingMessage.objects.filter(kind="event_promoted").count() == 1

    second.refresh_from_db()
    assert edit(desk, second, is_cancelled=True).status_code == 302
    second.refresh_from_db()
    assert edit(desk, second, is_cancelled=True).status_code == 302  # saved again
    mails = OutgoingMessage.objects.filter(kind="event_cancelled")
    assert sorted(mails.values_list("recipient", flat=True)) == sorted(
        [holder.email, waiting.email]
    )
    first.refresh_from_db()
    assert not first.is_cancelled  # only this date


def test_the_list_shows_a_series_once_and_its_page_the_later_dates(
    client, django_assert_max_num_queries
):
    editor().post(NEW, series_form())
    with django_assert_max_num_queries(8):
        html = client.get("/en/events/").content.decode()
    assert html.count("Språkcafé") == 1 and "Every week, until" in html
    first = Event.objects.order_by("starts_at").first()
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Later dates" in page and page.count("/en/events/") >= 6
    assert first.series.get_calendar_url() in page


def test_the_series_calendar_is_one_rule_that_expands_to_the_same_dates(client):
    desk = editor()
    desk.post(NEW, series_form())
    events = list(Event.objects.order_by("starts_at"))
    edit(desk, events[1], is_cancelled=True)
    start = timezone.localtime(events[3].starts_at)
    edit(
        desk,
        events[3],
        starts_at=start.replace(hour=17).strftime("%Y-%m-%dT%H:%M"),
        ends_at=start.replace(hour=19).strftime("%Y-%m-%dT%H:%M"),
    )
    response = client.get(events[0].series.get_calendar_url())
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    components = calendar.walk("VEVENT")
    assert len(components) == 2  # the rule, and the one date moved alone
    assert "RRULE" in components[0] and "EXDATE" in components[0]
    assert "RECURRENCE-ID" in components[1]
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Stockholm"
    first = events[0].starts_at - timedelta(days=1)
    expanded = recurring_ical_events.of(calendar).between(first, first + timedelta(days=90))
    starts = sorted(component.decoded("DTSTART") for component in expanded)
    expected = sorted(e.starts_at for e in Event.objects.filter(is_cancelled=False))
    assert starts == expected


def repeating_ics(*, extra: str = "", exdate: str = "") -> bytes:
    first = first_tuesday_of_march()
    day = f"{first:%Y%m%d}"
    moved = f"{first + timedelta(days=14):%Y%m%d}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kommun//SE",
        "BEGIN:VEVENT",
        "UID:cafe@kommun",
        "SUMMARY:Språkcafé <b>varje vecka</b>",
        f"DTSTART;TZID=Europe/Stockholm:{day}T180000",
        f"DTEND;TZID=Europe/Stockholm:{day}T200000",
        f"RRULE:FREQ=WEEKLY;COUNT=6{extra}",
        *([f"EXDATE;TZID=Europe/Stockholm:{exdate}T180000"] if exdate else []),
        "LOCATION:Biblioteket",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:cafe@kommun",
        f"RECURRENCE-ID;TZID=Europe/Stockholm:{moved}T180000",
        "SUMMARY:Språkcafé med fika",
        f"DTSTART;TZID=Europe/Stockholm:{moved}T170000",
        f"DTEND;TZID=Europe/Stockholm:{moved}T200000",
        "LOCATION:Folkets hus",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def test_an_imported_series_becomes_its_dates_and_importing_again_adds_none():
    ostersund = Municipality.objects.get(code="2380")
    result = calendar_import(data=repeating_ics(), municipality=ostersund)
    assert (result.created, result.updated) == (6, 0)
    events = list(Event.objects.order_by("starts_at"))
    assert len({e.series_id for e in events}) == 1 and events[0].series.frequency == "weekly"
    assert events[0].title_sv == "Språkcafé varje vecka"  # markup dropped
    assert events[2].title_sv == "Språkcafé med fika" and events[2].place == "Folkets hus"
    assert timezone.localtime(events[2].starts_at).hour == 17
    assert timezone.localtime(events[2].recurrence_id).hour == 18
    assert local_hours(events[3:]) == {(18, 20)}

    skipped = f"{first_tuesday_of_march() + timedelta(days=7):%Y%m%d}"
    again = calendar_import(data=repeating_ics(exdate=skipped), municipality=ostersund)
    assert (again.created, again.updated) == (0, 5)
    assert Event.objects.count() == 6 and EventSeries.objects.count() == 1


def test_a_rule_that_cannot_be_read_refuses_the_import_whole():
    ostersund = Municipality.objects.get(code="2380")
    with pytest.raises(CalendarRefused):
        calendar_import(data=repeating_ics(extra=";BYDAY=XX"), municipality=ostersund)
    with pytest.raises(CalendarRefused, match="rule that cannot be read"):
        calendar_import(data=repeating_ics(extra=";FREQ=NEVER"), municipality=ostersund)
    assert not Event.objects.exists() and not EventSeries.objects.exists()


def test_series_dates_are_wall_clock_even_when_the_rule_starts_in_winter():
    from events.series import occurrence_starts, rule_for

    zone = timezone.get_current_timezone()
    first = datetime(2030, 3, 19, 18, 0, tzinfo=zone)  # the Tuesday before summer time
    starts = occurrence_starts(rule_for("weekly", first, date(2030, 4, 9)), first)
    assert [s.hour for s in starts] == [18, 18, 18, 18]
    assert [s.utcoffset() for s in starts] == [timedelta(hours=h) for h in (1, 1, 2, 2)]


def test_a_welcome_letter_lists_a_series_once_saying_how_often():
    from welcome.letters.compose import events_for

    editor().post(NEW, series_form())
    [listing] = events_for(Municipality.objects.get(code="2380"), "sv", "https://landa.example")
    assert listing.title == "Språkcafé" and listing.detail.endswith("(varje vecka)")
