"""Guide text as HTML: escaped, with the sites it names ("skatteverket.se") as links."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A Swedish site named in the text, such as 1177.se or www.migrationsverket.se. Guide
# text is written by staff; it is escaped before any link is added.
SITE = re.compile(r"(?<![\w./@-])((?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.se)\b(?![\w/-])")


@register.filter
def with_site_links(paragraph: str) -> SafeString:
    html = linebreaks(escape(paragraph))
    return mark_safe(  # noqa: S308  (escaped above; the links are built from the match)
        SITE.sub(r'<a href="https://\1" rel="noopener">\1</a>', html)
    )
