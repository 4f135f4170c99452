"""Associations keep their own entries and the municipality's editors moderate them:
a representative edits only their own association, an Östersund editor moderates only
Östersund, decisions go out by mail exactly once, and bad input is refused whole."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from associations.models import Organization, Service
from municipalities.models import Municipality
from outbox.models import OutgoingMessage

from .factories import OfficerFactory, UserFactory, sign_in_with_mfa

pytestmark = pytest.mark.usefixtures("geography")

MINE = "/en/directory/mine/"
QUEUE = "/en/municipalities/desk/directory/"

ACTIVITY = {
    "name": "Language café",
    "description": "We talk Swedish over coffee.",
    "category": "language_practice",
    "audience": "everyone",
    "languages": ["sv", "ar"],
    "place_name": "Library",
    "address": "Storgatan 1",
    "postal_code": "831 30",
    "city": "Östersund",
    "place_municipality": "",
    "is_free": "on",
    "fees_description": "",
    "online_url": "",
    "email": "cafe@example.org",
    "phone": "",
    "day_1": "TU",
    "opens_1": "18:00",
    "closes_1": "20:00",
}


def representative(email="rep@example.org", code="2380"):
    user = UserFactory(email=email, preferred_language="sv")
    client = Client()
    client.force_login(user)
    municipality = Municipality.objects.get(code=code)
    response = client.post(
        MINE, {"name": f"Café club {code}", "municipality": municipality.pk, "description": ""}
    )
    assert response.status_code == 302
    return client, Organization.objects.get(representatives=user)


def submit(client, organization, **changes) -> object:
    data = {**ACTIVITY, "place_municipality": organization.municipality.pk, **changes}
    return client.post(f"{MINE}{organization.uuid}/new/", {**data, "action": "submit"})


def editor(code="2380", role="editor"):
    officer = OfficerFactory(municipality=Municipality.objects.get(code=code), role=role)
    client = Client()
    sign_in_with_mfa(client, officer.user)
    return client, officer


def test_a_representative_submits_an_editor_approves_and_the_mail_goes_once(client):
    rep, organization = representative()
    assert submit(rep, organization).status_code == 302
    service = Service.objects.get()
    assert service.state == "submitted" and service.moderation_round == 1
    assert [s.byday for s in service.schedules.all()] == ["TU"]
    assert sorted(service.languages.values_list("code", flat=True)) == ["ar", "sv"]
    assert client.get("/en/directory/").context["page"].paginator.count == 0  # not yet

    desk, _officer = editor()
    assert "Language café" in desk.get(QUEUE).content.decode()
    prefix = f"s{service.pk}-"
    response = desk.post(f"{QUEUE}{service.uuid}/", {f"{prefix}decision": "approve"})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.state == "approved"
    assert client.get("/en/directory/").context["page"].paginator.count == 1
    desk.post(f"{QUEUE}{service.uuid}/", {f"{prefix}decision": "approve"})  # again: 404
    [mail] = OutgoingMessage.objects.filter(kind="directory_decision")
    assert mail.recipient == "rep@example.org" and mail.language == "sv"
    assert "Language café" in mail.subject


def test_asking_for_changes_needs_a_reason_and_the_edit_goes_back_to_the_editor():
    rep, organization = representative()
    submit(rep, organization)
    service = Service.objects.get()
    desk, _officer = editor()
    prefix = f"s{service.pk}-"
    response = desk.post(f"{QUEUE}{service.uuid}/", {f"{prefix}decision": "changes"})
    assert response.status_code == 400
    assert "Say what to change" in response.content.decode()
    desk.post(
        f"{QUEUE}{service.uuid}/",
        {f"{prefix}decision": "changes", f"{prefix}note": "Add <b>the floor</b>, please."},
    )
    service.refresh_from_db()
    assert service.state == "changes_requested"
    html = rep.get(MINE).content.decode()
    assert "Add &lt;b&gt;the floor&lt;/b&gt;, please." in html
    mail = OutgoingMessage.objects.get(kind="directory_decision")
    assert "Add <b>the floor</b>, please." in mail.body_text  # a text mail, as typed

    edit = f"/en/directory/mine/activities/{service.uuid}/"
    data = {**ACTIVITY, "place_municipality": organization.municipality.pk, "place_name": "2nd"}
    rep.post(edit, {**data, "action": "submit"})
    service.refresh_from_db()
    assert (service.state, service.moderation_round) == ("submitted", 2)
    desk.post(f"{QUEUE}{service.uuid}/", {f"{prefix}decision": "reject", f"{prefix}note": "Sorry."})
    assert OutgoingMessage.objects.filter(kind="directory_decision").count() == 2


def test_bad_input_is_refused_naming_each_field_and_nothing_is_saved():
    rep, organization = representative()
    response = submit(
        rep,
        organization,
        name="",
        languages=[],
        is_free="",
        postal_code="83130x",
        closes_1="17:00",
        day_2="MO",
    )
    assert response.status_code == 400
    html = response.content.decode()
    for message in (
        "This field is required.",
        "Choose at least one language.",
        "Say what it costs, or mark it as free.",
        "Write a Swedish postal code, such as 831 30.",
        "It must end after it starts.",
        "Give the day, the start and the end.",
    ):
        assert message in html
    assert 'value="Storgatan 1"' in html  # what was typed is kept
    assert not Service.objects.exists()

    response = submit(rep, organization, address="", postal_code="", city="", place_municipality="")
    assert "Give a place or an online link." in response.content.decode()
    payload = "<script>alert(1)</script>"
    assert submit(rep, organization, name=payload, description=payload).status_code == 302
    html = rep.get(MINE).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_each_person_stays_in_their_own_room():
    rep, organization = representative()
    submit(rep, organization)
    service = Service.objects.get()
    other, _theirs = representative("other@example.org", code="2309")
    edit = f"/en/directory/mine/activities/{service.uuid}/"
    assert other.get(edit).status_code == 404
    assert other.post(edit, {**ACTIVITY, "action": "submit"}).status_code == 404
    assert other.get(f"{MINE}{organization.uuid}/new/").status_code == 404
    assert other.post(f"{edit}still-correct/").status_code == 404
    assert Client().get(edit).status_code == 302  # a stranger signs in first

    krokom, _officer = editor(code="2309")
    assert "Language café" not in krokom.get(QUEUE).content.decode()
    decide = f"{QUEUE}{service.uuid}/"
    assert krokom.post(decide, {f"s{service.pk}-decision": "approve"}).status_code == 404
    officer, _officer = editor(role="officer")
    assert officer.get(QUEUE).status_code == 403
    assert officer.post(decide, {f"s{service.pk}-decision": "approve"}).status_code == 403
    assert rep.get(QUEUE).status_code == 403
    region = Client()
    region_officer = OfficerFactory(
        municipality=None, region=organization.municipality.region, role="editor"
    )
    sign_in_with_mfa(region, region_officer.user)
    assert "Language café" in region.get(QUEUE).content.decode()
    service.refresh_from_db()
    assert service.state == "submitted"


def test_still_correct_renews_the_check_date_of_a_published_activity():
    rep, organization = representative()
    submit(rep, organization)
    Service.objects.update(state="approved", last_verified_on="2025-06-01")
    service = Service.objects.get()
    rep.post(f"/en/directory/mine/activities/{service.uuid}/still-correct/")
    service.refresh_from_db()
    assert str(service.last_verified_on) != "2025-06-01" and service.state == "approved"


def test_an_activity_not_checked_for_a_year_is_flagged_once_then_hidden_at_18_months(client):
    from datetime import timedelta

    from django.utils import timezone

    from associations.services import verification_reminders_send
    from caching.content import content_changed

    rep, organization = representative()
    submit(rep, organization)
    today = timezone.localdate()
    Service.objects.update(state="approved", last_verified_on=today - timedelta(days=400))
    assert verification_reminders_send() == 1
    out = io.StringIO()
    call_command("send_directory_checks", stdout=out)  # run again: no second mail
    assert out.getvalue() == "Activities to check: 1.\n"
    [mail] = OutgoingMessage.objects.filter(kind="directory_check")
    assert mail.recipient == "rep@example.org" and "Language café" in mail.subject
    desk, _officer = editor()
    assert "Language café" in desk.get("/en/municipalities/desk/todo/").content.decode()
    assert client.get("/en/directory/").context["page"].paginator.count == 1

    Service.objects.update(last_verified_on=today - timedelta(days=560))
    content_changed()  # a bulk write sends no signal (caching.content); time passing does
    assert verification_reminders_send() == 0
    assert client.get("/en/directory/").context["page"].paginator.count == 0


def test_a_representative_downloads_which_associations_they_represent():
    rep, organization = representative()  # no journey: my data is every account's
    assert "My data" in rep.get("/en/newcomers/my-data/").content.decode()
    data = rep.get("/en/newcomers/my-data/download/").json()
    assert data["associations_you_represent"] == [
        {"name": organization.name, "municipality": "2380"}
    ]
    from accounts.models import User

    from .factories import recently_reauthenticated

    recently_reauthenticated(rep, User.objects.get(email="rep@example.org"))
    response = rep.post("/en/newcomers/my-data/delete/", {"confirm": "DELETE"})
    assert response.status_code == 302 and response["Location"] == "/en/"
    organization.refresh_from_db()
    assert not organization.representatives.exists()
