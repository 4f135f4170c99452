"""The choices a newcomer answers with, and the phases of a move: shared by the
profile, the forms, the guides and the journey's facts (``journey.py``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CITIZENSHIP_CHOICES = [
    ("swedish", _("Swedish citizen moving back")),
    ("nordic", _("Citizen of another Nordic country")),
    ("eu_eea", _("Citizen of an EU/EEA country or Switzerland")),
    ("third_country", _("Citizen of another country")),
]
PURPOSE_CHOICES = [
    ("work", pgettext_lazy("purpose of move", "Work")),
    ("research", pgettext_lazy("purpose of move", "Research or doctoral studies")),
    ("study", pgettext_lazy("purpose of move", "Studies")),
    ("self_employed", pgettext_lazy("purpose of move", "Running my own business")),
    ("accompanying", pgettext_lazy("purpose of move", "Moving with my partner or family")),
    ("job_seeking", pgettext_lazy("purpose of move", "Looking for work")),
    (
        "remote_work",
        pgettext_lazy("purpose of move", "Living here and working remotely for an employer abroad"),
    ),
]
# Transportstyrelsen decides by where a licence was issued, not by citizenship: licences
# from the EEA (and the UK and the Faroe Islands) stay valid; Swiss and Japanese ones can
# be exchanged within a year of population registration; others stop being valid a year
# after registration and cannot be exchanged (checked 2026-11-23).
DRIVING_LICENCE_CHOICES = [
    ("none", _("I have no driving licence, or will not drive in Sweden")),
    ("eea", _("In an EU/EEA country, the UK or the Faroe Islands")),
    ("switzerland_japan", _("In Switzerland or Japan")),
    ("other", _("In another country")),
]

PHASE_CHOICES = [
    ("before_arrival", _("Before you arrive")),
    ("first_weeks", _("First weeks")),
    ("first_months", _("First months")),
    ("settling_in", _("Settling in")),
    ("staying", _("Staying")),
]
