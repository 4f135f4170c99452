"""The national checklist's rules, persona by persona, on the seeded content.

Each persona lists exactly the steps it must get on top of the steps everyone gets; any
other step is one it must not get.
"""

import pytest

from checklists.services import checklist_steps
from newcomers.journey import JOURNEY

from .journeys import facts

ALWAYS = {
    "find-housing",
    "bank-account",
    "healthcare-1177",
    "join-local-association",
    "welcome-event",
}
# An employee's or researcher's working life in Sweden.
WORKING = {"tax-and-salary", "unemployment-insurance", "pension"}
# Someone registered in the population register.
REGISTERED = {"population-registration", "id-card", "social-insurance", "sfi-course"}

PERSONAS = [
    (
        "third-country engineer, two years, alone, no licence",
        {"citizenship": "third_country", "purpose": "work", "stay_months": 24},
        {"work-permit", "permit-job-ends", "expert-tax-relief"} | REGISTERED | WORKING,
    ),
    (
        "EU engineer, two years",
        {"citizenship": "eu_eea", "purpose": "work", "stay_months": 24},
        {"eu-right-of-residence", "expert-tax-relief"} | REGISTERED | WORKING,
    ),
    (
        "EU engineer, six months",
        {"citizenship": "eu_eea", "purpose": "work", "stay_months": 6},
        {"eu-right-of-residence", "coordination-number", "social-insurance", "expert-tax-relief"}
        | WORKING,
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
            "research-permit",
            "research-permit-extension",
            "expert-tax-relief",
            "preschool-place",
            "school-place",
            "partner-work-permit",
            "partner-career-support",
        }
        | REGISTERED
        | WORKING,
    ),
    (
        "third-country worker, three years, partner working, a baby, licence from elsewhere",
        {
            "citizenship": "third_country",
            "purpose": "work",
            "stay_months": 36,
            "partner_moving": True,
            "partner_working": True,
            "children_ages": (0,),
            "driving_licence": "other",
        },
        {
            "work-permit",
            "permit-renewal",
            "permit-job-ends",
            "expert-tax-relief",
            "partner-work-permit",
            "driving-licence-swedish",
        }
        | REGISTERED
        | WORKING,
    ),
    (
        "returning Swede with a 16-year-old",
        {"citizenship": "swedish", "purpose": "work", "stay_months": 60, "children_ages": (16,)},
        {
            "returning-swede-update-address",
            "id-card",
            "social-insurance",
            "upper-secondary-school",
        }
        | WORKING,
    ),
    (
        "Nordic student, one year",
        {"citizenship": "nordic", "purpose": "study", "stay_months": 12},
        {"study-then-stay"} | REGISTERED,
    ),
    (
        "third-country student, ten months",
        {"citizenship": "third_country", "purpose": "study", "stay_months": 10},
        {"residence-permit", "coordination-number", "study-then-stay"},
    ),
    (
        "third-country accompanying partner, two years",
        {"citizenship": "third_country", "purpose": "accompanying", "stay_months": 24},
        {"family-member-permit", "qualification-assessment", "partner-career-support"} | REGISTERED,
    ),
    (
        "EU job seeker, one year",
        {"citizenship": "eu_eea", "purpose": "job_seeking", "stay_months": 12},
        {"eu-right-of-residence", "qualification-assessment"} | REGISTERED,
    ),
    (
        "third-country business owner, thirty months",
        {"citizenship": "third_country", "purpose": "self_employed", "stay_months": 30},
        {"residence-permit", "permit-renewal"} | REGISTERED | WORKING,
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
            "expert-tax-relief",
            "preschool-place",
            "partner-career-support",
        }
        | REGISTERED
        | WORKING,
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
        {"work-permit", "permit-job-ends", "expert-tax-relief", "school-place"}
        | REGISTERED
        | WORKING,
    ),
    (
        "EU remote worker for an employer abroad, two years",
        {"citizenship": "eu_eea", "purpose": "remote_work", "stay_months": 24},
        {"eu-right-of-residence", "remote-work-tax"} | REGISTERED,
    ),
    (
        "third-country remote worker for an employer abroad, two years",
        {"citizenship": "third_country", "purpose": "remote_work", "stay_months": 24},
        {"remote-work-permit", "remote-work-tax"} | REGISTERED,
    ),
    (
        "third-country worker with a Japanese licence, two years",
        {
            "citizenship": "third_country",
            "purpose": "work",
            "stay_months": 24,
            "driving_licence": "switzerland_japan",
        },
        {"work-permit", "permit-job-ends", "expert-tax-relief", "driving-licence-exchange"}
        | REGISTERED
        | WORKING,
    ),
    (
        "EU citizen whose licence was issued outside the EEA, two years",
        {
            "citizenship": "eu_eea",
            "purpose": "work",
            "stay_months": 24,
            "driving_licence": "other",
        },
        {"eu-right-of-residence", "expert-tax-relief", "driving-licence-swedish"}
        | REGISTERED
        | WORKING,
    ),
    (
        "third-country worker with an EEA licence, two years",
        {
            "citizenship": "third_country",
            "purpose": "work",
            "stay_months": 24,
            "driving_licence": "eea",
        },
        {"work-permit", "permit-job-ends", "expert-tax-relief"} | REGISTERED | WORKING,
    ),
    (
        "third-country worker on a short stay with a licence from elsewhere",
        {
            "citizenship": "third_country",
            "purpose": "work",
            "stay_months": 6,
            "driving_licence": "other",
        },
        {"work-permit", "permit-job-ends", "expert-tax-relief", "coordination-number"}
        | {"social-insurance"}
        | WORKING,
    ),
    (
        "third-country worker with a 17-year-old and a 12-year-old",
        {
            "citizenship": "third_country",
            "purpose": "work",
            "stay_months": 24,
            "children_ages": (12, 17),
        },
        {
            "work-permit",
            "permit-job-ends",
            "expert-tax-relief",
            "school-place",
            "upper-secondary-school",
        }
        | REGISTERED
        | WORKING,
    ),
]


