"""The officer's to-do view: what in their area waits for someone, read in a fixed
number of queries whatever the number of newcomers, each list cut at ``SHOWN`` with its
full count.

- **Letters waiting**: consenting newcomers whose automatic letter has not gone out,
  with why (not due yet, or no letter written in any language Landa can fall back to);
  and letters whose mail failed.
- **Overdue cases**: cases with overdue steps, the officer's own first.
- **Content to check**: place pages and the municipality's own steps whose check date
  has passed (or that were never checked).
- **Unread feedback** on the area's place pages.
- **The directory**: associations' activities waiting for an editor, and published ones
  their associations have not checked for a year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case as Cases
from django.db.models import Count, F, IntegerField, Q, QuerySet, Value, When

from associations.selectors import in_area
from associations.services import moderation_queue, unverified
from checklists.models import ChecklistItem, InstanceItem
from municipalities.models import Municipality, Officer, PlaceFeedback, PlacePage
from newcomers.journey import JOURNEY
from newcomers.selectors import contact_consenting
from outbox.models import OutgoingMessage

from .cases.kind import CASE
from .letters.compose import template_for
from .letters.services import profiles_awaiting_letter
from .models import Case, LetterTemplate, WelcomeLetter

SHOWN = 20


@dataclass(frozen=True)
class LetterWaiting:
    profile: object
    due_on: date | None  # None: no letter written that could be sent


@dataclass
class Listed:
    rows: list = field(default_factory=list)
    count: int = 0

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


def _listed(queryset: QuerySet) -> Listed:
    rows = list(queryset[:SHOWN])
    count = len(rows) if len(rows) < SHOWN else queryset.count()
    return Listed(rows, count)


def letters_waiting(officer: Officer, today: date) -> Listed:
    awaiting = (
        profiles_awaiting_letter(today)
        .filter(municipality__in=officer.municipalities())
        .order_by("arrival_date", "pk")
    )
    listed = _listed(awaiting)
    templates: dict[int, list[LetterTemplate]] = {}
    for template in LetterTemplate.objects.filter(
        is_active=True, municipality_id__in={p.municipality_id for p in listed.rows}
    ):
        templates.setdefault(template.municipality_id, []).append(template)
    waiting = []
    for profile in listed.rows:
        template = template_for(
            profile.municipality,
            profile.user.preferred_language,
            templates.get(profile.municipality_id, []),
        )
        due = (
            profile.arrival_date - timedelta(days=template.days_before_arrival)
            if template
            else None
        )
        waiting.append(LetterWaiting(profile, due))
    listed.rows = waiting
    return listed


def letters_failed(officer: Officer) -> Listed:
    return _listed(
        WelcomeLetter.objects.filter(
            municipality__in=officer.municipalities(),
            profile__user_id__in=contact_consenting(),
            message__status__in=[OutgoingMessage.Status.FAILED, OutgoingMessage.Status.ABORTED],
        ).select_related("profile__user", "municipality")
    )


def overdue_cases(officer: Officer, today: date) -> Listed:
    """Cases in the area, of newcomers who still consent, with overdue steps."""
    overdue = Q(
        checklists__kind=CASE.key,
        checklists__items__state=InstanceItem.State.ACTIVE,
        checklists__items__done_at__isnull=True,
        checklists__items__due_date__lt=today,
    )
    cases = (
        Case.objects.filter(
            municipality__in=officer.municipalities(),
            profile__municipality_id=F("municipality_id"),
            profile__user_id__in=contact_consenting(),
        )
        .annotate(
            overdue=Count("checklists__items", filter=overdue),
            mine=Cases(
                When(contact_person=officer, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .filter(overdue__gt=0)
        .select_related("profile__user", "municipality", "contact_person__user")
        .order_by("mine", "-overdue", "pk")
    )
    return _listed(cases)


def pages_to_check(officer: Officer, today: date) -> Listed:
    due = Q(review_due_on__isnull=True) | Q(review_due_on__lte=today)
    return _listed(
        PlacePage.objects.filter(officer.places(), due)
        .select_related("municipality__region", "region")
        .order_by("review_due_on", "pk")
    )


def steps_to_check(officer: Officer, today: date) -> Listed:
    """The area's own steps of the journey whose check date has passed."""
    owner_type = ContentType.objects.get_for_model(Municipality)
    due = Q(review_due_on__isnull=True) | Q(review_due_on__lte=today)
    return _listed(
        ChecklistItem.objects.filter(
            due,
            template__kind=JOURNEY.key,
            template__owner_type=owner_type,
            template__owner_id__in=officer.municipalities().values("pk"),
        )
        .exclude(condition={"any": []})  # hidden national steps: nothing to check
        .order_by("review_due_on", "pk")
    )


def feedback_unread(officer: Officer) -> Listed:
    return _listed(
        PlaceFeedback.objects.filter(officer.places(), read_at__isnull=True).select_related(
            "municipality__region", "region"
        )
    )


def activities_waiting(officer: Officer) -> Listed:
    """Associations' activities waiting for an editor of the area."""
    if not officer.is_editor:
        return Listed()
    return _listed(moderation_queue(officer))


def activities_unchecked(officer: Officer, today: date) -> Listed:
    """Published activities in the area their associations have not checked for a year."""
    return _listed(
        unverified(today)
        .filter(in_area(officer.municipalities()))
        .select_related("organization", "location__municipality")
        .order_by("last_verified_on", "pk")
    )
