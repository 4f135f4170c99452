"""Helpers for journey tests: facts by keyword, the seeded national checklist."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from checklists.facts import Facts
from newcomers.journey import journey_facts


def facts(**overrides) -> Facts:
    values = {
        "citizenship": "third_country",
        "purpose": "work",
        "stay_months": 24,
        "arrival_date": timezone.localdate() + timedelta(days=30),
    }
    values.update(overrides)
    return journey_facts(**values)


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def onboard(
    client,
    user,
    *,
    children="4",
    municipality="2380",
    arrival_days=20,
    citizenship="third_country",
    purpose="work",
    stay_months="24",
    driving_licence="none",
):
    """Sign ``user`` in and answer both wizard steps, as a person would."""
    client.force_login(user)
    client.post(
        "/en/newcomers/start/",
        {
            "citizenship": citizenship,
            "purpose": purpose,
            "stay_months": stay_months,
            "arrival": in_days(arrival_days).isoformat(),
            "municipality": municipality,
            "driving_licence": driving_licence,
        },
    )
    client.post(
        "/en/newcomers/start/family/",
        {
            "partner": "1",
            "partner_working": "0",
            "children": children,
            "has_employer": "1",
        },
    )
