"""The first hour, walked in Chromium: a partner's invitation survives sign-up,
confirmation and sign-in, and an officer lands on their desk; the join page and the desk
fit a phone and axe finds nothing on them, in every language."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.test import Client
from playwright.sync_api import expect

from checklists.models import InstanceItem
from newcomers.models import NewcomerProfile, PartnerInvitation
from newcomers.services import consent_set

from ..factories import PASSWORD, OfficerFactory, UserFactory, totp_for
from ..journeys import onboard
from ..pages import LANGUAGES
from .session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_follows_the_invitation_signs_up_confirms_and_joins(
    browser, live_server, celery_worker, smtp_server, national, geography, settings
):
    settings.SITE_URL = live_server.url
    main = UserFactory(email="main@example.org", display_name="Mira")
    client = Client()
    onboard(client, main)
    client.post("/en/newcomers/household/", {"email": "sam@example.org"})
    invitation = PartnerInvitation.objects.get()
    join = f"{live_server.url}/en/newcomers/household/join/{invitation.token}/"

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(join)
    expect(page.get_by_text("Mira has invited you to move together with Landa")).to_be_visible()
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("What should we call you?").fill("Sam")
    page.get_by_role("button", name="Sign Up").click()

    assert smtp_server.wait_for(1)
    mail = smtp_server.to("sam@example.org")[-1]
    text = smtp_server.text(mail)
    assert "Hello from Landa!" in text
    link = re.search(r"https?://\S+/en/accounts/confirm-email/\S+", text).group(0)
    assert link.startswith(live_server.url)  # the address really served
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    # Signed in by confirming, and back at the invitation.
    expect(page).to_have_url(join)
    page.get_by_label("Citizen of another country").check()
    page.get_by_role("button", name="Join the household").click()
    expect(page).to_have_url(f"{live_server.url}/en/newcomers/journey/")
    partner = NewcomerProfile.objects.get(user__email="sam@example.org")
    assert partner.role == NewcomerProfile.Role.PARTNER
    assert partner.citizenship == "third_country"
    keys = set(
        InstanceItem.objects.filter(instance__newcomer=partner).values_list("key", flat=True)
    )
    assert "family-member-permit" in keys and "partner-work-permit" not in keys
    expect(
        page.get_by_role("heading", name="Apply for your residence permit as a family member")
    ).to_be_visible()

    # The household page no longer offers to invite anyone.
    page.goto(f"{live_server.url}/en/newcomers/household/")
    expect(page.get_by_role("heading", name="Invite your partner")).to_have_count(0)
    context.close()


def test_an_invitation_found_again_when_signing_in_from_another_browser(
    browser, live_server, national, geography
):
    main = UserFactory(email="main@example.org")
    client = Client()
    onboard(client, main)
    client.post("/en/newcomers/household/", {"email": "kim@example.org"})
    invitation = PartnerInvitation.objects.get()
    UserFactory(email="kim@example.org")  # already has an account, address confirmed

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill("kim@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{live_server.url}/en/newcomers/household/join/{invitation.token}/")
    context.close()


def test_an_officer_signs_in_and_lands_on_the_desk(browser, live_server, geography):
    officer = OfficerFactory(user__email="officer@example.org", user__preferred_language="sv")
    totp_for(officer.user)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sv/accounts/login/")
    expect(page.get_by_text("Har du inget konto än?")).to_be_visible()
    page.get_by_label("E-post").fill("officer@example.org")
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    # The second factor first, then the desk, with the desk in the header.
    secret = decrypt(officer.user.authenticator_set.get().data["secret"])
    page.locator("input[name=code]").fill(
        format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    )
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(f"{live_server.url}/sv/municipalities/desk/")
    header = page.get_by_role("navigation", name="Konto")
    expect(header.get_by_role("link", name="Arbetsyta för tjänstepersoner")).to_be_visible()
    expect(header.get_by_role("link", name="Mina steg")).to_have_count(0)
    context.close()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_join_page_reads_well_signed_out_and_in_on_a_phone(
    browser, live_server, axe_check, national, geography, language
):
    main = UserFactory(email="main@example.org", display_name="Mira")
    client = Client()
    onboard(client, main)
    client.post("/en/newcomers/household/", {"email": "sam@example.org"})
    invitation = PartnerInvitation.objects.get()
    join = f"{live_server.url}/{language}/newcomers/household/join/{invitation.token}/"

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(join)
    expect(page.locator("main")).to_contain_text("Mira")
    assert page_width(page) <= 390
    axe_check(page)
    sign_in(context, live_server, UserFactory(email="sam@example.org"))
    page.goto(join)
    expect(page.locator("input[name=citizenship]").first).to_be_visible()
    assert page_width(page) <= 390
    axe_check(page)
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_desk_fits_a_phone(browser, live_server, axe_check, national, geography, language):
    newcomer = UserFactory(
        email="a-rather-long-address-for-a-phone@example.org",
        display_name="Aleksandra Newcomer-With-A-Long-Name",
    )
    onboard(Client(), newcomer)
    consent_set(user=newcomer, kind="municipality_contact", given=True)
    officer = OfficerFactory()
    totp_for(officer.user)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, officer.user)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/municipalities/desk/")
    name = "Aleksandra Newcomer-With-A-Long-Name"
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    assert page_width(page) <= 390
    axe_check(page)
    context.close()
