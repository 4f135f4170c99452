from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info

from .i18n import LANGUAGE_CODES, page_alternates
from .roles import role_links


def site(request: HttpRequest) -> dict:
    return {
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "SITE_LANGUAGES": [
            (code, get_language_info(code)["name_local"]) for code in LANGUAGE_CODES
        ],
        "page_alternates": lambda: page_alternates(request),
        "role_links": lambda: role_links(request),
    }
