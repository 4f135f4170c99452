"""Hiring with the whole journey: an organisation invites the person it hires; when they
accept, the organisation's steps join their journey (the journey's ``employer`` layer),
and the organisation sees their progress on those steps, and nothing else of theirs,
only while they agree to it (``Consent.Kind.EMPLOYER_PROGRESS``). Revoking hides it at
once: the page asks every time.

The organisation's steps are its own template of the journey's employer layer, written
from the standard steps (``data/employer_steps.json``, every language) on the first
hire; its editors can change them in the admin.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from checklists.models import ChecklistTemplate, InstanceItem
from newcomers.journey import JOURNEY
from newcomers.models import Consent, NewcomerProfile
from newcomers.seed import LANGUAGES, steps_write, translated
from newcomers.services import journey_sync
from outbox.mail import message_enqueue
from outbox.rendering import message_render

from ..models import Hire, Occupation, Organization
from ..onboarding.services import plan_sync
from .layer import LAYER

DATA = Path(__file__).resolve().parent.parent / "data" / "employer_steps.json"

INVITATION_VALID_DAYS = 30
Role = NewcomerProfile.Role


class HireRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def employer_facts(profile: NewcomerProfile) -> dict[str, object]:
    """The journey's supplied facts (one query): ``employer``, the organisation whose
    invitation the person accepted; for an accompanying partner without one of their
    own, ``partner_employer``, the organisation that hired the household's main
    newcomer, and ``partner_support``, whether it offers the partner career support
    (the tandem). The partner's journey then shows that offer; nothing of the partner
    reaches the organisation."""
    whose = Q(profile=profile)
    if profile.household_id is not None:
        whose |= Q(profile__household_id=profile.household_id, profile__role=Role.MAIN)
    hires = Hire.objects.filter(whose).select_related("organization")
    own = other = None
    for hire in hires:
        if hire.profile_id == profile.pk:
            own = hire
        else:
            other = hire
    if own is not None:
        return {"employer": str(own.organization.uuid)}
    if other is not None and profile.role == Role.PARTNER:
        return {
            "partner_employer": str(other.organization.uuid),
            "partner_support": other.partner_support,
        }
    return {}


def household_partners_sync(hire: Hire) -> int:
    """Re-assemble the journeys of the hire's accompanying partners, whose employer
    facts follow the hire's; how many."""
    if hire.profile_id is None or hire.profile.household_id is None:
        return 0
    partners = NewcomerProfile.objects.filter(
        household_id=hire.profile.household_id, role=Role.PARTNER
    )
    for partner in partners:
        journey_sync(profile=partner)
    return len(partners)


@transaction.atomic
def employer_steps_ensure(organization: Organization) -> ChecklistTemplate:
    """The organisation's own steps for its hires' journeys, written once."""
    template, created = ChecklistTemplate.objects.get_or_create(
        kind=JOURNEY.key,
        layer=LAYER,
        owner_type=ContentType.objects.get_for_model(Organization),
        owner_id=organization.pk,
        defaults=translated("name", dict.fromkeys(LANGUAGES, organization.name)),
    )
    if created:
        steps_write(template, json.loads(DATA.read_text(encoding="utf-8"))["steps"])
    return template


HIRE_FACTS = ("starts_on", "needs_permit", "partner_moving", "children_moving")


@transaction.atomic
def hire_invite(
    *,
    organization: Organization,
    invited_by: User,
    email: str,
    role_title: str,
    language: str,
    occupation: Occupation | None = None,
    **facts: object,
) -> Hire:
    """Register a hire (with what the organisation knows of the move, ``HIRE_FACTS``),
    write its onboarding plan, and send the invitation through the outbox."""
    unknown = set(facts) - set(HIRE_FACTS)
    if unknown:
        raise TypeError(f"unknown facts of a hire: {', '.join(sorted(unknown))}")
    hire = Hire.objects.create(
        organization=organization,
        email=email,
        role_title=role_title,
        occupation=occupation,
        invited_by=invited_by,
        **facts,
    )
    plan_sync(hire)
    context = {
        "organization": organization.name,
        "role": role_title,
        "path": reverse("employers:hire_accept", kwargs={"token": hire.token}),
        "days": INVITATION_VALID_DAYS,
    }
    message_enqueue(
        kind="employer_hire",
        recipient=email,
        rendered=message_render(
            template="employers/email/hire", context=context, language=language
        ),
        language=language,
        idempotency_key=f"employer-hire:{hire.pk}",
        sensitive=True,
    )
    return hire


@transaction.atomic
def hire_update(*, hire: Hire, **changes: object) -> Hire:
    """Change what the organisation states about the hire and the move, or its offer to
    the partner: the plan is re-assembled (ticked steps keep their dates), and when the
    offer changes the partner's journey follows."""
    allowed = {*HIRE_FACTS, "role_title", "occupation", "partner_support"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields of a hire: {', '.join(sorted(unknown))}")
    offer_changed = changes.get("partner_support", hire.partner_support) != hire.partner_support
    for name, value in changes.items():
        setattr(hire, name, value)
    hire.save(update_fields=list(changes))
    if set(changes) & set(HIRE_FACTS):  # the plan reads only these
        plan_sync(hire)
    if offer_changed:
        household_partners_sync(hire)
    return hire


def hire_problem(hire: Hire, user: User) -> str | None:
    problem = hire.problem(user, valid_days=INVITATION_VALID_DAYS)
    if problem:
        return problem
    if not NewcomerProfile.objects.filter(user=user).exists():
        return "no_journey"
    if Hire.objects.filter(profile__user=user).exclude(pk=hire.pk).exists():
        return "other_employer"
    return None


@transaction.atomic
def hire_accept(*, hire: Hire, user: User) -> Hire:
    hire = Hire.objects.select_for_update().get(pk=hire.pk)
    problem = hire_problem(hire, user)
    if problem:
        raise HireRefused(problem)
    profile = NewcomerProfile.objects.get(user=user)
    employer_steps_ensure(hire.organization)
    hire.profile = profile
    hire.accepted_at = timezone.now()
    hire.save(update_fields=["profile", "accepted_at"])
    if not profile.has_employer:
        profile.has_employer = True
        profile.save(update_fields=["has_employer"])
    journey_sync(profile=profile)
    household_partners_sync(hire)
    return hire


def shares_progress(hire: Hire) -> bool:
    if hire.profile_id is None:
        return False
    return Consent.objects.filter(
        user__newcomer=hire.profile_id,
        kind=Consent.Kind.EMPLOYER_PROGRESS,
        revoked_at__isnull=True,
    ).exists()


def shared_steps(hire: Hire) -> list[InstanceItem]:
    """The hire's progress on the organisation's own steps, if they agree; else none."""
    if not shares_progress(hire):
        return []
    owner_type = ContentType.objects.get_for_model(Organization)
    return list(
        InstanceItem.objects.filter(
            instance__kind=JOURNEY.key,
            instance__subject_id=hire.profile_id,
            state=InstanceItem.State.ACTIVE,
            item__template__layer=LAYER,
            item__template__owner_type=owner_type,
            item__template__owner_id=hire.organization_id,
        )
        .select_related("item")
        .order_by("position")
    )
