"""Employers in a browser, JavaScript off: an owner registers the organisation and
invites a colleague with the keyboard; every employer page fits a phone and axe finds
nothing, in every language."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from employers.models import MemberInvitation, Organization

from ..factories import UserFactory
from ..pages import LANGUAGES
from ..test_employers import number
from .session import page_width, sign_in, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("geography"),
]


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
    browser, live_server, axe_check, readiness, occupations, language
):
    from employers.readiness.services import answers_save, assessment_complete, assessment_start

    from ..test_employers import invite, owner

    client, organization = owner()
    invite(client, organization)
    invitation = MemberInvitation.objects.get()
    colleague = UserFactory(email="colleague@example.org")
    holder = organization.memberships.get().user
    done = assessment_start(organization=organization, user=holder)
    answers_save(assessment=done, user=holder, changes={"buddy-assigned": "started"})
    assessment_complete(assessment=done)
    open_check = assessment_start(organization=organization, user=holder)
    from ..test_jobs import posting

    client.post(f"/en/employers/o/{organization.uuid}/jobs/new/", posting(organization))
    job = organization.jobs.get()
    checks = f"employers/o/{organization.uuid}/readiness/"
    own_pages = [
        "employers/",
        "employers/mine/",
        f"employers/o/{organization.uuid}/",
        "employers/readiness/",
        "employers/cost-of-not-hiring/",
        "employers/cost-of-not-hiring/?salary=42000&months=7.5&multiple=2&extra=3000",
        "employers/cost-of-not-hiring/?salary=-1&months=x&multiple=2",
        checks,
        f"{checks}{open_check.uuid}/",
        f"{checks}{done.uuid}/result/",
        "employers/jobs/",
        "employers/jobs/?english=on&work_mode=hybrid",
        f"employers/jobs/{job.uuid}/",
        f"employers/o/{organization.uuid}/jobs/",
        f"employers/o/{organization.uuid}/jobs/new/",
        f"employers/o/{organization.uuid}/jobs/{job.uuid}/",
    ]
    for user, paths in (
        (holder, own_pages),
        (colleague, [f"employers/invitations/{invitation.token}/"]),
    ):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        sign_in(context, live_server, user)
        page = context.new_page()
        for path in paths:
            page.goto(f"{live_server.url}/{language}/{path}")
            assert page_width(page) <= 390, path
            axe_check(page)
        context.close()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, holder)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/employers/mine/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page_width(page) <= 390
    axe_check(page)
    page.goto(f"{live_server.url}/{language}/employers/readiness/")
    page.locator("main form button[type=submit]").click()  # nothing answered: a result
    expect(page.locator("ol.action-plan")).to_be_visible()
    assert page_width(page) <= 390
    axe_check(page)
    context.close()


def test_an_sme_owner_takes_the_public_check_signs_up_keeps_it_and_prints_the_plan(
    browser, live_server, celery_worker, smtp_server, readiness, settings
):
    import re

    from ..factories import PASSWORD

    settings.SITE_URL = live_server.url
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/employers/readiness/")
    questions = page.locator("fieldset.readiness-question")
    assert questions.count() == 25
    for index in range(25):
        answer = "In place" if index % 3 else "Not yet"
        questions.nth(index).get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", name="Your action plan")).to_be_visible()
    expect(page.get_by_text("Overall readiness:")).to_be_visible()

    page.goto(f"{live_server.url}/en/accounts/signup/?next=/en/employers/mine/")
    page.get_by_label("Email").fill("owner@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("What should we call you?").fill("Olle")
    page.get_by_role("button", name="Sign Up").click()
    assert smtp_server.wait_for(1)
    text = smtp_server.text(smtp_server.to("owner@example.org")[-1])
    page.goto(re.search(r"https?://\S+/en/accounts/confirm-email/\S+", text).group(0))
    page.get_by_role("button", name="Confirm").click()

    page.goto(f"{live_server.url}/en/employers/mine/")
    page.get_by_label("Organisation number").fill(number())
    page.get_by_label("Name").fill("Fjällverkstaden AB")
    page.get_by_label("Size").select_option(label="10\u201349 employees")
    page.get_by_label("Sector (SNI section)").select_option(label="Manufacturing")
    page.get_by_label("Municipality").select_option(label="Östersund")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("kept as the organisation")).to_be_visible()
    page.get_by_role("link", name="Readiness checks").click()
    page.get_by_role("link", name=re.compile("^finished, ")).click()
    expect(page.get_by_role("heading", name="Your action plan")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the plan to print (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    context.close()


def test_a_member_posts_a_job_that_visitors_find(browser, live_server, occupations):
    from ..test_employers import owner

    _client, organization = owner()
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, organization.memberships.get().user)
    page = context.new_page()
    page.goto(f"{live_server.url}/en{organization.get_absolute_url()[3:]}")
    page.get_by_role("link", name="Job postings").click()
    page.get_by_role("link", name="New posting").click()
    page.get_by_label("Title").fill("Backend developer")
    page.get_by_label("The job").fill("Python and PostgreSQL in a small team.")
    page.get_by_label("Occupation").select_option(label="2512 Software and systems developers")
    page.get_by_label("Municipality").select_option(label="Östersund")
    page.get_by_label("English is enough").check()
    page.get_by_label("Where to apply").fill("https://jobs.example.org/backend")
    last_day = timezone.localdate() + timedelta(days=20)
    page.get_by_label("Last day to apply").fill(last_day.isoformat())
    page.locator("#id_salary_min").fill("60000")
    page.locator("#id_salary_max").fill("50000")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".error-summary")).to_contain_text("at least the lowest")
    page.locator("#id_salary_max").fill("70000")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The posting is saved.")).to_be_visible()
    context.close()

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/employers/jobs/")
    page.get_by_label("English is enough").check()
    page.get_by_role("button", name="Show jobs").click()
    page.get_by_role("link", name="Backend developer").click()
    expect(page.get_by_role("link", name="Apply at the employer")).to_be_visible()
    context.close()


def test_a_hire_accepts_and_both_see_the_shared_steps(browser, live_server, national):
    from django.test import Client

    from employers.models import Hire
    from newcomers.services import consent_set

    from ..journeys import onboard
    from ..test_employers import owner

    _employer, organization = owner()
    holder = organization.memberships.get().user
    person = UserFactory(email="ada@example.org")
    onboard(Client(), person)

    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, holder)
    page = context.new_page()
    page.goto(f"{live_server.url}/en{organization.get_absolute_url()[3:]}")
    page.get_by_role("link", name="Hires").click()
    page.get_by_label("The person's email address").fill("ada@example.org")
    page.get_by_label("Role").fill("Backend developer")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("The invitation is on its way")).to_be_visible()
    hire = Hire.objects.get()

    newcomer = browser.new_context(java_script_enabled=False)
    sign_in(newcomer, live_server, person)
    mine = newcomer.new_page()
    mine.goto(f"{live_server.url}/en/employers/hired/{hire.token}/")
    mine.get_by_role("button", name="Add my employer's steps").click()
    expect(mine.get_by_text("You choose whether it may see")).to_be_visible()
    mine.goto(f"{live_server.url}/en/newcomers/journey/")
    expect(mine.get_by_role("heading", name="Your first day at work")).to_be_visible()

    page.reload()  # the hire's page, where inviting led
    expect(page.get_by_text("has not agreed to share")).to_be_visible()
    consent_set(user=person, kind="employer_progress", given=True)
    page.reload()
    expect(page.get_by_text("Your first day at work")).to_be_visible()
    context.close()
    newcomer.close()


def test_a_member_keeps_the_plan_and_offers_the_partner_support(
    browser, live_server, national, onboarding
):
    """With the keyboard and no JavaScript: the member registers a hire with a partner
    moving, ticks a step of the plan, offers the partner career support, and the
    partner's journey shows the offer."""
    from django.test import Client

    from employers.hires.services import hire_accept
    from employers.models import Hire
    from newcomers.models import PartnerInvitation

    from ..journeys import onboard
    from ..test_employers import owner

    _employer, organization = owner()
    holder = organization.memberships.get().user
    person = UserFactory(email="ada@example.org")
    main = Client()
    onboard(main, person)
    main.post("/en/newcomers/household/", {"email": "partner@example.org"})
    partner = UserFactory(email="partner@example.org")
    joining = Client()
    joining.force_login(partner)
    token = PartnerInvitation.objects.get().token
    joining.post(f"/en/newcomers/household/join/{token}/", {"citizenship": "third_country"})

    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, holder)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/employers/o/{organization.uuid}/hires/")
    page.get_by_label("The person's email address").fill("ada@example.org")
    page.get_by_label("Role").fill("Backend developer")
    page.get_by_label("A partner is moving too").check()
    page.get_by_label("Role").press("Enter")
    expect(page.get_by_text("The onboarding plan is ready below")).to_be_visible()
    expect(page.get_by_role("heading", name="Ask what the partner would need")).to_be_visible()

    tab_to(page, re.compile(r"^Mark as done: Choose a buddy"))
    page.keyboard.press("Enter")
    undo = re.compile(r"^Undo: mark as not done\s*: Choose a buddy")
    expect(page.get_by_role("button", name=undo)).to_be_visible()

    hire_accept(hire=Hire.objects.get(), user=person)
    tab_to(page, re.compile(r"^id_partner_support$"), by="id")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible()
    assert Hire.objects.get().partner_support

    theirs = browser.new_context(java_script_enabled=False)
    sign_in(theirs, live_server, partner)
    journey = theirs.new_page()
    journey.goto(f"{live_server.url}/en/newcomers/journey/")
    expect(
        journey.get_by_role("heading", name="Meet your contact at your partner's employer")
    ).to_be_visible()
    context.close()
    theirs.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_hire_pages_fit_a_phone_and_axe_finds_nothing(
    browser, live_server, axe_check, national, onboarding, language
):
    from django.test import Client

    from employers.hires.services import hire_accept, hire_invite
    from newcomers.services import consent_set

    from ..journeys import onboard
    from ..test_employers import owner

    _client, organization = owner()
    holder = organization.memberships.get().user
    person = UserFactory(email="ada@example.org")
    onboard(Client(), person)
    hire = hire_invite(
        organization=organization,
        invited_by=holder,
        email="ada@example.org",
        role_title="Backend developer",
        language="en",
        starts_on=timezone.localdate() + timedelta(days=60),
        needs_permit=True,
        partner_moving=True,
        children_moving=True,
    )
    pending = hire_invite(
        organization=organization,
        invited_by=holder,
        email="ada@example.org",
        role_title="Second role",
        language="en",
    )
    hire_accept(hire=hire, user=person)
    consent_set(user=person, kind="employer_progress", given=True)
    for user, paths in (
        (
            holder,
            [
                f"employers/o/{organization.uuid}/hires/",
                f"employers/o/{organization.uuid}/hires/{hire.pk}/",
            ],
        ),
        (person, [f"employers/hired/{pending.token}/", "newcomers/consents/"]),
    ):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        sign_in(context, live_server, user)
        page = context.new_page()
        for path in paths:
            page.goto(f"{live_server.url}/{language}/{path}")
            assert page_width(page) <= 390, path
            axe_check(page)
        context.close()
