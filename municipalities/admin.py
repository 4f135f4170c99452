from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Municipality, Officer, OfficerAccess, Region


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
