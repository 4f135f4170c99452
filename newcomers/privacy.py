"""My data: everything Landa holds about a person, and erasing it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from checklists.models import InstanceItem
from portal.models import OutgoingMessage, User

from .models import Consent, ErasedAccount, NewcomerProfile, PartnerInvitation


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def account_export(*, user: User) -> dict:
    """Everything stored about ``user``, as JSON-ready data."""
    profile = NewcomerProfile.objects.filter(user=user).select_related("municipality").first()
    data: dict = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "profile": None,
        "journey": [],
        "consents": [
            {"kind": c.kind, "given_at": _iso(c.given_at), "revoked_at": _iso(c.revoked_at)}
            for c in Consent.objects.filter(user=user).order_by("given_at")
        ],
        "partner_invitations": [
            {"email": i.email, "created_at": _iso(i.created_at), "accepted_at": _iso(i.accepted_at)}
            for i in PartnerInvitation.objects.filter(invited_by=user)
        ],
        "emails": [
            {
                "kind": m.kind,
                "subject": m.subject,
                "language": m.language,
                "status": m.status,
                "created_at": _iso(m.created_at),
            }
            for m in OutgoingMessage.objects.filter(user=user).order_by("created_at")
        ],
    }
    if profile:
        data["profile"] = {
            "role": profile.role,
            "citizenship": profile.citizenship,
            "purpose": profile.purpose,
            "stay_months": profile.stay_months,
            "arrival_date": _iso(profile.arrival_date),
            "municipality": profile.municipality.code if profile.municipality else None,
            "partner_moving": profile.partner_moving,
            "partner_working": profile.partner_working,
            "has_employer": profile.has_employer,
            "driving_licence": profile.driving_licence,
            "shares_household_facts": profile.shares_household_facts,
            "reminders": profile.reminders,
            "children_birth_years": [c.birth_year for c in profile.children.all()],
        }
        data["journey"] = [
            {
                "key": row.key,
                "state": row.state,
                "due_date": _iso(row.due_date),
                "done_at": _iso(row.done_at),
                "note": row.note,
                "added_at": _iso(row.added_at),
                "removed_at": _iso(row.removed_at),
            }
            for row in InstanceItem.objects.filter(instance__user=user).order_by("position")
        ]
    return data


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Erase a person's data; keep one anonymous row of counts."""
    profile = NewcomerProfile.objects.filter(user=user).select_related("municipality").first()
    rows = InstanceItem.objects.filter(instance__user=user, state=InstanceItem.State.ACTIVE)
    ErasedAccount.objects.create(
        erased_on=timezone.localdate().replace(day=1),
        municipality_code=profile.municipality.code if profile and profile.municipality else "",
        citizenship=profile.citizenship if profile else "",
        purpose=profile.purpose if profile else "",
        steps_total=rows.count(),
        steps_done=rows.filter(done_at__isnull=False).count(),
    )
    OutgoingMessage.objects.filter(user=user).update(
        user=None, recipient="erased@invalid", subject="", body_text="", body_html="", headers={}
    )
    OutgoingMessage.objects.filter(recipient__iexact=user.email).update(
        recipient="erased@invalid", subject="", body_text="", body_html="", headers={}
    )
    PartnerInvitation.objects.filter(email__iexact=user.email).delete()
    user.delete()  # cascades: profile, children, journey, notes, consents, email addresses
