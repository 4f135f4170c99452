"""Searching the directory in the reader's language: the directory's own words (a
category, an audience, a spoken language) as each reader names them find activities
written in any language; on PostgreSQL, words are stemmed in the reader's language and
the best matches come first; every word must match; what is typed is shown escaped."""

from __future__ import annotations

import pytest
from django.db import connection

from associations.models import Service

from .test_directory import activity

pytestmark = pytest.mark.usefixtures("geography")


def found(client, language: str, query: str) -> list[str]:
    response = client.get(f"/{language}/directory/", {"q": query})
    assert response.status_code == 200
    return sorted(service.name for service in response.context["page"].object_list)


@pytest.fixture
def directory(geography):
    choir = activity("Kör för alla", category="culture", languages=("sv", "ar"))
    Service.objects.filter(pk=choir.pk).update(description="Vi sjunger i kören varje vecka.")
    activity("Fotboll på lördagar", category="sports", languages=("sv",), audience="children")
    activity("Språkcafé", category="language_practice", languages=("sv", "uk"))


@pytest.mark.usefixtures("directory")
def test_a_reader_finds_activities_by_the_directorys_words_in_their_language(client):
    assert found(client, "ar", "رياضة") == ["Fotboll på lördagar"]  # "sports"
    assert found(client, "uk", "спорт") == ["Fotboll på lördagar"]
    assert found(client, "sv", "idrott") == ["Fotboll på lördagar"]
    assert found(client, "sv", "arabiska") == ["Kör för alla"]  # held in Arabic
    assert found(client, "en", "ukrainian") == ["Språkcafé"]
    assert found(client, "ar", "العربية") == ["Kör för alla"]  # without the shadda
    assert found(client, "uk", "українська") == ["Språkcafé"]  # as the language calls itself
    assert found(client, "en", "children") == ["Fotboll på lördagar"]
    assert found(client, "ar", "arabiska") == ["Kör för alla"]  # the Swedish name, too


@pytest.mark.usefixtures("directory")
def test_every_word_must_match_and_the_activitys_own_words_count(client):
    assert found(client, "en", "kör") == ["Kör för alla"]
    assert found(client, "en", "culture arabic") == ["Kör för alla"]
    assert found(client, "en", "sports arabic") == []
    html = client.get("/en/directory/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


@pytest.mark.usefixtures("directory")
def test_on_postgresql_words_are_stemmed_in_the_readers_language(client):
    if connection.vendor != "postgresql":
        pytest.skip("stemming is PostgreSQL's")
    assert found(client, "sv", "körer") == ["Kör för alla"]  # plural finds the singular
    assert found(client, "sv", "sjunga") == ["Kör för alla"]  # the text says "sjunger"
    assert found(client, "sv", "simma") == []


def test_the_search_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for number in range(25):
        activity(f"Idrott {number}", category="sports", languages=("sv", "ar"))
    with django_assert_max_num_queries(10):
        assert len(found(client, "sv", "idrott arabiska")) == 20


def test_the_journeys_association_step_shows_activities_near_the_newcomer(
    client, geography, national, django_assert_max_num_queries
):
    from accounts.models import User

    from .journeys import onboard

    activity("Fotboll på lördagar", category="sports", languages=("sv",))
    activity("Kör för alla", category="culture", languages=("sv", "ar"))
    activity("Far away", code="2309", languages=("ar",))
    onboard(client, User.objects.create_user(email="new@example.org", preferred_language="ar"))
    with django_assert_max_num_queries(10):  # drawn: see test_journey_page
        html = client.get("/ar/newcomers/journey/").content.decode()
    step = html[html.index('id="step-join-local-association"') :]
    step = step[: step.index('class="step-toggle"')]
    assert step.index("Kör för alla") < step.index("Fotboll på lördagar")  # Arabic first
    assert "Far away" not in step and "/ar/directory/?municipality=2380" in step
