"""The directory in a browser: a visitor filters the activities without JavaScript and
opens one; the list and an activity fit a phone and axe finds nothing, in every
language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..pages import LANGUAGES
from ..test_directory import activity

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("geography"),
]


def width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_visitor_filters_the_directory_without_javascript(browser, live_server):
    activity("Språkcafé", languages=("sv", "ar"))
    activity("Football for children", category="sports", audience="children", byday="SA")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Activities").click()
    expect(page.get_by_role("heading", name="2 activities")).to_be_visible()
    page.get_by_label("Category").select_option(label="Sports")
    page.get_by_label("Day").select_option(label="Saturday")
    page.get_by_role("button", name="Show activities").click()
    expect(page.get_by_role("heading", name="1 activity")).to_be_visible()
    page.get_by_role("link", name="Football for children").click()
    expect(page.get_by_role("heading", name="Football for children", level=1)).to_be_visible()
    expect(page.get_by_text("Saturday")).to_be_visible()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_pages_fit_a_phone_and_axe_finds_nothing(
    browser, live_server, axe_check, language
):
    service = activity(
        "Språkcafé with a rather long name for a small screen", languages=("sv", "ar")
    )
    activity("Online mentoring", category="mentoring", online=True, free=False)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in ["directory/", "directory/?language=xx", f"directory/{service.uuid}/"]:
        page.goto(f"{live_server.url}/{language}/{path}")
        assert width(page) <= 390, path
        axe_check(page)
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"
    context.close()


def test_a_representative_submits_an_editor_approves_and_a_visitor_finds_it(browser, live_server):
    from ..factories import OfficerFactory, UserFactory, totp_for
    from .session import sign_in

    rep = UserFactory(email="rep@example.org")
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, rep)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/municipalities/associations/")
    page.get_by_role("link", name="Register your association").click()
    page.get_by_label(re.compile("^Name")).fill("Café club")
    page.get_by_label("Municipality").select_option(label="Östersund")
    page.get_by_role("button", name="Register").click()
    page.get_by_role("link", name="Add an activity").click()
    page.get_by_label("Name of the activity").fill("Evening language café")
    page.get_by_label("What happens").fill("We talk Swedish over coffee.")
    page.get_by_label("Category").select_option(label="Language practice")
    page.get_by_label("Languages spoken").select_option(["sv", "ar"])
    page.get_by_label("Street address").fill("Storgatan 1")
    page.get_by_label("Postal code").fill("831 30")
    page.get_by_label("City").fill("Östersund")
    page.get_by_label("Municipality of the place").select_option(label="Östersund")
    page.locator("#id_day_1").select_option("TU")
    page.locator("#id_opens_1").fill("18:00")
    page.locator("#id_closes_1").fill("17:00")  # a mistake: ends before it starts
    page.get_by_role("button", name="Send to the municipality").click()
    expect(page.get_by_role("link", name="Ends at: It must end after it starts.")).to_be_visible()
    expect(page.get_by_label("Street address")).to_have_value("Storgatan 1")
    page.locator("#id_closes_1").fill("20:00")
    page.get_by_role("button", name="Send to the municipality").click()
    expect(page.get_by_text("Sent to the municipality.")).to_be_visible()
    context.close()

    editor = OfficerFactory(role="editor")
    totp_for(editor.user)
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, editor.user)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/municipalities/desk/")
    page.get_by_role("link", name=re.compile("^Activities to check")).click()
    page.get_by_label("Publish it", exact=True).check()
    page.get_by_role("button", name="Send the decision").click()
    expect(page.get_by_text("Decided.")).to_be_visible()
    context.close()

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/directory/?language=ar")
    page.get_by_role("link", name="Evening language café").click()
    expect(page.get_by_text("Tuesday")).to_be_visible()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_association_and_moderation_pages_fit_a_phone_and_axe_finds_nothing(
    browser, live_server, axe_check, language
):
    from associations.models import Service

    from ..factories import OfficerFactory, UserFactory, totp_for
    from .session import sign_in

    service = activity("Språkcafé", state="submitted")
    rep = UserFactory(email="rep@example.org")
    service.organization.representatives.add(rep)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, rep)
    page = context.new_page()
    base = f"{live_server.url}/{language}/directory/mine/"
    for path in ["", f"{service.organization.uuid}/new/", f"activities/{service.uuid}/"]:
        page.goto(base + path)
        assert width(page) <= 390, path
        axe_check(page)
    page.goto(base + f"{service.organization.uuid}/new/")
    page.locator("form.service-form button[value=submit]").click()  # empty: errors
    expect(page.locator(".error-summary")).to_be_visible()
    assert width(page) <= 390
    axe_check(page)
    context.close()

    editor = OfficerFactory(role="editor")
    totp_for(editor.user)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, editor.user)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/municipalities/desk/directory/")
    assert width(page) <= 390
    axe_check(page)
    page.locator("main form button[type=submit]").first.click()  # no decision chosen
    expect(page.locator(".error-summary")).to_be_visible()
    axe_check(page)
    assert Service.objects.get().state == "submitted"
    context.close()
