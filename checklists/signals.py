"""Content writes: cycles are refused however dependencies are written, and every
change reaches the checklists it affects (``refresh.content_changed``)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import ChecklistItem, ChecklistTemplate
from .refresh import content_changed
from .validation import dependencies_validate


@receiver(m2m_changed, sender=ChecklistItem.dependencies.through)
def refuse_dependency_cycles(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action != "pre_add" or reverse:
        return
    current = set(instance.dependencies.values_list("pk", flat=True))
    dependencies_validate(
        item=instance, dependencies=ChecklistItem.objects.filter(pk__in=current | set(pk_set))
    )


@receiver(m2m_changed, sender=ChecklistItem.dependencies.through)
def dependencies_changed(sender, instance, action, reverse, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        content_changed(instance.template_id, whole_kind=False)


@receiver(post_save, sender=ChecklistItem)
@receiver(post_delete, sender=ChecklistItem)
def step_changed(sender, instance: ChecklistItem, raw=False, **kwargs) -> None:
    if not raw:
        content_changed(instance.template_id, whole_kind=False)


@receiver(post_save, sender=ChecklistTemplate)
def template_changed(sender, instance: ChecklistTemplate, raw=False, **kwargs) -> None:
    """A template added, switched on or off, or given to another owner can change
    which checklists of its kind it belongs to: all of them are looked at."""
    if not raw:
        content_changed(instance.pk, whole_kind=True)
