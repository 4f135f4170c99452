"""Benchmarks of the indicators at scale (issue 14): 100,000 newcomers with their
journeys (1,800,000 progress rows, a third done), all in one municipality (the worst
case for a municipality's figures), registered and arriving over the last twelve
quarters (three years, the span of the follow-up surveys), so that the quarter measured
holds a twelfth of them, as a real quarter would. A second measure puts all 100,000 in
the one quarter.

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
from insights.store import quarter_refresh

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


QUARTERS = 12


def spread(quarters: int) -> None:
    """Registrations, arrivals and the steps done moved back by whole quarters (91
    days), newcomer by newcomer in turn, over ``quarters``; 1 puts them back."""
    from django.db import connection

    from checklists.models import ChecklistInstance, InstanceItem
    from newcomers.models import NewcomerProfile

    profiles = NewcomerProfile._meta.db_table
    journeys, items = ChecklistInstance._meta.db_table, InstanceItem._meta.db_table
    back = "(1 + 91 * (id %% %s))"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {profiles} SET created_at = now() - interval '1 day' * {back}, "  # noqa: S608
            f"arrival_date = current_date - {back}::int",
            [quarters, quarters],
        )
        cursor.execute(  # a step is done as long after arrival as the template's was
            f"UPDATE {items} r SET done_at = t.done_at - interval '91 days' * (p.id %% %s) "  # noqa: S608
            f"FROM {journeys} i, {profiles} p, {items} t "
            "WHERE r.instance_id = i.id AND i.subject_id = p.id AND r.done_at IS NOT NULL "
            f"AND t.instance_id = (SELECT MIN(id) FROM {journeys}) AND t.key = r.key",
            [quarters],
        )
        cursor.execute("ANALYZE")  # what autovacuum does soon after such a change


@pytest.fixture
def realistic(crowd, django_db_blocker):
    with django_db_blocker.unblock():
        spread(QUARTERS)
    yield crowd
    with django_db_blocker.unblock():
        spread(1)


def test_refreshing_a_quarter_for_every_place(benchmark, db, realistic):
    """What the beat does every quarter of an hour for two quarters, and nightly for
    each: every indicator of every municipality, region and the nation."""
    benchmark.pedantic(quarter_refresh, args=(realistic,), rounds=3, iterations=1)
    shown = figures(Scope.parse("nation"), realistic)
    assert NEWCOMERS // QUARTERS <= shown["newcomers_registered"].value <= NEWCOMERS // QUARTERS + 1


def test_refreshing_a_quarter_with_everyone_in_it(benchmark, db, crowd):
    benchmark.pedantic(quarter_refresh, args=(crowd,), rounds=2, iterations=1)
    assert figures(Scope.parse("nation"), crowd)["newcomers_registered"].value == NEWCOMERS


@pytest.mark.parametrize("scope", ["nation", "region:23", "municipality:2380"])
def test_every_indicator_of_a_scope(benchmark, db, realistic, scope):
    quarter_refresh(realistic)
    shown = benchmark(figures, Scope.parse(scope), realistic)
    registered = shown["newcomers_registered"].value
    assert NEWCOMERS // QUARTERS <= registered <= NEWCOMERS // QUARTERS + 1


def test_the_dashboard_of_a_region(benchmark, db, realistic):
    from accounts.models import User
    from tests.factories import mfa_session, totp_for

    quarter = realistic
    for _ in range(4):  # the quarters charted, as the beat keeps them
        quarter_refresh(quarter)
        quarter = quarter.previous
    staff = User.objects.create_user(email="bench-staff@example.org", password="x" * 20)
    staff.is_staff = True
    staff.save()
    totp_for(staff)
    client = Client()
    client.force_login(staff)
    mfa_session(client, staff)
    address = f"/en/indicators/dashboard/?scope=region:23&period={realistic}"
    response = benchmark.pedantic(client.get, args=(address,), rounds=5, iterations=1)
    assert response.status_code == 200
