"""What Landa keeps of its rendered pages is right by construction (issue 13): a kept
public page shows an editor's save on the next request, carries each visitor's own
CSRF token, is never served to someone signed in, and is not kept while Redis is down;
the municipality select and the preview's assembled steps follow the content too."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.core.cache import cache
from django.test import Client
from django.test.html import parse_html
from django.utils import translation

from caching.content import content_version
from caching.csrf import PLACEHOLDER
from municipalities.collation import swedish
from municipalities.fields import MunicipalityChoiceField
from municipalities.models import Municipality
from newcomers.models import Guide

from .factories import UserFactory

GUIDES = "/en/newcomers/guides/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def page_key_of(path: str) -> str:
    from django.test import RequestFactory

    from portal.pagecache import page_key

    return page_key(RequestFactory().get(path, HTTP_HOST="testserver"))


def token_in(response) -> str:
    tokens = set(TOKEN.findall(response.content.decode()))
    assert len(tokens) == 1, tokens  # one token per page, wherever its forms are
    return tokens.pop()


@pytest.fixture
def guide(guides):
    return Guide.objects.filter(is_published=True).order_by("pk").first()


def test_a_kept_page_is_served_without_the_database_and_shows_a_save_at_once(
    client, guide, django_assert_num_queries
):
    first = client.get(GUIDES)
    assert first.status_code == 200
    with django_assert_num_queries(0):  # kept: neither the view nor the session runs
        again = client.get(GUIDES)
    assert again.content == first.content.replace(
        token_in(first).encode(), token_in(again).encode()
    )

    guide.title_en = "Renting your first flat, in plain words"
    guide.save()
    assert "Renting your first flat, in plain words" in client.get(GUIDES).content.decode()

    guide.delete()
    assert "Renting your first flat, in plain words" not in client.get(GUIDES).content.decode()


def test_each_visitor_gets_their_own_csrf_token_on_a_kept_page(guide):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = token_in(first.get(GUIDES))
    second_response = second.get(GUIDES)  # served from the cache
    second_token = token_in(second_response)
    assert PLACEHOLDER not in second_response.content.decode()
    assert second_token != first_token
    assert second.cookies["csrftoken"].value  # the cookie its token belongs to

    switch = {"language": "sv", "next": GUIDES}
    answer = second.post("/i18n/switch/", {**switch, "csrfmiddlewaretoken": second_token})
    assert answer.status_code == 302  # the language switcher works from a kept page

    stranger = Client(enforce_csrf_checks=True)
    stranger.get("/en/")  # a cookie of its own
    refused = stranger.post("/i18n/switch/", {**switch, "csrfmiddlewaretoken": second_token})
    assert refused.status_code == 403  # someone else's token is no use


def test_a_signed_in_person_never_gets_a_visitors_page_nor_a_visitor_theirs(client, guide):
    visitor = Client()
    assert "Create account" in visitor.get(GUIDES).content.decode()  # kept now

    person = UserFactory(email="kept-page@example.org")
    client.force_login(person)
    theirs = client.get(GUIDES).content.decode()
    assert "Sign out" in theirs and "Create account" not in theirs

    later = Client().get(GUIDES).content.decode()
    assert "Sign out" not in later and "kept-page@example.org" not in later


def test_saves_of_private_records_leave_kept_pages_alone(db, guide):
    before = content_version()
    UserFactory(email="private-save@example.org")  # a user is never on a public page
    assert content_version() == before
    guide.save()
    assert content_version() > before


def test_nothing_is_kept_while_redis_is_down(
    client, guide, redis_outage, django_assert_max_num_queries
):
    with redis_outage():
        client.get(GUIDES)
        with django_assert_max_num_queries(20) as queries:
            assert client.get(GUIDES).status_code == 200
        assert len(queries) > 0  # rendered again, not served from a process's own memory


def test_a_journeys_assembly_leaves_kept_pages_alone(national, geography):
    from .journeys import onboard

    person = UserFactory(preferred_language="en")
    before = content_version()
    onboard(Client(), person)  # a profile, a journey, its rows and its layers (m2m)
    assert content_version() == before


def test_a_page_with_a_query_is_kept_by_the_process_only(client, guide):
    searched = f"{GUIDES}?q=bank"
    client.get(searched)
    client.get(GUIDES)
    kept_in_redis = cache.get(page_key_of(GUIDES)), cache.get(page_key_of(searched))
    assert kept_in_redis[0] is not None  # an address of the content itself
    assert kept_in_redis[1] is None  # an address a visitor typed never fills Redis


def test_the_municipality_select_is_djangos_markup_and_follows_the_content(geography):
    class Standard(forms.ModelChoiceField):  # Django's own, a template per option
        def label_from_instance(self, obj: Municipality) -> str:
            return obj.name

    with translation.override("sv"):
        for value in ("", "2380", "9999"):
            fast = MunicipalityChoiceField(required=False, empty_label="Alla")
            slow = Standard(
                required=False,
                empty_label="Alla",
                queryset=Municipality.objects.order_by(swedish("name")),
                to_field_name="code",
            )
            attrs = {"id": "id_m", "aria-invalid": "true"}
            drawn = fast.widget.render("municipality", value, attrs)
            expected = slow.widget.render("municipality", value, attrs)
            assert parse_html(drawn) == parse_html(expected)

    renamed = Municipality.objects.get(code="2380")
    renamed.name = "Östersund (renamed in a test)"
    renamed.save()
    drawn = MunicipalityChoiceField().widget.render("municipality", "2380")
    assert '<option value="2380" selected>Östersund (renamed in a test)</option>' in drawn


def test_the_previews_steps_follow_an_editors_save(client, national, geography):
    from checklists.models import ChecklistItem

    query = (
        "/en/journey/?format=json&citizenship=third_country&purpose=work&stay_months=24"
        "&municipality=2380&arrival=2030-01-15&partner=0&children="
    )
    first = client.get(query).json()["items"][0]
    item = ChecklistItem.objects.get(key=first["key"], template__layer="national")
    item.title_en = "A title an editor has just changed"
    item.save()
    again = client.get(query.replace("arrival=2030-01-15", "arrival=2030-01-15&"))
    assert again.json()["items"][0]["title"] == "A title an editor has just changed"
