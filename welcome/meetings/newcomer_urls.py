"""A newcomer's meetings with their contact person (``/<lang>/newcomers/meetings/``)."""

from django.urls import path

from . import views

app_name = "my_meetings"

urlpatterns = [
    path("", views.my_meetings, name="list"),
    path("<uuid:uuid>/book/", views.meeting_book, name="book"),
    path("<uuid:uuid>/cancel/", views.meeting_cancel, name="cancel"),
    path("<uuid:uuid>/meeting.ics", views.meeting_ics, name="ics"),
]
