"""The addresses of place pages, under ``/<lang>/places/``. The project includes them
with what the pages link to: ``include(place_urls(PlaceLinks(...)))``."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import views
from .links import PlaceLinks

app_name = "places"


def place_urls(links: PlaceLinks | None = None) -> tuple[list[URLPattern], str]:
    given = {"links": links or PlaceLinks()}
    return (
        [
            path("", views.place_index, name="index"),
            path("<slug:region_slug>/", views.region_page, given, name="region"),
            path("<slug:region_slug>/edit/", views.region_page_edit, name="region_edit"),
            path(
                "<slug:region_slug>/<slug:municipality_slug>/",
                views.municipality_page,
                given,
                name="municipality",
            ),
            path(
                "<slug:region_slug>/<slug:municipality_slug>/edit/",
                views.municipality_page_edit,
                name="municipality_edit",
            ),
        ],
        app_name,
    )
