"""Officer work, under the municipality area's address: the desk, the municipality's own
steps (editors), welcome letters."""

from django.urls import include, path

from . import directory, events, views
from .cases import views as cases
from .meetings import views as meetings

app_name = "welcome"

urlpatterns = [
    path("", views.officer_desk, name="desk"),
    path("newcomers/<int:profile_id>/", cases.case_detail, name="case"),
    path("newcomers/<int:profile_id>/contact/", cases.case_contact, name="case_contact"),
    path("newcomers/<int:profile_id>/steps/<slug:key>/", cases.case_step, name="case_step"),
    path("todo/", views.todo, name="todo"),
    path("todo/feedback/<int:pk>/read/", views.feedback_read, name="feedback_read"),
    path("authorities/", views.authorities, name="authorities"),
    path("meetings/", meetings.officer_meetings, name="meetings"),
    path("events/", events.event_list, name="events"),
    path("events/new/", events.event_new, name="event_new"),
    path("events/import/", events.event_import, name="event_import"),
    path("events/<uuid:uuid>/", events.event_edit, name="event_edit"),
    path("directory/", directory.moderation, name="directory"),
    path("directory/<uuid:uuid>/", directory.decide, name="directory_decide"),
    path("steps/", include("welcome.steps.urls")),
    path("letters/", include("welcome.letters.urls")),
]
