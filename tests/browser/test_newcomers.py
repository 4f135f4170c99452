"""A newcomer in the browser, without JavaScript: sign up to reminder, and axe on every page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from newcomers.models import PartnerInvitation
from newcomers.reminders import unsubscribe_token
from newcomers.services import consent_set, invitation_accept, partner_invite
from newcomers.tasks import reminders_send_daily

from ..factories import PASSWORD, OfficerFactory, UserFactory, totp_for
from ..journeys import in_days, onboard
from ..pages import LANGUAGES
from .session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_plan_mark_done_and_get_a_reminder_naming_the_next_step(
    browser, live_server, celery_worker, smtp_server, national, geography, settings
):
    settings.SITE_URL = live_server.url
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(f"{live_server.url}/en/accounts/signup/")
    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    assert smtp_server.wait_for(1)
    link = re.search(r"https?://\S+/confirm-email/\S+", smtp_server.text(smtp_server.messages[0]))
    page.goto(link.group(0))
    page.get_by_role("button", name="Confirm").click()
    # Confirming in the browser that signed up signs in and opens the wizard.
    expect(page).to_have_url(f"{live_server.url}/en/newcomers/start/")
    page.get_by_label("Citizen of another country").check()
    page.get_by_label("Work", exact=True).check()
    page.get_by_label("How many months you plan to stay").fill("24")
    page.get_by_label("Arrival date").fill(in_days(5).isoformat())
    page.get_by_label("Municipality you are moving to").select_option(label="Östersund")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Step 2 of 2")).to_be_visible()
    page.get_by_role("button", name="Show my steps").click()
    expect(page).to_have_url(re.compile(r"/en/newcomers/journey/$"))
    permit = page.locator("#step-work-permit")
    expect(permit.get_by_text("Overdue")).to_be_visible()
    permit.get_by_role("button", name=re.compile("^Mark as done")).click()
    expect(page.locator("#step-work-permit").get_by_text("Done", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^1 of \d+ steps done$"))).to_be_visible()

    reminders_send_daily.delay()
    assert smtp_server.wait_for(3)  # confirmation, welcome, digest
    digest = next(m for m in smtp_server.messages if "reminders/unsubscribe" in smtp_server.text(m))
    body = smtp_server.text(digest)
    assert "Find somewhere to live" in body  # overdue and not done: the next step
    assert "Get your work permit before you travel" not in body  # done
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.fixture
def signed_in(browser, live_server, national, guides, geography):
    """A browser context signed in as a newcomer with a household, and the user."""
    user = UserFactory(email="axe@example.org")
    client = Client()
    onboard(client, user, purpose="research", stay_months="36", children="3, 9")
    client.post("/en/newcomers/journey/steps/research-permit/done/", {"done": "1"})
    context = browser.new_context()
    sign_in(context, live_server, user)
    yield context, user
    context.close()


NEWCOMER_PAGES = [
    "newcomers/start/",
    "newcomers/start/family/",
    "newcomers/journey/",
    "newcomers/journey/print/",
    "newcomers/profile/",
    "newcomers/household/",
    "newcomers/consents/",
    "newcomers/my-data/",
]
PUBLIC_PAGES = [
    "journey/",
    "journey/?citizenship=eu_eea&purpose=work&stay_months=6&children=4"
    "&partner=0&partner_working=0&arrival=2027-01-10",
    "journey/?citizenship=x&stay_months=0&children=-1&arrival=2200-01-01",
    "newcomers/guides/",
    "newcomers/guides/family-and-school/",
    "search/?q=bank",
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_newcomer_pages(live_server, signed_in, axe_check, language):
    context, user = signed_in
    invitation = partner_invite(profile=user.newcomer, email="partner@example.org")
    page = context.new_page()
    for path in [
        *NEWCOMER_PAGES,
        *PUBLIC_PAGES,
        f"newcomers/reminders/unsubscribe/{unsubscribe_token(user.pk)}/",
    ]:
        page.goto(f"{live_server.url}/{language}/{path}")
        axe_check(page)
    page.goto(f"{live_server.url}/{language}/accounts/reauthenticate/")
    axe_check(page)
    sign_in(context, live_server, UserFactory(email="partner@example.org"))
    join = f"{live_server.url}/{language}/newcomers/household/join/{invitation.token}/"
    page.goto(join)
    axe_check(page)
    sign_in(context, live_server, UserFactory(email="someone-else@example.org"))
    page.goto(join)  # refused: sent to another address
    axe_check(page)
    PartnerInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    sign_in(context, live_server, UserFactory(email="late@example.org"))
    page.goto(join)  # refused: expired
    axe_check(page)
    assert PartnerInvitation.objects.filter(accepted_at__isnull=True).exists()


def waiting_too(profile, email: str) -> PartnerInvitation:
    """An invitation waiting beside a member: the form no longer offers one then
    (a household has one partner), but one sent before the partner joined stays."""
    return PartnerInvitation.objects.create(
        household=profile.household, invited_by=profile.user, email=email
    )


def test_the_household_with_a_member_and_an_invitation_passes_axe(
    live_server, signed_in, axe_check
):
    context, user = signed_in
    invitation = partner_invite(profile=user.newcomer, email="partner@example.org")
    invitation_accept(
        invitation=invitation,
        user=UserFactory(email="partner@example.org"),
        citizenship="eu_eea",
    )
    waiting_too(user.newcomer, "grandparent@example.org")
    page = context.new_page()
    for language in LANGUAGES:
        page.goto(f"{live_server.url}/{language}/newcomers/household/")
        axe_check(page)


def test_remove_a_member_cancel_an_invitation_and_delete_the_account_without_javascript(
    browser, live_server, national, geography
):
    """The person who moves tidies the household, then erases the account: the
    password is asked again, and the deletion goes through once it is given."""
    user = UserFactory(email="mover@example.org", preferred_language="sv")
    client = Client()
    client.force_login(user)
    client.post(
        "/sv/newcomers/start/",
        {
            "citizenship": "eu_eea",
            "purpose": "work",
            "stay_months": "24",
            "arrival": in_days(20).isoformat(),
            "municipality": "2380",
        },
    )
    profile = user.newcomer
    invitation_accept(
        invitation=partner_invite(profile=profile, email="partner@example.org"),
        user=UserFactory(email="partner@example.org"),
        citizenship="eu_eea",
    )
    waiting_too(profile, "cousin@example.org")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sv/accounts/login/")
    page.get_by_label("E-post").fill(user.email)
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    page.goto(f"{live_server.url}/sv/newcomers/household/")
    remove = re.compile(r"^Ta bort från hushållet\W+partner@example\.org$")
    page.get_by_role("button", name=remove).click()
    expect(page.get_by_text("Personen ingår inte längre i ditt hushåll.")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Återkalla inbjudan\W+cousin@")).click()
    expect(page.get_by_text("Inbjudan är återkallad.")).to_be_visible()
    expect(page.get_by_text("cousin@example.org")).to_have_count(0)

    page.goto(f"{live_server.url}/sv/newcomers/my-data/")
    page.get_by_label("Skriv RADERA för att bekräfta").fill("RADERA")
    page.get_by_role("button", name="Ta bort mitt konto").click()
    expect(page).to_have_url(re.compile(r"/sv/accounts/reauthenticate/"))
    page.get_by_label(re.compile(r"^Lösenord:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Verifiera").click()
    expect(page.get_by_text("Ditt konto och dina personuppgifter har raderats.")).to_be_visible()
    assert not type(user).objects.filter(pk=user.pk).exists()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_the_officer_desk(
    browser, live_server, axe_check, national, geography, language
):
    newcomer = UserFactory(email="contact-me@example.org")
    client = Client()
    client.force_login(newcomer)
    client.post(
        "/en/newcomers/start/",
        {
            "citizenship": "eu_eea",
            "purpose": "work",
            "stay_months": "12",
            "arrival": in_days(20).isoformat(),
            "municipality": "2380",
        },
    )
    consent_set(user=newcomer, kind="municipality_contact", given=True)
    officer = OfficerFactory()
    totp_for(officer.user)
    context = browser.new_context()
    sign_in(context, live_server, officer.user)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/municipalities/desk/")
    expect(page.get_by_role("link", name="contact-me@example.org", exact=True)).to_be_visible()
    axe_check(page)
    context.close()
