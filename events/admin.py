from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import CalendarSource, Event, EventSeries, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ("title", "municipality", "organization", "starts_at", "capacity")
    list_filter = ("is_cancelled",)
    search_fields = ("title", "municipality__name", "organization__name")
    list_select_related = ("municipality", "organization")
    autocomplete_fields = ("municipality",)
    raw_id_fields = ("organization", "series")
    inlines = [RegistrationInline]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ("__str__", "frequency", "until", "created_at")
    list_filter = ("frequency",)
    search_fields = ("rule",)


@admin.register(CalendarSource)
class CalendarSourceAdmin(admin.ModelAdmin):
    list_display = ("url", "municipality", "organization", "last_synced_at", "last_error")
    list_select_related = ("municipality", "organization")
    autocomplete_fields = ("municipality",)
    raw_id_fields = ("organization",)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("event", "user")
    raw_id_fields = ("event", "user")
