from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    Answer,
    Assessment,
    Hire,
    Job,
    JobLanguage,
    MemberInvitation,
    Membership,
    Occupation,
    Organization,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "org_number", "size_class", "sector", "municipality")
    list_filter = ("size_class", "sector")
    search_fields = ("name", "org_number", "municipality__name")
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("organization", "user", "role", "joined_at")
    list_filter = ("role",)
    search_fields = ("organization__name", "user__email")
    list_select_related = ("organization", "user")
    raw_id_fields = ("organization", "user")


@admin.register(MemberInvitation)
class MemberInvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organization", "role", "created_at", "accepted_at", "cancelled_at")
    list_filter = ("role",)
    search_fields = ("email", "organization__name")
    list_select_related = ("organization",)
    raw_id_fields = ("organization", "invited_by")
    exclude = ("token",)


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ("answered_by",)


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("organization", "started_at", "completed_at")
    search_fields = ("organization__name", "organization__org_number")
    list_select_related = ("organization",)
    raw_id_fields = ("organization", "started_by")
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ("assessment", "key", "value", "answered_at")
    list_filter = ("value",)
    search_fields = ("key", "assessment__organization__name")
    list_select_related = ("assessment__organization",)
    raw_id_fields = ("assessment", "answered_by")


@admin.register(Occupation)
class OccupationAdmin(TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


class JobLanguageInline(admin.TabularInline):
    model = JobLanguage
    extra = 0


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "municipality", "english_is_enough", "expires_on")
    list_filter = ("english_is_enough", "work_mode", "relocation_support", "partner_support")
    search_fields = ("title", "organization__name")
    list_select_related = ("organization", "municipality")
    raw_id_fields = ("organization",)
    autocomplete_fields = ("municipality", "occupation")
    inlines = [JobLanguageInline]


@admin.register(JobLanguage)
class JobLanguageAdmin(admin.ModelAdmin):
    list_display = ("job", "code", "level")
    list_filter = ("level",)
    search_fields = ("job__title", "code")
    list_select_related = ("job",)
    raw_id_fields = ("job",)


@admin.register(Hire)
class HireAdmin(admin.ModelAdmin):
    list_display = ("role_title", "organization", "occupation", "created_at", "accepted_at")
    search_fields = ("role_title", "organization__name")
    list_select_related = ("organization", "occupation")
    raw_id_fields = ("organization", "invited_by", "profile")
    autocomplete_fields = ("occupation",)
    exclude = ("token",)
