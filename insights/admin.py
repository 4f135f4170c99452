"""The computed figures, for staff to look into; written only by the refresh."""

from django.contrib import admin

from .models import ComputedQuarter, StoredFigure


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ComputedQuarter)
class ComputedQuarterAdmin(ReadOnly):
    list_display = ("quarter", "computed_at")
    search_fields = ("quarter",)


@admin.register(StoredFigure)
class StoredFigureAdmin(ReadOnly):
    list_display = ("quarter", "scope", "key", "part", "people", "value")
    list_filter = ("quarter", "key")
    search_fields = ("scope", "key")
