"""The officers' case checklist as a kind of checklist: what a municipality does for a
newcomer who agreed to be contacted (welcome letter, first meeting, partner's career
support, a welcome event).

Its subject is a ``Case``; its facts are read from the newcomer's journey facts (the
household as the journey sees it), so that a step for the partner appears only when a
partner moves. The standard layer is seeded from ``data/case_checklist.json``; a
municipality may add, replace or hide steps in its own layer (the admin, for now).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from checklists.facts import Derived, Fact, Facts, FactSchema
from checklists.kinds import ChecklistKind, Layer, Phase
from municipalities.models import Municipality
from newcomers.journey import profile_facts

from ..models import Case

CASE_FACTS = FactSchema(
    stated=[
        Fact("arrival_date", "date", _("arrival date")),
        Fact("partner_moving", "bool", _("partner moving too"), default=False),
        Fact("children_count", "int", _("number of children moving"), default=0),
        Fact("municipality", "str", _("municipality"), default=""),
    ],
    derived=[
        Derived(
            "has_children",
            "bool",
            _("children moving too"),
            compute=lambda s: s["children_count"] > 0,
        )
    ],
)

CASE_PHASES = (
    Phase("before_arrival", _("Before arrival")),
    Phase("first_weeks", _("First weeks")),
    Phase("first_months", _("First months")),
)


def case_facts(case: Case) -> Facts:
    journey = profile_facts(case.profile)
    return CASE_FACTS.make(
        arrival_date=journey["arrival_date"],
        partner_moving=bool(journey["partner_moving"]),
        children_count=len(journey["children_ages"]),
        municipality=case.municipality.code,
    )


def _municipality(facts: Facts) -> Q | None:
    return Q(code=facts["municipality"]) if facts["municipality"] else None


def _cases(ids: list[int]):
    return (
        Case.objects.filter(pk__in=ids)
        .select_related("municipality", "profile__municipality")
        .prefetch_related("profile__children")
    )


CASE = ChecklistKind(
    key="municipal_case",
    label=_("municipality's case checklist"),
    subject=Case,
    facts=CASE_FACTS,
    facts_of=case_facts,
    phases=CASE_PHASES,
    start_fact="arrival_date",
    subject_loader=_cases,
    layers=[
        Layer("standard", _("standard")),
        Layer(
            "municipal",
            _("municipal"),
            owner=Municipality,
            owner_filter=_municipality,
            checklists_of_owner=lambda municipality: Q(facts__municipality=municipality.code),
        ),
    ],
)
