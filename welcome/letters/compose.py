"""Writing a welcome letter: which template, with which values, in which language."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.urls import reverse
from django.utils import formats, timezone, translation

from associations.choices import Category
from associations.selectors import activities_by_category
from events.services import next_of_each_series, upcoming
from municipalities.models import Municipality

from ..models import LetterTemplate
from .placeholders import LetterValues, Listing, placeholders_fill, text_fill
from .sanitise import body_clean, html_to_text

# When a municipality has no letter in the reader's language: English, then Swedish.
FALLBACK_LANGUAGES = ("en", "sv")


def template_for(
    municipality: Municipality, language: str, templates: list[LetterTemplate] | None = None
) -> LetterTemplate | None:
    """The municipality's active template in ``language``, else in English, else in
    Swedish (``templates``: the municipality's active ones, when already loaded)."""
    if templates is None:
        templates = list(LetterTemplate.objects.filter(municipality=municipality, is_active=True))
    by_language = {t.language: t for t in templates if t.is_active}
    for candidate in (language, *FALLBACK_LANGUAGES):
        if candidate in by_language:
            return by_language[candidate]
    return None


def place_url(municipality: Municipality, language: str, site_url: str) -> str:
    """The municipality's place page, in the letter's language."""
    with translation.override(language):
        return f"{site_url}{municipality.get_absolute_url()}"


@dataclass(frozen=True)
class WrittenLetter:
    subject: str
    body_html: str

    @property
    def body_text(self) -> str:
        return html_to_text(self.body_html)


def letter_write(template: LetterTemplate, values: LetterValues) -> WrittenLetter:
    """The letter in the template's language, with the template's contact person. The
    body is cleaned again before the placeholders are filled, whatever was stored."""
    values = replace(
        values,
        contact_name=template.contact_name,
        contact_email=template.contact_email,
        contact_phone=template.contact_phone,
    )
    with translation.override(template.language):
        return WrittenLetter(
            subject=text_fill(template.subject, values)[:300],
            body_html=placeholders_fill(body_clean(template.body), values),
        )


def associations_for(
    municipality: Municipality, language: str, site_url: str
) -> dict[str, list[Listing]]:
    """The municipality's activities from the directory, by category, in ``language``."""
    with translation.override(language):
        return {
            str(Category(category).label): [
                Listing(
                    title=service.name,
                    detail=service.organization.name,
                    url=site_url + reverse("directory:service", kwargs={"uuid": service.uuid}),
                )
                for service in services
            ]
            for category, services in activities_by_category(municipality).items()
        }


WELCOME_EVENTS_SHOWN = 5


def events_for(municipality: Municipality, language: str, site_url: str) -> list[Listing]:
    """The municipality's next events, with their day and time, in ``language``; a
    series once, by its next date, saying how often it repeats."""
    events = next_of_each_series(upcoming().filter(municipality=municipality))
    events = events.select_related("series").order_by("starts_at")
    with translation.override(language):
        return [
            Listing(
                title=event.title,
                detail=_when(event),
                url=site_url + event.get_absolute_url(),
            )
            for event in events[:WELCOME_EVENTS_SHOWN]
        ]


def _when(event) -> str:
    when = formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")
    if event.series is None:
        return when
    return f"{when} ({event.series.get_frequency_display()})"
