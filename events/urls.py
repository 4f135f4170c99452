from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<uuid:uuid>/", views.event_detail, name="detail"),
    path("<uuid:uuid>/register/", views.event_register, name="register"),
    path("<uuid:uuid>/cancel/", views.event_cancel, name="cancel"),
    path("<uuid:uuid>/event.ics", views.event_ics, name="ics"),
    path("municipality/<str:code>.ics", views.municipality_feed, name="feed"),
]
