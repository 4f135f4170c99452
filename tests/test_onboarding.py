"""A hire's onboarding plan and the tandem.

The plan is a checklist whose subject is the hire, assembled from what the organisation
states about the move: the permit step only for a permit, the partner's and children's
steps only for them, dates from the first working day. Members tick steps; a changed
statement re-assembles the plan without losing what was ticked. The tandem: when the
organisation offers the partner career support, the accompanying partner's journey
gets the organisation's steps for partners (and not the hire's own), and nothing of the
partner reaches the organisation. Every other room stays closed.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from checklists.models import ChecklistInstance, InstanceItem
from employers.models import Hire, Membership
from newcomers.models import NewcomerProfile, PartnerInvitation
from newcomers.services import consent_set

from .factories import UserFactory
from .journeys import onboard
from .test_directory import activity
from .test_employers import owner
from .test_hires import keys_of

pytestmark = pytest.mark.usefixtures("geography", "national", "onboarding")

PARTNER_STEPS = {"plan-partner-ask", "plan-partner-network", "plan-partner-follow-up"}
FOR_PARTNERS = {"employer-partner-contact", "employer-partner-network"}


def register(employer: Client, organization, **facts) -> Hire:
    data = {"email": "ada@example.org", "role_title": "Backend developer", **facts}
    response = employer.post(f"/en/employers/o/{organization.uuid}/hires/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Hire.objects.get(email=data["email"])


def plan_rows(hire: Hire) -> dict[str, InstanceItem]:
    rows = InstanceItem.objects.filter(
        instance__kind="onboarding", instance__subject_id=hire.pk, state="active"
    ).select_related("item")
    return {row.key: row for row in rows}


def page_of(hire: Hire) -> str:
    return f"/en/employers/o/{hire.organization.uuid}/hires/{hire.pk}/"


def test_the_plan_follows_what_the_organisation_states_and_dates_from_the_first_day():
    employer, organization = owner()
    starts = timezone.localdate() + timedelta(days=90)
    hire = register(employer, organization, starts_on=starts.isoformat(), needs_permit="on")
    rows = plan_rows(hire)
    assert {"plan-offer-of-employment", "plan-buddy", "plan-six-month-review"} <= set(rows)
    assert not PARTNER_STEPS & set(rows) and "plan-school-places" not in rows
    assert "plan-family-permits" not in rows  # a permit, but nobody else moves
    assert rows["plan-offer-of-employment"].due_date == starts - timedelta(days=120)
    assert rows["plan-welcome-in-person"].due_date == starts
    phases = {row.item.phase for row in rows.values()}
    assert phases == {"before_arrival", "first_day", "first_month", "first_six_months"}

    html = employer.get(page_of(hire)).content.decode()
    for heading in ("Before arrival", "First day", "First month", "First six months"):
        assert heading in html
    assert "Send the offer of employment for the work permit" in html
    assert "Support for the partner" not in html  # no partner stated


def test_ticking_survives_a_changed_statement_and_any_member_may_tick():
    employer, organization = owner()
    hire = register(employer, organization, partner_moving="on")
    assert set(plan_rows(hire)) >= PARTNER_STEPS
    colleague = UserFactory(email="colleague@example.org")
    Membership.objects.create(organization=organization, user=colleague, role="member")
    member = Client()
    member.force_login(colleague)
    tick = f"{page_of(hire)}plan/plan-partner-ask/"
    response = member.post(tick, {"done": "1"})
    assert response.status_code == 302 and response["Location"].endswith("#step-plan-partner-ask")
    done_at = plan_rows(hire)["plan-partner-ask"].done_at
    assert done_at is not None

    facts = f"{page_of(hire)}facts/"
    starts = (timezone.localdate() + timedelta(days=30)).isoformat()
    employer.post(facts, {"starts_on": starts, "children_moving": "on"})
    rows = plan_rows(hire)
    assert not PARTNER_STEPS & set(rows) and "plan-school-places" in rows
    assert rows["plan-buddy"].due_date is not None  # dated now that the day is known
    employer.post(facts, {"starts_on": starts, "partner_moving": "on"})
    assert plan_rows(hire)["plan-partner-ask"].done_at == done_at  # kept, not re-done

    member.post(tick, {"done": "0"})
    assert plan_rows(hire)["plan-partner-ask"].done_at is None
    assert member.post(f"{page_of(hire)}plan/no-such-step/", {"done": "1"}).status_code == 404


def test_bad_input_is_a_clear_error_and_changes_nothing():
    employer, organization = owner()
    long_ago = (timezone.localdate() - timedelta(days=800)).isoformat()
    response = employer.post(
        f"/en/employers/o/{organization.uuid}/hires/",
        {"email": "ada@example.org", "role_title": "Tester", "starts_on": long_ago},
    )
    assert response.status_code == 400
    assert "Give a first working day between" in response.content.decode()
    assert not Hire.objects.exists() and not ChecklistInstance.objects.exists()

    hire = register(employer, organization)
    response = employer.post(f"{page_of(hire)}facts/", {"starts_on": "not a date"})
    assert response.status_code == 400 and "Enter a valid date." in response.content.decode()
    response = employer.post(f"{page_of(hire)}facts/", {"partner_moving": "on", "starts_on": "x"})
    assert not Hire.objects.get(pk=hire.pk).partner_moving  # nothing half-saved
    assert not PARTNER_STEPS & set(plan_rows(hire))


def test_other_rooms_stay_closed():
    employer, organization = owner()
    hire = register(employer, organization)
    outsider = Client()
    outsider.force_login(UserFactory(email="outsider@example.org"))
    person = Client()
    onboard(person, UserFactory(email="ada@example.org"))
    person.post(f"/en/employers/hired/{hire.token}/")
    addresses = [
        f"{page_of(hire)}plan/plan-buddy/",
        f"{page_of(hire)}facts/",
        f"{page_of(hire)}partner/",
    ]
    for address in addresses:
        assert outsider.post(address, {"done": "1", "partner_support": "on"}).status_code == 404
        assert person.post(address, {"done": "1", "partner_support": "on"}).status_code == 404
        stranger = Client().post(address, {"done": "1"})
        assert stranger.status_code == 302 and "/accounts/login/" in stranger["Location"]
    assert outsider.get(page_of(hire)).status_code == 404
    assert person.get(page_of(hire)).status_code == 404
    assert plan_rows(hire)["plan-buddy"].done_at is None
    assert not Hire.objects.get(pk=hire.pk).partner_support


def partner_joins(main_client: Client) -> tuple[Client, NewcomerProfile]:
    main_client.post("/en/newcomers/household/", {"email": "partner@example.org"})
    token = PartnerInvitation.objects.get().token
    partner = Client()
    user = UserFactory(email="partner@example.org")
    partner.force_login(user)
    response = partner.post(
        f"/en/newcomers/household/join/{token}/", {"citizenship": "third_country"}
    )
    assert response.status_code == 302
    return partner, NewcomerProfile.objects.get(user=user)


def test_the_tandem_gives_the_partner_the_employers_offer_and_nothing_back():
    employer, organization = owner()
    hire = register(employer, organization, partner_moving="on")
    person = Client()
    onboard(person, UserFactory(email="ada@example.org"))
    main = NewcomerProfile.objects.get(user__email="ada@example.org")
    person.post(f"/en/employers/hired/{hire.token}/")
    _partner_client, partner = partner_joins(person)
    partner_steps = keys_of(partner)
    assert "partner-career-support" in partner_steps  # the national step
    assert not FOR_PARTNERS & partner_steps  # nothing offered yet
    assert "employer-first-day" not in partner_steps  # never the hire's own steps

    response = employer.post(f"{page_of(hire)}partner/", {"partner_support": "on"})
    assert response.status_code == 302 and response["Location"].endswith("#partner")
    assert keys_of(partner) >= FOR_PARTNERS
    journey = _partner_client.get("/en/newcomers/journey/").content.decode()
    assert "Meet your contact at your partner&#x27;s employer" in journey
    assert "<bdi>Fjällverkstaden AB</bdi> added this step to your journey." in journey
    assert str(organization.uuid) not in journey  # said by name, never by identifier
    assert not FOR_PARTNERS & keys_of(main)  # the hire's journey is the hire's
    assert "employer-first-day" in keys_of(main)

    consent_set(user=main.user, kind="employer_progress", given=True)
    _partner_client.post(
        "/en/newcomers/journey/steps/employer-partner-contact/done/", {"done": "1"}
    )
    html = employer.get(page_of(hire)).content.decode()
    assert "Your first day at work" in html  # the hire's shared progress
    assert "Meet your contact at your partner" not in html  # never the partner's

    employer.post(f"{page_of(hire)}partner/", {})  # the offer withdrawn
    assert not FOR_PARTNERS & keys_of(partner)


def test_the_partner_panel_shows_local_networks_and_the_page_has_a_bounded_cost(
    django_assert_max_num_queries,
):
    employer, organization = owner()
    activity("Partners' coffee", category="partner_networks", code="2380")
    activity("Engineers' evening", category="professional_networks", code="2380")
    activity("Choir", category="culture", code="2380")
    activity("Far away partners", category="partner_networks", code="1480")
    hire = register(employer, organization, partner_moving="on", needs_permit="on")
    employer.get(page_of(hire))  # the plan is written before
    with django_assert_max_num_queries(10):
        html = employer.get(page_of(hire)).content.decode()
    assert "Partners&#x27; coffee" in html and "Engineers&#x27; evening" in html
    assert "Choir" not in html and "Far away partners" not in html
    assert "We offer the partner career support" in html


def test_the_plan_goes_with_the_hire():
    employer, organization = owner()
    hire = register(employer, organization)
    assert ChecklistInstance.objects.filter(kind="onboarding").count() == 1
    hire.delete()
    assert not ChecklistInstance.objects.filter(kind="onboarding").exists()


def test_the_occupation_is_named_at_registration_and_corrected_only_by_the_employer(
    occupations,
):
    from employers.models import Occupation

    nurse, developer = Occupation.objects.filter(code__in=["2221", "2512"]).order_by("code")
    employer, organization = owner()
    hire = register(employer, organization, occupation=nurse.pk)
    assert hire.occupation == nurse
    facts = f"{page_of(hire)}facts/"
    assert employer.post(facts, {"occupation": developer.pk}).status_code == 302
    hire.refresh_from_db()
    assert hire.occupation == developer
    assert employer.post(facts, {"occupation": "99999"}).status_code == 400  # not one
    outsider = Client()  # signed in, but no member of this employer
    outsider.force_login(UserFactory(email="outsider@example.org"))
    assert outsider.post(facts, {"occupation": nurse.pk}).status_code == 404
    stranger = Client().post(facts, {"occupation": nurse.pk})
    assert stranger.status_code == 302 and "/accounts/login/" in stranger["Location"]
    hire.refresh_from_db()
    assert hire.occupation == developer
