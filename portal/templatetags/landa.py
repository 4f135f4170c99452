from django import template
from django.utils import translation

register = template.Library()


@register.simple_tag
def language_direction(code: str) -> str:
    return "rtl" if translation.get_language_info(code)["bidi"] else "ltr"


@register.filter
def absolute(value: int) -> int:
    return abs(int(value))
