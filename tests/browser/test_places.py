"""Place pages on a phone, in every language: a municipality's, its region's and the
editor's form fit 390 px and axe finds nothing on them."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import expect

from municipalities.models import Municipality
from municipalities.places.seed import place_pages_seed

from ..factories import OfficerFactory, totp_for
from ..pages import LANGUAGES
from .session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("language", LANGUAGES)
def test_place_pages_and_the_editors_form_fit_a_phone(
    browser, live_server, axe_check, geography, guides, language
):
    place_pages_seed()
    ostersund = Municipality.objects.get(code="2380")
    editor = OfficerFactory(municipality=ostersund, region=ostersund.region, role="editor")
    totp_for(editor.user)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, editor.user)
    page = context.new_page()
    with translation.override(language):
        county = ostersund.region.name
    base = f"{live_server.url}/{language}/places/jamtlands-lan"
    for url, heading in (
        (f"{base}/ostersund/", "Östersund"),
        (f"{base}/", county),
        (f"{base}/ostersund/edit/", "Östersund"),
    ):
        page.goto(url)
        expect(page.locator("h1")).to_contain_text(heading)
        assert page_width(page) <= 390, url
        axe_check(page)
    # Too long a text: the form comes back with the error summary and the text kept.
    too_long = "نص طويل جدًا " * 400
    page.locator("textarea[name=welcome_ar]").fill(too_long)
    page.locator("form.place-edit button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("textarea[name=welcome_ar]")).to_have_value(too_long)
    assert page_width(page) <= 390
    axe_check(page)
    context.close()
