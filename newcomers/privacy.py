"""My data: everything Landa holds about a person, and erasing it."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from checklists.models import ChecklistInstance, InstanceItem
from outbox.models import OutgoingMessage

from .models import Consent, ErasedAccount, NewcomerProfile, PartnerInvitation
from .services import journey_sync

ERASED = {"recipient": "erased@invalid", "subject": "", "body_text": "", "body_html": ""}


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
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "partner_invitations": [
            {"email": i.email, "created_at": _iso(i.created_at), "accepted_at": _iso(i.accepted_at)}
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
        "household_members": [],
        "journey_facts": None,
        "emails": [
            {
                "kind": m.kind,
                "recipient": m.recipient,
                "subject": m.subject,
                "language": m.language,
                "status": m.status,
                "created_at": _iso(m.created_at),
            }
            for m in OutgoingMessage.objects.filter(
                Q(user=user) | Q(recipient__iexact=user.email)
            ).order_by("created_at")
        ],
    }
    instance = ChecklistInstance.objects.filter(user=user).first()
    if instance:
        data["journey_facts"] = instance.facts
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
        if profile.household_id:
            data["household_members"] = [
                {"email": member.user.email, "role": member.role}
                for member in NewcomerProfile.objects.filter(household_id=profile.household_id)
                .exclude(pk=profile.pk)
                .select_related("user")
            ]
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


def _outbox_scrub(*, user: User) -> None:
    """Mail to the person, mail they caused to be sent (partner invitations carry their
    address and name) and any other mail that quotes their address."""
    invitations = PartnerInvitation.objects.filter(invited_by=user).values_list("pk", flat=True)
    sent_for_them = [f"partner-invitation:{pk}" for pk in invitations]
    email = user.email
    OutgoingMessage.objects.filter(
        Q(user=user)
        | Q(recipient__iexact=email)
        | Q(idempotency_key__in=sent_for_them)
        | Q(subject__icontains=email)
        | Q(body_text__icontains=email)
        | Q(body_html__icontains=email)
    ).update(user=None, headers={}, **ERASED)


def _sessions_end(*, user: User) -> None:
    """Every session of the person, on every device (they hold the address too)."""
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        if data.get("_auth_user_id") == user_id or user.email in str(data):
            session.delete()


def _admin_log_scrub(*, user: User) -> None:
    """Staff edits of the person's rows are logged under their address."""
    LogEntry.objects.filter(object_repr__icontains=user.email).update(
        object_repr="erased", change_message=""
    )


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Erase a person's data; keep one anonymous row of counts.

    After this, nothing identifying the person remains: their rows cascade away, mail
    and sessions are scrubbed, and a partner's journey is re-assembled from the
    partner's own answers, so the person's children and dates leave it too.
    """
    profile = NewcomerProfile.objects.filter(user=user).select_related("municipality").first()
    household_members = list(
        NewcomerProfile.objects.filter(household_id=profile.household_id)
        .exclude(pk=profile.pk)
        .select_related("user", "municipality")
        if profile and profile.household_id
        else []
    )
    rows = InstanceItem.objects.filter(instance__user=user, state=InstanceItem.State.ACTIVE)
    ErasedAccount.objects.create(
        erased_on=timezone.localdate().replace(day=1),
        municipality_code=profile.municipality.code if profile and profile.municipality else "",
        citizenship=profile.citizenship if profile else "",
        purpose=profile.purpose if profile else "",
        steps_total=rows.count(),
        steps_done=rows.filter(done_at__isnull=False).count(),
    )
    _outbox_scrub(user=user)
    _sessions_end(user=user)
    _admin_log_scrub(user=user)
    PartnerInvitation.objects.filter(email__iexact=user.email).delete()
    user.delete()  # cascades: profile, children, journey, notes, consents, invitations sent
    for member in household_members:
        member.shares_household_facts = False
        member.save(update_fields=["shares_household_facts"])
        journey_sync(profile=member)
