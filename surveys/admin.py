"""Staff see who was asked and when, and whether they answered or declined; never what
they answered, which is for the figures only (the survey page promises as much)."""

from django.contrib import admin

from .models import SurveyInvitation


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(admin.ModelAdmin):
    list_display = ("wave", "municipality", "sent_at", "answered_at", "declined_at")
    list_filter = ("wave", "answered_at", "declined_at")
    search_fields = ("user__email", "municipality__name", "organization__name")
    date_hierarchy = "sent_at"
    list_select_related = ("municipality",)
    raw_id_fields = ("user", "hire", "organization", "municipality")
    exclude = ("lives", "occupation", "satisfaction", "still_employed")
    readonly_fields = ("token_digest", "sent_at", "answered_at", "declined_at")

    def has_add_permission(self, request) -> bool:
        return False  # invitations are made by the daily run, with their mail
