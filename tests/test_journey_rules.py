"""The national checklist's rules, persona by persona, on the seeded content."""

import pytest

from checklists.services import checklist_steps

from .journeys import facts

ALWAYS = {
    "find-housing",
    "bank-account",
    "healthcare-1177",
    "join-local-association",
    "welcome-event",
}

PERSONAS = [
    (
        "third-country engineer, two years, alone",
        {"citizenship": "third_country", "purpose": "work", "stay_months": 24},
        {
            "work-permit",
            "population-registration",
            "id-card",
            "social-insurance",
            "sfi-course",
            "tax-and-salary",
            "driving-licence-exchange",
        },
    ),
    (
        "EU engineer, two years",
        {"citizenship": "eu_eea", "purpose": "work", "stay_months": 24},
        {
            "eu-right-of-residence",
            "population-registration",
            "id-card",
            "social-insurance",
            "sfi-course",
            "tax-and-salary",
        },
    ),
    (
        "EU engineer, six months",
        {"citizenship": "eu_eea", "purpose": "work", "stay_months": 6},
        {"eu-right-of-residence", "coordination-number", "social-insurance", "tax-and-salary"},
    ),
    (
        "third-country researcher, four years, partner not working, children 3 and 8",
        {
            "citizenship": "third_country",
            "purpose": "research",
            "stay_months": 48,
            "partner_moving": True,
            "partner_working": False,
            "children_ages": (3, 8),
        },
        {
            "work-permit",
            "permit-renewal",
            "population-registration",
            "id-card",
            "social-insurance",
            "preschool-place",
            "school-place",
            "sfi-course",
            "tax-and-salary",
            "driving-licence-exchange",
            "partner-work-permit",
            "partner-career-support",
        },
    ),
    (
        "third-country worker, three years, partner working, a baby",
        {
            "citizenship": "third_country",
            "purpose": "work",
            "stay_months": 36,
            "partner_moving": True,
            "partner_working": True,
            "children_ages": (0,),
        },
        {
            "work-permit",
            "permit-renewal",
            "population-registration",
            "id-card",
            "social-insurance",
            "sfi-course",
            "tax-and-salary",
            "driving-licence-exchange",
            "partner-work-permit",
        },
    ),
    (
        "returning Swede with a 16-year-old",
        {"citizenship": "swedish", "purpose": "work", "stay_months": 60, "children_ages": (16,)},
        {"returning-swede-update-address", "id-card", "social-insurance", "tax-and-salary"},
    ),
    (
        "Nordic student, one year",
        {"citizenship": "nordic", "purpose": "study", "stay_months": 12},
        {"population-registration", "id-card", "social-insurance", "sfi-course"},
    ),
    (
        "third-country student, ten months",
        {"citizenship": "third_country", "purpose": "study", "stay_months": 10},
        {"work-permit", "coordination-number"},
    ),
    (
        "third-country accompanying partner, two years",
        {"citizenship": "third_country", "purpose": "accompanying", "stay_months": 24},
        {
            "partner-work-permit",
            "qualification-assessment",
            "partner-career-support",
            "population-registration",
            "id-card",
            "social-insurance",
            "sfi-course",
            "driving-licence-exchange",
        },
    ),
    (
        "EU job seeker, one year",
        {"citizenship": "eu_eea", "purpose": "job_seeking", "stay_months": 12},
        {
            "eu-right-of-residence",
            "population-registration",
            "id-card",
            "social-insurance",
            "sfi-course",
            "qualification-assessment",
        },
    ),
    (
        "third-country business owner, thirty months",
        {"citizenship": "third_country", "purpose": "self_employed", "stay_months": 30},
        {
            "work-permit",
            "permit-renewal",
            "population-registration",
            "id-card",
            "social-insurance",
            "sfi-course",
            "tax-and-salary",
            "driving-licence-exchange",
        },
    ),
    (
        "EU researcher, one year, partner not working, a five-year-old",
        {
            "citizenship": "eu_eea",
            "purpose": "research",
            "stay_months": 12,
            "partner_moving": True,
            "children_ages": (5,),
        },
        {
            "eu-right-of-residence",
            "population-registration",
            "id-card",
            "social-insurance",
            "preschool-place",
            "sfi-course",
            "tax-and-salary",
            "partner-career-support",
        },
    ),
    (
        "returning Swede following a partner, two years",
        {"citizenship": "swedish", "purpose": "accompanying", "stay_months": 24},
        {
            "returning-swede-update-address",
            "id-card",
            "social-insurance",
            "qualification-assessment",
            "partner-career-support",
        },
    ),
    (
        "third-country child of 6 starts school, not preschool",
        {
            "citizenship": "third_country",
            "purpose": "work",
            "stay_months": 24,
            "children_ages": (6,),
        },
        {
            "work-permit",
            "population-registration",
            "id-card",
            "social-insurance",
            "sfi-course",
            "tax-and-salary",
            "driving-licence-exchange",
            "school-place",
        },
    ),
]


@pytest.mark.parametrize(("persona", "stated", "expected"), PERSONAS, ids=[p[0] for p in PERSONAS])
def test_persona_gets_exactly_the_right_steps(national, persona, stated, expected):
    keys = {step.key for step in checklist_steps(facts=facts(**stated))}
    assert keys == ALWAYS | expected


def test_eu_citizen_gets_no_work_permit_step(national):
    for citizenship in ("eu_eea", "nordic", "swedish"):
        keys = {s.key for s in checklist_steps(facts=facts(citizenship=citizenship))}
        assert "work-permit" not in keys


def test_population_registration_only_for_a_year_or_more(national):
    for months, registered in [(11, False), (12, True), (13, True)]:
        keys = {s.key for s in checklist_steps(facts=facts(stay_months=months))}
        assert ("population-registration" in keys) is registered
        assert ("coordination-number" in keys) is not registered


def test_bank_account_comes_after_the_personnummer_and_the_id_card(national):
    steps = checklist_steps(facts=facts(stay_months=24))
    order = [s.key for s in steps]
    bank = next(s for s in steps if s.key == "bank-account")
    assert set(bank.depends_on) == {"population-registration", "id-card"}
    assert (
        order.index("population-registration")
        < order.index("id-card")
        < order.index("bank-account")
    )


def test_bank_account_waits_for_the_coordination_number_on_short_stays(national):
    bank = next(s for s in checklist_steps(facts=facts(stay_months=6)) if s.key == "bank-account")
    assert bank.depends_on == ("coordination-number",)


def test_every_seeded_step_is_translated_in_every_language(national):
    from checklists.models import Authority, ChecklistItem

    for item in ChecklistItem.objects.all():
        for code in ("sv", "en", "ar", "uk"):
            assert getattr(item, f"title_{code}"), (item.key, code)
            assert getattr(item, f"body_{code}"), (item.key, code)
    for authority in Authority.objects.all():
        for code in ("sv", "en", "ar", "uk"):
            assert getattr(authority, f"name_{code}"), (authority.key, code)
