"""The officers' desk in a browser: an officer opens a case, ticks a step and chooses a
contact person with the keyboard and without JavaScript; the to-do view and "who handles
what"; a newcomer gets the welcome letter by mail and downloads it as a PDF from the
link in it. Every page fits a phone and axe finds nothing, in every language."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from municipalities.models import Municipality, PlaceFeedback
from newcomers.models import NewcomerProfile
from newcomers.services import consent_set
from welcome.models import Case, LetterTemplate

from ..factories import OfficerFactory, UserFactory, totp_for
from ..journeys import onboard
from ..pages import LANGUAGES
from .session import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national", "geography", "case_checklist"),
]


def width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def consenting(email="case@example.org", name="Ada Case", arrival_days=-20):
    user = UserFactory(email=email, display_name=name)
    onboard(Client(), user, arrival_days=arrival_days)
    consent_set(user=user, kind="municipality_contact", given=True)
    return NewcomerProfile.objects.get(user=user)


def officer(role="officer", name="Officer Oak"):
    person = OfficerFactory(role=role, user__display_name=name)
    totp_for(person.user)
    return person


def test_an_officer_works_a_case_with_the_keyboard_and_no_javascript(browser, live_server):
    profile = consenting()
    me = officer()
    colleague = officer(name="Colleague Birch")
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, me.user)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/municipalities/desk/")
    page.get_by_role("link", name=re.compile(r"^Open the case\s*of Ada Case")).click()
    expect(page.get_by_role("heading", name="Case checklist")).to_be_visible()

    # (Chromium reads the hidden part after a space: "Mark as done : First meeting held")
    button = page.get_by_role("button", name=re.compile(r"^Mark as done\s*: First meeting held"))
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("The case is updated.")).to_be_visible()
    undo = re.compile(r"^Mark as not done\s*: First meeting held")
    expect(page.get_by_role("button", name=undo)).to_be_visible()

    page.get_by_label("Contact person").select_option(label="Colleague Birch (Östersund)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The contact person is saved.")).to_be_visible()
    assert Case.objects.get(profile=profile).contact_person == colleague

    page.goto(f"{live_server.url}/en/municipalities/desk/")
    page.get_by_role("link", name=re.compile("^To do")).click()
    expect(page.locator("#cases + ul").get_by_role("link", name="Ada Case")).to_be_visible()
    expect(page.locator("#letters + ul")).to_contain_text("no letter is written")
    page.goto(f"{live_server.url}/en/municipalities/desk/")
    page.get_by_role("link", name=re.compile("^Who handles what")).click()
    expect(page.get_by_role("heading", name="Migrationsverket")).to_be_visible()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_desk_pages_fit_a_phone_and_axe_finds_nothing(browser, live_server, axe_check, language):
    profile = consenting()
    PlaceFeedback.objects.create(
        municipality=Municipality.objects.get(code="2380"),
        helpful=False,
        comment="Where do I queue for housing?",
        language="en",
    )
    editor = officer(role="editor")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, editor.user)
    page = context.new_page()
    base = f"{live_server.url}/{language}/municipalities/desk/"
    for path in ["", f"newcomers/{profile.pk}/", "todo/", "authorities/"]:
        page.goto(base + path)
        assert width(page) <= 390, path
        axe_check(page)
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"

    # A reader's feedback with a mistake is shown again with what was typed.
    page.goto(f"{live_server.url}/{language}/places/jamtlands-lan/ostersund/#feedback")
    page.locator("#feedback textarea").fill("<b>Parking?</b>")
    page.locator("#feedback button[type=submit]").click()
    expect(page.locator("#feedback .error-summary")).to_be_visible()
    expect(page.locator("#feedback textarea")).to_have_value("<b>Parking?</b>")
    assert width(page) <= 390
    axe_check(page)
    context.close()


def test_a_newcomer_gets_the_letter_by_mail_and_downloads_it_as_a_pdf(
    browser, live_server, celery_worker, smtp_server, settings
):
    settings.SITE_URL = live_server.url
    editor = officer(role="editor")
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, editor.user)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/municipalities/desk/letters/2380/en/")
    page.get_by_label("Subject").fill("Welcome, {first_name}")
    page.get_by_label("Letter").fill("Hello {first_name}!\n\nWelcome to {municipality}.")
    page.get_by_label("Send this many days before arrival").fill("30")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".letter-body")).to_contain_text("Hello Alex!")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The letter is saved.")).to_be_visible()
    assert LetterTemplate.objects.get().days_before_arrival == 30
    context.close()

    profile = consenting(email="reader@example.org", name="Ada Reader", arrival_days=10)
    assert smtp_server.wait_for(1)
    text = smtp_server.text(smtp_server.to("reader@example.org")[-1])
    assert "Hello Ada!" in text and "Welcome to Östersund." in text
    link = re.search(rf"{re.escape(live_server.url)}/en/newcomers/letters/\S*", text).group(0)

    context = browser.new_context()
    sign_in(context, live_server, profile.user)
    page = context.new_page()
    page.goto(link)
    expect(page.locator(".letter-body")).to_contain_text("Hello Ada!")
    with page.expect_download() as download:
        page.locator("a[href$='letter.pdf']").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    context.close()
