from django.contrib import admin

from .models import Language, Location, Organization, Schedule, Service


class LocationInline(admin.TabularInline):
    model = Location
    extra = 0
    autocomplete_fields = ("municipality",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "email")
    search_fields = ("name", "email", "municipality__name")
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)
    raw_id_fields = ("representatives",)
    inlines = [LocationInline]


class ScheduleInline(admin.TabularInline):
    model = Schedule
    extra = 0


class LanguageInline(admin.TabularInline):
    model = Language
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "category", "state", "last_verified_on")
    list_filter = ("state", "category", "audience", "is_free")
    search_fields = ("name", "organization__name")
    list_select_related = ("organization",)
    raw_id_fields = ("organization", "location")
    inlines = [ScheduleInline, LanguageInline]


# Each part also on its own, for staff who look one up.
@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "organization", "municipality")
    list_select_related = ("organization", "municipality")
    search_fields = ("name", "address", "organization__name")
    raw_id_fields = ("organization",)
    autocomplete_fields = ("municipality",)


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "service")
    list_select_related = ("service",)
    raw_id_fields = ("service",)


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("code", "service")
    list_select_related = ("service",)
    raw_id_fields = ("service",)
