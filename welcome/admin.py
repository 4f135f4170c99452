from django.contrib import admin

from .models import Case, LetterTemplate, MeetingSlot, PrintLetter, PrintRun, WelcomeLetter


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("municipality", "language", "subject", "version", "is_active", "updated_at")
    list_filter = ("language", "is_active")
    search_fields = ("municipality__name", "subject")
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)
    readonly_fields = ("version", "updated_at", "updated_by")


@admin.register(WelcomeLetter)
class WelcomeLetterAdmin(admin.ModelAdmin):
    list_display = ("subject", "profile", "municipality", "language", "sequence", "created_at")
    list_filter = ("language", "sequence")
    search_fields = ("subject", "profile__user__email", "municipality__name")
    list_select_related = ("profile__user", "municipality")
    raw_id_fields = ("profile", "template", "message", "sent_by")


class PrintLetterInline(admin.TabularInline):
    model = PrintLetter
    extra = 0


@admin.register(PrintRun)
class PrintRunAdmin(admin.ModelAdmin):
    list_display = ("file_name", "municipality", "created_at", "delete_after")
    search_fields = ("file_name", "municipality__name")
    list_select_related = ("municipality",)
    raw_id_fields = ("created_by",)
    inlines = [PrintLetterInline]


@admin.register(PrintLetter)
class PrintLetterAdmin(admin.ModelAdmin):
    list_display = ("name", "run", "line", "language")
    list_filter = ("language",)
    search_fields = ("name", "city", "run__file_name")
    list_select_related = ("run",)
    raw_id_fields = ("run",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("profile", "municipality", "contact_person", "opened_at")
    search_fields = ("profile__user__email", "municipality__name")
    list_select_related = ("profile__user", "municipality", "contact_person__user")
    raw_id_fields = ("profile", "contact_person")
    autocomplete_fields = ("municipality",)


@admin.register(MeetingSlot)
class MeetingSlotAdmin(admin.ModelAdmin):
    list_display = ("starts_at", "officer", "municipality", "booked_by")
    list_select_related = ("officer__user", "municipality", "booked_by__user")
    raw_id_fields = ("officer", "booked_by")
    autocomplete_fields = ("municipality",)
