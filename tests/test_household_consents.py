"""Household, partner invitations, consents and the officer desk that depends on them."""

import re

import pytest

from checklists.models import InstanceItem
from newcomers.models import Consent, NewcomerProfile, PartnerInvitation
from newcomers.services import (
    InvitationError,
    consent_set,
    household_set_sharing,
    partner_invite,
)
from outbox.models import OutgoingMessage

from .factories import (
    MunicipalityFactory,
    OfficerFactory,
    UserFactory,
    sign_in_with_mfa,
    totp_for,
)
from .journeys import onboard as answer_wizard

JOIN = {"citizenship": "third_country"}  # a partner states their own


def onboard(client, user, **answers) -> NewcomerProfile:
    answer_wizard(client, user, **answers)
    return NewcomerProfile.objects.get(user=user)


def test_partner_invitation_mail_and_acceptance(client, national, geography):
    main = onboard(client, UserFactory(preferred_language="sv"))
    client.post("/en/newcomers/household/", {"email": "Partner@Example.org"})
    mail = OutgoingMessage.objects.get(kind="partner_invitation")
    assert mail.recipient == "partner@example.org"
    assert mail.language == "sv"
    join_path = re.search(r"(/sv/newcomers/household/join/\S+/)", mail.body_text).group(1)

    partner = UserFactory(email="partner@example.org")
    client.force_login(partner)
    assert client.get(join_path).status_code == 200
    response = client.post(join_path, JOIN)
    assert response["Location"] == "/sv/newcomers/journey/"  # the invitation's language
    profile = NewcomerProfile.objects.get(user=partner)
    assert profile.household_id == main.household_id
    assert profile.role == NewcomerProfile.Role.PARTNER
    keys = set(
        InstanceItem.objects.filter(instance__newcomer__user=partner, state="active").values_list(
            "key", flat=True
        )
    )
    assert {"family-member-permit", "partner-career-support", "qualification-assessment"} <= keys
    assert "partner-work-permit" not in keys  # not "your partner's permit" for the partner
    assert client.post(join_path, JOIN).status_code == 404  # used once


def test_household_facts_are_shared_only_when_both_agree(client, national, geography):
    main = onboard(client, UserFactory(), children="4")
    client.post("/en/newcomers/household/", {"email": "p@example.org"})
    invitation = PartnerInvitation.objects.get()
    partner = UserFactory(email="p@example.org")
    client.force_login(partner)
    client.post(f"/en/newcomers/household/join/{invitation.token}/", JOIN)
    partner_profile = NewcomerProfile.objects.get(user=partner)

    def partner_keys():
        return set(
            InstanceItem.objects.filter(
                instance__newcomer__user=partner, state="active"
            ).values_list("key", flat=True)
        )

    assert "preschool-place" not in partner_keys()
    household_set_sharing(profile=main, share=True)
    assert "preschool-place" not in partner_keys()  # only one has agreed
    household_set_sharing(profile=partner_profile, share=True)
    assert "preschool-place" in partner_keys()
    household_set_sharing(profile=main, share=False)
    assert "preschool-place" not in partner_keys()


def test_an_invitation_cannot_be_accepted_by_its_sender(client, national, geography):
    main = onboard(client, UserFactory())
    client.post("/en/newcomers/household/", {"email": "x@example.org"})
    token = PartnerInvitation.objects.get().token
    assert client.post(f"/en/newcomers/household/join/{token}/", JOIN).status_code == 404
    assert NewcomerProfile.objects.get(pk=main.pk).role == NewcomerProfile.Role.MAIN


def test_invitation_with_a_bad_email_is_a_clear_error(client, national, geography):
    onboard(client, UserFactory())
    response = client.post("/en/newcomers/household/", {"email": "not an email"})
    assert "Enter a valid email address." in response.content.decode()
    assert not PartnerInvitation.objects.exists()


def test_consents_are_dated_and_revocable(client, national, geography):
    user = UserFactory()
    onboard(client, user)
    client.post("/en/newcomers/consents/", {"kind": "municipality_contact", "given": "1"})
    client.post("/en/newcomers/consents/", {"kind": "municipality_contact", "given": "0"})
    client.post("/en/newcomers/consents/", {"kind": "municipality_contact", "given": "1"})
    history = Consent.objects.filter(user=user).order_by("given_at")
    assert history.count() == 2
    assert history[0].revoked_at is not None and history[1].revoked_at is None
    assert (
        client.post("/en/newcomers/consents/", {"kind": "sell_my_data", "given": "1"}).status_code
        == 404
    )


