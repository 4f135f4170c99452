"""Kinds of checklist: what the engine is told, because it knows no domain word.

A ``ChecklistKind`` declares
- its **subject**: the model whose checklist it is (a newcomer, an organisation, a case);
- its **facts** (``facts.FactSchema``) and how to read them from a subject (``facts_of``),
  so that a checklist can be re-assembled in the background when content or time moves;
- its **phases**, in order, and which fact is its **start date** (due dates count from it);
- its **layers**, lowest first. The first is the base layer (one template, no owner);
  every other layer is owned by real rows of a model (a municipality, an employer), and
  says which owner applies to a subject's facts (``owner_filter``). A higher layer's
  step replaces a lower one's of the same key.

Apps register their kinds in ``AppConfig.ready``. An app above the one that declared a
kind may add a layer to it (``ChecklistKind.layer_add``): the employer layer of the
newcomer journey belongs to the employers app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Model, Q

from .facts import Facts, FactSchema


@dataclass(frozen=True)
class Phase:
    value: str
    label: str


@dataclass(frozen=True)
class Layer:
    name: str
    label: str
    owner: type[Model] | None = None  # None: the base layer
    # Which owner rows apply to a subject's facts, as a filter on the owner model.
    owner_filter: Callable[[Facts], Q | None] = lambda facts: None
    # The inverse, when it can be said: which checklists an owner's template applies to,
    # as a filter on their stored facts (``facts__municipality=...``). With it, a new or
    # switched template re-assembles only those, not every checklist of the kind.
    checklists_of_owner: Callable[[Model], Q] | None = None


@dataclass
class ChecklistKind:
    key: str
    label: str
    subject: type[Model]
    facts: FactSchema
    facts_of: Callable[[Model], Facts]
    phases: tuple[Phase, ...]
    start_fact: str
    layers: list[Layer] = field(default_factory=list)
    # How to load many subjects at once for background re-assembly (with what
    # ``facts_of`` reads, to keep it to a few queries); by default, plainly.
    subject_loader: Callable[[list[int]], Iterable[Model]] | None = None

    def subjects(self, ids: list[int]) -> Iterable[Model]:
        if self.subject_loader is not None:
            return self.subject_loader(ids)
        return self.subject.objects.filter(pk__in=ids)

    def layer_add(self, layer: Layer) -> None:
        """A layer above the existing ones (an app higher up adds its own)."""
        if all(existing.name != layer.name for existing in self.layers):
            self.layers.append(layer)

    def layer(self, name: str) -> Layer:
        return next(layer for layer in self.layers if layer.name == name)

    def rank(self, layer_name: str) -> int:
        return [layer.name for layer in self.layers].index(layer_name)

    @property
    def phase_order(self) -> tuple[str, ...]:
        return tuple(phase.value for phase in self.phases)

    @property
    def phase_labels(self) -> Mapping[str, str]:
        return {phase.value: phase.label for phase in self.phases}


_kinds: dict[str, ChecklistKind] = {}


def kind_register(kind: ChecklistKind) -> ChecklistKind:
    _kinds[kind.key] = kind
    return kind


def kind_get(key: str) -> ChecklistKind:
    return _kinds[key]


def kinds_all() -> list[ChecklistKind]:
    return list(_kinds.values())


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in _kinds.values()]
