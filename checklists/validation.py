"""Content that would break assembly is refused when it is written, naming the cycle.

Assembly builds one graph per subject, by step key, after a higher layer's steps have
replaced the lower ones' of the same key. So a cycle can exist only across layers:
national ``a`` depends on ``b``; a municipality's own ``b`` depends on ``a``. Each check
here builds that graph for every combination of layers the edited template can be part
of (the base layer, with or without one template of each other layer), ignoring
conditions, since facts can make any step apply.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .assembly import find_cycle
from .models import ChecklistItem, ChecklistTemplate


def _combinations(template: ChecklistTemplate) -> Iterable[list[ChecklistTemplate]]:
    kind = template.checklist_kind
    templates = list(ChecklistTemplate.objects.filter(kind=template.kind).exclude(pk=template.pk))
    by_layer = {layer.name: [] for layer in kind.layers}
    for other in templates:
        by_layer.setdefault(other.layer, []).append(other)
    base = kind.layers[0].name
    bases = [template] if template.layer == base else by_layer[base][:1]
    others = [
        [template] if layer.name == template.layer else [None, *by_layer[layer.name]]
        for layer in kind.layers[1:]
    ]
    for chosen in itertools.product(*others):
        yield [*bases, *(t for t in chosen if t is not None)]


def dependencies_validate(
    *,
    item: ChecklistItem,
    dependencies: Iterable[ChecklistItem],
    key: str | None = None,
    template: ChecklistTemplate | None = None,
) -> None:
    """Refuse ``item`` with these dependencies (and this key and template, if they are
    changing) when any combination of layers it can meet would contain a cycle."""
    key = key or item.key
    template = template or item.template
    proposed = {dependency.pk for dependency in dependencies}
    if item.pk is not None and item.pk in proposed:
        raise ValidationError(_("A step cannot depend on itself."))
    kind = template.checklist_kind
    items = {
        pk: (template_id, item_key)
        for pk, template_id, item_key in ChecklistItem.objects.filter(
            template__kind=template.kind
        ).values_list("pk", "template_id", "key")
    }
    depends: dict[int, set[int]] = {}
    for source, target in ChecklistItem.dependencies.through.objects.filter(
        from_checklistitem_id__in=items
    ).values_list("from_checklistitem_id", "to_checklistitem_id"):
        depends.setdefault(source, set()).add(target)
    this = item.pk if item.pk is not None else "proposed"
    items[this] = (template.pk, key)
    depends[this] = proposed
    for combination in _combinations(template):
        ranks = {t.pk: kind.rank(t.layer) for t in combination}
        winners: dict[str, tuple[int, object]] = {}
        for pk, (template_id, item_key) in items.items():
            if template_id in ranks and (
                item_key not in winners or ranks[template_id] > winners[item_key][0]
            ):
                winners[item_key] = (ranks[template_id], pk)
        edges = {
            item_key: {items[d][1] for d in depends.get(pk, ()) if d in items} - {item_key}
            for item_key, (_rank, pk) in winners.items()
        }
        cycle = find_cycle(edges)
        if cycle:
            raise ValidationError(
                _("These dependencies would make a cycle in %(layers)s: %(cycle)s.")
                % {
                    "layers": " + ".join(str(t) for t in combination),
                    "cycle": " → ".join(cycle),
                }
            )
