"""Site pages of the portal: home, about, accessibility, privacy, contact, errors."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from .i18n import LANGUAGE_CODES


def root(request: HttpRequest) -> HttpResponseRedirect:
    """``/`` → the home page in the user's language (saved, cookie, or browser)."""
    if request.user.is_authenticated:
        language = request.user.preferred_language
    else:
        language = translation.get_language_from_request(request)
    with translation.override(language):
        return HttpResponseRedirect(reverse("home"))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 404 in the language of the URL's prefix, or the default language if it has none."""
    language = translation.get_language_from_path(request.path_info)
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    request.LANGUAGE_CODE = language
    with translation.override(language):
        return render(request, "404.html", status=404)
