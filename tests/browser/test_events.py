"""Events in a browser: an editor publishes an event from the desk, a visitor registers
and, once the event is full, joins the waiting list and is promoted when a place frees
up; every page fits a phone and axe finds nothing, in every language."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Registration
from outbox.models import OutgoingMessage

from ..factories import OfficerFactory, UserFactory, totp_for
from ..pages import LANGUAGES
from ..test_events import event
from .session import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("geography"),
]


def width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_an_editor_publishes_and_a_visitor_is_promoted_from_the_waiting_list(browser, live_server):
    editor = OfficerFactory(role="editor")
    totp_for(editor.user)
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, editor.user)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/municipalities/desk/")
    page.get_by_role("link", name=re.compile("^Events: ")).click()
    page.get_by_role("link", name="New event").click()
    page.get_by_label("Title (svenska)").fill("Välkomstkväll")
    page.get_by_label("Text (svenska)").fill("Fika och samtal.")
    page.get_by_label("Title (English)").fill("Welcome evening")
    page.get_by_label("Municipality").select_option(label="Östersund")
    starts = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Starts").fill(starts.strftime("%Y-%m-%dT18:00"))
    page.get_by_label("Ends").fill(starts.strftime("%Y-%m-%dT20:00"))
    page.locator("#id_place").fill("Stadsbiblioteket")
    page.locator("#id_capacity").fill("1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The event is saved.")).to_be_visible()
    context.close()

    first, second = UserFactory(email="first@example.org"), UserFactory(email="second@example.org")
    pages = {}
    for person in (first, second):
        context = browser.new_context(java_script_enabled=False)
        sign_in(context, live_server, person)
        page = context.new_page()
        page.goto(f"{live_server.url}/en/events/")
        page.get_by_role("link", name="Welcome evening").click()
        pages[person.email] = page
    pages["first@example.org"].get_by_role("button", name="Register").click()
    expect(pages["first@example.org"].get_by_text("You have a place. Welcome!")).to_be_visible()
    pages["second@example.org"].reload()
    pages["second@example.org"].get_by_role("button", name="Join the waiting list").click()
    expect(pages["second@example.org"].get_by_text("You are on the waiting list.")).to_be_visible()
    pages["first@example.org"].get_by_role("button", name="Cancel my registration").click()
    pages["second@example.org"].reload()
    expect(pages["second@example.org"].get_by_text("You have a place.")).to_be_visible()
    assert Registration.objects.get(user=second).status == "confirmed"
    assert OutgoingMessage.objects.filter(kind="event_promoted", recipient=second.email).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_pages_fit_a_phone_and_axe_finds_nothing(browser, live_server, axe_check, language):
    party = event(title="Välkomstkväll med en lång titel för en liten skärm")
    editor = OfficerFactory(role="editor")
    totp_for(editor.user)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in ["events/", "events/?municipality=2380", f"events/{party.uuid}/"]:
        page.goto(f"{live_server.url}/{language}/{path}")
        assert width(page) <= 390, path
        axe_check(page)
    context.close()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, editor.user)
    page = context.new_page()
    base = f"{live_server.url}/{language}/municipalities/desk/events/"
    for path in ["", "new/", f"{party.uuid}/", "import/"]:
        page.goto(base + path)
        assert width(page) <= 390, path
        axe_check(page)
    page.goto(base + "new/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe_check(page)
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_meeting_pages_fit_a_phone_and_axe_finds_nothing(browser, live_server, axe_check, language):
    from django.test import Client

    from newcomers.services import consent_set

    from ..journeys import onboard
    from ..test_meetings import slot

    officer = OfficerFactory(user__display_name="Officer Oak")
    totp_for(officer.user)
    slot(officer)
    booked = slot(officer, days=3)
    person = UserFactory(email="ada@example.org", display_name="Ada")
    onboard(Client(), person)
    consent_set(user=person, kind="municipality_contact", given=True)
    from newcomers.models import NewcomerProfile

    booked.booked_by = NewcomerProfile.objects.get(user=person)
    booked.save()
    for user, path in (
        (person, "newcomers/meetings/"),
        (officer.user, "municipalities/desk/meetings/"),
    ):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        sign_in(context, live_server, user)
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/{path}")
        assert width(page) <= 390, path
        axe_check(page)
        context.close()
