"""What the newcomers app holds about a person, for their data rights: its part of the
download, and what erasure does with it (``accounts.data_rights`` runs both)."""

from __future__ import annotations

from django.utils import timezone

from accounts.data_rights import AfterErasure, PersonalData
from accounts.models import User
from checklists.models import InstanceItem
from outbox.personal import messages_scrub

from .journey import JOURNEY_FACTS, profile_stated
from .models import Consent, ErasedAccount, NewcomerProfile, PartnerInvitation
from .services import journey_sync


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _profile_export(profile: NewcomerProfile) -> dict:
    return {
        "role": profile.role,
        **JOURNEY_FACTS.to_json(JOURNEY_FACTS.make(**profile_stated(profile))),
        "shares_household_facts": profile.shares_household_facts,
        "reminders": profile.reminders,
        "children_birth_years": [c.birth_year for c in profile.children.all()],
    }


def newcomer_export(user: User) -> dict:
    profile = NewcomerProfile.objects.filter(user=user).select_related("municipality").first()
    instance = profile.checklists.first() if profile else None
    members = (
        NewcomerProfile.objects.filter(household_id=profile.household_id)
        .exclude(pk=profile.pk)
        .select_related("user")
        if profile and profile.household_id
        else []
    )
    return {
        "profile": _profile_export(profile) if profile else None,
        "journey": [
            {
                "key": row.key,
                "state": row.state,
                "due_date": _iso(row.due_date),
                "done_at": _iso(row.done_at),
                "note": row.note,
                "added_at": _iso(row.added_at),
                "removed_at": _iso(row.removed_at),
            }
            for row in InstanceItem.objects.filter(instance__newcomer__user=user).order_by(
                "position"
            )
        ],
        "journey_facts": instance.facts if instance else None,
        "consents": [
            {"kind": c.kind, "given_at": _iso(c.given_at), "revoked_at": _iso(c.revoked_at)}
            for c in Consent.objects.filter(user=user).order_by("given_at")
        ],
        "partner_invitations": [
            {
                "email": i.email,
                "created_at": _iso(i.created_at),
                "accepted_at": _iso(i.accepted_at),
                "cancelled_at": _iso(i.cancelled_at),
            }
            for i in PartnerInvitation.objects.filter(invited_by=user)
        ],
        "invitations_received": [
            {
                "from": i.invited_by.email,
                "created_at": _iso(i.created_at),
                "accepted_at": _iso(i.accepted_at),
            }
            for i in PartnerInvitation.objects.filter(email__iexact=user.email).select_related(
                "invited_by"
            )
        ],
        "household_members": [{"email": m.user.email, "role": m.role} for m in members],
    }


def newcomer_erase(user: User) -> AfterErasure:
    """Keep one anonymous row of counts; blank the invitations the person sent (they
    carry the address); and, once the account is gone, re-assemble a partner's journey
    from the partner's own answers, so the person's children and dates leave it too."""
    profile = NewcomerProfile.objects.filter(user=user).select_related("municipality").first()
    members = list(
        NewcomerProfile.objects.filter(household_id=profile.household_id)
        .exclude(pk=profile.pk)
        .select_related("user", "municipality")
        if profile and profile.household_id
        else []
    )
    rows = InstanceItem.objects.filter(
        instance__newcomer__user=user, state=InstanceItem.State.ACTIVE
    )
    ErasedAccount.objects.create(
        erased_on=timezone.localdate().replace(day=1),
        municipality_code=profile.municipality.code if profile and profile.municipality else "",
        citizenship=profile.citizenship if profile else "",
        purpose=profile.purpose if profile else "",
        steps_total=rows.count(),
        steps_done=rows.filter(done_at__isnull=False).count(),
    )
    sent = PartnerInvitation.objects.filter(invited_by=user).values_list("pk", flat=True)
    messages_scrub(idempotency_keys=[f"partner-invitation:{pk}" for pk in sent])
    PartnerInvitation.objects.filter(email__iexact=user.email).delete()

    def stop_sharing() -> None:
        for member in members:
            member.shares_household_facts = False
            member.save(update_fields=["shares_household_facts"])
            journey_sync(profile=member)

    return stop_sharing


NEWCOMER_DATA = PersonalData(app="newcomers", export=newcomer_export, erase=newcomer_erase)
