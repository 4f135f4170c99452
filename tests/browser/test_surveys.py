"""A follow-up survey in the browser (issue 14): opened from the mail's link without
signing in, answered with the keyboard and no JavaScript on a phone, in Arabic right to
left; a wrong answer explained; a no that closes it; axe on every state in every
language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from surveys.models import SurveyInvitation
from surveys.services import surveys_invite_due

from ..pages import LANGUAGES
from ..test_surveys import TODAY, link_for, newcomer
from .session import page_width, shot, tab_to


def invited(language: str, *, role: str = "main", months: int = 3) -> str:
    """A newcomer invited today; the path of their link."""
    person = newcomer(months_ago=months, role=role, preferred_language=language)
    surveys_invite_due(TODAY)
    return link_for(person)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_partner_answers_in_arabic_with_the_keyboard_and_no_javascript(
    browser, live_server, geography, width
):
    path = invited("ar", role="partner", months=12)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{path}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    shot(page, f"survey-ar-{width}")
    page.get_by_role("button", name="إرسال إجاباتي").press("Enter")  # nothing chosen
    expect(page.get_by_role("alert")).to_be_visible()
    shot(page, f"survey-ar-error-{width}")
    assert page_width(page) <= width
    tab_to(page, re.compile("^id_lives_0$"), by="id")  # "in Östersund"
    page.keyboard.press("Space")
    tab_to(page, re.compile("^id_occupation_0$"), by="id")  # "I work"
    page.keyboard.press("Space")
    tab_to(page, re.compile("^id_satisfaction_0$"), by="id")
    page.keyboard.press("Space")
    for _ in range(3):  # from 1 to 4
        page.keyboard.press("ArrowDown")
    tab_to(page, re.compile("إرسال إجاباتي"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("شكرًا على إجاباتك")
    shot(page, f"survey-ar-thanks-{width}")
    answer = SurveyInvitation.objects.get()
    assert (answer.lives, answer.occupation, answer.satisfaction) == ("municipality", "work", 4)
    assert page_width(page) <= width
    context.close()


def test_a_newcomer_says_no_in_swedish(browser, live_server, geography):
    path = invited("sv")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}{path}")
    shot(page, "survey-sv-390")
    tab_to(page, re.compile("Nej tack"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vi frågar inte igen")
    shot(page, "survey-sv-declined-390")
    assert SurveyInvitation.objects.get().declined_at is not None
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_a_survey(browser, live_server, axe_check, geography, language):
    path = invited(language, role="partner", months=12)
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}{path}")
    axe_check(page)
    page.locator("form.survey-form button[type=submit]").click()  # nothing chosen
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)
    page.locator("form.survey-decline button").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page)
    SurveyInvitation.objects.update(declined_at=None)
    SurveyInvitation.objects.update(expires_at=SurveyInvitation.objects.get().sent_at)
    page.goto(f"{live_server.url}{path}")
    axe_check(page)
    page.context.close()
