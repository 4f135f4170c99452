"""What a person does in a browser: headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..factories import PASSWORD, UserFactory
from ..pages import LANGUAGES, PUBLIC_PAGES
from .session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [*PUBLIC_PAGES, "municipalities/jamtlands-lan/", "no-such-page/"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_renders_in_each_language(page, live_server, language):
    page.goto(f"{live_server.url}/{language}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("."), exact=False).first).to_be_visible()


def test_language_switcher_keeps_the_page(page, live_server):
    page.goto(f"{live_server.url}/sv/privacy/")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/privacy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    page.get_by_role("button", name="Українська").click()
    expect(page).to_have_url(f"{live_server.url}/uk/privacy/")


def test_arabic_pages_read_right_to_left(page, live_server):
    page.goto(f"{live_server.url}/ar/about/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # Logical properties mirror the layout: the skip link sits on the right in Arabic.
    page.keyboard.press("Tab")
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] > page.viewport_size["width"] / 2


def test_keyboard_reaches_the_skip_link_first_and_it_jumps_to_content(page, live_server):
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/#main")
    expect(page.locator("main")).to_be_focused()


def test_sign_up_verify_and_log_in_without_javascript(
    browser, live_server, celery_worker, smtp_server
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/accounts/signup/")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    assert smtp_server.wait_for(1)
    mail = smtp_server.to("ada@example.org")[0]
    text = smtp_server.text(mail)
    link = re.search(r"https?://\S+/en/accounts/confirm-email/\S+", text).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    # Confirmed in the browser that signed up: signed in, and on to the wizard.
    expect(page).to_have_url(f"{live_server.url}/en/newcomers/start/")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{live_server.url}/en/newcomers/start/")
    assert smtp_server.wait_for(2)  # the welcome mail follows the confirmation
    assert smtp_server.to("ada@example.org")[1]["Subject"] == "Welcome to Landa"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violation(page, live_server, axe_check, geography, language):
    for path in PAGES:
        page.goto(f"{live_server.url}/{language}/{path}")
        axe_check(page)


def test_axe_check_catches_a_real_violation(page, live_server, axe_check):
    """The harness itself: a page with an unlabelled image must fail the check."""
    page.goto(f"{live_server.url}/en/about/")
    page.evaluate(
        "document.querySelector('main').appendChild(document.createElement('img')).src='x.png'"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        axe_check(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_account_management_pages(browser, live_server, axe_check, language):
    context = browser.new_context()
    sign_in(context, live_server, UserFactory())
    page = context.new_page()
    for path in [
        "accounts/email/",
        "accounts/password/change/",
        "accounts/2fa/",
        "accounts/2fa/totp/activate/",
    ]:
        page.goto(f"{live_server.url}/{language}/{path}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        axe_check(page)
    context.close()
