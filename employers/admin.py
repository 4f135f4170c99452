from django.contrib import admin

from .models import MemberInvitation, Membership, Organization


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
