"""The red team's low findings: bound and expiring invitations, removing members,
re-authentication before erasure, limited anonymous feedback, a complete export and
sign-up that answers alike for known and new addresses."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import get_hasher
from django.utils import timezone

from newcomers.models import GuideFeedback, NewcomerProfile, PartnerInvitation
from newcomers.services import INVITATION_VALID_DAYS
from outbox.models import OutgoingMessage

from .factories import OfficerFactory, UserFactory, recently_reauthenticated
from .journeys import onboard


@pytest.fixture
def household(client, national, geography):
    """A main newcomer who has invited partner@example.org; returns (main, invitation)."""
    main = UserFactory(email="main@example.org")
    onboard(client, main)
    client.post("/en/newcomers/household/", {"email": "partner@example.org"})
    return main, PartnerInvitation.objects.get()


def join_path(invitation: PartnerInvitation) -> str:
    return f"/en/newcomers/household/join/{invitation.token}/"


def test_an_invitation_only_works_for_the_address_it_was_sent_to(client, household):
    _main, invitation = household
    someone_else = UserFactory(email="someone@example.org")
    client.force_login(someone_else)
    response = client.get(join_path(invitation))
    assert response.status_code == 403
    assert "sent to another email address" in response.content.decode()
    assert client.post(join_path(invitation)).status_code == 403
    assert not NewcomerProfile.objects.filter(user=someone_else).exists()

    # The right address, but not yet confirmed, is not enough either.
    unconfirmed = UserFactory(email="partner@example.org")
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    client.force_login(unconfirmed)
    assert client.post(join_path(invitation)).status_code == 403

    EmailAddress.objects.filter(user=unconfirmed).update(verified=True)
    response = client.post(join_path(invitation), {"citizenship": "eu_eea"})
    assert response.status_code == 302
    assert NewcomerProfile.objects.get(user=unconfirmed).role == NewcomerProfile.Role.PARTNER


def test_an_invitation_expires(client, household):
    main, invitation = household
    PartnerInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=INVITATION_VALID_DAYS, minutes=1)
    )
    partner = UserFactory(email="partner@example.org")
    client.force_login(partner)
    response = client.get(join_path(invitation))
    assert response.status_code == 410
    assert f"Ask {main.email} to send you a new one." in response.content.decode()
    assert client.post(join_path(invitation)).status_code == 410
    assert not NewcomerProfile.objects.filter(user=partner).exists()


def test_the_invitation_mail_carries_no_text_the_inviter_chose(client, national, geography):
    main = UserFactory(email="main@example.org", display_name="Click http://evil.example")
    onboard(client, main)
    client.post("/en/newcomers/household/", {"email": "partner@example.org"})
    mail = OutgoingMessage.objects.get(kind="partner_invitation")
    assert "evil" not in mail.subject + mail.body_text + (mail.body_html or "")
    assert "main@example.org" in mail.subject


def joined(client, household) -> tuple:
    main, invitation = household
    partner = UserFactory(email="partner@example.org")
    client.force_login(partner)
    client.post(join_path(invitation), {"citizenship": "eu_eea"})
    return main, NewcomerProfile.objects.get(user=partner)


def household_page(client) -> str:
    return client.get("/en/newcomers/household/").content.decode()


def test_the_main_newcomer_removes_a_member(client, household):
    main, partner = joined(client, household)
    main_profile = NewcomerProfile.objects.get(user=main)
    client.force_login(main)
    assert "partner@example.org (accompanying partner)" in household_page(client)

    response = client.post(f"/en/newcomers/household/members/{partner.pk}/remove/", follow=True)
    page = response.content.decode()
    assert "The member is no longer part of your household." in page
    assert "partner@example.org" not in page
    partner.refresh_from_db()
    assert partner.household_id != main_profile.household_id
    assert partner.shares_household_facts is False
    assert NewcomerProfile.objects.filter(user=main).exists()  # the main stays
    assert partner.user.is_active  # and the member keeps their account


def test_only_the_main_newcomer_removes_members_of_their_own_household(client, household):
    main, partner = joined(client, household)
    main_profile = NewcomerProfile.objects.get(user=main)
    # The partner cannot remove the person who invited them.
    client.force_login(partner.user)
    path = f"/en/newcomers/household/members/{main_profile.pk}/remove/"
    assert client.post(path).status_code == 404
    # Another household's main newcomer cannot remove this partner.
    other = UserFactory()
    onboard(client, other)
    assert client.post(f"/en/newcomers/household/members/{partner.pk}/remove/").status_code == 404
    # An officer and a stranger get nowhere either.
    client.force_login(OfficerFactory().user)
    response = client.post(f"/en/newcomers/household/members/{partner.pk}/remove/")
    assert response["Location"] == "/en/newcomers/start/"
    client.logout()
    response = client.post(f"/en/newcomers/household/members/{partner.pk}/remove/")
    assert response["Location"].startswith("/en/accounts/login/")
    # A GET changes nothing.
    client.force_login(main)
    assert client.get(f"/en/newcomers/household/members/{partner.pk}/remove/").status_code == 405
    partner.refresh_from_db()
    assert partner.household_id == main_profile.household_id


def test_an_invitation_can_be_cancelled_by_its_household_only(client, household):
    main, invitation = household
    path = f"/en/newcomers/household/invitations/{invitation.pk}/cancel/"
    other = UserFactory()
    onboard(client, other)
    assert client.post(path).status_code == 404
    client.logout()
    assert client.post(path)["Location"].startswith("/en/accounts/login/")
    assert PartnerInvitation.objects.filter(pk=invitation.pk).exists()

    client.force_login(main)
    response = client.post(path, follow=True)
    assert "The invitation is cancelled." in response.content.decode()
    assert not PartnerInvitation.objects.waiting().filter(pk=invitation.pk).exists()
    partner = UserFactory(email="partner@example.org")
    client.force_login(partner)
    assert client.get(join_path(invitation)).status_code == 404


def test_deleting_the_account_asks_for_the_password_again(client, national, geography):
    user = UserFactory(email="me@example.org")
    onboard(client, user)
    response = client.post("/en/newcomers/my-data/delete/", {"confirm": "DELETE"})
    assert response.status_code == 302
    assert "/reauthenticate/" in response["Location"]
    assert NewcomerProfile.objects.filter(user=user).exists()

    # After the password, the stashed request resumes: nothing typed is lost.
    response = client.post(
        response["Location"], {"password": "a-Long-test-passphrase-42"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/en/"
    assert "Your account and your personal data have been deleted." in response.content.decode()
    assert not user.__class__.objects.filter(pk=user.pk).exists()


def test_deletion_after_reauthentication_goes_straight_through(client, national, geography):
    user = UserFactory()
    onboard(client, user)
    recently_reauthenticated(client, user)
    response = client.post("/en/newcomers/my-data/delete/", {"confirm": "DELETE"})
    assert response["Location"] == "/en/"
    assert not user.__class__.objects.filter(pk=user.pk).exists()


def test_anonymous_feedback_is_limited_per_address(client, guides, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "guide_feedback": "3/h/ip"}
    for _ in range(3):
        client.post("/en/newcomers/guides/housing/feedback/", {"helpful": "1"})
    response = client.post("/en/newcomers/guides/housing/feedback/", {"helpful": "1"}, follow=True)
    assert "You have answered many times. Try again later." in response.content.decode()
    assert GuideFeedback.objects.count() == 3
    other = client.post(
        "/en/newcomers/guides/housing/feedback/", {"helpful": "0"}, REMOTE_ADDR="198.51.100.7"
    )
    assert other.status_code == 302
    assert GuideFeedback.objects.count() == 4


def test_the_export_holds_what_concerns_the_person(client, household):
    main, partner = joined(client, household)
    OutgoingMessage.objects.create(
        kind="x",
        recipient="partner@example.org",
        language="en",
        subject="To the partner",
        body_text="",
        idempotency_key="to-partner",
    )
    client.force_login(partner.user)
    data = json.loads(client.get("/en/newcomers/my-data/download/").content)
    assert data["email_addresses"] == [
        {"email": "partner@example.org", "verified": True, "primary": True}
    ]
    assert data["invitations_received"][0]["from"] == main.email
    assert data["household_members"] == [{"email": main.email, "role": "main"}]
    assert data["journey_facts"]["purpose"] == "accompanying"
    subjects = {m["subject"] for m in data["emails"]}
    assert "To the partner" in subjects
    assert any("main@example.org" in s for s in subjects)  # the invitation they received


class CountingHasher:
    """Counts password hashes: an answer's work, without timing it."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args, **kwargs):
        self.count += 1


def test_signup_does_the_same_work_for_a_known_and_a_new_address(client, db, monkeypatch):
    UserFactory(email="known@example.org")
    hasher = get_hasher()
    counter = CountingHasher()
    original = hasher.encode

    def encode(password, salt, *args, **kwargs):
        counter()
        return original(password, salt, *args, **kwargs)

    monkeypatch.setattr(type(hasher), "encode", lambda self, *a, **k: encode(*a, **k))
    form = {"password1": "a-Long-test-passphrase-42", "password2": "a-Long-test-passphrase-42"}
    client.post("/en/accounts/signup/", {"email": "new@example.org", **form})
    new_work = counter.count
    counter.count = 0
    client.post("/en/accounts/signup/", {"email": "known@example.org", **form})
    assert new_work >= 1
    assert counter.count == new_work
