"""Helpers for journey tests: facts by keyword, the seeded national checklist."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from checklists.facts import JourneyFacts


def facts(**overrides) -> JourneyFacts:
    values = {
        "citizenship": "third_country",
        "purpose": "work",
        "stay_months": 24,
        "arrival_date": timezone.localdate() + timedelta(days=30),
    }
    values.update(overrides)
    return JourneyFacts(**values)


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
