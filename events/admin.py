from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Event, Registration


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
