"""A page kept for one signed-in person (``caching.personal``, issue 13): the journey is
served from the cache only while everything it shows is as it was drawn, and only to
the session it was drawn for while that session is still signed in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from caching.content import is_public
from caching.csrf import PLACEHOLDER
from caching.personal import state_sql
from checklists.models import ChecklistItem, InstanceItem
from employers.models import Membership, Organization
from municipalities.models import Municipality
from newcomers.models import NewcomerProfile
from newcomers.views.journey import journey_state
from outbox.breaker import breakers_reset

from .factories import UserFactory
from .journeys import onboard

JOURNEY = "/en/newcomers/journey/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STEP = re.compile(r'<li class="step[^"]*" id="step-([\w-]+)"')
TABLE = re.compile(r'(?:FROM|JOIN) "?(\w+)"?', re.IGNORECASE)


def rows_of(user):
    return InstanceItem.objects.filter(instance__newcomer__user=user, state="active")


def token_in(response) -> str:
    tokens = set(TOKEN.findall(response.content.decode()))
    assert len(tokens) == 1, tokens
    return tokens.pop()


@pytest.fixture
def person(national, geography):
    user = UserFactory(preferred_language="en", email="kept-journey@example.org")
    onboard(Client(), user)
    return user


@pytest.fixture
def browser(person):
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(person)
    return signed_in


def kept(browser, django_assert_max_num_queries) -> str:
    """Draw the journey, then ask again: the second answer is the kept page."""
    browser.get(JOURNEY)
    # The session and the person's state in one query (and, once per database
    # connection, preparing it).
    with django_assert_max_num_queries(2) as queries:
        again = browser.get(JOURNEY)
    assert again.status_code == 200
    assert not any("journey_step" in q["sql"] for q in queries.captured_queries)
    return again.content.decode()


def test_the_kept_journey_is_the_drawn_one_and_its_forms_work(
    browser, django_assert_max_num_queries
):
    drawn = browser.get(JOURNEY)
    with django_assert_max_num_queries(2):
        again = browser.get(JOURNEY)
    assert PLACEHOLDER not in again.content.decode()
    assert token_in(again) != token_in(drawn)  # each response its own masked token
    assert again.content == drawn.content.replace(
        token_in(drawn).encode(), token_in(again).encode()
    )
    for name in ("Cache-Control", "Vary", "Content-Language", "Content-Type"):
        assert again[name] == drawn[name], name
    assert "no-store" in again["Cache-Control"] and "private" in again["Cache-Control"]

    done = browser.post(
        "/en/newcomers/journey/steps/id-card/done/",
        {"done": "1", "csrfmiddlewaretoken": token_in(again)},
    )
    assert done.status_code == 302  # the token of a kept form is the person's own
    html = browser.get(JOURNEY).content.decode()
    assert 'class="step step-done" id="step-id-card"' in html  # drawn again at once


def test_every_private_table_the_journey_reads_is_in_its_state(browser):
    """What the page shows is either public (the content version) or read by the
    state query; a table read by the view and by neither would go stale."""
    with CaptureQueriesContext(connection) as drawing:
        assert browser.get(JOURNEY).status_code == 200
    read = {t for q in drawing.captured_queries for t in TABLE.findall(q["sql"])}
    models = {m._meta.db_table: m for m in _all_models()}
    sql = state_sql(journey_state())
    watched = {table for table in models if re.search(rf"\b{table}\b", sql)}
    private = {t for t in read if t in models and not is_public(models[t])}
    assert private - {"django_content_type"} <= watched, private - watched
    assert {"accounts_user", "newcomers_newcomerprofile", "checklists_instanceitem"} <= watched


def _all_models():
    from django.apps import apps

    return apps.get_models(include_auto_created=True)


def test_a_change_made_anywhere_shows_on_the_next_request(
    browser, person, django_assert_max_num_queries
):
    kept(browser, django_assert_max_num_queries)
    # A bulk write sends no signal: the state is read, not told.
    InstanceItem.objects.filter(instance__newcomer__user=person, key="id-card").update(
        note="Passport photo booked"
    )
    assert "Passport photo booked" in browser.get(JOURNEY).content.decode()

    kept(browser, django_assert_max_num_queries)
    item = ChecklistItem.objects.get(key="id-card", template__layer="national")
    item.title_en = "An ID card, as an editor has just put it"
    item.save()  # public content: the content version
    assert "An ID card, as an editor has just put it" in browser.get(JOURNEY).content.decode()

    kept(browser, django_assert_max_num_queries)
    employer = Organization.objects.create(
        name="Fjällbygg AB",
        org_number="5560000000",
        size_class="1-9",
        sector="F",
        municipality=Municipality.objects.get(code="2380"),
    )
    Membership.objects.create(organization=employer, user=person, role=Membership.Role.OWNER)
    assert "My organisation" in browser.get(JOURNEY).content.decode()  # the header's roles


def test_the_kept_page_follows_the_language(browser, django_assert_max_num_queries):
    kept(browser, django_assert_max_num_queries)
    swedish = browser.get("/sv/newcomers/journey/")
    assert swedish["Content-Language"] == "sv"
    assert "Mina steg" in swedish.content.decode()


def test_a_signed_out_or_expired_session_is_never_served_the_kept_page(
    browser, person, django_assert_max_num_queries
):
    kept(browser, django_assert_max_num_queries)
    cookie = browser.cookies["sessionid"].value
    copy = Client()
    copy.cookies["sessionid"] = cookie
    assert copy.get(JOURNEY).status_code == 200  # the same session, still signed in
    signed_out = browser.post(
        "/en/accounts/logout/", {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value}
    )
    assert signed_out.status_code == 302
    assert copy.get(JOURNEY).status_code == 302  # to sign in

    browser.force_login(person)
    assert "You have signed out." in browser.get(JOURNEY).content.decode()  # not kept
    kept(browser, django_assert_max_num_queries)
    expired = timezone.now() - timedelta(seconds=1)
    Session.objects.filter(session_key=browser.cookies["sessionid"].value).update(
        expire_date=expired
    )
    assert browser.get(JOURNEY).status_code == 302


def test_a_new_password_or_a_closed_account_ends_the_kept_page(
    browser, person, django_assert_max_num_queries
):
    kept(browser, django_assert_max_num_queries)
    person.set_password("a new and long passphrase")
    person.save()  # elsewhere: every other session is signed out
    assert browser.get(JOURNEY).status_code == 302

    browser.force_login(person)
    kept(browser, django_assert_max_num_queries)
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert browser.get(JOURNEY).status_code == 302


def test_someone_else_never_gets_the_kept_page(browser, person, national, geography):
    mine = browser.get(JOURNEY).content.decode()
    other = UserFactory(preferred_language="en", email="other-newcomer@example.org")
    theirs = Client()
    onboard(theirs, other, children="", purpose="study")
    html = theirs.get(JOURNEY).content.decode()
    for user, page in ((person, mine), (other, html)):
        shown = set(STEP.findall(page))
        assert shown == set(rows_of(user).values_list("key", flat=True)), user
    assert set(STEP.findall(html)) != set(STEP.findall(mine))

    stranger = Client()
    stranger.cookies["sessionid"] = "x" * 32  # no such session
    assert stranger.get(JOURNEY).status_code == 302


def test_a_message_is_shown_once_and_not_kept(browser, person, django_assert_max_num_queries):
    kept(browser, django_assert_max_num_queries)
    saved = browser.post(  # tells the person their settings are saved
        "/en/newcomers/profile/",
        {
            "reminders": NewcomerProfile.Reminders.values[0],
            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
        },
    )
    assert saved.status_code == 302
    with_message = browser.get(JOURNEY).content.decode()
    assert "Your reminder settings are saved." in with_message
    assert 'class="messages"' not in browser.get(JOURNEY).content.decode()


def test_nothing_is_kept_while_redis_is_down(browser, redis_outage, django_assert_max_num_queries):
    with redis_outage():
        browser.get(JOURNEY)
        with CaptureQueriesContext(connection) as drawing:
            assert browser.get(JOURNEY).status_code == 200
        assert any("journey" in q["sql"] for q in drawing.captured_queries)
    breakers_reset()  # Redis is back; the breaker would wait a few seconds
    kept(browser, django_assert_max_num_queries)
