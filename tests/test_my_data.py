"""My data: download everything, delete the account and keep only anonymous counts."""

import json

from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session

from accounts.models import User
from checklists.models import ChecklistInstance
from newcomers.models import Consent, ErasedAccount, NewcomerProfile, PartnerInvitation
from outbox.models import OutgoingMessage

from .factories import UserFactory, recently_reauthenticated, totp_for
from .journeys import in_days

JOIN = {"citizenship": "third_country"}  # a partner states their own


def onboarded(client):
    user = UserFactory(email="me@example.org")
    client.force_login(user)
    client.post(
        "/en/newcomers/start/",
        {
            "citizenship": "eu_eea",
            "purpose": "work",
            "stay_months": "24",
            "arrival": in_days(10).isoformat(),
            "municipality": "2380",
        },
    )
    client.post("/en/newcomers/start/family/", {"partner": "0", "children": "7"})
    client.post("/en/newcomers/journey/steps/eu-right-of-residence/done/", {"done": "1"})
    client.post("/en/newcomers/journey/steps/bank-account/note/", {"note": "SEB, Tuesday"})
    client.post("/en/newcomers/consents/", {"kind": "municipality_contact", "given": "1"})
    client.post("/en/newcomers/household/", {"email": "partner@example.org"})
    return user


def test_download_holds_everything(client, national, geography):
    onboarded(client)
    response = client.get("/en/newcomers/my-data/download/")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == "me@example.org"
    assert data["profile"]["municipality"] == "2380"
    assert data["profile"]["children_birth_years"]
    notes = {row["key"]: row["note"] for row in data["journey"]}
    assert notes["bank-account"] == "SEB, Tuesday"
    assert data["consents"][0]["kind"] == "municipality_contact"
    assert data["partner_invitations"][0]["email"] == "partner@example.org"


def test_delete_erases_personal_data_and_keeps_counts(client, national, geography):
    user = onboarded(client)
    OutgoingMessage.objects.create(
        kind="x",
        recipient="me@example.org",
        language="en",
        subject="Hi me",
        body_text="secret",
        idempotency_key="k1",
        user=user,
    )
    recently_reauthenticated(client, user)
    response = client.post("/en/newcomers/my-data/delete/", {"confirm": "DELETE"})
    assert response.status_code == 302
    assert not User.objects.filter(email="me@example.org").exists()
    assert not NewcomerProfile.objects.exists()
    assert not ChecklistInstance.objects.exists()  # the journey went with the profile
    assert not Consent.objects.exists()
    assert not EmailAddress.objects.filter(email="me@example.org").exists()
    assert not OutgoingMessage.objects.filter(recipient="me@example.org").exists()
    assert not OutgoingMessage.objects.filter(body_text__contains="secret").exists()
    tally = ErasedAccount.objects.get()
    assert (tally.municipality_code, tally.citizenship, tally.steps_done) == ("2380", "eu_eea", 1)
    assert "_auth_user_id" not in client.session


def test_delete_needs_the_confirmation_word(client, national, geography):
    recently_reauthenticated(client, onboarded(client))
    response = client.post("/en/newcomers/my-data/delete/", {"confirm": "yes"})
    assert response.status_code == 400
    assert "Type DELETE to confirm." in response.content.decode()
    assert User.objects.filter(email="me@example.org").exists()


def every_value_in_the_database() -> str:
    """Every row of every table as text, sessions decoded."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection

    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table names)
            for row in cursor.fetchall():
                chunks.append(" ".join(str(value) for value in row))
    chunks += [str(SessionStore().decode(s.session_data)) for s in Session.objects.all()]
    return "\n".join(chunks)


def test_after_erasure_nothing_identifies_the_person_anywhere(client, national, geography):
    from django.test import Client

    from newcomers.services import household_set_sharing

    user = onboarded(client)  # a note, a consent, an invitation to a partner
    User.objects.filter(pk=user.pk).update(display_name="Quintessa Lindqvist-Oyelaran")
    other_device = Client()
    other_device.force_login(user)  # a second session, on a phone
    partner = UserFactory(email="partner@example.org")
    invitation = PartnerInvitation.objects.get()
    invitation_client = Client()
    invitation_client.force_login(partner)
    invitation_client.post(f"/en/newcomers/household/join/{invitation.token}/", JOIN)
    household_set_sharing(profile=user.newcomer, share=True)
    household_set_sharing(profile=partner.newcomer, share=True)
    journey = partner.newcomer.checklists.get()
    assert journey.facts["children_ages"] == [7]  # shared, from the person

    recently_reauthenticated(client, user)
    response = client.post("/en/newcomers/my-data/delete/", {"confirm": "DELETE"})
    assert response.status_code == 302

    everything = every_value_in_the_database()
    for trace in ("me@example.org", "Quintessa", "Lindqvist-Oyelaran", "SEB, Tuesday"):
        assert trace.lower() not in everything.lower(), trace
    journey.refresh_from_db()
    assert journey.facts["children_ages"] == []  # the person's children are gone


def test_every_app_that_keeps_rows_about_a_person_takes_part_in_data_rights():
    """An app with a model pointing at a user registers its part of the download and
    of erasure (accounts and the outbox are covered by accounts itself; a checklist
    belongs to the app whose kind it is)."""
    from django.apps import apps
    from django.conf import settings

    from accounts.data_rights import _registry

    registered = {entry.app for entry in _registry} | {"accounts", "outbox", "checklists"}
    registered |= {"account", "mfa"}  # allauth's addresses and authenticators: accounts
    holding = {
        model._meta.app_label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if getattr(field, "related_model", None) is not None
        and field.related_model._meta.label == settings.AUTH_USER_MODEL
        and not field.auto_created
        and model.__module__.split(".")[0] in settings.INSTALLED_APPS
    }
    assert holding - registered == set()


def test_an_officer_finds_their_role_in_the_download(client, geography):
    from accounts.data_rights import account_export

    from .factories import OfficerFactory

    officer = OfficerFactory(title="Välkomstsamordnare")
    totp_for(officer.user)
    data = account_export(user=officer.user)
    assert data["officer"] == {
        "municipality": "2380",
        "county": "23",
        "title": "Välkomstsamordnare",
        "role": "officer",
    }
    assert [a["type"] for a in data["authenticators"]] == ["totp"]
    assert "secret" not in json.dumps(data["authenticators"])
