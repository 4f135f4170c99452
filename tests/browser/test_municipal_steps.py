"""An editor writes a municipal step in Chromium, without JavaScript, and sees it as a
persona would; the list, the form with an error and the preview fit a phone and axe
finds nothing on them, in every language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from municipalities.models import Municipality, Officer
from welcome.steps.services import municipal_step_hide, municipal_step_save

from ..factories import OfficerFactory, totp_for
from ..pages import LANGUAGES
from .session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = "Ställ dig i kön hos Östersundshem, det kommunala bostadsbolaget i Östersund"


def editor_context(browser, live_server, **options):
    officer = OfficerFactory(
        role=Officer.Role.EDITOR, municipality=Municipality.objects.get(code="2380")
    )
    totp_for(officer.user)
    context = browser.new_context(**options)
    sign_in(context, live_server, officer.user)
    return context


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_an_editor_adds_a_step_in_swedish_and_english_and_sees_it_in_the_preview(
    browser, live_server, national, geography
):
    context = editor_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/municipalities/desk/")
    page.get_by_role("link", name=re.compile("^Municipal steps")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Steps in Östersund")
    page.get_by_role("link", name="Add a step").click()

    page.get_by_label(re.compile(r"^Key:?$")).fill("housing-queue")
    page.get_by_label("Title (Swedish)").fill("Ställ dig i bostadskön")
    page.get_by_label("What to do (Swedish)").fill("Kön hos Östersundshem.")
    page.get_by_label("Title (English)").fill("Join the housing queue")
    page.get_by_label("What to do (English)").fill("The queue of Östersundshem.")
    page.get_by_label("Phase").select_option("before_arrival")
    page.get_by_label("Due, in days after arrival").fill("-45")
    page.get_by_label("Condition").fill('{"eq": ["has_children", true]}')
    page.get_by_role("button", name="Save the step").click()

    expect(page.get_by_text("Saved “Join the housing queue”")).to_be_visible()
    preview = page.locator("#preview")
    page.get_by_label("Preview as").select_option("researcher-family")
    page.get_by_role("button", name="Show the preview").click()
    step = preview.locator("li.step", has_text="Join the housing queue")
    expect(step).to_contain_text("The municipality's own step")
    # Someone without children does not get it.
    page.get_by_label("Preview as").select_option("eu-worker")
    page.get_by_role("button", name="Show the preview").click()
    expect(preview.locator("li.step", has_text="Join the housing queue")).to_have_count(0)
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_steps_pages_fit_a_phone_in_every_language(
    browser, live_server, axe_check, national, geography, language
):
    ostersund = Municipality.objects.get(code="2380")
    texts = {f"{field}_{code}": "" for field in ("title", "body") for code in LANGUAGES}
    texts.update(title_sv=LONG_TITLE, title_en=LONG_TITLE, body_sv="Kö.", body_en="Queue.")
    municipal_step_save(
        municipality=ostersund,
        key="a-rather-long-key-for-the-housing-queue-of-the-municipality",
        content={
            **texts,
            "phase": "before_arrival",
            "due_offset_days": -60,
            "due_after_dependencies": False,
            "authority": None,
            "link_url": "",
            "condition": {"all": []},
        },
        depends_on=["find-housing"],
    )
    municipal_step_hide(municipality=ostersund, key="sfi-course")

    context = editor_context(browser, live_server, viewport={"width": 390, "height": 844})
    page = context.new_page()
    steps = f"{live_server.url}/{language}/municipalities/desk/steps/2380/"
    page.goto(f"{steps}?persona=researcher-family#preview")
    expect(page.locator("#preview li.step-municipal")).to_have_count(1)
    assert page_width(page) <= 390
    axe_check(page)

    page.goto(f"{steps}add/")
    page.locator("textarea[name=condition]").fill(
        '{"all": [{"eq": ["shoe_size", 42]}, {"eq": ["citizenship", "third_country"]},'
        ' {"gte": ["stay_months", 12]}, {"eq": ["partner_moving", true]}]}'
    )
    page.locator("form.step-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_contain_text("shoe_size")
    assert page_width(page) <= 390
    axe_check(page)
    context.close()
