"""Officer work, under the municipality area's address: the desk, the municipality's own
steps (editors), welcome letters."""

from django.urls import include, path

from . import views

app_name = "welcome"

urlpatterns = [
    path("", views.officer_desk, name="desk"),
    path("steps/", include("welcome.steps.urls")),
    path("letters/", include("welcome.letters.urls")),
]
