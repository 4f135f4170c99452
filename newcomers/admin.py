from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from checklists.admin import ReviewDueFilter

from .models import (
    Child,
    Consent,
    ErasedAccount,
    Guide,
    GuideFeedback,
    Household,
    NewcomerProfile,
    PartnerInvitation,
)


class ChildInline(admin.TabularInline):
    model = Child
    extra = 0


@admin.register(NewcomerProfile)
class NewcomerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "citizenship", "purpose", "municipality", "arrival_date")
    list_filter = ("role", "citizenship", "purpose", "driving_licence", "reminders")
    search_fields = ("user__email", "municipality__name")
    list_select_related = ("user", "municipality")
    autocomplete_fields = ("user", "municipality")
    inlines = [ChildInline]


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ("pk", "created_at")
    search_fields = ("members__user__email",)


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ("profile", "birth_year")
    search_fields = ("profile__user__email",)
    list_select_related = ("profile__user",)


@admin.register(PartnerInvitation)
class PartnerInvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "invited_by", "created_at", "accepted_at")
    search_fields = ("email", "invited_by__email")
    exclude = ("token",)
    list_select_related = ("invited_by",)


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "given_at", "revoked_at")
    list_filter = ("kind",)
    search_fields = ("user__email",)
    list_select_related = ("user",)


@admin.register(ErasedAccount)
class ErasedAccountAdmin(admin.ModelAdmin):
    list_display = (
        "erased_on",
        "municipality_code",
        "citizenship",
        "purpose",
        "steps_total",
        "steps_done",
    )
    list_filter = ("citizenship", "purpose")
    search_fields = ("municipality_code",)


@admin.register(Guide)
class GuideAdmin(TabbedTranslationAdmin):
    list_display = ("title", "topic", "phase", "checked_on", "review_due_on", "is_published")
    list_filter = (ReviewDueFilter, "topic", "phase", "is_published")
    search_fields = ("title", "slug")
    filter_horizontal = ("sources",)


@admin.register(GuideFeedback)
class GuideFeedbackAdmin(admin.ModelAdmin):
    list_display = ("guide", "helpful", "language", "created_at")
    list_filter = ("helpful", "language", "guide")
    search_fields = ("guide__title",)
    list_select_related = ("guide",)
