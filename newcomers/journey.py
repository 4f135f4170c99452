"""The newcomer's journey as a kind of checklist: its facts, phases and layers.

Everything the engine needs to know about a move is declared here, once: the facts a
person states (with their labels, types and choices), the facts derived from them that
conditions read, the phases of a move, the layers (national, then the destination
municipality's own steps) and how to read a profile's facts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.facts import Derived, Fact, Facts, FactSchema
from checklists.kinds import ChecklistKind, Layer, Phase
from municipalities.models import Municipality

from .choices import (
    CITIZENSHIP_CHOICES,
    DRIVING_LICENCE_CHOICES,
    PHASE_CHOICES,
    PURPOSE_CHOICES,
)
from .models import NewcomerProfile

# Swedish preschool (förskola) is offered from age 1; compulsory school runs from the
# preschool class in the year a child turns 6 until year 9 (age 15 or 16); upper
# secondary school (gymnasieskola) must be started by the first half of the year a
# young person turns 20 (Skolverket, checked 2026-11-23).
PRESCHOOL_AGES = range(1, 6)
SCHOOL_AGES = range(6, 16)
UPPER_SECONDARY_AGES = range(16, 20)


def _any_child(ages: range):
    return lambda stated: any(age in ages for age in stated["children_ages"])


JOURNEY_FACTS = FactSchema(
    stated=[
        Fact("citizenship", "choice", _("citizenship"), tuple(CITIZENSHIP_CHOICES)),
        Fact("purpose", "choice", _("purpose of the move"), tuple(PURPOSE_CHOICES)),
        Fact("stay_months", "int", _("planned stay in months")),
        Fact("arrival_date", "date", _("arrival date")),
        Fact("children_ages", "ints", _("ages of the children"), default=()),
        Fact("partner_moving", "bool", _("partner moving too"), default=False),
        Fact("partner_working", "bool", _("partner has a job in Sweden"), default=False),
        Fact("municipality", "str", _("destination municipality"), default=""),
        Fact("has_employer", "bool", _("has an employer in Sweden"), default=False),
        # The employer whose steps join the journey (its public identifier), once the
        # person accepted its invitation; for an accompanying partner without one of
        # their own, the employer that hired the other partner, and whether it offers
        # the partner career support. Said by the employers app (``employer_facts``).
        Fact("employer", "str", _("employer on Landa"), default=""),
        Fact("partner_employer", "str", _("your partner's employer on Landa"), default=""),
        Fact(
            "partner_support",
            "bool",
            _("career support from your partner's employer"),
            default=False,
        ),
        Fact(
            "driving_licence",
            "choice",
            _("where your driving licence was issued"),
            tuple(DRIVING_LICENCE_CHOICES),
            default="none",
        ),
    ],
    derived=[
        # A partner's job counts only if the partner moves too.
        Derived(
            "partner_working",
            "bool",
            _("partner has a job in Sweden"),
            compute=lambda s: bool(s["partner_moving"] and s["partner_working"]),
        ),
        Derived(
            "has_children",
            "bool",
            _("children moving too"),
            compute=lambda s: bool(s["children_ages"]),
        ),
        Derived(
            "children_preschool_age",
            "bool",
            _("a child of preschool age (1 to 5)"),
            compute=_any_child(PRESCHOOL_AGES),
        ),
        Derived(
            "children_school_age",
            "bool",
            _("a child of school age (6 to 15)"),
            compute=_any_child(SCHOOL_AGES),
        ),
        Derived(
            "children_upper_secondary_age",
            "bool",
            _("a young person of upper secondary school age (16 to 19)"),
            compute=_any_child(UPPER_SECONDARY_AGES),
        ),
    ],
)

JOURNEY_PHASES = tuple(Phase(value, label) for value, label in PHASE_CHOICES)


def journey_facts(**values: object) -> Facts:
    return JOURNEY_FACTS.make(**values)


# The facts a partner takes from the main newcomer when both have agreed to share.
HOUSEHOLD_FACTS = ("arrival_date", "children_ages", "municipality")


def household_source(profile: NewcomerProfile) -> NewcomerProfile:
    """Whose household facts (children, destination, arrival) a profile's journey uses.

    A partner uses the main newcomer's only when both have agreed to share.
    """
    if profile.role != NewcomerProfile.Role.PARTNER or not profile.shares_household_facts:
        return profile
    main = (
        NewcomerProfile.objects.filter(
            household_id=profile.household_id,
            role=NewcomerProfile.Role.MAIN,
            shares_household_facts=True,
        )
        .select_related("municipality")
        .prefetch_related("children")
        .first()
    )
    return main or profile


def profile_stated(profile: NewcomerProfile, today: date | None = None) -> dict[str, object]:
    """What the person has told us themselves, by fact name: the one reading of a
    profile's fields as facts (the wizard's answers, the download and the journey use
    it). Children's ages move on with the calendar."""
    today = today or timezone.localdate()
    return {
        "citizenship": profile.citizenship,
        "purpose": profile.purpose,
        "stay_months": profile.stay_months,
        "arrival_date": profile.arrival_date,
        "children_ages": tuple(sorted(child.age(today) for child in profile.children.all())),
        "partner_moving": profile.partner_moving,
        "partner_working": profile.partner_working,
        "municipality": profile.municipality.code if profile.municipality_id else "",
        "has_employer": profile.has_employer,
        "driving_licence": profile.driving_licence,
    }


