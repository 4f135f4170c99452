"""Services of newcomers: profile and household facts, the journey, consents, my data."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from checklists.models import ChecklistInstance
from checklists.refresh import checklists_refresh
from checklists.services import checklist_ensure, checklist_sync
from municipalities.models import Municipality
from outbox.mail import message_enqueue, message_render

from .forms import facts_from_answers
from .journey import JOURNEY, profile_facts
from .models import Child, Consent, Household, NewcomerProfile, PartnerInvitation
from .selectors import household_state

logger = logging.getLogger(__name__)


def journey_sync(*, profile: NewcomerProfile) -> ChecklistInstance:
    return checklist_sync(kind=JOURNEY, subject=profile, facts=profile_facts(profile))


def journey_of(*, profile: NewcomerProfile) -> ChecklistInstance:
    """The profile's journey, assembled now if it has none yet."""
    return checklist_ensure(kind=JOURNEY, subject=profile)


def journeys_resync_all() -> tuple[int, int]:
    """Re-assemble every journey now (``seed_demo``, after the national content
    changed); one person's failure does not stop the others. ``(synced, failed)``."""
    journeys = ChecklistInstance.objects.filter(kind=JOURNEY.key)
    return checklists_refresh(kind=JOURNEY, instances=journeys)


def _profile_apply(profile: NewcomerProfile, values: dict[str, object], today: date) -> None:
    """Write stated facts (by fact name, as ``journey.profile_stated`` reads them) onto
    a profile and its children, and save it."""
    values = dict(values)
    if "municipality" in values:
        code = values.pop("municipality")
        profile.municipality = Municipality.objects.get(code=code) if code else None
    ages = values.pop("children_ages", None)
    if not values.get("partner_moving", profile.partner_moving):
        values["partner_working"] = False
    for name, value in values.items():
        setattr(profile, name, value)
    profile.save()
    if ages is not None:
        profile.children.all().delete()
        Child.objects.bulk_create(
            [Child(profile=profile, birth_year=today.year - age) for age in ages]
        )


@transaction.atomic
def profile_save_move(*, user: User, data: dict, today: date | None = None) -> NewcomerProfile:
    """Wizard step one (the move's answers): citizenship, purpose, stay, arrival,
    destination and driving licence."""
    profile = NewcomerProfile.objects.filter(user=user).first()
    if profile is None:
        profile = NewcomerProfile(user=user, household=Household.objects.create())
    _profile_apply(profile, facts_from_answers(data), today or timezone.localdate())
    _resync_household(profile)
    return profile


@transaction.atomic
def profile_save_family(
    *, profile: NewcomerProfile, data: dict, today: date | None = None
) -> NewcomerProfile:
    """Wizard step two (the family's answers): partner, children (by age), employer."""
    _profile_apply(profile, facts_from_answers(data), today or timezone.localdate())
    _resync_household(profile)
    return profile


def _resync_household(profile: NewcomerProfile) -> None:
    """Re-assemble this journey, and the partner's when shared facts may have changed."""
    members = [profile]
    if profile.household_id:
        members += list(
            NewcomerProfile.objects.filter(household_id=profile.household_id)
            .exclude(pk=profile.pk)
            .select_related("user", "municipality")
        )
    for member in members:
        journey_sync(profile=member)


@transaction.atomic
def household_set_sharing(*, profile: NewcomerProfile, share: bool) -> NewcomerProfile:
    profile.shares_household_facts = share
    profile.save(update_fields=["shares_household_facts"])
    _resync_household(profile)
    return profile


@transaction.atomic
def partner_invite(
    *, profile: NewcomerProfile, email: str, site_url: str | None = None
) -> PartnerInvitation:
    """Invite a partner by email; they get their own journey when they accept.

    At most ``INVITATIONS_PER_DAY`` a day per person, so the form cannot be used to
    send mail to strangers in bulk (``limit``); and only while the household has
    neither a partner nor an invitation waiting (``household_full``).
    """
    if not household_state(profile=profile).can_invite:
        raise InvitationError("household_full")
    recent = PartnerInvitation.objects.filter(
        invited_by=profile.user, created_at__gte=timezone.now() - timedelta(days=1)
    )
    if recent.count() >= INVITATIONS_PER_DAY:
        raise InvitationError("limit")
    if profile.household_id is None:
        profile.household = Household.objects.create()
        profile.save(update_fields=["household"])
    invitation = PartnerInvitation.objects.create(
        household=profile.household, invited_by=profile.user, email=email.lower()
    )
    language = profile.user.preferred_language
    with translation.override(language):
        path = reverse("newcomers:join", kwargs={"token": invitation.token})
    message_enqueue(
        kind="partner_invitation",
        recipient=invitation.email,
        rendered=message_render(
            template="newcomers/email/partner_invitation",
            # The inviter's verified address, never free text they typed: the mail goes
            # to any address someone enters, so it must not carry their words.
            context={"inviter": profile.user.email, "join_path": path},
            language=language,
            site_url=site_url,
        ),
        language=language,
        idempotency_key=f"partner-invitation:{invitation.pk}",
        sensitive=True,  # the link joins a household
    )
    return invitation


