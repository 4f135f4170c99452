"""Employers: an organisation number is checked (shape, a personal identity number, the
check digit) and taken once; whoever registers is the owner; owners invite colleagues
by mail (once, through the outbox), and the link works for the invited address only,
once, for two weeks; each person stays in their own organisation's rooms; the last
owner stays; My data has the memberships, and erasing the last owner hands the
organisation to a colleague."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from accounts.data_rights import account_erase, account_export
from employers.models import MemberInvitation, Membership, Organization
from employers.orgnumber import org_number_clean
from municipalities.models import Municipality
from outbox.models import OutgoingMessage

from .factories import UserFactory

pytestmark = pytest.mark.usefixtures("geography")

MINE = "/en/employers/mine/"


def check_digit(nine: str) -> str:
    """Luhn, written out here apart from the code under test."""
    total = 0
    for index, digit in enumerate(nine):
        product = int(digit) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def number(nine: str = "556677889") -> str:
    return f"{nine[:6]}-{nine[6:]}{check_digit(nine)}"


def test_an_organisation_number_is_checked():
    valid = number()
    assert org_number_clean(valid) == valid
    assert org_number_clean(valid.replace("-", "")) == valid
    assert org_number_clean(f"16{valid}") == valid
    wrong_digit = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    cases = {
        wrong_digit: "check_digit",
        "55667-78899": "shape",
        "556677-88": "shape",
        "abcdef-ghij": "shape",
        number("850101123"): "personal",  # month 01: a person's number
    }
    for value, code in cases.items():
        with pytest.raises(ValidationError) as refused:
            org_number_clean(value)
        assert refused.value.code == code, value


def owner(email="owner@example.org") -> tuple[Client, Organization]:
    user = UserFactory(email=email, display_name="Olle Owner")
    client = Client()
    client.force_login(user)
    response = client.post(
        MINE,
        {
            "org_number": number(),
            "name": "Fjällverkstaden AB",
            "size_class": "10-49",
            "sector": "C",
            "municipality": Municipality.objects.get(code="2380").pk,
        },
    )
    assert response.status_code == 302
    return client, Organization.objects.get()


def test_whoever_registers_is_the_owner_and_a_number_is_taken_once():
    client, organization = owner()
    assert organization.memberships.get().role == "owner"
    page = client.get(organization.get_absolute_url()).content.decode()
    assert "Fjällverkstaden AB" in page and "Invite a colleague" in page
    other = Client()
    other.force_login(UserFactory())
    response = other.post(
        MINE,
        {
            "org_number": number().replace("-", ""),
            "name": "Copy AB",
            "size_class": "1-9",
            "sector": "C",
            "municipality": organization.municipality_id,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "already on Landa: ask one of its owners to invite you" in html
    assert 'value="Copy AB"' in html and Organization.objects.count() == 1
    wrong = other.post(MINE, {"org_number": "850101-1234", "name": "X"})
    assert "personal identity number" in wrong.content.decode()


def invite(client, organization, email="colleague@example.org", role="member"):
    return client.post(
        f"/en/employers/o/{organization.uuid}/invite/", {"email": email, "role": role}
    )


def test_an_invitation_is_mailed_once_and_works_for_its_address_once():
    client, organization = owner()
    assert invite(client, organization).status_code == 302
    [mail] = OutgoingMessage.objects.filter(kind="employer_invitation")
    invitation = MemberInvitation.objects.get()
    assert mail.recipient == "colleague@example.org" and invitation.token in mail.body_text
    assert "Fjällverkstaden AB" in mail.subject
    link = f"/en/employers/invitations/{invitation.token}/"

    stranger = Client()
    assert stranger.get(link).status_code == 302  # signs in first
    someone_else = Client()
    someone_else.force_login(UserFactory(email="else@example.org"))
    response = someone_else.post(link)
    assert response.status_code == 400 and "another email address" in response.content.decode()
    in_swedish = someone_else.post(f"/sv{link[3:]}").content.decode()
    assert "en annan e-postadress" in in_swedish  # in the reader's language, not the first

    colleague = Client()
    colleague.force_login(UserFactory(email="colleague@example.org"))
    assert colleague.get(link).status_code == 200
    assert colleague.post(link).status_code == 302
    assert Membership.objects.filter(organization=organization).count() == 2
    again = colleague.post(link)
    assert again.status_code == 400 and "has been used" in again.content.decode()

    invite(client, organization, email="late@example.org")
    late = MemberInvitation.objects.get(email="late@example.org")
    MemberInvitation.objects.filter(pk=late.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )
    latecomer = Client()
    latecomer.force_login(UserFactory(email="late@example.org"))
    response = latecomer.post(f"/en/employers/invitations/{late.token}/")
    assert response.status_code == 400 and "expired" in response.content.decode()


def test_bad_invitations_are_refused_with_what_was_typed():
    client, organization = owner()
    response = invite(client, organization, email="not-an-address")
    assert response.status_code == 400
    assert 'value="not-an-address"' in response.content.decode()
    assert not MemberInvitation.objects.exists()


def test_each_person_stays_in_their_own_organisation():
    client, organization = owner()
    invite(client, organization)
    member_user = UserFactory(email="colleague@example.org")
    member = Client()
    member.force_login(member_user)
    member.post(f"/en/employers/invitations/{MemberInvitation.objects.get().token}/")
    page = organization.get_absolute_url()
    assert member.get(page).status_code == 200
    assert "Invite a colleague" not in member.get(page).content.decode()
    assert invite(member, organization, email="x@example.org").status_code == 403
    own_membership = Membership.objects.get(user__email="owner@example.org")
    remove = f"/en/employers/o/{organization.uuid}/members/{own_membership.pk}/remove/"
    assert member.post(remove).status_code == 403

    outsider = UserFactory(email="outsider@example.org")
    other_client = Client()
    other_client.force_login(outsider)
    assert other_client.get(page).status_code == 404
    assert invite(other_client, organization).status_code == 404
    assert other_client.post(remove).status_code == 404
    assert Client().get(page).status_code == 302
    for address in (f"/en/employers/o/{organization.uuid}/invite/", remove, "/en/employers/mine/"):
        stranger = Client().post(address, {"email": "x@example.org", "role": "member"})
        assert stranger.status_code == 302 and "/accounts/login/" in stranger["Location"]
    assert Membership.objects.filter(organization=organization).count() == 2
    assert MemberInvitation.objects.count() == 1

    # The last owner stays.
    assert client.post(remove).status_code == 302
    assert Membership.objects.filter(pk=own_membership.pk).exists()


def test_my_data_has_memberships_and_erasing_the_last_owner_hands_over():
    client, organization = owner()
    invite(client, organization)
    colleague = UserFactory(email="colleague@example.org")
    member = Client()
    member.force_login(colleague)
    member.post(f"/en/employers/invitations/{MemberInvitation.objects.get().token}/")
    owner_user = Membership.objects.get(role="owner").user
    data = account_export(user=owner_user)
    assert data["employer_memberships"][0]["org_number"] == organization.org_number
    account_erase(user=owner_user)
    assert Membership.objects.get(organization=organization).user == colleague
    assert Membership.objects.get(organization=organization).role == "owner"


def test_the_organisation_page_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    client, organization = owner()
    for index in range(12):
        invite(client, organization, email=f"c{index}@example.org")
    with django_assert_max_num_queries(12):
        assert client.get(organization.get_absolute_url()).status_code == 200


def test_only_owners_withdraw_an_invitation_and_strangers_reach_none():
    client, organization = owner()
    member = colleague(client, organization)
    invite(client, organization, email="late@example.org")
    pending = MemberInvitation.objects.get(email="late@example.org")
    withdraw = f"/en/employers/o/{organization.uuid}/invitations/{pending.pk}/withdraw/"
    assert member.post(withdraw).status_code == 403
    outsider = Client()
    outsider.force_login(UserFactory(email="outsider@example.org"))
    assert outsider.post(withdraw).status_code == 404
    assert Client().post(withdraw).status_code == 302  # a stranger signs in first
    pending.refresh_from_db()
    assert pending.cancelled_at is None
    assert client.post(withdraw).status_code == 302
    pending.refresh_from_db()
    assert pending.cancelled_at is not None


def colleague(client, organization) -> Client:
    invite(client, organization)
    person = Client()
    person.force_login(UserFactory(email="colleague@example.org"))
    person.post(f"/en/employers/invitations/{MemberInvitation.objects.get().token}/")
    return person