# Facts no question asks: an app above this one supplies them (the employer whose
# invitation the person, or their partner, accepted).
SUPPLIED_FACTS = ("employer", "partner_employer", "partner_support")


def _no_employer(profile: NewcomerProfile) -> Mapping[str, object]:
    return {}


# Which employer's steps join a profile's journey. The employers app, above this one,
# registers how it knows (``employer_source_set``); without it, none.
_employer_source: list[Callable[[NewcomerProfile], Mapping[str, object]]] = [_no_employer]


def employer_source_set(source: Callable[[NewcomerProfile], Mapping[str, object]]) -> None:
    _employer_source[0] = source


def employer_facts(profile: NewcomerProfile) -> Mapping[str, object]:
    """The supplied facts (``SUPPLIED_FACTS``) of a profile's journey: those not given
    keep their defaults."""
    return _employer_source[0](profile)


def profile_facts(profile: NewcomerProfile, today: date | None = None) -> Facts:
    """The facts a profile's journey is assembled from: its own, with the household's
    shared ones when both partners agreed, and a partner always moving with the other."""
    values = profile_stated(profile, today)
    source = household_source(profile)
    if source is not profile:
        shared = profile_stated(source, today)
        values.update({name: shared[name] for name in HOUSEHOLD_FACTS})
    if profile.role == NewcomerProfile.Role.PARTNER:
        values["partner_moving"] = True
    values.update(employer_facts(profile))
    return journey_facts(**values)


def _destination(facts: Facts) -> Q | None:
    return Q(code=facts["municipality"]) if facts["municipality"] else None


JOURNEY = ChecklistKind(
    key="newcomer_journey",
    label=_("newcomer's journey"),
    subject=NewcomerProfile,
    facts=JOURNEY_FACTS,
    facts_of=profile_facts,
    phases=JOURNEY_PHASES,
    start_fact="arrival_date",
    subject_loader=lambda ids: (
        NewcomerProfile.objects.filter(pk__in=ids)
        .select_related("municipality")
        .prefetch_related("children")
    ),
    layers=[
        Layer("national", _("national")),
        Layer(
            "municipal",
            _("municipal"),
            owner=Municipality,
            owner_filter=_destination,
            checklists_of_owner=lambda municipality: Q(facts__municipality=municipality.code),
        ),
    ],
)
