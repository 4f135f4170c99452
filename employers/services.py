"""Registering an employer and bringing colleagues in.

Whoever registers an organisation becomes its first owner. Owners invite colleagues by
email (mailed once through the outbox); the link works for an account that holds the
invited address, verified, within ``INVITATION_VALID_DAYS``, once. Owners may remove a
member, never the last owner. At most ``INVITATIONS_PER_DAY`` invitations a day per
organisation, cancelled ones counted, so the form cannot send mail in bulk.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from outbox.mail import message_enqueue
from outbox.rendering import message_render

from .models import MemberInvitation, Membership, Organization

INVITATION_VALID_DAYS = 14
INVITATIONS_PER_DAY = 20
Role = Membership.Role


class InvitationRefused(Exception):
    """Why an invitation cannot be accepted: ``used``, ``expired`` or ``other_address``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def organizations_of(user: User) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user).select_related("municipality")


@transaction.atomic
def organization_register(*, user: User, data: dict) -> Organization:
    organization = Organization.objects.create(**data)
    Membership.objects.create(organization=organization, user=user, role=Role.OWNER)
    return organization


def invitations_left_today(organization: Organization) -> int:
    since = timezone.now() - timedelta(days=1)
    sent = organization.invitations.filter(created_at__gte=since).count()
    return max(INVITATIONS_PER_DAY - sent, 0)


@transaction.atomic
def member_invite(
    *, organization: Organization, invited_by: User, email: str, role: str, language: str
) -> MemberInvitation:
    invitation = MemberInvitation.objects.create(
        organization=organization, email=email, role=role, invited_by=invited_by
    )
    context = {
        "organization": organization.name,
        "inviter": invited_by.display_name or invited_by.email,
        "path": reverse("employers:invitation", kwargs={"token": invitation.token}),
        "days": INVITATION_VALID_DAYS,
    }
    message_enqueue(
        kind="employer_invitation",
        recipient=email,
        rendered=message_render(
            template="employers/email/invitation", context=context, language=language
        ),
        language=language,
        idempotency_key=f"employer-invitation:{invitation.pk}",
        sensitive=True,
    )
    return invitation


def invitation_problem(invitation: MemberInvitation, user: User) -> str | None:
    return invitation.problem(user, valid_days=INVITATION_VALID_DAYS)


@transaction.atomic
def invitation_accept(*, invitation: MemberInvitation, user: User) -> Membership:
    invitation = MemberInvitation.objects.select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(invitation, user)
    if problem:
        raise InvitationRefused(problem)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership, created = Membership.objects.get_or_create(
        organization=invitation.organization, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Role.OWNER and membership.role != Role.OWNER:
        membership.role = Role.OWNER
        membership.save(update_fields=["role"])
    return membership


def invitation_cancel(*, organization: Organization, invitation_id: int) -> bool:
    return bool(
        organization.invitations.filter(
            pk=invitation_id, accepted_at__isnull=True, cancelled_at__isnull=True
        ).update(cancelled_at=timezone.now())
    )


@transaction.atomic
def member_remove(*, organization: Organization, membership_id: int) -> bool:
    """Remove a member; the last owner stays (False)."""
    memberships = Membership.objects.select_for_update().filter(organization=organization)
    membership = memberships.filter(pk=membership_id).first()
    if membership is None:
        return False
    if membership.role == Role.OWNER and memberships.filter(role=Role.OWNER).count() == 1:
        return False
    membership.delete()
    return True
