"""An association's weekly series in a browser, with JavaScript off: its representative
writes it from their association's page, a visitor finds its later dates and registers
for one. Every page of it, and the feedback form any page links to, fits a phone and
axe finds nothing, in every language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event, Registration

from ..factories import UserFactory
from ..pages import LANGUAGES
from ..test_association_events import association
from .session import page_width, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("geography"),
]


def test_a_representative_writes_a_weekly_series_and_a_visitor_registers_for_a_date(
    browser, live_server
):
    _client, organization = association(approved=True)
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, organization.representatives.get())
    page = context.new_page()
    page.goto(f"{live_server.url}/en/directory/mine/")
    page.get_by_role("link", name="Events of Café club 2380").click()
    page.get_by_role("link", name="New event").click()
    page.get_by_label("Title (svenska)").fill("Körövning")
    page.get_by_label("Text (svenska)").fill("Vi sjunger tillsammans.")
    page.get_by_label("Title (English)").fill("Choir practice")
    first = timezone.localtime() + timedelta(days=2)
    page.get_by_label("Starts").fill(first.strftime("%Y-%m-%dT18:00"))
    page.get_by_label("Ends").fill(first.strftime("%Y-%m-%dT20:00"))
    page.locator("#id_place").fill("Församlingshemmet")
    page.locator("#id_repeat").select_option(label="Every week")
    page.locator("#id_repeat_until").fill((first + timedelta(days=28)).strftime("%Y-%m-%d"))
    page.locator("#id_repeat_until").press("Enter")  # the keyboard sends the form
    expect(page.get_by_text("The event is saved.")).to_be_visible()
    assert Event.objects.filter(organization=organization).count() == 5
    context.close()

    visitor = UserFactory(email="visitor@example.org")
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, visitor)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/events/")
    expect(page.get_by_text("Every week, until")).to_be_visible()
    page.get_by_role("link", name="Choir practice").click()
    expect(page.get_by_role("heading", name="Later dates")).to_be_visible()
    page.get_by_role("list").filter(has=page.locator("time")).last.get_by_role("link").nth(
        1
    ).click()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You have a place. Welcome!")).to_be_visible()
    [registration] = Registration.objects.all()
    dates = list(Event.objects.filter(organization=organization).order_by("starts_at"))
    assert registration.event == dates[2] and registration.user == visitor
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_series_and_association_pages_fit_a_phone_and_axe_finds_nothing(
    browser, live_server, axe_check, language
):
    client, organization = association(approved=True)
    start = timezone.localtime() + timedelta(days=3)
    response = client.post(
        f"/en/events/association/{organization.uuid}/new/",
        {
            "title_sv": "Körövning med ett långt namn för en liten skärm",
            "description_sv": "Vi sjunger.",
            "municipality": organization.municipality_id,
            "starts_at": start.strftime("%Y-%m-%dT18:00"),
            "ends_at": start.strftime("%Y-%m-%dT20:00"),
            "place": "Församlingshemmet",
            "repeat": "fortnightly",
            "repeat_until": (start + timedelta(days=60)).strftime("%Y-%m-%d"),
        },
    )
    assert response.status_code == 302
    first = Event.objects.order_by("starts_at").first()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, organization.representatives.get())
    page = context.new_page()
    base = f"{live_server.url}/{language}"
    for path in (
        "/events/",
        f"/events/{first.uuid}/",
        f"/events/association/{organization.uuid}/",
        f"/events/association/{organization.uuid}/new/",
        f"/events/association/events/{first.uuid}/",
        f"/events/association/{organization.uuid}/import/",
        f"/feedback/?page=/{language}/events/",
    ):
        page.goto(base + path)
        assert page_width(page) <= 390, path
        axe_check(page)
    page.goto(f"{base}/events/association/{organization.uuid}/new/")
    page.locator("#id_repeat").select_option("weekly")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe_check(page)
    page.goto(f"{base}/feedback/?page=/{language}/events/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page_width(page) <= 390
    axe_check(page)
    context.close()
