"""The newcomer journey's employer layer: the steps an organisation adds to the journey
of the person it hired, and of their accompanying partner (the steps for partners),
decision 0009. Which organisation applies is read from the journey's supplied facts
(``services.employer_facts``)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from checklists.facts import Facts
from checklists.kinds import Layer

from ..models import Organization

LAYER = "employer"


def _organization_of(facts: Facts) -> Q | None:
    uuid = facts["employer"] or facts["partner_employer"]
    return Q(uuid=uuid) if uuid else None


def _journeys_of(organization: Organization) -> Q:
    uuid = str(organization.uuid)
    return Q(facts__employer=uuid) | Q(facts__partner_employer=uuid)


EMPLOYER_LAYER = Layer(
    LAYER,
    _("employer"),
    owner=Organization,
    owner_filter=_organization_of,
    checklists_of_owner=_journeys_of,
)
