"""Sending welcome letters to newcomers on Landa, exactly once, through the outbox.

A newcomer who agreed that their municipality may contact them, and who has named the
municipality and an arrival date, gets the municipality's letter a set number of days
before arrival (the template says how many), in their language or, when the
municipality has none in it, in English, then Swedish (recorded on the letter).

Decisions: one automatic letter per newcomer and municipality (``sequence`` 0, held
by a unique constraint, so duplicate tasks and restarts cannot send it twice); a later
version of the template is not sent again by itself, since a newcomer should not get
the same welcome after each correction; an officer may resend, which writes the next
sequence from the current version. People who arrived more than ``LATE_DAYS`` ago are
not welcomed by mail any more.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from municipalities.access_log import access_record
from municipalities.models import Officer, OfficerAccess
from newcomers.models import NewcomerProfile
from newcomers.selectors import contact_consenting
from outbox.mail import message_enqueue
from outbox.rendering import RenderedMessage, site_address

from ..cases.services import case_letter_sent
from ..models import LetterTemplate, WelcomeLetter
from .compose import associations_for, events_for, letter_write, place_url, template_for
from .placeholders import LetterValues, first_name_of
from .sanitise import html_to_text

LATE_DAYS = 60
MOST_DAYS_BEFORE = 90


def profiles_awaiting_letter(today: date) -> QuerySet[NewcomerProfile]:
    """Consenting newcomers with a municipality and an arrival date near enough, who
    have not had their municipality's automatic letter."""
    return (
        NewcomerProfile.objects.filter(
            user_id__in=contact_consenting(),
            municipality__isnull=False,
            arrival_date__gte=today - timedelta(days=LATE_DAYS),
            arrival_date__lte=today + timedelta(days=MOST_DAYS_BEFORE),
        )
        .exclude(
            Exists(
                WelcomeLetter.objects.filter(
                    profile=OuterRef("pk"), municipality=OuterRef("municipality"), sequence=0
                )
            )
        )
        .select_related("user", "municipality__region")
    )


def values_for(profile: NewcomerProfile, language: str, site_url: str) -> LetterValues:
    user = profile.user
    return LetterValues(
        first_name=first_name_of(user.display_name),
        municipality=profile.municipality.name,
        arrival_date=profile.arrival_date,
        place_url=place_url(profile.municipality, language, site_url),
        associations=associations_for(profile.municipality, language, site_url),
        events=events_for(profile.municipality, language, site_url),
    )


def _rendered(letter: WelcomeLetter, profile: NewcomerProfile, site_url: str) -> RenderedMessage:
    with translation.override(letter.language):
        context = {
            "language": letter.language,
            "subject": letter.subject,
            "municipality": profile.municipality.name,
            "consents_url": site_url + reverse("newcomers:consents"),
            "letters_url": site_url + reverse("my_letters:list"),
        }
        html = render_to_string(
            "welcome/email/letter.html", {**context, "letter_html": letter.body_html}
        )
        text = render_to_string(
            "welcome/email/letter.txt",
            {**context, "letter_text": html_to_text(letter.body_html)},
        )
    return RenderedMessage(subject=letter.subject, body_text=text, body_html=html)


def letter_send(
    *,
    profile: NewcomerProfile,
    template: LetterTemplate,
    sequence: int = 0,
    officer: Officer | None = None,
    site_url: str | None = None,
) -> WelcomeLetter | None:
    """Write the letter and its mail in one transaction; None if this sequence was
    already written (by a duplicate task, or another worker a moment before)."""
    site_url = site_url or site_address()
    wanted = profile.user.preferred_language
    written = letter_write(template, values_for(profile, template.language, site_url))
    try:
        with transaction.atomic():
            letter = WelcomeLetter.objects.create(
                profile=profile,
                municipality=profile.municipality,
                template=template,
                template_version=template.version,
                sequence=sequence,
                language=template.language,
                wanted_language=wanted if wanted != template.language else "",
                subject=written.subject,
                body_html=written.body_html,
                sent_by=officer,
            )
            letter.message = message_enqueue(
                kind="welcome_letter",
                recipient=profile.user.email,
                rendered=_rendered(letter, profile, site_url),
                language=letter.language,
                idempotency_key=f"welcome-letter:{letter.pk}",
                user=profile.user,
            )
            letter.save(update_fields=["message"])
            case_letter_sent(
                profile=profile, municipality=profile.municipality, at=letter.created_at
            )
            if officer is not None:
                access_record(
                    officer=officer,
                    people=[profile.user_id],
                    action=OfficerAccess.Action.LETTER_SENT,
                )
    except IntegrityError:
        return None
    return letter


def letters_send_due(
    *,
    profile_ids: list[int] | None = None,
    today: date | None = None,
    site_url: str | None = None,
) -> int:
    """Send every automatic letter that is due (to these profiles, or to anyone);
    return how many were written."""
    today = today or timezone.localdate()
    awaiting = profiles_awaiting_letter(today)
    if profile_ids is not None:
        awaiting = awaiting.filter(pk__in=profile_ids)
    profiles = list(awaiting)
    templates: dict[int, list[LetterTemplate]] = {}
    for template in LetterTemplate.objects.filter(
        is_active=True, municipality_id__in={p.municipality_id for p in profiles}
    ):
        templates.setdefault(template.municipality_id, []).append(template)
    sent = 0
    for profile in profiles:
        template = template_for(
            profile.municipality,
            profile.user.preferred_language,
            templates.get(profile.municipality_id, []),
        )
        if template is None:
            continue
        if profile.arrival_date - timedelta(days=template.days_before_arrival) > today:
            continue
        if letter_send(profile=profile, template=template, site_url=site_url):
            sent += 1
    return sent


def letter_resend(*, profile: NewcomerProfile, officer: Officer) -> WelcomeLetter | None:
    """An officer sends the current letter again (the next sequence)."""
    template = template_for(profile.municipality, profile.user.preferred_language)
    if template is None:
        return None
    last = (
        profile.welcome_letters.filter(municipality=profile.municipality)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    sequence = 0 if last is None else last + 1
    return letter_send(profile=profile, template=template, sequence=sequence, officer=officer)
