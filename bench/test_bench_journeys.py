"""Benchmarks of journeys: assembling the national checklist, rendering a journey page.

Run with `make bench`.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from checklists.services import checklist_steps
from newcomers.journey import JOURNEY, journey_facts
from newcomers.seed import national_checklist_seed
from newcomers.services import journey_sync, profile_save_move

pytestmark = pytest.mark.django_db

FACTS = journey_facts(
    citizenship="third_country",
    purpose="research",
    stay_months=48,
    arrival_date=timezone.localdate() + timedelta(days=30),
    children_ages=(3, 8),
    partner_moving=True,
)


@pytest.fixture
def national():
    national_checklist_seed()


def test_assemble_national_checklist(benchmark, national):
    steps = benchmark(checklist_steps, kind=JOURNEY, facts=FACTS)
    assert len(steps) > 15


def test_reassemble_a_journey(benchmark, national):
    user = User.objects.create_user(email="bench@example.org", password="x")
    profile = profile_save_move(
        user=user,
        data={
            "citizenship": "third_country",
            "purpose": "research",
            "stay_months": 48,
            "arrival": FACTS.arrival_date,
            "municipality": None,
        },
    )
    benchmark(journey_sync, profile=profile)


def test_journey_page(benchmark, client, national):
    from newcomers.services import profile_save_family, profile_save_move

    user = User.objects.create_user(email="page@example.org", password="x")
    profile = profile_save_move(
        user=user,
        data={
            "citizenship": "third_country",
            "purpose": "research",
            "stay_months": 48,
            "arrival": FACTS.arrival_date,
            "municipality": None,
        },
    )
    profile_save_family(
        profile=profile, data={"partner": True, "partner_working": False, "children": (3, 8)}
    )
    client.force_login(user)
    response = benchmark(client.get, "/en/newcomers/journey/")
    assert response.status_code == 200
