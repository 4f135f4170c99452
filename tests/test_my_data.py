"""My data: download everything, delete the account and keep only anonymous counts."""

import json

from allauth.account.models import EmailAddress

from checklists.models import ChecklistInstance
from newcomers.models import Consent, ErasedAccount, NewcomerProfile
from portal.models import OutgoingMessage, User

from .factories import UserFactory
from .journeys import in_days


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
    response = client.post("/en/newcomers/my-data/delete/", {"confirm": "DELETE"})
    assert response.status_code == 302
    assert not User.objects.filter(email="me@example.org").exists()
    assert not NewcomerProfile.objects.exists()
    assert not ChecklistInstance.objects.exists()
    assert not Consent.objects.exists()
    assert not EmailAddress.objects.filter(email="me@example.org").exists()
    assert not OutgoingMessage.objects.filter(recipient="me@example.org").exists()
    assert not OutgoingMessage.objects.filter(body_text__contains="secret").exists()
    tally = ErasedAccount.objects.get()
    assert (tally.municipality_code, tally.citizenship, tally.steps_done) == ("2380", "eu_eea", 1)
    assert "_auth_user_id" not in client.session


def test_delete_needs_the_confirmation_word(client, national, geography):
    onboarded(client)
    response = client.post("/en/newcomers/my-data/delete/", {"confirm": "yes"})
    assert response.status_code == 400
    assert "Type DELETE to confirm." in response.content.decode()
    assert User.objects.filter(email="me@example.org").exists()
