"""An organisation's readiness checks: start one, answer as you go (any member, over
days), finish it, and compare.

Starting a check writes its checklist on the engine (``checklist_sync``): the questions
are fixed for that check from then on, in order. Saving writes only the answers the
member changed on the page they had, so two colleagues answering different questions
at once do not undo each other's work; an answered question is a done step of the
checklist, which gives the progress. Finishing keeps the scores on the check, so that
a result and the progress over time stay as they were when the questions change.

Peers: the latest finished check of each other organisation of the same size class in
the same county. Their median overall score is shown only when at least
``MIN_PEERS`` organisations have one, so that no single organisation's result can be
read from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.models import User
from checklists.models import ChecklistInstance
from checklists.selectors import instance_items
from checklists.services import checklist_ensure, checklist_sync

from ..choices import Readiness
from ..models import Answer, Assessment, Organization
from .content import Area
from .kind import AREAS, READINESS, assessment_facts
from .scoring import Score, score

MIN_PEERS = 5


@transaction.atomic
def assessment_start(*, organization: Organization, user: User) -> Assessment:
    assessment = Assessment.objects.create(organization=organization, started_by=user)
    checklist_sync(kind=READINESS, subject=assessment, facts=assessment_facts(assessment))
    return assessment


def _instance(assessment: Assessment) -> ChecklistInstance:
    # A check started before its checklist could be written gets it now.
    return checklist_ensure(kind=READINESS, subject=assessment)


def assessment_areas(assessment: Assessment) -> list[Area]:
    """The check's questions by area, in order (a few queries)."""
    items = [row.item for row in instance_items(instance=_instance(assessment))]
    return [
        Area(
            key=area.value,
            label=str(area.label),
            questions=[item for item in items if item.phase == area.value],
        )
        for area in AREAS
    ]


def answers_of(assessment: Assessment) -> dict[str, str]:
    return dict(assessment.answers.values_list("key", "value"))


@transaction.atomic
def answers_save(*, assessment: Assessment, user: User, changes: dict[str, str]) -> int:
    """Save what a member changed ("" clears an answer); returns how many."""
    instance = _instance(assessment)
    now = timezone.now()
    for key, value in changes.items():
        if value:
            Answer.objects.update_or_create(
                assessment=assessment,
                key=key,
                defaults={"value": value, "answered_by": user, "answered_at": now},
            )
        else:
            Answer.objects.filter(assessment=assessment, key=key).delete()
        instance.items.filter(key=key).update(done_at=now if value else None)
    if assessment.completed_at is not None:  # a finished check changed: its kept scores too
        _scores_keep(assessment)
    return len(changes)


def assessment_score(assessment: Assessment, areas: list[Area] | None = None) -> Score:
    areas = areas if areas is not None else assessment_areas(assessment)
    ordered = [(item.key, area.key) for area in areas for item in area.questions]
    return score(answers_of(assessment), ordered)


@transaction.atomic
def _scores_keep(assessment: Assessment) -> Score:
    result = assessment_score(assessment)
    assessment.scores = {"areas": result.areas, "overall": result.overall}
    assessment.save(update_fields=["scores"])
    return result


def assessment_complete(*, assessment: Assessment) -> Score:
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["completed_at"])
    return _scores_keep(assessment)


@dataclass(frozen=True)
class Peers:
    count: int
    median_overall: int | None  # None when fewer than MIN_PEERS


def peers_of(organization: Organization) -> Peers:
    """The median overall score of comparable organisations (see above)."""
    latest = (
        Assessment.objects.filter(organization=OuterRef("pk"), completed_at__isnull=False)
        .order_by("-completed_at")
        .values("scores__overall")[:1]
    )
    rows = (
        Organization.objects.filter(
            size_class=organization.size_class,
            municipality__region_id=organization.municipality.region_id,
        )
        .exclude(pk=organization.pk)
        .annotate(overall=Subquery(latest))
        .exclude(overall__isnull=True)
        .values_list("overall", flat=True)
    )
    values = [value for value in rows if value is not None]
    if len(values) < MIN_PEERS:
        return Peers(count=len(values), median_overall=None)
    return Peers(count=len(values), median_overall=round(median(values)))


@transaction.atomic
def assessment_keep(
    *, organization: Organization, user: User, answers: dict[str, str]
) -> Assessment:
    """The public check's answers as the organisation's first finished check (only the
    questions the check has, with answers on the scale)."""
    assessment = assessment_start(organization=organization, user=user)
    keys = {item.key for area in assessment_areas(assessment) for item in area.questions}
    kept = {
        key: value for key, value in answers.items() if key in keys and value in Readiness.values
    }
    answers_save(assessment=assessment, user=user, changes=kept)
    assessment_complete(assessment=assessment)
    return assessment
