from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Municipality, Officer, Region


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
    list_display = ("user", "title", "municipality", "region")
    list_filter = ("region",)
    search_fields = ("user__email", "title", "municipality__name")
    list_select_related = ("user", "municipality", "region")
    autocomplete_fields = ("user", "municipality", "region")
