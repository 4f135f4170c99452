"""Response headers that hold for every page: what the browser may use, and that
nothing shown to a signed-in person is stored in a shared or back-button cache."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# Landa uses none of these browser features; saying so stops embedded content using them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PrivacyHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            # Someone with a session may be signed in: journeys, notes, the officer
            # desk and data downloads are one person's. Read from the cookie, not the
            # user, so that a page served without loading the user (a kept page,
            # caching.personal) is covered the same way.
            patch_cache_control(response, private=True, no_store=True)
        return response
