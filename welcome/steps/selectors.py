"""Reads of a municipality's own steps: the national steps with what the municipality
does with each (keeps, replaces or hides it), and the steps it adds.

The municipal layer of the journey (``newcomers.journey.JOURNEY``) is one checklist
template per municipality. A municipal step whose key is a national step's replaces it
(the engine's rule: a higher layer's step wins its key); one whose condition never
holds (``checklists.models.never``) hides it; any other key is the municipality's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from checklists.models import ChecklistItem, ChecklistTemplate, never
from municipalities.models import Municipality
from newcomers.journey import JOURNEY

MUNICIPAL = "municipal"
KEEPS, REPLACES, HIDES = "keeps", "replaces", "hides"


def is_hidden(item: ChecklistItem) -> bool:
    return item.condition == never()


def ordered(items: Iterable[ChecklistItem]) -> list[ChecklistItem]:
    """In the journey's phase order, then by due offset (undated last), then by key."""
    phases = JOURNEY.phase_order

    def rank(item: ChecklistItem) -> tuple:
        phase = phases.index(item.phase) if item.phase in phases else len(phases)
        undated = item.due_offset_days is None
        return (phase, undated, item.due_offset_days or 0, item.key)

    return sorted(items, key=rank)


@dataclass(frozen=True)
class NationalStep:
    """A national step and the municipality's item of the same key, if any."""

    national: ChecklistItem
    override: ChecklistItem | None

    @property
    def key(self) -> str:
        return self.national.key

    @property
    def state(self) -> str:
        if self.override is None:
            return KEEPS
        return HIDES if is_hidden(self.override) else REPLACES

    @property
    def shown(self) -> ChecklistItem:
        """What a newcomer of the municipality reads: the replacement, or the national."""
        return self.override if self.state == REPLACES else self.national


@dataclass(frozen=True)
class MunicipalSteps:
    municipality: Municipality
    template: ChecklistTemplate | None  # created on the first write
    national: dict[str, ChecklistItem]
    municipal: dict[str, ChecklistItem]

    def national_steps(self) -> list[NationalStep]:
        return [NationalStep(item, self.municipal.get(item.key)) for item in self.national.values()]

    def own_steps(self) -> list[ChecklistItem]:
        return ordered(item for key, item in self.municipal.items() if key not in self.national)

    def item_for(self, key: str) -> ChecklistItem | None:
        """The step a dependency on ``key`` means here (assembly reads dependencies by key)."""
        return self.municipal.get(key) or self.national.get(key)

    def choices(self, *, leave_out: str | None = None) -> list[tuple[str, str]]:
        """``(key, label)`` of every step a step may depend on: national, then own."""
        steps = [step.shown for step in self.national_steps()] + self.own_steps()
        return [(item.key, f"{item.title} ({item.key})") for item in steps if item.key != leave_out]

    def template_or_new(self) -> ChecklistTemplate:
        """The municipality's template, or the one its first write will create (for
        checking dependencies before anything is saved)."""
        return self.template or municipal_template_new(municipality=self.municipality)


def municipal_template_new(*, municipality: Municipality) -> ChecklistTemplate:
    template = ChecklistTemplate(kind=JOURNEY.key, layer=MUNICIPAL, owner=municipality)
    for code, _name in settings.LANGUAGES:  # a place's name, the same in every language
        setattr(template, f"name_{code}", municipality.name)
    return template


def municipal_template_of(*, municipality: Municipality) -> ChecklistTemplate | None:
    return ChecklistTemplate.objects.filter(
        kind=JOURNEY.key,
        layer=MUNICIPAL,
        owner_type=ContentType.objects.get_for_model(Municipality),
        owner_id=municipality.pk,
    ).first()


def municipal_steps(*, municipality: Municipality) -> MunicipalSteps:
    """Three queries, whatever the number of steps."""
    template = municipal_template_of(municipality=municipality)
    national = ordered(
        ChecklistItem.objects.filter(
            template__kind=JOURNEY.key,
            template__layer=JOURNEY.layers[0].name,
            template__owner_id__isnull=True,
        )
    )
    municipal = ChecklistItem.objects.filter(template=template) if template else []
    return MunicipalSteps(
        municipality=municipality,
        template=template,
        national={item.key: item for item in national},
        municipal={item.key: item for item in ordered(municipal)},
    )
