from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from municipalities.models import Officer

from .models import Consent, NewcomerProfile, PartnerInvitation


def contact_consenting() -> QuerySet[Consent]:
    """The users who agree, now, that their municipality may contact them (``user_id``):
    the only newcomers an officer ever sees."""
    return Consent.objects.filter(
        kind=Consent.Kind.MUNICIPALITY_CONTACT, revoked_at__isnull=True
    ).values("user_id")


def newcomers_for_officer(*, officer: Officer) -> QuerySet[NewcomerProfile]:
    """Newcomers to the officer's municipality (or region) who consented to contact."""
    profiles = NewcomerProfile.objects.filter(user_id__in=contact_consenting())
    if officer.municipality_id:
        profiles = profiles.filter(municipality_id=officer.municipality_id)
    else:
        profiles = profiles.filter(municipality__region_id=officer.region_id)
    return (
        profiles.select_related("user", "municipality")
        .annotate(children_count=Count("children"))
        .order_by("arrival_date", "pk")
    )


@dataclass(frozen=True)
class HouseholdState:
    """A profile's household as its page shows it: the other members and the
    invitations waiting. A household has one partner, so the person who moves may
    invite only while there is neither (``partner_invite`` holds to it)."""

    profile: NewcomerProfile
    members: list[NewcomerProfile]
    invitations: list[PartnerInvitation]

    @property
    def can_invite(self) -> bool:
        return (
            self.profile.role == NewcomerProfile.Role.MAIN
            and not self.members
            and not self.invitations
        )


def household_state(*, profile: NewcomerProfile) -> HouseholdState:
    if profile.household_id is None:
        return HouseholdState(profile=profile, members=[], invitations=[])
    members = (
        NewcomerProfile.objects.filter(household_id=profile.household_id)
        .exclude(pk=profile.pk)
        .select_related("user")
    )
    invitations = PartnerInvitation.objects.waiting().filter(household_id=profile.household_id)
    return HouseholdState(profile=profile, members=list(members), invitations=list(invitations))
