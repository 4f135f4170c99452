"""The access log: an officer's look at a person's data is written down, and the person
(and only the person) sees it under "My data" and in their download."""

from __future__ import annotations

import json

from django.test import Client

from municipalities.models import OfficerAccess
from newcomers.services import consent_set

from .factories import OfficerFactory, UserFactory, sign_in_with_mfa
from .journeys import onboard


def desk_seen_by_officer(national, geography):
    person = UserFactory(email="seen@example.org")
    onboard(Client(), person)
    consent_set(user=person, kind="municipality_contact", given=True)
    officer = OfficerFactory(
        user__display_name="Officer Oak", title="Welcome coordinator", role="officer"
    )
    desk = Client()
    sign_in_with_mfa(desk, officer.user)
    assert desk.get("/en/municipalities/desk/").status_code == 200
    return person, officer


def test_the_desk_writes_one_line_per_person_shown(national, geography):
    person, officer = desk_seen_by_officer(national, geography)
    access = OfficerAccess.objects.get()
    assert (access.person, access.officer, access.action) == (person, officer, "listed")
    assert access.officer_name == "Officer Oak" and access.workplace == "Östersund"


def test_the_person_sees_who_looked_and_the_line_outlives_the_officer(national, geography):
    person, officer = desk_seen_by_officer(national, geography)
    own = Client()
    own.force_login(person)
    html = own.get("/en/newcomers/my-data/").content.decode()
    assert "Officer Oak, Östersund" in html
    assert "saw your name, language and arrival on the officers&#x27; desk" in html

    officer.user.delete()
    html = own.get("/en/newcomers/my-data/").content.decode()
    assert "Officer Oak, Östersund" in html  # written as it was at the time

    download = json.loads(own.get("/en/newcomers/my-data/download/").content)
    [line] = download["officer_accesses"]
    assert line["officer"] == "Officer Oak" and line["action"] == "listed"


def test_nobody_else_sees_the_log(national, geography):
    _person, officer = desk_seen_by_officer(national, geography)
    other = UserFactory(email="other@example.org")
    stranger = Client()
    stranger.force_login(other)
    onboard(stranger, other)
    assert "Officer Oak" not in stranger.get("/en/newcomers/my-data/").content.decode()
    anonymous = Client().get("/en/newcomers/my-data/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    # The officer has no "My data" page of newcomers to look at: the wizard, not a log.
    desk = Client()
    sign_in_with_mfa(desk, officer.user)
    assert "seen@example.org" not in desk.get("/en/newcomers/my-data/").content.decode()


def test_erasing_the_account_erases_its_log(national, geography):
    person, _officer = desk_seen_by_officer(national, geography)
    person.delete()
    assert not OfficerAccess.objects.exists()


def test_the_desk_shows_household_and_progress_in_bounded_queries(
    national, geography, django_assert_max_num_queries
):
    from django.utils import timezone

    from checklists.models import InstanceItem

    people = []
    for number in range(8):
        person = UserFactory(email=f"p{number}@example.org")
        onboard(Client(), person, children="4, 9")
        consent_set(user=person, kind="municipality_contact", given=True)
        people.append(person)
    InstanceItem.objects.filter(instance__newcomer__user=people[0]).update(done_at=timezone.now())
    officer = OfficerFactory()
    desk = Client()
    sign_in_with_mfa(desk, officer.user)
    with django_assert_max_num_queries(16):
        html = desk.get("/en/municipalities/desk/").content.decode()
    assert html.count("2 children") == 8
    total = InstanceItem.objects.filter(instance__newcomer__user=people[0], state="active").count()
    assert f"{total} of {total} done" in html
