"""Events: registration up to the places there are, a waiting list promoted by itself
when a place frees up (mailed once), a reminder the day before, .ics and a feed, the
editors' form refusing bad input, and each role in its room. Two people taking the last
place at the same moment: exactly one gets it (on PostgreSQL, concurrently)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from events.models import Event, Registration
from events.services import cancel, register, reminders_send
from municipalities.models import Municipality
from outbox.models import OutgoingMessage

from .factories import OfficerFactory, UserFactory, sign_in_with_mfa

pytestmark = pytest.mark.usefixtures("geography")


def event(capacity=2, days=3, code="2380", title="Welcome evening") -> Event:
    starts = timezone.now() + timedelta(days=days)
    return Event.objects.create(
        municipality=Municipality.objects.get(code=code),
        title_sv=title,
        title_en=title,
        description_sv="Fika och samtal.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Stadsbiblioteket",
        capacity=capacity,
    )


def test_places_then_the_waiting_list_then_promotion_mailed_once():
    party = event(capacity=1)
    first, second, third = (UserFactory() for _ in range(3))
    assert register(event=party, user=first).status == "confirmed"
    assert register(event=party, user=second).status == "waiting"
    assert register(event=party, user=third).status == "waiting"
    assert register(event=party, user=second).status == "waiting"  # twice: no change
    cancel(event=party, user=first)
    statuses = dict(Registration.objects.values_list("user__email", "status"))
    assert statuses[second.email] == "confirmed" and statuses[third.email] == "waiting"
    [mail] = OutgoingMessage.objects.filter(kind="event_promoted")
    assert mail.recipient == second.email and "Welcome evening" in mail.subject
    cancel(event=party, user=third)  # leaving the waiting list frees no place
    assert OutgoingMessage.objects.filter(kind="event_promoted").count() == 1


def test_a_reminder_the_day_before_once_only(settings):
    tomorrow = event(days=1)
    later = event(days=5)
    person = UserFactory(preferred_language="sv")
    register(event=tomorrow, user=person)
    register(event=later, user=person)
    today = timezone.localdate()
    Event.objects.filter(pk=tomorrow.pk).update(
        starts_at=timezone.make_aware(
            timezone.datetime.combine(today + timedelta(days=1), timezone.datetime.min.time())
        )
        + timedelta(hours=18),
        ends_at=timezone.now() + timedelta(days=2),
    )
    assert reminders_send() == 1
    assert reminders_send() == 1  # again: the outbox keeps it to one mail
    [mail] = OutgoingMessage.objects.filter(kind="event_reminder")
    assert mail.language == "sv" and "18:00" in mail.body_text


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once_one_gets_it():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    party = event(capacity=1)
    people = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)
    results = []

    def take(person):
        barrier.wait()
        try:
            results.append(register(event=party, user=person).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["confirmed", "waiting"]


def test_the_public_pages_ics_and_feed(client):
    party = event()
    event(code="2309", title="Krokom evening")
    html = client.get("/sv/events/?municipality=2380").content.decode()
    assert "Welcome evening" in html and "Krokom evening" not in html
    page = client.get(f"/en/events/{party.uuid}/")
    assert page.status_code == 200 and "Sign in to register" in page.content.decode()
    ics = client.get(f"/en/events/{party.uuid}/event.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert f"UID:{party.uuid}@landa" in body and "DTSTART:" in body and "Z\r\n" in body
    feed = client.get("/en/events/municipality/2380.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") == 1 and "Krokom" not in feed


def test_a_visitor_registers_and_cancels_in_the_browser_way(client):
    party = event(capacity=1)
    person = UserFactory()
    visitor = Client()
    assert visitor.post(f"/en/events/{party.uuid}/register/").status_code == 302
    assert not Registration.objects.exists()  # a stranger signs in first
    visitor.force_login(person)
    response = visitor.post(f"/en/events/{party.uuid}/register/", follow=True)
    assert "You have a place." in response.content.decode()
    response = visitor.post(f"/en/events/{party.uuid}/cancel/", follow=True)
    assert "Your registration is cancelled." in response.content.decode()


def test_script_in_an_event_comes_out_inert(client):
    party = event(title="<script>alert(1)</script>")
    for address in ("/en/events/", party.get_absolute_url()):
        html = client.get(address).content.decode()
        assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def editor(code="2380", role="editor"):
    officer = OfficerFactory(municipality=Municipality.objects.get(code=code), role=role)
    client = Client()
    sign_in_with_mfa(client, officer.user)
    return client


FORM = {
    "title_sv": "Välkomstkväll",
    "description_sv": "Fika.",
    "starts_at": "",
    "ends_at": "",
    "place": "Biblioteket",
    "online_url": "",
    "capacity": "20",
}


def test_the_editors_form_refuses_bad_input_and_keeps_what_was_typed():
    desk = editor()
    municipality = Municipality.objects.get(code="2380").pk
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    soon = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    earlier = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    data = {**FORM, "municipality": municipality, "starts_at": past, "ends_at": earlier}
    data["capacity"] = "-3"
    response = desk.post("/en/municipalities/desk/events/new/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a time in the future." in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert 'value="Välkomstkväll"' in html and not Event.objects.exists()
    data = {**data, "starts_at": soon, "ends_at": earlier, "capacity": "20"}
    response = desk.post("/en/municipalities/desk/events/new/", data)
    assert "It must end after it starts." in response.content.decode()
    data["ends_at"] = (timezone.localtime() + timedelta(days=3, hours=2)).strftime("%Y-%m-%dT%H:%M")
    assert desk.post("/en/municipalities/desk/events/new/", data).status_code == 302
    saved = Event.objects.get()
    assert saved.title_sv == "Välkomstkväll" and saved.capacity == 20


def test_each_role_in_its_room():
    mine = event()
    krokom = editor(code="2309")
    assert krokom.get(f"/en/municipalities/desk/events/{mine.uuid}/").status_code == 404
    assert krokom.post(f"/en/municipalities/desk/events/{mine.uuid}/", FORM).status_code == 404
    assert editor(role="officer").get("/en/municipalities/desk/events/").status_code == 403
    newcomer = Client()
    newcomer.force_login(UserFactory())
    assert newcomer.get("/en/municipalities/desk/events/").status_code == 403
    assert Client().get("/en/municipalities/desk/events/new/").status_code == 302
    assert editor().get(f"/en/municipalities/desk/events/{mine.uuid}/").status_code == 200


def test_lists_read_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for number in range(25):
        event(title=f"Evening {number}")
    with django_assert_max_num_queries(8):
        assert client.get("/en/events/").status_code == 200
    desk = editor()
    with django_assert_max_num_queries(14):
        assert desk.get("/en/municipalities/desk/events/").status_code == 200


def test_the_welcome_letter_lists_the_municipalitys_next_events(national):
    from newcomers.services import consent_set
    from welcome.letters.services import letters_send_due
    from welcome.models import LetterTemplate, WelcomeLetter

    from .journeys import onboard

    party = event(title="Välkomstkväll")
    event(code="2309", title="Krokom evening")
    LetterTemplate.objects.create(
        municipality=Municipality.objects.get(code="2380"),
        language="sv",
        subject="Välkommen",
        body="<p>Hej {first_name}!</p><p>{welcome_events}</p>",
    )
    user = UserFactory(display_name="Ada", preferred_language="sv")
    onboard(Client(), user, arrival_days=10)
    consent_set(user=user, kind="municipality_contact", given=True)
    letters_send_due()
    body = WelcomeLetter.objects.get().body_html
    assert "Välkomstkväll" in body and f"/sv/events/{party.uuid}/" in body
    assert "Krokom evening" not in body


def test_feedback_on_an_event_and_an_activity_reaches_that_municipalitys_editors(client):
    from municipalities.models import PlaceFeedback

    from .test_directory import activity

    party = event()
    cafe = activity("Språkcafé")
    response = client.post(party.get_absolute_url(), {"answer": "", "comment": "When?"})
    assert response.status_code == 400 and "When?" in response.content.decode()
    client.post(party.get_absolute_url(), {"answer": "no", "comment": "<b>When?</b>"})
    client.post(f"/sv/directory/{cafe.uuid}/", {"answer": "yes"})
    assert PlaceFeedback.objects.count() == 2
    html = editor().get("/en/municipalities/desk/todo/").content.decode()
    assert f'href="{party.get_absolute_url()}">Welcome evening</a>' in html
    assert "Språkcafé" in html and "&lt;b&gt;When?&lt;/b&gt;" in html
    assert (
        "Welcome evening"
        not in editor(code="2309").get("/en/municipalities/desk/todo/").content.decode()
    )
