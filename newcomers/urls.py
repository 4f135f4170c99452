from django.urls import path
from django.views.generic import TemplateView

from .views import account, guides, journey, steps

app_name = "newcomers"

urlpatterns = [
    path("", TemplateView.as_view(template_name="newcomers/area.html"), name="area"),
    path(
        "partners/", TemplateView.as_view(template_name="newcomers/partners.html"), name="partners"
    ),
    path("start/", account.start, name="start"),
    path("start/family/", account.start_family, name="start_family"),
    path("journey/", journey.journey, name="journey"),
    path("journey/print/", journey.journey_print, name="journey_print"),
    path("journey/calendar.ics", journey.journey_calendar, name="journey_calendar"),
    path("journey/steps/<slug:key>/done/", journey.step_done, name="step_done"),
    path("journey/steps/<slug:key>/note/", journey.step_note, name="step_note"),
    path("profile/", account.profile, name="profile"),
    path("household/", account.household, name="household"),
    path("household/sharing/", account.household_sharing, name="household_sharing"),
    path("household/join/<str:token>/", account.join, name="join"),
    path(
        "household/members/<int:member_id>/remove/",
        account.household_remove_member,
        name="household_member_remove",
    ),
    path(
        "household/invitations/<int:invitation_id>/cancel/",
        account.household_cancel_invitation,
        name="household_invitation_cancel",
    ),
    path("consents/", account.consents, name="consents"),
    path("my-data/", account.my_data, name="my_data"),
    path("my-data/download/", account.my_data_download, name="my_data_download"),
    path("my-data/delete/", account.my_data_delete, name="my_data_delete"),
    path("reminders/unsubscribe/<str:token>/", account.unsubscribe, name="unsubscribe"),
    path("guides/", guides.guide_list, name="guides"),
    path("guides/<slug:slug>/", guides.guide_detail, name="guide"),
    path("guides/<slug:slug>/feedback/", guides.guide_feedback, name="guide_feedback"),
    path("steps/<slug:key>/", steps.step_detail, name="step_detail"),
]
