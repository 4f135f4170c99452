"""The journey as an iCalendar file: open steps only, never in the past, each with what
to do and a link back to the step, escaped and folded as RFC 5545 says."""

from __future__ import annotations

import pytest
from django.utils import timezone
from icalendar import Calendar

from checklists.models import InstanceItem

from .factories import OfficerFactory, UserFactory
from .journeys import in_days, onboard

CALENDAR = "/en/newcomers/journey/calendar.ics"


@pytest.fixture
def newcomer(client, national, geography):
    user = UserFactory(preferred_language="en")
    onboard(client, user)  # third-country worker arriving in 20 days: some steps overdue
    return user


def rows(user):
    return InstanceItem.objects.filter(instance__newcomer__user=user, state="active")


def events(client, path: str = CALENDAR) -> dict[str, object]:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return {
        str(event["uid"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")
    }


def uid(row: InstanceItem) -> str:
    return f"landa-step-{row.pk}@landa"


def test_an_overdue_step_goes_on_today_and_nothing_is_in_the_past(client, newcomer):
    permit = rows(newcomer).get(key="work-permit")
    assert permit.due_date < timezone.localdate()  # overdue
    found = events(client)
    assert found[uid(permit)].decoded("dtstart") == timezone.localdate()
    assert "Overdue: this was due on" in str(found[uid(permit)]["description"])
    assert all(event.decoded("dtstart") >= timezone.localdate() for event in found.values())


def test_a_step_due_later_keeps_its_date(client, newcomer):
    card = rows(newcomer).get(key="id-card")
    assert card.due_date > timezone.localdate()
    event = events(client)[uid(card)]
    assert event.decoded("dtstart") == card.due_date
    assert "Overdue" not in str(event["description"])


def test_done_steps_and_undated_steps_are_left_out(client, newcomer):
    client.post("/en/newcomers/journey/steps/id-card/done/", {"done": "1"})
    found = events(client)
    expected = {
        uid(row) for row in rows(newcomer).filter(due_date__isnull=False, done_at__isnull=True)
    }
    assert set(found) == expected
    assert uid(rows(newcomer).get(key="id-card")) not in found


def test_every_event_says_what_to_do_in_the_page_language_and_links_back(client, newcomer):
    found = events(client, "/sv/newcomers/journey/calendar.ics")
    card = rows(newcomer).select_related("item").get(key="id-card")
    event = found[uid(card)]
    first_paragraph = card.item.body_sv.split("\n\n")[0]
    assert str(event["summary"]) == card.item.title_sv
    assert str(event["description"]).startswith(first_paragraph)
    assert str(event["url"]) == "http://testserver/sv/newcomers/journey/#step-id-card"
    for event in found.values():
        assert str(event["description"]).strip()
        assert str(event["url"]).startswith("http://testserver/sv/newcomers/journey/#step-")


def test_text_is_escaped_and_every_line_folded_at_75_octets(client, newcomer):
    card = rows(newcomer).select_related("item").get(key="id-card")
    tricky = "Bring: passport, photo; the form C:\\forms\\id.\nAsk at the desk. " + "Ö" * 80
    card.item.body_ar = tricky + "\n\nSecond paragraph."
    card.item.save()
    raw = client.get("/ar/newcomers/journey/calendar.ics").content
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert any(line.startswith(b" ") for line in lines)  # long lines were folded
    assert b"\n" not in raw.replace(b"\r\n", b"")  # no bare line break inside a value
    unfolded = raw.replace(b"\r\n ", b"").decode()
    assert r"passport\, photo\; the form C:\\forms\\id.\nAsk at the desk." in unfolded
    event = Calendar.from_ical(raw).walk("VEVENT")
    description = next(str(e["description"]) for e in event if str(e["uid"]) == uid(card))
    assert description.startswith(tricky)  # the reader gets the text back as written
    assert "Second paragraph" not in description


def test_uids_are_stable_across_downloads_and_re_assembly(client, newcomer):
    first = set(events(client))
    client.post(
        "/en/newcomers/start/family/",
        {"partner": "1", "partner_working": "0", "children": "4", "has_employer": "1"},
    )
    assert set(events(client)) == first


def test_a_newcomer_gets_only_their_own_steps(client, newcomer, national):
    mine = set(events(client))
    other = UserFactory()
    onboard(client, other, arrival_days=40)
    theirs = set(events(client))
    assert theirs and not theirs & mine


def test_a_stranger_is_sent_to_sign_in(client, newcomer):
    client.logout()
    response = client.get(CALENDAR)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_an_officer_without_a_journey_is_sent_to_the_wizard(client, national):
    client.force_login(OfficerFactory().user)
    response = client.get(CALENDAR)
    assert response.status_code == 302
    assert response["Location"] == "/en/newcomers/start/"


def test_a_journey_begun_a_month_ago_puts_nothing_before_today(client, national, geography):
    onboard(client, UserFactory(), arrival_days=-30)
    found = events(client)
    assert found
    assert min(event.decoded("dtstart") for event in found.values()) == in_days(0)
