"""Associations keep their own entries; the municipality's editors moderate them.

- A signed-in person registers an association and becomes its representative.
- A representative writes an activity (its place, weekly times and languages) and
  saves it as a draft or submits it. Submitting starts a moderation round and hides
  the activity until an editor approves it again (an edit of a published activity is
  checked like a new one), and counts as the association checking it today.
- An editor of the activity's municipality approves it, asks for changes or rejects
  it with a reason. The representatives get the decision by mail through the outbox,
  once per round (``directory-decision:<activity>:<round>``).
- "Still correct": a representative confirms a published activity, which resets its
  check date without a new round.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from municipalities.models import Officer
from outbox.mail import message_enqueue
from outbox.rendering import message_render

from .models import (
    FLAG_AFTER_MONTHS,
    HIDE_AFTER_MONTHS,
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    months_ago,
)
from .selectors import in_area


class NotAllowed(Exception):
    """The decision is not for this editor, or not in this state."""


def organizations_of(user: User) -> QuerySet[Organization]:
    return Organization.objects.filter(representatives=user).select_related("municipality")


def services_of(user: User) -> QuerySet[Service]:
    return Service.objects.filter(organization__representatives=user).select_related(
        "organization", "location__municipality"
    )


@transaction.atomic
def organization_register(*, user: User, data: dict) -> Organization:
    organization = Organization.objects.create(**data)
    organization.representatives.add(user)
    return organization


@transaction.atomic
def service_save(
    *,
    organization: Organization,
    service: Service | None,
    data: dict,
    place: dict | None,
    times: Iterable[tuple[str, time, time]],
    languages: Iterable[str],
    submit: bool,
) -> Service:
    """Write an activity whole (its place, times and languages) as a draft, or submitted.

    The forms have validated everything; the database's constraints hold to it again.
    """
    service = service or Service(organization=organization)
    for name, value in data.items():
        setattr(service, name, value)
    if place:
        location = service.location or Location(organization=organization)
        for name, value in place.items():
            setattr(location, name, value)
        location.save()
        service.location = location
    else:
        service.location = None
    if submit:
        service.state = Service.State.SUBMITTED
        service.moderation_round += 1
        service.submitted_at = timezone.now()
        service.last_verified_on = timezone.localdate()
    elif service.state != Service.State.DRAFT:
        service.state = Service.State.DRAFT  # changed but not sent: hidden until it is
    service.save()
    service.schedules.all().delete()
    Schedule.objects.bulk_create(
        Schedule(service=service, byday=day, opens_at=opens, closes_at=closes)
        for day, opens, closes in times
    )
    service.languages.all().delete()
    Language.objects.bulk_create(Language(service=service, code=code) for code in languages)
    return service


def service_verify(*, service: Service) -> Service:
    """The association confirms the published activity is still correct."""
    service.last_verified_on = timezone.localdate()
    service.save(update_fields=["last_verified_on", "updated_at"])
    return service


def moderation_queue(officer: Officer) -> QuerySet[Service]:
    """Activities waiting for the officer's area (held there, or online from there)."""
    area = officer.municipalities()
    return (
        Service.objects.filter(in_area(area), state=Service.State.SUBMITTED)
        .select_related("organization__municipality", "location__municipality")
        .order_by("submitted_at", "pk")
    )


DECISIONS = {
    "approve": Service.State.APPROVED,
    "changes": Service.State.CHANGES,
    "reject": Service.State.REJECTED,
}


@transaction.atomic
def service_decide(*, service: Service, officer: Officer, decision: str, note: str) -> Service:
    """An editor's decision on a submitted activity, mailed to its representatives."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if not officer.is_editor or decision not in DECISIONS:
        raise NotAllowed(decision)
    if service.state != Service.State.SUBMITTED:
        raise NotAllowed(service.state)
    if not moderation_queue(officer).filter(pk=service.pk).exists():
        raise NotAllowed("area")
    service.state = DECISIONS[decision]
    service.moderation_note = note.strip()
    service.save(update_fields=["state", "moderation_note", "updated_at"])
    context = {"service": service.name, "state": service.state, "note": service.moderation_note}
    for person in service.organization.representatives.all():
        key = f"{service.pk}:{service.moderation_round}"
        _mail(person, kind="decision", context=context, key=key)
    return service


def _mail(person: User, *, kind: str, context: dict, key: str) -> None:
    """Mail a representative in their language, with a link to their association's
    pages; once per ``key``."""
    language = person.preferred_language
    with translation.override(language):
        path = reverse("directory:mine")
    message_enqueue(
        kind=f"directory_{kind}",
        recipient=person.email,
        rendered=message_render(
            template=f"associations/email/{kind}",
            context={**context, "mine_path": path},
            language=language,
        ),
        language=language,
        idempotency_key=f"directory-{kind}:{key}:{person.pk}",
        user=person,
    )


def unverified(today: date | None = None) -> QuerySet[Service]:
    """Published activities the association has not checked for a year (still public
    until 18 months): flagged to its representatives and to the editors."""
    today = today or timezone.localdate()
    return Service.objects.filter(
        state=Service.State.APPROVED,
        last_verified_on__lte=months_ago(FLAG_AFTER_MONTHS, today),
        last_verified_on__gte=months_ago(HIDE_AFTER_MONTHS, today),
    )


def verification_reminders_send(today: date | None = None) -> int:
    """Ask the representatives of each activity not checked for a year to check it: one
    mail per person and check date, however often this runs; how many activities."""
    services = list(unverified(today).prefetch_related("organization__representatives"))
    for service in services:
        for person in service.organization.representatives.all():
            key = f"{service.pk}:{service.last_verified_on}"
            _mail(person, kind="check", context={"service": service.name}, key=key)
    return len(services)
