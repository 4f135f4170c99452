"""An association's own events: once the municipality has approved one of its
activities, its representatives publish events (once or weekly) and import the calendar
they keep; until then the forms are refused. Each person stays in their room: another
representative and a stranger get nothing, an Östersund editor may correct or cancel
the event and a Krokom editor may not."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from associations.models import Organization, Service
from events.models import CalendarSource, Event
from municipalities.models import Municipality

from .factories import OfficerFactory, UserFactory, sign_in_with_mfa
from .test_calendar_import import ics

pytestmark = pytest.mark.usefixtures("geography")


def association(*, approved: bool, email="rep@example.org", code="2380"):
    user = UserFactory(email=email)
    organization = Organization.objects.create(
        name=f"Café club {code}", municipality=Municipality.objects.get(code=code)
    )
    organization.representatives.add(user)
    Service.objects.create(
        organization=organization,
        name="Language café",
        description="Swedish over coffee.",
        category="language_practice",
        audience="everyone",
        state="approved" if approved else "submitted",
        last_verified_on=timezone.localdate() if approved else None,
    )
    client = Client()
    client.force_login(user)
    return client, organization


def form(organization, **changes) -> dict:
    start = timezone.localtime() + timedelta(days=10)
    return {
        "title_sv": "Kör för alla",
        "description_sv": "Vi sjunger tillsammans. <script>alert(1)</script>",
        "municipality": organization.municipality_id,
        "starts_at": start.strftime("%Y-%m-%dT18:00"),
        "ends_at": start.strftime("%Y-%m-%dT20:00"),
        "place": "Församlingshemmet",
        "online_url": "",
        "capacity": "",
        **changes,
    }


def test_an_approved_association_publishes_a_weekly_series_of_its_own(client):
    rep, organization = association(approved=True)
    page = rep.get(f"/en/events/association/{organization.uuid}/")
    assert page.status_code == 200 and "New event" in page.content.decode()
    until = (timezone.localdate() + timedelta(days=40)).isoformat()
    response = rep.post(
        f"/en/events/association/{organization.uuid}/new/",
        form(organization, repeat="weekly", repeat_until=until),
    )
    assert response.status_code == 302
    events = Event.objects.filter(organization=organization)
    assert events.count() >= 5 and events.values("series").distinct().count() == 1
    listing = client.get("/en/events/").content.decode()
    assert listing.count("Kör för alla") == 1 and "Café club 2380" in listing
    html = client.get(events.first().get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_an_association_not_yet_approved_cannot_publish():
    rep, organization = association(approved=False)
    page = rep.get(f"/en/events/association/{organization.uuid}/")
    assert "once the municipality has approved" in page.content.decode()
    new = f"/en/events/association/{organization.uuid}/new/"
    assert rep.get(new).status_code == 403
    assert rep.post(new, form(organization)).status_code == 403
    imports = f"/en/events/association/{organization.uuid}/import/"
    assert rep.post(imports, {"url": "https://example.org/k.ics"}).status_code == 403
    assert not Event.objects.exists() and not CalendarSource.objects.exists()


def test_an_association_no_longer_in_the_directory_cannot_change_its_events(client):
    rep, organization = association(approved=True)
    rep.post(f"/en/events/association/{organization.uuid}/new/", form(organization))
    event = Event.objects.get(organization=organization)
    Service.objects.filter(organization=organization).update(state="rejected")
    edit = f"/en/events/association/events/{event.uuid}/"
    assert rep.get(edit).status_code == 403
    assert rep.post(edit, form(organization, title_sv="Ändrad")).status_code == 403
    event.refresh_from_db()
    assert event.title_sv == "Kör för alla"


def test_an_association_imports_its_calendar_as_its_own_events():
    rep, organization = association(approved=True)
    upload = SimpleUploadedFile(
        "k.ics", ics(("kor@club", "Körövning", 4)), content_type="text/calendar"
    )
    response = rep.post(
        f"/en/events/association/{organization.uuid}/import/", {"file": upload}, follow=True
    )
    assert "Imported. New: 1. Updated: 0. Cancelled: 0." in response.content.decode()
    event = Event.objects.get()
    assert event.organization == organization and event.municipality == organization.municipality
    empty = rep.post(f"/en/events/association/{organization.uuid}/import/", {})
    assert empty.status_code == 400
    assert "Give a calendar address or a file." in empty.content.decode()


def test_bad_input_is_refused_and_nothing_is_saved():
    rep, organization = association(approved=True)
    new = f"/en/events/association/{organization.uuid}/new/"
    response = rep.post(new, form(organization, capacity="-2", place=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give a place or an online link." in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert 'value="Kör för alla"' in html and not Event.objects.exists()
    krokom = Municipality.objects.get(code="2309").pk
    response = rep.post(new, form(organization, municipality=krokom))
    assert response.status_code == 400 and not Event.objects.exists()


def test_each_person_stays_in_their_own_room():
    rep, organization = association(approved=True)
    rep.post(f"/en/events/association/{organization.uuid}/new/", form(organization))
    event = Event.objects.get()
    other, _theirs = association(approved=True, email="other@example.org", code="2309")
    for address in (
        f"/en/events/association/{organization.uuid}/",
        f"/en/events/association/{organization.uuid}/new/",
        f"/en/events/association/{organization.uuid}/import/",
        f"/en/events/association/events/{event.uuid}/",
    ):
        assert other.get(address).status_code == 404, address
        assert Client().get(address).status_code == 302, address  # sign in first
    refused = other.post(f"/en/events/association/events/{event.uuid}/", form(organization))
    assert refused
    assert refused.status_code == 404
    event.refresh_from_db()
    assert event.place == "Församlingshemmet"

    def desk(code):
        officer = OfficerFactory(municipality=Municipality.objects.get(code=code), role="editor")
        client = Client()
        sign_in_with_mfa(client, officer.user)
        return client

    krokom = desk("2309")
    assert krokom.get(f"/en/municipalities/desk/events/{event.uuid}/").status_code == 404
    ostersund = desk("2380")
    values = {**form(organization), "is_cancelled": "on"}
    values["starts_at"] = timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M")
    values["ends_at"] = timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M")
    response = ostersund.post(f"/en/municipalities/desk/events/{event.uuid}/", values)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled and event.organization == organization
