"""Searching in a browser: a plain form, ranked results that are links, the step page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..pages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BANK = {"sv": "bank", "en": "bank", "ar": "البنك", "uk": "банк"}


@pytest.fixture
def content(national, guides):
    """The seeded national steps and guides."""


def test_search_for_bank_and_open_the_step_without_javascript(browser, live_server, content):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/newcomers/guides/")
    page.get_by_label("Search guides and steps").fill("bank")
    page.get_by_role("button", name="Search", exact=True).click()

    expect(page).to_have_url(re.compile(r"/en/search/\?q=bank$"))
    results = page.locator(".results > li")
    expect(results.first.get_by_role("link")).to_have_text(re.compile(r"\bbank", re.IGNORECASE))

    step = page.get_by_role("link", name="Open a bank account and get an e-ID")
    step.click()
    expect(page).to_have_url(f"{live_server.url}/en/newcomers/steps/bank-account/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open a bank account and get an e-ID")
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_search_results_and_the_step_page(
    page, live_server, axe_check, content, language
):
    page.goto(f"{live_server.url}/{language}/search/?q={BANK[language]}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(".results > li").first).to_be_visible()
    axe_check(page)

    page.locator(".results a[href*='/steps/']").first.click()
    expect(page).to_have_url(re.compile(rf"/{language}/newcomers/steps/[\w-]+/$"))
    axe_check(page)
