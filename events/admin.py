from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import CalendarSource, Event, Registration


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
    raw_id_fields = ("organization",)
    inlines = [RegistrationInline]


@admin.register(CalendarSource)
class CalendarSourceAdmin(admin.ModelAdmin):
    list_display = ("url", "municipality", "last_synced_at", "last_error")
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("event", "user")
    raw_id_fields = ("event", "user")
