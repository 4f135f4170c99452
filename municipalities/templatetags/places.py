"""Small filters for place pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def host(url: str) -> str:
    """``https://www.ostersund.se/`` → ``www.ostersund.se``: a link's readable name."""
    return urlsplit(url).hostname or url


@register.filter
def phone_href(number: str) -> str:
    """A phone number as written → the digits a ``tel:`` link dials."""
    return "".join(char for char in number if char.isdigit() or char == "+")
