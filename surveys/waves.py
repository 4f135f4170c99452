"""The follow-up surveys' waves: who is asked, when, and which questions (decision 0012).

A newcomer who moved for work or research is asked 3, 12 and 36 months after arrival;
an accompanying partner 12 months after; an employer 6 months after a hire's first
working day. Each wave is a few questions, each answered by choosing; nothing typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

NEWCOMER, PARTNER, EMPLOYER = "newcomer", "partner", "employer"
LIVES, OCCUPATION, SATISFACTION, STILL_EMPLOYED = (
    "lives",
    "occupation",
    "satisfaction",
    "still_employed",
)


class WaveKey(models.TextChoices):
    NEWCOMER_3M = "newcomer_3m", _("newcomer, 3 months after arrival")
    NEWCOMER_12M = "newcomer_12m", _("newcomer, 12 months after arrival")
    NEWCOMER_36M = "newcomer_36m", _("newcomer, 36 months after arrival")
    PARTNER_12M = "partner_12m", _("partner, 12 months after arrival")
    EMPLOYER_6M = "employer_6m", _("employer, 6 months after a hire started")


@dataclass(frozen=True)
class Wave:
    key: str
    months: int
    audience: str
    questions: tuple[str, ...]


WAVES = (
    Wave(WaveKey.NEWCOMER_3M, 3, NEWCOMER, (LIVES, SATISFACTION)),
    Wave(WaveKey.NEWCOMER_12M, 12, NEWCOMER, (LIVES, SATISFACTION)),
    Wave(WaveKey.NEWCOMER_36M, 36, NEWCOMER, (LIVES, SATISFACTION)),
    Wave(WaveKey.PARTNER_12M, 12, PARTNER, (LIVES, OCCUPATION, SATISFACTION)),
    Wave(WaveKey.EMPLOYER_6M, 6, EMPLOYER, (STILL_EMPLOYED, SATISFACTION)),
)
BY_KEY = {wave.key: wave for wave in WAVES}

VALID_DAYS = 60
"""A link answers for this long after it was sent; then the survey has closed."""

LATE_DAYS = 30
"""A wave is sent only while it is at most this late: someone who joins Landa two years
after arriving is not asked how their first three months went, nor is everyone asked at
once the day the surveys begin."""