class InvitationError(Exception):
    """Why an invitation cannot be sent (``limit``, ``household_full``) or used:
    ``used``, ``self``, ``expired``, ``other_address``, or ``citizenship`` (a new
    partner has not said theirs)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


INVITATIONS_PER_DAY = 5
INVITATION_VALID_DAYS = 14


def invitation_problem(*, invitation: PartnerInvitation, user: User) -> str | None:
    """Why ``user`` may not accept ``invitation`` (a reason of ``InvitationError``), or None.

    An invitation is bound to the address it was sent to: only an account holding that
    address, verified, can accept it; and it expires after ``INVITATION_VALID_DAYS``.
    """
    if invitation.accepted_at is not None or invitation.cancelled_at is not None:
        return "used"
    if invitation.invited_by_id == user.pk:
        return "self"
    if invitation.created_at < timezone.now() - timedelta(days=INVITATION_VALID_DAYS):
        return "expired"
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        return "other_address"
    return None


def invitation_open_for(user: User) -> PartnerInvitation | None:
    """The newest invitation this person can accept now: sent to one of their verified
    addresses, unexpired, not their own, to a household they are not in yet. Signing
    in from another browser than the invitation link's still finds it."""
    addresses = EmailAddress.objects.filter(user=user, verified=True).values("email")
    own_household = NewcomerProfile.objects.filter(user=user).values("household_id")
    return (
        PartnerInvitation.objects.waiting()
        .filter(
            email__in=addresses,
            created_at__gte=timezone.now() - timedelta(days=INVITATION_VALID_DAYS),
        )
        .exclude(invited_by=user)
        .exclude(household_id__in=own_household)
        .select_related("invited_by")
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def invitation_accept(
    *, invitation: PartnerInvitation, user: User, citizenship: str | None = None
) -> NewcomerProfile:
    """Join the inviter's household as the accompanying partner.

    A partner states their own citizenship (``citizenship``); it is never copied from
    the inviter, whose permits may differ. A person who already has a profile keeps
    their answers unless they give a new citizenship."""
    problem = invitation_problem(invitation=invitation, user=user)
    if problem:
        raise InvitationError(problem)
    inviter = NewcomerProfile.objects.select_for_update().get(user_id=invitation.invited_by_id)
    profile = NewcomerProfile.objects.filter(user=user).first()
    if profile is None:
        profile = NewcomerProfile(
            user=user,
            purpose="accompanying",
            stay_months=inviter.stay_months,
            arrival_date=inviter.arrival_date,
            municipality=inviter.municipality,
        )
    if citizenship:
        profile.citizenship = citizenship
    if not profile.citizenship:
        raise InvitationError("citizenship")
    profile.household = invitation.household
    profile.role = NewcomerProfile.Role.PARTNER
    profile.partner_moving = True
    profile.save()
    inviter.partner_moving = True
    inviter.save(update_fields=["partner_moving"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _resync_household(profile)
    return profile


@transaction.atomic
def household_member_remove(*, profile: NewcomerProfile, member_id: int) -> NewcomerProfile:
    """The person who moves removes a member: the member keeps their account and steps
    in a household of their own, and nothing is shared any more."""
    member = (
        NewcomerProfile.objects.select_for_update()
        .exclude(pk=profile.pk)
        .get(pk=member_id, household_id=profile.household_id)
    )
    member.household = Household.objects.create()
    member.shares_household_facts = False
    member.save(update_fields=["household", "shares_household_facts"])
    journey_sync(profile=member)
    journey_sync(profile=profile)
    return member


def invitation_cancel(*, profile: NewcomerProfile, invitation_id: int) -> bool:
    cancelled = (
        PartnerInvitation.objects.waiting()
        .filter(pk=invitation_id, household_id=profile.household_id)
        .update(cancelled_at=timezone.now())
    )
    return bool(cancelled)


def consents_active(*, user: User) -> set[str]:
    return set(
        Consent.objects.filter(user=user, revoked_at__isnull=True).values_list("kind", flat=True)
    )


@transaction.atomic
def consent_set(*, user: User, kind: str, given: bool) -> None:
    """Give or revoke a consent; each change is dated and kept."""
    active = Consent.objects.select_for_update().filter(
        user=user, kind=kind, revoked_at__isnull=True
    )
    if given and not active.exists():
        Consent.objects.create(user=user, kind=kind)
    elif not given:
        active.update(revoked_at=timezone.now())
