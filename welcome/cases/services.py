"""A newcomer's case at their municipality: opened when an officer first opens them on
the desk, its checklist kept current by the engine, its steps ticked and its contact
person chosen by officers of the area. Every officer action is written to the access
log the newcomer sees under "My data"."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q, QuerySet

from checklists.models import ChecklistInstance, InstanceItem
from checklists.services import checklist_of, checklist_sync, instance_item_set_done
from municipalities.access_log import access_record
from municipalities.models import Municipality, Officer, OfficerAccess
from newcomers.models import NewcomerProfile

from ..models import Case, WelcomeLetter
from .kind import CASE

LETTER_STEP = "welcome-letter-sent"


class NotAContact(ValueError):
    """The officer chosen does not work for the case's municipality or its region."""


def contacts_for(municipality: Municipality) -> QuerySet[Officer]:
    """Who may be a newcomer's contact person: the municipality's officers and its
    region's."""
    return (
        Officer.objects.filter(
            Q(municipality=municipality)
            | Q(municipality__isnull=True, region_id=municipality.region_id)
        )
        .select_related("user", "municipality", "region")
        .order_by("user__display_name", "user__email")
    )


@transaction.atomic
def case_open(*, profile: NewcomerProfile, officer: Officer) -> Case:
    """The newcomer's case at their municipality, opened if need be, with its checklist
    assembled from their facts now; logged as the officer opening it."""
    case, _created = Case.objects.select_related("contact_person__user").get_or_create(
        profile=profile, municipality_id=profile.municipality_id
    )
    case.profile = profile
    instance = checklist_of(kind=CASE, subject=case)
    facts = CASE.facts_of(case)
    if instance is None or instance.facts != facts.to_json():
        instance = checklist_sync(kind=CASE, subject=case, facts=facts)
    first_letter = (
        WelcomeLetter.objects.filter(profile=profile, municipality_id=case.municipality_id)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if first_letter is not None:
        _letter_tick(instance, first_letter)
    access_record(officer=officer, people=[profile.user_id], action=OfficerAccess.Action.VIEWED)
    return case


def case_letter_sent(*, profile: NewcomerProfile, municipality: Municipality, at: datetime):
    """A welcome letter went out: tick the step of the case, if one is open."""
    instance = ChecklistInstance.objects.filter(
        kind=CASE.key, case__profile=profile, case__municipality=municipality
    ).first()
    if instance is not None:
        _letter_tick(instance, at)


def _letter_tick(instance: ChecklistInstance, at: datetime) -> None:
    InstanceItem.objects.filter(
        instance=instance, key=LETTER_STEP, state=InstanceItem.State.ACTIVE, done_at__isnull=True
    ).update(done_at=at)


def case_items(case: Case) -> list[InstanceItem]:
    """The steps of the case that apply, in order, with their content."""
    return list(
        InstanceItem.objects.filter(
            instance__kind=CASE.key, instance__case=case, state=InstanceItem.State.ACTIVE
        ).select_related("item")
    )


@transaction.atomic
def case_step_set(*, case: Case, key: str, done: bool, officer: Officer) -> InstanceItem | None:
    """Tick a step of the case, or untick it; None when the case has no such step."""
    row = (
        InstanceItem.objects.select_for_update()
        .filter(
            instance__kind=CASE.key,
            instance__case=case,
            key=key,
            state=InstanceItem.State.ACTIVE,
        )
        .first()
    )
    if row is None:
        return None
    if row.is_done != done:
        instance_item_set_done(row=row, done=done)
        access_record(
            officer=officer, people=[case.profile.user_id], action=OfficerAccess.Action.CASE_UPDATED
        )
    return row


@transaction.atomic
def case_assign(*, case: Case, contact: Officer | None, officer: Officer) -> Case:
    """Make ``contact`` the newcomer's contact person (None: nobody yet)."""
    if contact is not None and not contacts_for(case.municipality).filter(pk=contact.pk).exists():
        raise NotAContact(contact.pk)
    if case.contact_person_id != (contact.pk if contact else None):
        case.contact_person = contact
        case.save(update_fields=["contact_person"])
        access_record(
            officer=officer, people=[case.profile.user_id], action=OfficerAccess.Action.ASSIGNED
        )
    return case
