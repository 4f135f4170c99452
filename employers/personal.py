"""What the employers' area holds about a person: the organisations they are a member
of, invitations sent to their address, and the employers that hired them (erased with
them: the employer keeps nothing of the person). The organisations are the employers', not
the person's, and stay when the person's account is erased: their membership goes with
it, and when they were its last owner the longest-standing member becomes owner, so an
organisation is never left without one while it has members."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Q

from accounts.data_rights import PersonalData
from accounts.models import User

from .models import Hire, MemberInvitation, Membership

Role = Membership.Role


def _sent_to(user: User) -> Q:
    """Rows sent to one of the person's addresses: the account's own and those they
    confirmed, whatever the case (an address merely added is someone else's until
    confirmed)."""
    confirmed = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    sent = Q(pk__in=[])
    for address in {user.email.lower(), *(email.lower() for email in confirmed)}:
        sent |= Q(email__iexact=address)
    return sent


def employers_export(user: User) -> dict:
    memberships = Membership.objects.filter(user=user).select_related("organization")
    invitations = MemberInvitation.objects.filter(_sent_to(user))
    return {
        "employer_memberships": [
            {
                "organization": membership.organization.name,
                "org_number": membership.organization.org_number,
                "role": membership.role,
                "joined_at": membership.joined_at.isoformat(),
            }
            for membership in memberships.order_by("pk")
        ],
        "employers_that_hired_you": [
            {
                "organization": hire.organization.name,
                "role": hire.role_title,
                "invited_at": hire.created_at.isoformat(),
                "accepted_at": hire.accepted_at.isoformat() if hire.accepted_at else None,
                # What the employer stated about the move, for its onboarding plan.
                "first_working_day": hire.starts_on.isoformat() if hire.starts_on else None,
                "needs_permit": hire.needs_permit,
                "partner_moving": hire.partner_moving,
                "children_moving": hire.children_moving,
                "partner_support_offered": hire.partner_support,
            }
            for hire in Hire.objects.filter(_sent_to(user) | Q(profile__user=user)).select_related(
                "organization"
            )
        ],
        "employer_invitations_to_you": [
            {
                "organization": invitation.organization.name,
                "role": invitation.role,
                "sent_at": invitation.created_at.isoformat(),
            }
            for invitation in invitations.select_related("organization").order_by("pk")
        ],
    }


def employers_erase(user: User) -> None:
    MemberInvitation.objects.filter(_sent_to(user)).delete()
    Hire.objects.filter(_sent_to(user) | Q(profile__user=user)).delete()
    for membership in Membership.objects.filter(user=user, role=Role.OWNER):
        others = Membership.objects.filter(organization_id=membership.organization_id).exclude(
            user=user
        )
        if not others.filter(role=Role.OWNER).exists():
            successor = others.order_by("joined_at", "pk").first()
            if successor is not None:
                successor.role = Role.OWNER
                successor.save(update_fields=["role"])
    return None


EMPLOYERS_DATA = PersonalData(app="employers", export=employers_export, erase=employers_erase)
