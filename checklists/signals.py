"""Dependency cycles are refused however the dependencies are written."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import ChecklistItem
from .validation import dependencies_validate


@receiver(m2m_changed, sender=ChecklistItem.dependencies.through)
def refuse_dependency_cycles(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action != "pre_add" or reverse:
        return
    current = set(instance.dependencies.values_list("pk", flat=True))
    dependencies_validate(
        item=instance, dependencies=ChecklistItem.objects.filter(pk__in=current | set(pk_set))
    )
