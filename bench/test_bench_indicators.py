"""Benchmarks of the indicators at scale (issue 14): 100,000 newcomers with their
journeys (some 1,800,000 progress rows, a third done), all registered and arriving in
the quarter measured and all in one municipality: the worst case for each scope.

Run with `make bench`; the numbers are in bench/README.md.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from insights.figures import figures
from insights.periods import Quarter
from insights.scopes import Scope

NEWCOMERS = 100_000


@pytest.fixture(scope="module")
def crowd(django_db_setup, django_db_blocker):
    """Seeded once for the module, as the load benchmark seeds its crowd."""
    from bench import population
    from bench.load import progress_made
    from municipalities.models import Municipality
    from municipalities.seed import geography_seed
    from newcomers.seed import national_checklist_seed

    with django_db_blocker.unblock():
        geography_seed()
        national_checklist_seed()
        template = population.newcomer_template(
            "indicators-template@example.org",
            move={
                "citizenship": "third_country",
                "purpose": "work",
                "stay_months": 24,
                "arrival": timezone.localdate() - timedelta(days=1),
                "municipality": Municipality.objects.get(code="2380"),
            },
            family={"partner": True, "partner_working": False, "children": (4,)},
        )
        progress_made(template)
        population.crowd_create(template=template, count=NEWCOMERS - 1)
    return Quarter.containing(timezone.localdate() - timedelta(days=1))


@pytest.mark.parametrize("scope", ["nation", "region:23", "municipality:2380"])
def test_every_indicator_of_a_scope(benchmark, db, crowd, scope):
    shown = benchmark(figures, Scope.parse(scope), crowd)
    assert shown["newcomers_registered"].value == NEWCOMERS


def test_the_dashboard_of_a_region(benchmark, db, crowd):
    from accounts.models import User
    from tests.factories import mfa_session, totp_for

    staff = User.objects.create_user(email="bench-staff@example.org", password="x" * 20)
    staff.is_staff = True
    staff.save()
    totp_for(staff)
    client = Client()
    client.force_login(staff)
    mfa_session(client, staff)
    address = f"/en/indicators/dashboard/?scope=region:23&period={crowd}"
    response = benchmark.pedantic(client.get, args=(address,), rounds=3, iterations=1)
    assert response.status_code == 200
