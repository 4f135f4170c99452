"""Benchmarks of the foundation: page renders and outbox throughput on real PostgreSQL.

Run with `make bench`. Numbers are for comparison between commits on the same machine,
not thresholds; the suite's query-count tests are what guard pages in CI.
"""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command

from outbox.mail import RenderedMessage, message_enqueue
from outbox.models import OutgoingMessage

pytestmark = pytest.mark.django_db
counter = itertools.count()


@pytest.fixture
def geography():
    call_command("seed_demo", verbosity=0)


def test_home_page(benchmark, client):
    response = benchmark(client.get, "/sv/")
    assert response.status_code == 200


def test_region_page_with_49_municipalities(benchmark, client, geography):
    response = benchmark(client.get, "/sv/municipalities/vastra-gotalands-lan/")
    assert response.status_code == 200


def test_outbox_enqueue_and_claim(benchmark):
    def enqueue_and_claim() -> None:
        message = message_enqueue(
            kind="bench",
            recipient="bench@example.org",
            rendered=RenderedMessage(subject="s", body_text="b"),
            language="sv",
            idempotency_key=f"bench:{next(counter)}",
        )
        OutgoingMessage.objects.claim(message.pk)

    benchmark(enqueue_and_claim)
