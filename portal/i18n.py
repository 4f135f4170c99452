"""Language helpers: the switcher view and the alternates of a page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def url_in_language(url: str, language: str) -> str:
    """The same page in another language, or ``url`` if it has no translation."""
    with translation.override(translation.get_language_from_path(url) or settings.LANGUAGE_CODE):
        return translate_url(url, language)


def page_alternates(request: HttpRequest) -> list[tuple[str, str]]:
    """``(language, absolute URL)`` for every language the current page exists in."""
    if request.resolver_match is None:
        return []
    path = request.get_full_path()
    return [
        (code, request.build_absolute_uri(url_in_language(path, code))) for code in LANGUAGE_CODES
    ]


def language_cookie_set(response: HttpResponse, language: str) -> None:
    """Remember a language for pages without a prefix (``/``) on this browser."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


def _safe_next(request: HttpRequest, next_url: str, language: str) -> str:
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url_in_language(next_url, language)
    with translation.override(language):
        return reverse("home")


@require_POST
def language_switch(request: HttpRequest) -> HttpResponseRedirect:
    """Switch language, stay on the same page; remember the choice for signed-in users."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "")
    if language not in LANGUAGE_CODES:  # keep everything as it was
        current = translation.get_language_from_path(next_url) or settings.LANGUAGE_CODE
        return HttpResponseRedirect(_safe_next(request, next_url, current))
    response = HttpResponseRedirect(_safe_next(request, next_url, language))
    if request.user.is_authenticated and request.user.preferred_language != language:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    language_cookie_set(response, language)
    return response
