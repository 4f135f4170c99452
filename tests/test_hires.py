"""Hiring with the whole journey: an employer invites the person it hires; when they
accept, the employer's own steps join their journey (its layer on the engine); the
employer sees progress on those steps only while the person agrees, and nothing once
they revoke; the invitation works once, for the invited address, for someone with a
journey; another organisation sees nothing; erasing the person leaves the employer
nothing of them."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.data_rights import account_erase, account_export
from checklists.models import InstanceItem
from employers.models import Hire, Organization
from municipalities.models import Municipality
from newcomers.models import NewcomerProfile
from newcomers.services import consent_set
from outbox.models import OutgoingMessage

from .factories import UserFactory
from .journeys import onboard
from .test_employers import number, owner

pytestmark = pytest.mark.usefixtures("geography", "national")


def hired(email="ada@example.org") -> tuple[Client, Client, Organization, Hire]:
    employer, organization = owner()
    response = employer.post(
        f"/en/employers/o/{organization.uuid}/hires/",
        {"email": email, "role_title": "Backend developer"},
    )
    assert response.status_code == 302
    hire = Hire.objects.get(email=email)
    person = Client()
    onboard(person, UserFactory(email=email))  # work, from outside the EU
    return employer, person, organization, hire


def keys_of(profile: NewcomerProfile) -> set[str]:
    rows = InstanceItem.objects.filter(
        instance__kind="newcomer_journey", instance__subject_id=profile.pk, state="active"
    )
    return set(rows.values_list("key", flat=True))


def test_accepting_adds_the_employers_steps_and_only_consent_shows_progress():
    employer, person, organization, hire = hired()
    [mail] = OutgoingMessage.objects.filter(kind="employer_hire")
    assert hire.token in mail.body_text and "Fjällverkstaden AB" in mail.subject
    profile = NewcomerProfile.objects.get(user__email="ada@example.org")
    assert "employer-first-day" not in keys_of(profile)

    accept = f"/en/employers/hired/{hire.token}/"
    assert person.get(accept).status_code == 200
    assert person.post(accept).status_code == 302
    steps = keys_of(profile)
    assert {"employer-offer-of-employment", "employer-first-day", "employer-buddy"} <= steps
    assert "work-permit" in steps  # the national steps stay

    page = f"/en/employers/o/{organization.uuid}/hires/{hire.pk}/"
    html = employer.get(page).content.decode()
    assert "has not agreed to share" in html and "Your first day at work" not in html

    consents = person.get("/en/newcomers/consents/").content.decode()
    assert "My employer may see my progress" in consents
    consent_set(user=profile.user, kind="employer_progress", given=True)
    person.post("/en/newcomers/journey/steps/employer-first-day/done/", {"done": "1"})
    html = employer.get(page).content.decode()
    assert "Your first day at work</strong>: done" in html
    assert "Register your arrival" not in html  # never the rest of the journey

    consent_set(user=profile.user, kind="employer_progress", given=False)
    html = employer.get(page).content.decode()
    assert "has not agreed to share" in html and "Your first day at work" not in html


def test_the_invitation_works_once_for_its_address_and_a_journey():
    employer, person, organization, hire = hired()
    accept = f"/en/employers/hired/{hire.token}/"
    someone = Client()
    someone.force_login(UserFactory(email="else@example.org"))
    response = someone.post(accept)
    assert response.status_code == 400 and "another email address" in response.content.decode()

    employer.post(
        f"/en/employers/o/{organization.uuid}/hires/",
        {"email": "nojourney@example.org", "role_title": "Tester"},
    )
    no_journey = Client()
    no_journey.force_login(UserFactory(email="nojourney@example.org"))
    other_hire = Hire.objects.get(email="nojourney@example.org")
    response = no_journey.post(f"/en/employers/hired/{other_hire.token}/")
    assert response.status_code == 400 and "Tell us about your move" in response.content.decode()

    assert person.post(accept).status_code == 302
    again = person.post(accept)
    assert again.status_code == 400 and "has been used" in again.content.decode()
    assert Client().get(accept).status_code == 302  # a stranger signs in first


def test_bad_input_and_other_organisations():
    employer, person, organization, hire = hired()
    person.post(f"/en/employers/hired/{hire.token}/")
    response = employer.post(
        f"/en/employers/o/{organization.uuid}/hires/", {"email": "nope", "role_title": ""}
    )
    assert response.status_code == 400 and 'value="nope"' in response.content.decode()
    other = Organization.objects.create(
        org_number=number("556600001"),
        name="Other AB",
        size_class="1-9",
        sector="C",
        municipality=Municipality.objects.get(code="2309"),
    )
    outsider = Client()
    outsider.force_login(UserFactory(email="outsider@example.org"))
    page = f"/en/employers/o/{organization.uuid}/hires/{hire.pk}/"
    assert outsider.get(page).status_code == 404
    assert outsider.get(f"/en/employers/o/{organization.uuid}/hires/").status_code == 404
    assert employer.get(f"/en/employers/o/{other.uuid}/hires/{hire.pk}/").status_code == 404
    assert person.get(page).status_code == 404  # the hire is no member of the employer


def test_erasing_the_person_leaves_the_employer_nothing_of_them():
    employer, person, organization, hire = hired()
    person.post(f"/en/employers/hired/{hire.token}/")
    user = NewcomerProfile.objects.get(user__email="ada@example.org").user
    data = account_export(user=user)
    [hired_by] = data["employers_that_hired_you"]
    assert hired_by["organization"] == "Fjällverkstaden AB"
    assert hired_by["partner_moving"] is False and hired_by["first_working_day"] is None
    account_erase(user=user)
    assert not Hire.objects.exists()
    html = employer.get(f"/en/employers/o/{organization.uuid}/hires/").content.decode()
    assert "Backend developer" not in html


def test_strangers_and_other_organisations_cannot_invite_hires():
    _employer, organization = owner()
    outsider = Client()
    outsider.force_login(UserFactory(email="outsider@example.org"))
    data = {"email": "ada@example.org", "role_title": "Spy"}
    address = f"/en/employers/o/{organization.uuid}/hires/"
    assert outsider.post(address, data).status_code == 404
    assert Client().post(address, data).status_code == 302  # a stranger signs in first
    assert not Hire.objects.exists()


def test_an_address_merely_added_reaches_neither_the_export_nor_the_erasure():
    from allauth.account.models import EmailAddress

    _employer, _person, _organization, hire = hired()
    claimer = UserFactory(email="claimer@example.org")
    EmailAddress.objects.create(user=claimer, email="ADA@example.org", verified=False)
    assert account_export(user=claimer)["employers_that_hired_you"] == []
    account_erase(user=claimer)
    assert Hire.objects.filter(pk=hire.pk).exists()
    EmailAddress.objects.create(user=person_user(), email="Ada@Example.org", verified=True)
    [found] = account_export(user=person_user())["employers_that_hired_you"]
    assert found["organization"] == "Fjällverkstaden AB"  # its own address, whatever the case


def person_user():
    return NewcomerProfile.objects.get(user__email="ada@example.org").user
