from datetime import date

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .kinds import kind_choices
from .models import (
    Authority,
    ChecklistInstance,
    ChecklistItem,
    ChecklistTemplate,
    InstanceItem,
    Source,
)
from .validation import dependencies_validate


def review_due_q(today: date) -> Q:
    """Never checked, or checked longer ago than the content's own interval."""
    return Q(review_due_on__isnull=True) | Q(review_due_on__lte=today)


class ReviewDueFilter(admin.SimpleListFilter):
    """Staff find what must be checked against its sources again (steps and guides)."""

    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("due for review")), ("current", _("checked and current"))]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        due = review_due_q(timezone.localdate())
        if self.value() == "due":
            return queryset.filter(due)
        if self.value() == "current":
            return queryset.exclude(due)
        return queryset


@admin.register(Source)
class SourceAdmin(TabbedTranslationAdmin):
    list_display = ("key", "title", "url", "language", "publisher")
    list_filter = ("language", "publisher")
    search_fields = ("key", "title", "url")
    list_select_related = ("publisher",)


@admin.register(Authority)
class AuthorityAdmin(TabbedTranslationAdmin):
    list_display = ("key", "name", "url")
    search_fields = ("key", "name")


class ChecklistItemForm(forms.ModelForm):
    class Meta:
        model = ChecklistItem
        exclude: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        template = cleaned.get("template")
        if template is None or not cleaned.get("key"):
            return cleaned
        dependencies = cleaned.get("dependencies")
        if dependencies is None:
            dependencies = self.instance.dependencies.all() if self.instance.pk else []
        try:  # the graph assembly will build, across layers, with what is proposed here
            dependencies_validate(
                item=self.instance,
                dependencies=dependencies,
                key=cleaned["key"],
                template=template,
            )
        except forms.ValidationError as error:
            self.add_error("dependencies" if "dependencies" in cleaned else None, error)
        return cleaned


class ChecklistTemplateForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("kind of checklist"), choices=kind_choices)

    class Meta:
        model = ChecklistTemplate
        exclude: tuple[str, ...] = ()


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(TabbedTranslationAdmin):
    form = ChecklistTemplateForm
    list_display = ("name", "kind", "layer", "owner", "is_active")
    list_filter = ("kind", "layer", "is_active")
    search_fields = ("name",)


@admin.register(ChecklistItem)
class ChecklistItemAdmin(TabbedTranslationAdmin):
    form = ChecklistItemForm
    list_display = (
        "key",
        "title",
        "template",
        "phase",
        "authority",
        "due_offset_days",
        "checked_on",
        "review_due_on",
    )
    list_filter = (ReviewDueFilter, "template__kind", "template__layer", "phase", "authority")
    search_fields = ("key", "title")
    list_select_related = ("template", "authority")
    filter_horizontal = ("dependencies", "sources")


class InstanceItemInline(admin.TabularInline):
    model = InstanceItem
    extra = 0
    fields = ("key", "state", "due_date", "done_at")
    readonly_fields = fields
    can_delete = False


@admin.register(ChecklistInstance)
class ChecklistInstanceAdmin(admin.ModelAdmin):
    list_display = ("kind", "subject_type", "subject_id", "assembled_at")
    list_filter = ("kind",)
    search_fields = ("subject_id",)
    readonly_fields = ("kind", "subject_type", "subject_id", "facts", "templates", "assembled_at")
    inlines = [InstanceItemInline]


@admin.register(InstanceItem)
class InstanceItemAdmin(admin.ModelAdmin):
    list_display = ("key", "instance", "state", "due_date", "done_at")
    list_filter = ("state",)
    search_fields = ("key",)
    list_select_related = ("instance",)
    readonly_fields = ("instance", "item", "key", "reasons", "depends_on")
    exclude = ("note",)  # a person's private note is theirs alone
