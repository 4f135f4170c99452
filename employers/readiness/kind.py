"""The readiness check as a kind of checklist: its questions are the steps, grouped by
the five areas (the phases). Its subject is an ``Assessment``; its facts are the
organisation's size, sector and municipality, so that a later layer can add questions
for a sector or a size. The standard layer is seeded from ``data/readiness.json``."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.facts import Fact, Facts, FactSchema
from checklists.kinds import ChecklistKind, Layer, Phase

from ..choices import Sector, SizeClass
from ..models import Assessment

READINESS_FACTS = FactSchema(
    stated=[
        Fact("started_on", "date", _("started")),
        Fact("size_class", "choice", _("size"), choices=tuple(SizeClass.choices), default=None),
        Fact("sector", "choice", _("sector"), choices=tuple(Sector.choices), default=None),
        Fact("municipality", "str", _("municipality"), default=""),
    ],
)

AREAS = (
    Phase("competence_needs", _("Competence needs")),
    Phase("recruitment_permits", _("Recruitment and permits")),
    Phase("workplace_onboarding", _("Onboarding at work and language")),
    Phase("inclusive_leadership", _("Inclusive leadership and culture")),
    Phase("whole_life", _("Whole-life onboarding and retention")),
)


def assessment_facts(assessment: Assessment) -> Facts:
    organization = assessment.organization
    return READINESS_FACTS.make(
        started_on=timezone.localtime(assessment.started_at).date(),
        size_class=organization.size_class,
        sector=organization.sector,
        municipality=organization.municipality.code,
    )


def anonymous_facts() -> Facts:
    """The public quick check's: no organisation yet."""
    return READINESS_FACTS.make(started_on=timezone.localdate())


READINESS = ChecklistKind(
    key="readiness",
    label=_("employer readiness check"),
    subject=Assessment,
    facts=READINESS_FACTS,
    facts_of=assessment_facts,
    phases=AREAS,
    start_fact="started_on",
    subject_loader=lambda ids: Assessment.objects.filter(pk__in=ids).select_related(
        "organization__municipality"
    ),
    layers=[Layer("standard", _("standard"))],
)
