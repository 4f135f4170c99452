"""The safe placeholders of a welcome letter, and nothing else.

An editor writes ``{first_name}`` or ``{welcome_events}``; a letter replaces each with
a value escaped for HTML. Braces that are not one of these placeholders (``{{``,
``{%``, ``{name}``) are refused when the template is saved, naming them, so no officer
text is ever run as template code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html import escape

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_BRACES = re.compile(r"\{[^{}]*\}|[{}]")


@dataclass(frozen=True)
class Listing:
    """One line of a list in a letter: an event or an association, with a link."""

    title: str
    detail: str = ""
    url: str = ""


@dataclass
class LetterValues:
    """What a letter may say about its reader and their place, already decided."""

    first_name: str
    municipality: str
    arrival_date: date | None
    # The template's contact person (``compose.letter_write`` fills them in).
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    place_url: str = ""
    events: list[Listing] = field(default_factory=list)
    associations: dict[str, list[Listing]] = field(default_factory=dict)  # by category


def first_name_of(name: str) -> str:
    """The first word of a name as given: what a letter greets a person by."""
    return name.split(" ")[0] if name else ""


def _contact(values: LetterValues) -> str:
    reachable = ", ".join(p for p in (values.contact_email, values.contact_phone) if p)
    if values.contact_name and reachable:
        return f"{values.contact_name} ({reachable})"
    return values.contact_name or reachable


def _arrival(values: LetterValues) -> str:
    return formats.date_format(values.arrival_date, "DATE_FORMAT") if values.arrival_date else ""


def _list_html(listings: list[Listing]) -> str:
    items = []
    for listing in listings:
        title = escape(listing.title)
        if listing.url:
            title = f'<a href="{escape(listing.url)}">{title}</a>'
        detail = f", {escape(listing.detail)}" if listing.detail else ""
        items.append(f"<li>{title}{detail}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _see_place(values: LetterValues, sentence: str) -> str:
    # An address reads left to right inside a right-to-left letter too.
    link = f' <a href="{escape(values.place_url)}" dir="ltr">{escape(values.place_url)}</a>'
    return f"<p>{escape(sentence)}{link if values.place_url else ''}</p>"


def _events(values: LetterValues) -> str:
    if not values.events:
        return _see_place(
            values, _("No welcome events are planned yet. New ones will be on your place page:")
        )
    return _list_html(values.events)


def _associations(values: LetterValues) -> str:
    if not values.associations:
        return _see_place(values, _("Associations near you are listed on your place page:"))
    return "".join(
        f"<h3>{escape(category)}</h3>{_list_html(listings)}"
        for category, listings in values.associations.items()
    )


@dataclass(frozen=True)
class Placeholder:
    name: str
    label: str
    inline: Callable[[LetterValues], str]  # plain text, escaped when inserted
    block: Callable[[LetterValues], str] | None = None  # markup, alone in a paragraph


PLACEHOLDERS = {
    p.name: p
    for p in [
        Placeholder(
            "first_name", gettext_lazy("the newcomer's first name"), lambda v: v.first_name
        ),
        Placeholder(
            "municipality", gettext_lazy("your municipality's name"), lambda v: v.municipality
        ),
        Placeholder("arrival_date", gettext_lazy("the arrival date"), _arrival),
        Placeholder("contact_person", gettext_lazy("the contact person"), _contact),
        Placeholder(
            "welcome_events",
            gettext_lazy("upcoming welcome events"),
            lambda v: ", ".join(e.title for e in v.events),
            block=_events,
        ),
        Placeholder(
            "associations",
            gettext_lazy("associations, by category"),
            lambda v: ", ".join(a.title for group in v.associations.values() for a in group),
            block=_associations,
        ),
    ]
}


def placeholders_unknown(text: str) -> list[str]:
    """Every brace in ``text`` that is not a known placeholder, as written."""
    unknown = []
    for match in _BRACES.finditer(text):
        name = match.group(0)[1:-1] if len(match.group(0)) > 1 else None
        if name not in PLACEHOLDERS and match.group(0) not in unknown:
            unknown.append(match.group(0))
    return unknown


def placeholders_fill(markup: str, values: LetterValues) -> str:
    """Clean markup with its placeholders replaced: a list placeholder alone in its
    paragraph becomes its list; anywhere else each becomes escaped text."""
    for placeholder in PLACEHOLDERS.values():
        if placeholder.block is not None:
            markup = markup.replace(f"<p>{{{placeholder.name}}}</p>", placeholder.block(values))
    return _BRACES.sub(
        lambda m: (
            escape(PLACEHOLDERS[m.group(0)[1:-1]].inline(values))
            if m.group(0)[1:-1] in PLACEHOLDERS
            else escape(m.group(0))
        ),
        markup,
    )


def text_fill(text: str, values: LetterValues) -> str:
    """A plain-text line (the subject) with its placeholders replaced, unescaped."""
    return _BRACES.sub(
        lambda m: (
            PLACEHOLDERS[m.group(0)[1:-1]].inline(values)
            if m.group(0)[1:-1] in PLACEHOLDERS
            else m.group(0)
        ),
        text,
    )
