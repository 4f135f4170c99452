"""Meetings: an officer offers times, a consenting newcomer of the area books one and
gets a confirmation with a calendar link, cancelling frees it; two people booking the
same time at once, exactly one wins (PostgreSQL, concurrently); everyone else is kept
out."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from municipalities.models import Municipality, OfficerAccess
from newcomers.models import NewcomerProfile
from newcomers.services import consent_set
from outbox.models import OutgoingMessage
from welcome.meetings.services import slot_book
from welcome.models import MeetingSlot

from .factories import OfficerFactory, UserFactory, sign_in_with_mfa
from .journeys import onboard

pytestmark = pytest.mark.usefixtures("national", "geography")

DESK = "/en/municipalities/desk/meetings/"
MINE = "/en/newcomers/meetings/"


def officer_client(code="2380"):
    officer = OfficerFactory(
        municipality=Municipality.objects.get(code=code), user__display_name="Officer Oak"
    )
    client = Client()
    sign_in_with_mfa(client, officer.user)
    return client, officer


def newcomer(email="new@example.org", code="2380", consent=True):
    user = UserFactory(email=email, display_name="Ada")
    client = Client()
    onboard(client, user, municipality=code)
    if consent:
        consent_set(user=user, kind="municipality_contact", given=True)
    return client, NewcomerProfile.objects.get(user=user)


def slot(officer, days=2) -> MeetingSlot:
    starts = timezone.now() + timedelta(days=days)
    return MeetingSlot.objects.create(
        officer=officer,
        municipality=officer.municipality,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=45),
        place="Stadshuset",
    )


def when(days: int, hour: int) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime(f"%Y-%m-%dT{hour:02}:00")


def test_an_officer_offers_a_time_and_bad_times_are_refused():
    desk, officer = officer_client()
    municipality = officer.municipality.pk
    data = {"municipality": municipality, "starts_at": when(-1, 10), "ends_at": when(-1, 9)}
    response = desk.post(DESK, {**data, "place": ""})
    assert response.status_code == 400
    html = response.content.decode()
    for message in (
        "Choose a time in the future.",
        "It must end after it starts.",
        "Give a place or an online link.",
    ):
        assert message in html
    assert not MeetingSlot.objects.exists()
    data = {"municipality": municipality, "starts_at": when(2, 10), "ends_at": when(2, 11)}
    assert desk.post(DESK, {**data, "place": "Stadshuset"}).status_code == 302
    assert MeetingSlot.objects.get().officer == officer


def test_a_newcomer_books_gets_a_confirmation_and_cancels():
    desk, officer = officer_client()
    time = slot(officer)
    client, profile = newcomer()
    assert "Stadshuset" in client.get(MINE).content.decode()
    assert client.post(f"{MINE}{time.uuid}/book/").status_code == 302
    time.refresh_from_db()
    assert time.booked_by == profile
    [mail] = OutgoingMessage.objects.filter(kind="meeting_booked")
    assert f"/en/newcomers/meetings/{time.uuid}/meeting.ics" in mail.body_text
    ics = client.get(f"{MINE}{time.uuid}/meeting.ics")
    assert b"BEGIN:VEVENT" in ics.content and b"Officer Oak" in ics.content
    assert "booked by Ada" in desk.get(DESK).content.decode()
    assert OfficerAccess.objects.filter(person=profile.user, action="listed").exists()
    other, _profile = newcomer("other@example.org")
    response = other.post(f"{MINE}{time.uuid}/book/", follow=True)
    assert "Someone else has just booked that time." in response.content.decode()
    client.post(f"{MINE}{time.uuid}/cancel/")
    time.refresh_from_db()
    assert time.booked_by is None
    assert other.post(f"{MINE}{time.uuid}/book/").status_code == 302
    assert OutgoingMessage.objects.filter(kind="meeting_booked").count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_people_booking_the_same_time_at_once_one_wins():
    if connection.vendor != "postgresql":
        pytest.skip("the race is PostgreSQL's")
    _desk, officer = officer_client()
    time = slot(officer)
    profiles = [newcomer(f"racer{n}@example.org")[1] for n in range(2)]
    barrier = threading.Barrier(2)
    results = []

    def book(profile):
        barrier.wait()
        try:
            results.append(slot_book(slot=time, profile=profile))
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(profile,)) for profile in profiles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert OutgoingMessage.objects.filter(kind="meeting_booked").count() == 1


def test_everyone_else_is_kept_out():
    _desk, officer = officer_client()
    time = slot(officer)
    past = slot(officer, days=-1)
    krokom, _profile = newcomer("krokom@example.org", code="2309")
    assert "Stadshuset" not in krokom.get(MINE).content.decode()
    assert krokom.post(f"{MINE}{time.uuid}/book/").status_code == 404
    silent, _profile = newcomer("silent@example.org", consent=False)
    assert "agree that your municipality may contact you" in silent.get(MINE).content.decode()
    assert silent.post(f"{MINE}{time.uuid}/book/").status_code == 404
    client, _profile = newcomer()
    response = client.post(f"{MINE}{past.uuid}/book/", follow=True)
    assert "Someone else has just booked that time." in response.content.decode()
    assert client.get(f"{MINE}{time.uuid}/meeting.ics").status_code == 404  # not theirs
    krokom_desk, _officer = officer_client(code="2309")
    assert "Stadshuset" not in krokom_desk.get(DESK).content.decode()
    assert Client().get(DESK).status_code == 302
    assert client.get(DESK).status_code == 403
    assert Client().post(f"{MINE}{time.uuid}/book/").status_code == 302
    time.refresh_from_db()
    assert time.booked_by is None
