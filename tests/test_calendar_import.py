"""Importing a calendar a municipality already keeps: from a file or kept in sync from
its address, without duplicates; what left the calendar is cancelled; markup comes out
inert; a malformed calendar is refused whole with the reason."""

from __future__ import annotations

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from events.importing import CalendarRefused, calendar_import, sources_sync
from events.models import CalendarSource, Event
from municipalities.models import Municipality

from .factories import OfficerFactory, sign_in_with_mfa

pytestmark = pytest.mark.usefixtures("geography")


def ics(*events: tuple[str, str, int]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kommun//SE"]
    for uid, title, days in events:
        start = (timezone.now() + timedelta(days=days)).strftime("%Y%m%dT170000Z")
        end = (timezone.now() + timedelta(days=days)).strftime("%Y%m%dT190000Z")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"SUMMARY:{title}",
            f"DTSTART:{start}",
            f"DTEND:{end}",
            "LOCATION:Stadsbiblioteket",
            "DESCRIPTION:<script>alert(1)</script>Fika",
            "END:VEVENT",
        ]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def ostersund() -> Municipality:
    return Municipality.objects.get(code="2380")


def test_a_file_imports_once_and_again_updates_without_duplicates(client):
    data = ics(("a@kommun", "Språkcafé", 3), ("b@kommun", "Välkomstkväll", 5), ("c", "Gone", -3))
    result = calendar_import(data=data, municipality=ostersund())
    assert (result.created, result.updated) == (2, 0)  # the past one is skipped
    again = calendar_import(
        data=ics(("a@kommun", "Språkcafé (ny tid)", 4), ("b@kommun", "Välkomstkväll", 5)),
        municipality=ostersund(),
    )
    assert (again.created, again.updated) == (0, 2)
    assert Event.objects.count() == 2
    cafe = Event.objects.get(source_uid="a@kommun")
    assert cafe.title_sv == "Språkcafé (ny tid)" and cafe.description_sv == "alert(1)Fika"
    html = client.get(cafe.get_absolute_url()).content.decode()
    assert "<script>" not in html


def test_a_malformed_calendar_is_refused_whole():
    with pytest.raises(CalendarRefused, match="not a calendar file"):
        calendar_import(data=b"this is not a calendar", municipality=ostersund())
    no_uid = ics(("y", "First", 2), ("x", "Fine", 3)).replace(b"UID:x\r\n", b"")
    with pytest.raises(CalendarRefused, match="Event 2 in the calendar has no identifier"):
        calendar_import(data=no_uid, municipality=ostersund())
    assert not Event.objects.exists() and not CalendarSource.objects.exists()


class _Calendar(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        self.wfile.write(type(self).body)

    def log_message(self, *args):
        pass


@pytest.fixture
def calendar_server(settings):
    settings.CALENDAR_FETCH_ALLOW_PRIVATE = True  # served from this machine
    server = HTTPServer(("127.0.0.1", 0), _Calendar)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_port}/kalender.ics"
    server.shutdown()


def test_an_editor_subscribes_and_the_sync_keeps_it_in_step(calendar_server):
    _server, url = calendar_server
    _Calendar.body = ics(("a@kommun", "Språkcafé", 3), ("b@kommun", "Välkomstkväll", 5))
    officer = OfficerFactory(role="editor")
    desk = Client()
    sign_in_with_mfa(desk, officer.user)
    response = desk.post(
        "/en/municipalities/desk/events/import/",
        {"municipality": ostersund().pk, "url": url},
        follow=True,
    )
    assert "Imported. New: 2. Updated: 0. Cancelled: 0." in response.content.decode()
    _Calendar.body = ics(("a@kommun", "Språkcafé", 3))
    assert sources_sync() == 1
    assert Event.objects.get(source_uid="b@kommun").is_cancelled
    assert CalendarSource.objects.get().last_error == ""

    _Calendar.body = b"garbage"
    assert sources_sync() == 0
    assert "not a calendar file" in CalendarSource.objects.get().last_error
    assert not Event.objects.get(source_uid="a@kommun").is_cancelled  # nothing changed


def test_the_import_form_refuses_bad_input_and_other_roles():
    officer = OfficerFactory(role="editor")
    desk = Client()
    sign_in_with_mfa(desk, officer.user)
    page = "/en/municipalities/desk/events/import/"
    response = desk.post(page, {"municipality": ostersund().pk})
    assert response.status_code == 400
    assert "Give a calendar address or a file." in response.content.decode()
    upload = SimpleUploadedFile("k.ics", b"nonsense", content_type="text/calendar")
    response = desk.post(page, {"municipality": ostersund().pk, "file": upload})
    assert "The calendar was not imported" in response.content.decode()
    krokom = Municipality.objects.get(code="2309")
    upload = SimpleUploadedFile("k.ics", ics(("z", "Z", 3)), content_type="text/calendar")
    response = desk.post(page, {"municipality": krokom.pk, "file": upload})
    assert response.status_code == 400 and not Event.objects.exists()  # not their area
    plain = Client()
    sign_in_with_mfa(plain, OfficerFactory(role="officer").user)
    assert plain.get(page).status_code == 403


def test_one_address_and_one_imported_date_each_even_without_an_association():
    from django.db import IntegrityError, transaction

    CalendarSource.objects.create(municipality=ostersund(), url="https://example.org/cal.ics")
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarSource.objects.create(municipality=ostersund(), url="https://example.org/cal.ics")
    start = timezone.now() + timedelta(days=3)
    fields = {
        "municipality": ostersund(),
        "source_uid": "a@kommun",
        "title_sv": "Språkcafé",
        "description_sv": "Svenska över en fika.",
        "place": "Biblioteket",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
    }
    Event.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(**fields)


def test_an_address_off_the_public_internet_is_refused_and_nothing_fetched(calendar_server):
    from django.test import override_settings

    _server, url = calendar_server
    _Calendar.body = ics(("a@kommun", "Språkcafé", 3))
    with override_settings(CALENDAR_FETCH_ALLOW_PRIVATE=False):
        for address in (url, "http://localhost/x.ics", "http://169.254.169.254/latest/"):
            with pytest.raises(CalendarRefused, match="public internet"):
                import_requested_from(address)
        with pytest.raises(CalendarRefused, match="starts with https"):
            import_requested_from("file:///etc/passwd")
    assert not Event.objects.exists() and not CalendarSource.objects.exists()


def import_requested_from(url: str):
    from events.importing import import_requested

    return import_requested(municipality=ostersund(), organization=None, file=None, url=url)
