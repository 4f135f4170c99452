from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from checklists.admin import ReviewDueFilter

from .models import Municipality, Officer, OfficerAccess, PlaceFeedback, PlacePage, Region


@admin.register(Region)
class RegionAdmin(TabbedTranslationAdmin):
    list_display = ("code", "name", "slug")
    search_fields = ("code", "name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region")
    list_filter = ("region",)
    search_fields = ("code", "name", "slug")
    list_select_related = ("region",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("user", "title", "role", "municipality", "region")
    list_filter = ("role", "region")
    search_fields = ("user__email", "title", "municipality__name")
    list_select_related = ("user", "municipality", "region")
    autocomplete_fields = ("user", "municipality", "region")


@admin.register(OfficerAccess)
class OfficerAccessAdmin(admin.ModelAdmin):
    """Read only: the log is what happened."""

    list_display = ("at", "officer_name", "workplace", "action", "person")
    list_filter = ("action",)
    search_fields = ("officer_name", "workplace", "person__email")
    list_select_related = ("person",)
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class PlaceKindFilter(admin.SimpleListFilter):
    title = _("kind of place")
    parameter_name = "place"

    def lookups(self, request, model_admin):
        return [("municipality", _("municipalities")), ("region", _("counties"))]

    def queryset(self, request, queryset):
        if self.value() == "municipality":
            return queryset.filter(municipality__isnull=False)
        if self.value() == "region":
            return queryset.filter(region__isnull=False)
        return queryset


@admin.register(PlacePage)
class PlacePageAdmin(TabbedTranslationAdmin):
    """Editors keep their own pages on the site; staff see every page here, and which
    are due for review."""

    list_display = ("__str__", "checked_on", "review_due_on", "updated_at")
    list_filter = (ReviewDueFilter, PlaceKindFilter, "municipality__region")
    search_fields = ("municipality__name", "municipality__code", "region__name", "region__code")
    list_select_related = ("municipality", "region")
    autocomplete_fields = ("municipality", "region")
    readonly_fields = ("review_due_on", "updated_at")
    fieldsets = [
        (None, {"fields": ("municipality", "region", "website")}),
        (_("Sections"), {"fields": PlacePage.SECTIONS}),
        (
            _("Contact"),
            {
                "fields": (
                    "contact_name",
                    "contact_address",
                    "contact_phone",
                    "contact_email",
                    "contact_url",
                    "opening_hours",
                )
            },
        ),
        (
            _("Source and review"),
            {
                "fields": (
                    "source_title",
                    "source_url",
                    "checked_on",
                    "review_interval_days",
                    "review_due_on",
                    "updated_at",
                )
            },
        ),
    ]


@admin.register(PlaceFeedback)
class PlaceFeedbackAdmin(admin.ModelAdmin):
    list_display = ("__str__", "about_url", "language", "created_at", "read_at")
    list_filter = (
        "helpful",
        "could_not_find",
        ("municipality", admin.EmptyFieldListFilter),
        "language",
        ("read_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("comment", "about_url", "municipality__name", "region__name")
    list_select_related = ("municipality", "region")
    autocomplete_fields = ("municipality", "region")
