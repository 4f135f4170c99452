from django.urls import path

from . import mine, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<uuid:uuid>/", views.event_detail, name="detail"),
    path("<uuid:uuid>/register/", views.event_register, name="register"),
    path("<uuid:uuid>/cancel/", views.event_cancel, name="cancel"),
    path("<uuid:uuid>/event.ics", views.event_ics, name="ics"),
    path("series/<uuid:uuid>.ics", views.series_ics, name="series_ics"),
    path("association/<uuid:uuid>/", mine.association_events, name="mine"),
    path("association/<uuid:uuid>/new/", mine.association_event_new, name="mine_new"),
    path("association/<uuid:uuid>/import/", mine.association_import, name="mine_import"),
    path("association/events/<uuid:uuid>/", mine.association_event_edit, name="mine_edit"),
    path("municipality/<str:code>.ics", views.municipality_feed, name="feed"),
]
