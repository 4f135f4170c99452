"""The open data API, outside the language prefix (``/api/directory/hsds/...``)."""

from django.urls import path

from . import api

app_name = "directory_api"

urlpatterns = [
    path("services", api.services, name="services"),
    path("organizations", api.organizations, name="organizations"),
    path("export", api.export, name="export"),
]
