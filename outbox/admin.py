from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .mail import message_abort, message_retry
from .models import OutgoingMessage


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "recipient", "language", "status", "attempts")
    list_filter = ("status", "kind", "language")
    search_fields = ("recipient", "subject", "idempotency_key")
    date_hierarchy = "created_at"
    actions = ("retry_messages", "abort_messages")
    readonly_fields = [field.name for field in OutgoingMessage._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Retry the selected failed or aborted messages"))
    def retry_messages(self, request, queryset):
        count = sum(message_retry(message=message) for message in queryset)
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Abort the selected unsent messages"))
    def abort_messages(self, request, queryset):
        count = sum(message_abort(message=message) for message in queryset)
        self.message_user(
            request,
            ngettext("%(count)d message aborted.", "%(count)d messages aborted.", count)
            % {"count": count},
            messages.SUCCESS,
        )
