"""People an editor can preview a municipality's journey as.

Each persona is a set of journey facts; the municipality is the one being edited and the
arrival date counts from today, so the due dates read like a real newcomer's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from checklists.facts import Facts
from checklists.selectors import by_phase
from checklists.services import Step, checklist_steps
from municipalities.models import Municipality
from newcomers.journey import JOURNEY, journey_facts


@dataclass(frozen=True)
class Persona:
    key: str
    label: str
    arrival_in_days: int
    facts: Mapping[str, object]

    def arrival(self, today: date) -> date:
        return today + timedelta(days=self.arrival_in_days)

    def facts_in(self, municipality: Municipality, *, today: date) -> Facts:
        return journey_facts(
            **self.facts, arrival_date=self.arrival(today), municipality=municipality.code
        )


PERSONAS = (
    Persona(
        "researcher-family",
        _("Researcher from outside the EU, with a partner and a 3-year-old"),
        45,
        {
            "citizenship": "third_country",
            "purpose": "research",
            "stay_months": 36,
            "children_ages": (3,),
            "partner_moving": True,
            "has_employer": True,
        },
    ),
    Persona(
        "eu-worker",
        _("EU citizen moving alone for a job"),
        30,
        {"citizenship": "eu_eea", "purpose": "work", "stay_months": 24, "has_employer": True},
    ),
    Persona(
        "returning-swede",
        _("Swedish citizen moving back with a partner and teenagers"),
        60,
        {
            "citizenship": "swedish",
            "purpose": "work",
            "stay_months": 120,
            "children_ages": (13, 16),
            "partner_moving": True,
            "partner_working": True,
            "has_employer": True,
            "driving_licence": "eea",
        },
    ),
    Persona(
        "worker-licence",
        _("Worker from outside the EU, alone, with a driving licence from home"),
        90,
        {
            "citizenship": "third_country",
            "purpose": "work",
            "stay_months": 24,
            "has_employer": True,
            "driving_licence": "other",
        },
    ),
    Persona(
        "student",
        _("Student from outside the EU, staying for a year"),
        30,
        {"citizenship": "third_country", "purpose": "study", "stay_months": 12},
    ),
    Persona(
        "following-partner",
        _("EU citizen following a partner who works here, with a toddler and a 7-year-old"),
        30,
        {
            "citizenship": "eu_eea",
            "purpose": "accompanying",
            "stay_months": 24,
            "children_ages": (1, 7),
            "partner_moving": True,
            "partner_working": True,
        },
    ),
)


def persona_choices() -> list[tuple[str, str]]:
    return [(persona.key, persona.label) for persona in PERSONAS]


def persona_get(key: str | None) -> Persona:
    """The persona of ``key``, or the first one."""
    return next((persona for persona in PERSONAS if persona.key == key), PERSONAS[0])


def persona_preview(
    *, persona: Persona, municipality: Municipality, today: date
) -> list[tuple[str, str, list[Step]]]:
    """The municipality's assembled journey as the persona sees it, by phase."""
    steps = checklist_steps(kind=JOURNEY, facts=persona.facts_in(municipality, today=today))
    return by_phase(steps, kind=JOURNEY, phase_of=lambda step: step.item.phase)
