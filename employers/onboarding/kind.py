"""The onboarding plan as a kind of checklist: what the organisation does for one hire,
before arrival, on the first day, in the first month and in the first six months,
work and the rest of life alike (home, language, partner, children, a social life).

Its subject is a ``Hire``; its facts are what the organisation stated about the move
(never read from the person's journey); due dates count from the first working day.
The standard layer is seeded from ``data/onboarding.json``; an organisation may have a
template of its own above it (its editors write it in the admin), whose steps replace
the standard ones of the same key or add to them.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from checklists.facts import Fact, Facts, FactSchema
from checklists.kinds import ChecklistKind, Layer, Phase

from ..models import Hire, Organization

ONBOARDING_FACTS = FactSchema(
    stated=[
        Fact("starts_on", "date", _("first working day"), default=None),
        Fact("needs_permit", "bool", _("needs a work permit"), default=False),
        Fact("partner_moving", "bool", _("a partner is moving too"), default=False),
        Fact("children_moving", "bool", _("children are moving too"), default=False),
        Fact("organization", "str", _("employer"), default=""),
    ],
)

PLAN_PHASES = (
    Phase("before_arrival", _("Before arrival")),
    Phase("first_day", _("First day")),
    Phase("first_month", _("First month")),
    Phase("first_six_months", _("First six months")),
)


def hire_facts(hire: Hire) -> Facts:
    return ONBOARDING_FACTS.make(
        starts_on=hire.starts_on,
        needs_permit=hire.needs_permit,
        partner_moving=hire.partner_moving,
        children_moving=hire.children_moving,
        organization=str(hire.organization.uuid),
    )


ONBOARDING = ChecklistKind(
    key="onboarding",
    label=_("onboarding plan"),
    subject=Hire,
    facts=ONBOARDING_FACTS,
    facts_of=hire_facts,
    phases=PLAN_PHASES,
    start_fact="starts_on",
    subject_loader=lambda ids: Hire.objects.filter(pk__in=ids).select_related("organization"),
    layers=[
        Layer("standard", _("standard")),
        Layer(
            "organization",
            _("the employer's own"),
            owner=Organization,
            owner_filter=lambda facts: Q(uuid=facts["organization"]),
            checklists_of_owner=lambda organization: Q(facts__organization=str(organization.uuid)),
        ),
    ],
)