def test_officer_desk_lists_only_consenting_newcomers_of_their_municipality(
    client,
    national,
    geography,
):
    consenting = UserFactory(email="yes@example.org")
    onboard(client, consenting)
    consent_set(user=consenting, kind="municipality_contact", given=True)
    silent = UserFactory(email="no@example.org")
    onboard(client, silent)
    elsewhere = UserFactory(email="far@example.org")
    onboard(client, elsewhere, municipality="0180")
    consent_set(user=elsewhere, kind="municipality_contact", given=True)

    officer = OfficerFactory(municipality=MunicipalityFactory(code="2380"))
    sign_in_with_mfa(client, officer.user)
    html = client.get("/en/municipalities/desk/").content.decode()
    assert "yes@example.org" in html
    assert "no@example.org" not in html
    assert "far@example.org" not in html

    consent_set(user=consenting, kind="municipality_contact", given=False)
    assert "yes@example.org" not in client.get("/en/municipalities/desk/").content.decode()


def test_newcomers_cannot_open_the_officer_desk(client, national, geography):
    user = UserFactory()
    onboard(client, user)
    totp_for(user)
    assert client.get("/en/municipalities/desk/").status_code == 403


def test_invitations_are_limited_per_day(client, national, geography):
    onboard(client, UserFactory())
    for number in range(5):  # one waits at a time: invite, then cancel to invite again
        client.post("/en/newcomers/household/", {"email": f"p{number}@example.org"})
        waiting = PartnerInvitation.objects.get(accepted_at=None, email=f"p{number}@example.org")
        client.post(f"/en/newcomers/household/invitations/{waiting.pk}/cancel/")
    response = client.post("/en/newcomers/household/", {"email": "p6@example.org"})
    assert "You have sent many invitations today. Try again tomorrow." in response.content.decode()
    assert PartnerInvitation.objects.count() == 5
    assert OutgoingMessage.objects.filter(kind="partner_invitation").count() == 5


def test_a_partners_actions_change_only_the_partners_own_settings(client, national, geography):
    main = onboard(client, UserFactory(), children="4")
    client.post("/en/newcomers/household/", {"email": "p2@example.org"})
    invitation = PartnerInvitation.objects.get()
    partner = UserFactory(email="p2@example.org")
    client.force_login(partner)
    client.post(f"/en/newcomers/household/join/{invitation.token}/", JOIN)
    before = NewcomerProfile.objects.values().get(pk=main.pk)

    client.post("/en/newcomers/household/sharing/", {"share": "1"})
    client.post("/en/newcomers/profile/", {"reminders": "off"})
    client.post(
        "/en/newcomers/start/",
        {
            "citizenship": "eu_eea",
            "purpose": "accompanying",
            "stay_months": "12",
            "arrival": main.arrival_date.isoformat(),
            "driving_licence": "other",
        },
    )
    client.post("/en/newcomers/start/family/", {"partner": "1", "children": ""})
    client.post("/en/newcomers/consents/", {"kind": "municipality_contact", "given": "1"})

    partner_profile = NewcomerProfile.objects.get(user=partner)
    assert partner_profile.shares_household_facts is True
    assert partner_profile.reminders == "off"
    assert partner_profile.citizenship == "eu_eea"
    assert NewcomerProfile.objects.values().get(pk=main.pk) == before
    assert main.children.count() == 1
    assert not Consent.objects.filter(user=main.user).exists()


def test_a_household_has_one_partner_whatever_is_posted(client, national, geography):
    main = onboard(client, UserFactory())
    client.post("/en/newcomers/household/", {"email": "first@example.org"})
    page = client.get("/en/newcomers/household/").content.decode()
    assert "Invite your partner" not in page  # an invitation is waiting
    response = client.post("/en/newcomers/household/", {"email": "second@example.org"})
    assert response.status_code == 404
    with pytest.raises(InvitationError):
        partner_invite(profile=NewcomerProfile.objects.get(pk=main.pk), email="x@example.org")
    assert PartnerInvitation.objects.filter(household_id=main.household_id).count() == 1
