"""The directory in a browser: a visitor filters the activities without JavaScript and
opens one; the list and an activity fit a phone and axe finds nothing, in every
language."""

from __future__ import annotations

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