@pytest.mark.parametrize(("persona", "stated", "expected"), PERSONAS, ids=[p[0] for p in PERSONAS])
def test_persona_gets_exactly_the_right_steps(national, persona, stated, expected):
    keys = {step.key for step in checklist_steps(kind=JOURNEY, facts=facts(**stated))}
    assert keys == ALWAYS | expected


def test_eu_citizen_gets_no_work_permit_step(national):
    for citizenship in ("eu_eea", "nordic", "swedish"):
        keys = {s.key for s in checklist_steps(kind=JOURNEY, facts=facts(citizenship=citizenship))}
        assert not {"work-permit", "research-permit", "residence-permit"} & keys


def test_a_researcher_gets_no_two_year_work_permit_renewal(national):
    """A research permit follows the hosting agreement; it is not a work permit."""
    keys = {
        s.key
        for s in checklist_steps(kind=JOURNEY, facts=facts(purpose="research", stay_months=60))
    }
    assert "permit-renewal" not in keys
    assert "work-permit" not in keys
    assert {"research-permit", "research-permit-extension"} <= keys


def test_a_remote_worker_gets_no_employer_steps_in_sweden(national):
    keys = {s.key for s in checklist_steps(kind=JOURNEY, facts=facts(purpose="remote_work"))}
    assert not {"work-permit", "tax-and-salary", "unemployment-insurance", "expert-tax-relief"} & (
        keys
    )


def test_the_licence_rule_keys_on_where_it_was_issued_not_on_citizenship(national):
    for citizenship in ("third_country", "eu_eea", "nordic", "swedish"):
        keys = {
            s.key
            for s in checklist_steps(
                kind=JOURNEY, facts=facts(citizenship=citizenship, driving_licence="eea")
            )
        }
        assert not {"driving-licence-exchange", "driving-licence-swedish"} & keys


def test_population_registration_only_for_a_year_or_more(national):
    for months, registered in [(11, False), (12, True), (13, True)]:
        keys = {s.key for s in checklist_steps(kind=JOURNEY, facts=facts(stay_months=months))}
        assert ("population-registration" in keys) is registered
        assert ("coordination-number" in keys) is not registered


def test_bank_account_comes_after_the_personnummer_and_the_id_card(national):
    steps = checklist_steps(kind=JOURNEY, facts=facts(stay_months=24))
    order = [s.key for s in steps]
    bank = next(s for s in steps if s.key == "bank-account")
    assert set(bank.depends_on) == {"population-registration", "id-card"}
    assert (
        order.index("population-registration")
        < order.index("id-card")
        < order.index("bank-account")
    )


def test_bank_account_waits_for_the_coordination_number_on_short_stays(national):
    bank = next(
        s
        for s in checklist_steps(kind=JOURNEY, facts=facts(stay_months=6))
        if s.key == "bank-account"
    )
    assert bank.depends_on == ("coordination-number",)


def test_undated_steps_come_after_the_dated_ones_of_their_phase(national):
    steps = checklist_steps(kind=JOURNEY, facts=facts(purpose="work", stay_months=36))
    settling = [s for s in steps if s.item.phase == "settling_in"]
    offsets = [s.item.due_offset_days for s in settling]
    assert None in offsets
    first_undated = offsets.index(None)
    assert all(offset is None for offset in offsets[first_undated:])


def test_every_seeded_step_is_translated_in_every_language(national):
    from checklists.models import Authority, ChecklistItem, Source

    for item in ChecklistItem.objects.all():
        for code in ("sv", "en", "ar", "uk"):
            assert getattr(item, f"title_{code}"), (item.key, code)
            assert getattr(item, f"body_{code}"), (item.key, code)
    for authority in Authority.objects.all():
        for code in ("sv", "en", "ar", "uk"):
            assert getattr(authority, f"name_{code}"), (authority.key, code)
    for source in Source.objects.all():
        for code in ("sv", "en", "ar", "uk"):
            assert getattr(source, f"title_{code}"), (source.key, code)
