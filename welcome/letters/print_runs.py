"""Print runs: letters on paper for new residents who are not on Landa."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from municipalities.models import Municipality, Officer

from ..models import LetterTemplate, PrintLetter, PrintRun
from .compose import associations_for, events_for, letter_write, place_url, template_for
from .pdf import LetterPage
from .placeholders import LetterValues, first_name_of
from .residents import Resident, ResidentsRefused

# Names and addresses are kept long enough to print again, then deleted (beat).
KEEP_DAYS = 30


def print_run_create(
    *, municipality: Municipality, officer: Officer, file_name: str, residents: list[Resident]
) -> PrintRun:
    templates = list(LetterTemplate.objects.filter(municipality=municipality, is_active=True))
    if not templates:
        raise ResidentsRefused(
            [_("%(municipality)s has no welcome letter yet.") % {"municipality": municipality}]
        )
    with transaction.atomic():
        run = PrintRun.objects.create(
            municipality=municipality,
            created_by=officer,
            file_name=file_name[:200],
            delete_after=timezone.localdate() + timedelta(days=KEEP_DAYS),
        )
        PrintLetter.objects.bulk_create(
            PrintLetter(
                run=run,
                line=resident.line,
                name=resident.name,
                address=resident.address,
                postal_code=resident.postal_code,
                city=resident.city,
                language=template_for(municipality, resident.language or "en", templates).language,
                wanted_language=resident.language,
            )
            for resident in residents
        )
    return run


def print_run_pages(run: PrintRun, *, site_url: str) -> list[LetterPage]:
    municipality = run.municipality
    templates = list(LetterTemplate.objects.filter(municipality=municipality, is_active=True))
    pages = []
    # By language: one query per language, not per letter.
    associations: dict[str, dict] = {}
    events: dict[str, list] = {}
    for letter in run.letters.all():
        template = template_for(municipality, letter.language, templates)
        if template is None:
            continue
        if template.language not in associations:
            associations[template.language] = associations_for(
                municipality, template.language, site_url
            )
            events[template.language] = events_for(municipality, template.language, site_url)
        values = LetterValues(
            first_name=first_name_of(letter.name),
            municipality=municipality.name,
            arrival_date=None,
            place_url=place_url(municipality, template.language, site_url),
            associations=associations[template.language],
            events=events[template.language],
        )
        with translation.override(template.language):
            preview = reverse("journey_preview")
        pages.append(
            LetterPage(
                language=template.language,
                body_html=letter_write(template, values).body_html,
                municipality=municipality.name,
                recipient_lines=(
                    letter.name,
                    letter.address,
                    f"{letter.postal_code} {letter.city}",
                ),
                qr_url=f"{site_url}{preview}?municipality={municipality.code}",
            )
        )
    return pages


def print_runs_expire() -> int:
    """Delete print runs past their date, with the residents' names and addresses."""
    deleted, _by_model = PrintRun.objects.filter(delete_after__lt=timezone.localdate()).delete()
    return deleted
