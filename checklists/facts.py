"""The facts a checklist condition may use: declared once, with their types.

A person states a handful of facts (``JourneyFacts``); conditions read the flat,
typed values derived from them (``FACTS``). Adding a fact means adding it here, and
nowhere else: the condition validator, the admin and the "why this step" text all read
this registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

CITIZENSHIP_CHOICES = [
    ("swedish", _("Swedish citizen moving back")),
    ("nordic", _("Citizen of another Nordic country")),
    ("eu_eea", _("Citizen of an EU/EEA country or Switzerland")),
    ("third_country", _("Citizen of another country")),
]
PURPOSE_CHOICES = [
    ("work", pgettext_lazy("purpose of move", "Work")),
    ("research", pgettext_lazy("purpose of move", "Research or doctoral studies")),
    ("study", pgettext_lazy("purpose of move", "Studies")),
    ("self_employed", pgettext_lazy("purpose of move", "Running my own business")),
    ("accompanying", pgettext_lazy("purpose of move", "Moving with my partner or family")),
    ("job_seeking", pgettext_lazy("purpose of move", "Looking for work")),
    (
        "remote_work",
        pgettext_lazy("purpose of move", "Living here and working remotely for an employer abroad"),
    ),
]
# Transportstyrelsen decides by where a licence was issued, not by citizenship: licences
# from the EEA (and the UK and the Faroe Islands) stay valid; Swiss and Japanese ones can
# be exchanged within a year of population registration; others stop being valid a year
# after registration and cannot be exchanged (checked 2026-11-23).
DRIVING_LICENCE_CHOICES = [
    ("none", _("I have no driving licence, or will not drive in Sweden")),
    ("eea", _("In an EU/EEA country, the UK or the Faroe Islands")),
    ("switzerland_japan", _("In Switzerland or Japan")),
    ("other", _("In another country")),
]

# Swedish preschool (förskola) is offered from age 1; compulsory school runs from the
# preschool class in the year a child turns 6 until year 9 (age 15 or 16); upper
# secondary school (gymnasieskola) must be started by the first half of the year a
# young person turns 20 (Skolverket, checked 2026-11-23).
PRESCHOOL_AGES = range(1, 6)
SCHOOL_AGES = range(6, 16)
UPPER_SECONDARY_AGES = range(16, 20)


@dataclass(frozen=True)
class Fact:
    name: str
    kind: str  # "choice", "int", "bool" or "str"
    label: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for "choice" facts

    def accepts(self, value: object) -> bool:
        if self.kind == "bool":
            return isinstance(value, bool)
        if self.kind == "int":
            return isinstance(value, int) and not isinstance(value, bool)
        if self.kind == "choice":
            return value in self.values
        return isinstance(value, str)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _label in self.choices)


FACTS: dict[str, Fact] = {
    fact.name: fact
    for fact in [
        Fact("citizenship", "choice", _("citizenship"), tuple(CITIZENSHIP_CHOICES)),
        Fact("purpose", "choice", _("purpose of the move"), tuple(PURPOSE_CHOICES)),
        Fact("stay_months", "int", _("planned stay in months")),
        Fact("partner_moving", "bool", _("partner moving too")),
        Fact("partner_working", "bool", _("partner has a job in Sweden")),
        Fact("has_children", "bool", _("children moving too")),
        Fact("children_preschool_age", "bool", _("a child of preschool age (1 to 5)")),
        Fact("children_school_age", "bool", _("a child of school age (6 to 15)")),
        Fact(
            "children_upper_secondary_age",
            "bool",
            _("a young person of upper secondary school age (16 to 19)"),
        ),
        Fact("municipality", "str", _("destination municipality")),
        Fact("has_employer", "bool", _("has an employer in Sweden")),
        Fact(
            "driving_licence",
            "choice",
            _("where your driving licence was issued"),
            tuple(DRIVING_LICENCE_CHOICES),
        ),
    ]
}


@dataclass(frozen=True)
class JourneyFacts:
    """What a person tells Landa about their move."""

    citizenship: str
    purpose: str
    stay_months: int
    arrival_date: date
    children_ages: tuple[int, ...] = ()
    partner_moving: bool = False
    partner_working: bool = False
    municipality: str = ""
    has_employer: bool = False
    employer_key: str = ""
    driving_licence: str = "none"

    def values(self) -> dict[str, object]:
        """The typed values conditions are evaluated against."""
        return {
            "citizenship": self.citizenship,
            "purpose": self.purpose,
            "stay_months": self.stay_months,
            "partner_moving": self.partner_moving,
            "partner_working": self.partner_moving and self.partner_working,
            "has_children": bool(self.children_ages),
            "children_preschool_age": any(age in PRESCHOOL_AGES for age in self.children_ages),
            "children_school_age": any(age in SCHOOL_AGES for age in self.children_ages),
            "children_upper_secondary_age": any(
                age in UPPER_SECONDARY_AGES for age in self.children_ages
            ),
            "municipality": self.municipality,
            "has_employer": self.has_employer,
            "driving_licence": self.driving_licence,
        }


def facts_from_json(data: dict) -> JourneyFacts:
    """The inverse of ``checklists.services.facts_as_json``."""
    return JourneyFacts(
        citizenship=data["citizenship"],
        purpose=data["purpose"],
        stay_months=data["stay_months"],
        arrival_date=date.fromisoformat(data["arrival_date"]),
        children_ages=tuple(data.get("children_ages", ())),
        partner_moving=data.get("partner_moving", False),
        partner_working=data.get("partner_working", False),
        municipality=data.get("municipality", ""),
        has_employer=data.get("has_employer", False),
        employer_key=data.get("employer_key", ""),
        driving_licence=data.get("driving_licence", "none"),
    )


def fact_explanation(name: str, values: dict[str, object]) -> tuple[str, str]:
    """``(label, value)`` of one fact in words, for "why this step"."""
    fact = FACTS[name]
    value = values.get(name)
    if fact.kind == "bool":
        shown = gettext("yes") if value else gettext("no")
    elif fact.kind == "choice":
        shown = str(dict(fact.choices).get(value, value))
    else:
        shown = str(value) if value not in (None, "") else gettext("not given")
    return str(fact.label), shown
