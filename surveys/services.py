"""Inviting people to the follow-up surveys, and taking their answer or their no
(decision 0012).

``surveys_invite_due`` runs daily (beat). Each invitation is its row and its mail, in one
transaction: a crash leaves both or neither, and a second run, or a concurrent one,
finds the row and sends nothing again (the row's uniqueness and the outbox's key).
Answering and declining are one conditional UPDATE each, so a link used twice at the
same moment counts once.
"""

from __future__ import annotations

import calendar
import logging
import secrets
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from employers.models import Hire, Membership
from newcomers.models import Consent, NewcomerProfile
from outbox.mail import message_enqueue, message_render

from .models import SurveyInvitation, token_digest
from .waves import EMPLOYER, LATE_DAYS, NEWCOMER, PARTNER, VALID_DAYS, WAVES, Wave

logger = logging.getLogger(__name__)
_MAIL = {NEWCOMER: "newcomer", PARTNER: "newcomer", EMPLOYER: "employer"}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier; the month's last day when it has no such day."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _window(wave: Wave, today: date) -> tuple[date, date]:
    """The start days (arrival, first working day) for which the wave is due today and
    not more than ``LATE_DAYS`` late: ``(earliest, latest)``, both included."""
    latest = months_before(today, wave.months)
    return latest - timedelta(days=LATE_DAYS), latest


def _asked(wave: Wave, **subject) -> Exists:
    return Exists(SurveyInvitation.objects.filter(wave=wave.key, **subject))


def due_people(wave: Wave, today: date) -> QuerySet[NewcomerProfile]:
    """Newcomers (or partners) the wave is due for: arrived in its window, still with
    an active account, who agreed to surveys and were never asked for it."""
    earliest, latest = _window(wave, today)
    agreed = Consent.objects.filter(
        user=OuterRef("user"), kind=Consent.Kind.SURVEYS, revoked_at__isnull=True
    )
    role = NewcomerProfile.Role.MAIN if wave.audience == NEWCOMER else NewcomerProfile.Role.PARTNER
    return (
        NewcomerProfile.objects.filter(
            role=role,
            arrival_date__range=(earliest, latest),
            user__is_active=True,
        )
        .filter(Exists(agreed))
        .exclude(_asked(wave, user=OuterRef("user")))
        .select_related("user", "municipality")
        .order_by("pk")
    )


def due_hires(wave: Wave, today: date) -> QuerySet[Hire]:
    """Hires the employer wave is due for: six months after the first working day (or,
    when the employer gave none, the day the hire was registered)."""
    earliest, latest = _window(wave, today)
    started = Coalesce("starts_on", TruncDate("created_at"))
    return (
        Hire.objects.annotate(started=started)
        .filter(started__range=(earliest, latest))
        .exclude(_asked(wave, hire=OuterRef("pk")))
        .select_related("organization__municipality", "invited_by")
        .order_by("pk")
    )


def employer_contact(hire: Hire) -> User | None:
    """Who answers for the employer: the member who registered the hire while they are
    still a member, otherwise the organisation's longest-standing owner."""
    members = Membership.objects.filter(organization=hire.organization, user__is_active=True)
    if hire.invited_by_id and members.filter(user_id=hire.invited_by_id).exists():
        return hire.invited_by
    owner = members.filter(role=Membership.Role.OWNER).select_related("user").first()
    return owner.user if owner else None


def surveys_invite_due(today: date | None = None) -> int:
    """Invite everyone a wave is due for today; return how many were invited."""
    today = today or timezone.localdate()
    invited = 0
    for wave in WAVES:
        if wave.audience == EMPLOYER:
            for hire in due_hires(wave, today).iterator(chunk_size=500):
                person = employer_contact(hire)
                if person is not None:
                    invited += _invite(
                        wave,
                        person,
                        hire=hire,
                        organization=hire.organization,
                        municipality=hire.organization.municipality,
                    )
        else:
            for profile in due_people(wave, today).iterator(chunk_size=500):
                invited += _invite(wave, profile.user, municipality=profile.municipality)
    return invited


def _invite(wave: Wave, person: User, **about) -> int:
    token = secrets.token_urlsafe(32)
    language = person.preferred_language
    now = timezone.now()
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                wave=wave.key,
                user=person,
                token_digest=token_digest(token),
                language=language,
                sent_at=now,
                expires_at=now + timedelta(days=VALID_DAYS),
                **about,
            )
            _mail(invitation, wave, token)
    except IntegrityError:  # a concurrent run asked this person first
        logger.info("Surveys: %s already asked for %s", person.pk, wave.key)
        return 0
    return 1


def _mail(invitation: SurveyInvitation, wave: Wave, token: str) -> None:
    person, language = invitation.user, invitation.language
    with translation.override(language):
        path = reverse("surveys:answer", kwargs={"token": token})
    context = {
        "wave": wave,
        "months": wave.months,
        "municipality": invitation.municipality.name if invitation.municipality else "",
        "hire": invitation.hire,
        "organization": invitation.organization.name if invitation.organization else "",
        "path": path,
        "expires": timezone.localtime(invitation.expires_at).date(),
    }
    subject = invitation.hire_id or person.pk
    message_enqueue(
        kind=f"survey_{wave.audience}",
        recipient=person.email,
        rendered=message_render(
            template=f"surveys/email/{_MAIL[wave.audience]}", context=context, language=language
        ),
        language=language,
        idempotency_key=f"survey:{wave.key}:{subject}",
        user=person,
        sensitive=True,
    )


def invitation_for(token: str) -> SurveyInvitation | None:
    found = SurveyInvitation.objects.filter(token_digest=token_digest(token))
    return found.select_related("municipality", "hire", "organization").first()


def survey_answer(invitation: SurveyInvitation, answers: dict) -> bool:
    """Keep the answer if the survey is still open; ``False`` if it was answered,
    declined or closed meanwhile (the first answer stands)."""
    return (
        SurveyInvitation.objects.filter(pk=invitation.pk)
        .still_open()
        .update(answered_at=timezone.now(), **answers)
        == 1
    )


def survey_decline(invitation: SurveyInvitation) -> bool:
    """Say no to the wave: it is never asked again."""
    return (
        SurveyInvitation.objects.filter(pk=invitation.pk)
        .still_open()
        .update(declined_at=timezone.now())
        == 1
    )
