"""The journey page and the preview in a browser: nothing overflows a phone, the page is
short on a desktop, done steps fold away and come back with the keyboard alone, the
partner's job is asked only with a partner (without JavaScript), and axe finds nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from checklists.models import InstanceItem

from ..factories import UserFactory
from ..journeys import in_days, onboard
from ..pages import LANGUAGES
from .session import sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DONE = ["research-permit", "find-housing", "partner-work-permit"]
PREVIEW = (
    "journey/?citizenship=third_country&purpose=research&stay_months=36&children=3,9"
    "&partner=1&partner_working=0&municipality=2380&driving_licence=other&arrival="
)
# Measured at 1280 px with these 20 steps: 7,448 px before the rows were compacted,
# about 2,200-2,400 px after (Swedish, English, Arabic).
DESKTOP_HEIGHT_BOUND = 2_600


@pytest.fixture
def journey_user(live_server, national, guides, geography):
    """A researcher from outside the EU with a partner and two children: 20 steps, three
    of them done, one with a note."""
    user = UserFactory(email="journey@example.org")
    client = Client()
    onboard(
        client,
        user,
        purpose="research",
        stay_months="36",
        children="3, 9",
        driving_licence="other",
    )
    for key in DONE:
        client.post(f"/en/newcomers/journey/steps/{key}/done/", {"done": "1"})
    client.post("/en/newcomers/journey/steps/preschool-place/note/", {"note": "Queue number 3"})
    return user


@pytest.fixture
def journey_page(browser, live_server, journey_user):
    """A page signed in as ``journey_user``, with JavaScript off as a core action needs."""
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, journey_user)
    yield context.new_page()
    context.close()


def scroll_size(page) -> tuple[int, int]:
    # Measured through a second context with JavaScript on: the page under test has none.
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )


@pytest.fixture
def measuring_page(browser, live_server, journey_user):
    context = browser.new_context()
    sign_in(context, live_server, journey_user)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", ["sv", "ar", "uk"])
def test_nothing_overflows_a_phone_even_with_every_disclosure_open(
    live_server, measuring_page, language
):
    page = measuring_page
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ["newcomers/journey/", PREVIEW + in_days(20).isoformat()]:
        page.goto(f"{live_server.url}/{language}/{path}")
        assert scroll_size(page)[0] <= 390, path
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert scroll_size(page)[0] <= 390, path


def test_twenty_steps_fit_a_short_page_on_a_desktop(live_server, measuring_page, journey_user):
    page = measuring_page
    page.set_viewport_size({"width": 1280, "height": 900})
    steps = InstanceItem.objects.filter(instance__newcomer__user=journey_user, state="active")
    assert steps.count() >= 15
    for language in ["sv", "en", "ar"]:
        page.goto(f"{live_server.url}/{language}/newcomers/journey/")
        assert scroll_size(page)[1] < DESKTOP_HEIGHT_BOUND, language


def test_mark_done_and_undo_with_the_keyboard_alone(live_server, journey_page):
    page = journey_page
    page.goto(f"{live_server.url}/en/newcomers/journey/")
    school = page.locator("#step-school-place")
    expect(page.locator(".done-steps #step-school-place")).to_have_count(0)

    tab_to(page, re.compile(r"^Mark as done: Arrange a school place"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/newcomers/journey/#step-school-place$"))
    expect(page.locator(".done-steps #step-school-place")).to_have_count(1)
    expect(school.get_by_text("Done", exact=True)).to_be_visible()  # the fold opens for it

    page.goto(f"{live_server.url}/en/newcomers/journey/")  # the fold is closed again
    fold = page.locator("details.done-steps").first
    expect(fold).not_to_have_attribute("open", "")
    expect(school).to_be_hidden()
    tab_to(page, re.compile(r"^4 done steps"))
    page.keyboard.press("Enter")
    expect(fold).to_have_attribute("open", "")
    tab_to(page, re.compile(r"^Undo: mark as not done: Arrange a school place"))
    page.keyboard.press("Enter")
    expect(page.locator(".done-steps #step-school-place")).to_have_count(0)
    expect(school.get_by_role("button", name=re.compile("^Mark as done"))).to_be_visible()


def test_a_note_is_written_and_saved_without_javascript(live_server, journey_page):
    page = journey_page
    page.goto(f"{live_server.url}/en/newcomers/journey/")
    card = page.locator("#step-id-card")
    expect(card.get_by_label("My private note")).to_be_hidden()
    card.get_by_text("Add a private note").click()
    card.get_by_label("My private note").fill("Book a time at the Tax Agency")
    card.get_by_role("button", name=re.compile("^Save note")).click()
    expect(card.locator(".step-note")).to_have_text(
        re.compile(r"My private note:\s+Book a time at the Tax Agency")
    )
    expect(card.get_by_label("My private note")).to_be_hidden()  # the editor folds away


def partner_job(page):
    return page.get_by_role("group", name="Does your partner already have a job in Sweden?")


def test_the_partner_job_question_shows_only_with_a_partner_without_javascript(
    browser, live_server, journey_user
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/journey/")
    partner = page.get_by_role("group", name="Is a partner moving with you?")
    expect(partner.get_by_label("No")).to_be_checked()
    expect(partner_job(page)).to_be_hidden()
    partner.get_by_label("Yes").check()
    expect(partner_job(page)).to_be_visible()
    partner.get_by_label("No").check()
    expect(partner_job(page)).to_be_hidden()

    sign_in(context, live_server, journey_user)  # the wizard's family step: the same
    page.goto(f"{live_server.url}/en/newcomers/start/family/")
    partner = page.get_by_role("group", name="Is a partner moving with you?")
    expect(partner.get_by_label("Yes")).to_be_checked()  # as answered before
    expect(partner_job(page)).to_be_visible()
    partner.get_by_label("No").check()
    expect(partner_job(page)).to_be_hidden()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_the_journey_and_the_preview(
    live_server, measuring_page, axe_check, language
):
    page = measuring_page
    for path in ["newcomers/journey/", PREVIEW + in_days(20).isoformat()]:
        page.goto(f"{live_server.url}/{language}/{path}")
        axe_check(page)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        axe_check(page)
