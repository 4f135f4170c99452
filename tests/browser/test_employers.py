"""Employers in a browser, JavaScript off: an owner registers the organisation and
invites a colleague with the keyboard; every employer page fits a phone and axe finds
nothing, in every language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from employers.models import MemberInvitation, Organization

from ..factories import UserFactory
from ..pages import LANGUAGES
from ..test_employers import number
from .session import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("geography"),
]


def width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_an_owner_registers_and_invites_a_colleague(browser, live_server):
    person = UserFactory(email="owner@example.org")
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, person)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/employers/")
    page.get_by_role("link", name="Register your organisation").click()
    page.get_by_label("Organisation number").fill("556677-0000")
    page.get_by_label("Name").fill("Fjällverkstaden AB")
    page.get_by_label("Size").select_option(label="10\u201349 employees")
    page.get_by_label("Sector (SNI section)").select_option(label="Manufacturing")
    page.get_by_label("Municipality").select_option(label="Östersund")
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".error-summary")).to_contain_text("check the number")
    page.get_by_label("Organisation number").fill(number())
    page.get_by_label("Organisation number").press("Enter")
    expect(page.get_by_text("You are its owner")).to_be_visible()
    page.get_by_label("Your colleague's email address").fill("colleague@example.org")
    page.get_by_label("Your colleague's email address").press("Enter")
    expect(page.get_by_text("The invitation is on its way")).to_be_visible()
    assert MemberInvitation.objects.get().organization == Organization.objects.get()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_employer_pages_fit_a_phone_and_axe_finds_nothing(
    browser, live_server, axe_check, language
):
    from ..test_employers import invite, owner

    client, organization = owner()
    invite(client, organization)
    invitation = MemberInvitation.objects.get()
    colleague = UserFactory(email="colleague@example.org")
    holder = organization.memberships.get().user
    own_pages = ["employers/", "employers/mine/", f"employers/o/{organization.uuid}/"]
    for user, paths in (
        (holder, own_pages),
        (colleague, [f"employers/invitations/{invitation.token}/"]),
    ):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        sign_in(context, live_server, user)
        page = context.new_page()
        for path in paths:
            page.goto(f"{live_server.url}/{language}/{path}")
            assert width(page) <= 390, path
            axe_check(page)
        context.close()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, holder)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/employers/mine/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert width(page) <= 390
    axe_check(page)
    context.close()
