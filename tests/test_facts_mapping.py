"""One fact, one place: every stated fact of the journey is answered by one question,
read from a profile in one function, and goes from answers to a profile and back
unchanged."""

from datetime import date

import pytest
from django.utils import timezone

from newcomers.forms import (
    ANSWERS,
    FamilyAndWorkForm,
    JourneyPreviewForm,
    MoveFactsForm,
    answers_from_facts,
    facts_from_answers,
)
from newcomers.journey import JOURNEY_FACTS, SUPPLIED_FACTS, profile_facts, profile_stated
from newcomers.services import profile_save_family, profile_save_move

from .factories import UserFactory


def test_every_stated_fact_has_exactly_one_question():
    answered = [answer.fact for answer in ANSWERS]
    asked = [name for name in JOURNEY_FACTS.stated if name not in SUPPLIED_FACTS]
    assert sorted(answered) == sorted(asked)
    wizard = set(MoveFactsForm.base_fields) | set(FamilyAndWorkForm.base_fields)
    assert {answer.field for answer in ANSWERS} == wizard
    assert set(JourneyPreviewForm.base_fields) <= wizard


@pytest.mark.django_db
def test_answers_reach_the_profile_and_come_back_as_the_same_answers(geography):
    today = timezone.localdate()
    answers = {
        "citizenship": "third_country",
        "purpose": "work",
        "stay_months": "24",
        "arrival": (today.replace(day=1)).isoformat(),
        "municipality": "2380",
        "driving_licence": "other",
        "partner": "1",
        "partner_working": "1",
        "children": "7, 3",
        "has_employer": "1",
    }
    move = MoveFactsForm(answers)
    family = FamilyAndWorkForm(answers)
    assert move.is_valid(), move.errors
    assert family.is_valid(), family.errors
    user = UserFactory()
    profile = profile_save_move(user=user, data=move.cleaned_data)
    profile = profile_save_family(profile=profile, data=family.cleaned_data)

    stated = profile_stated(profile)
    assert stated == {**facts_from_answers(move.cleaned_data | family.cleaned_data)}
    assert stated["children_ages"] == (3, 7)
    assert stated["municipality"] == "2380"
    shown = answers_from_facts(stated)
    assert shown["children"] == "3, 7"
    assert shown["partner"] == "1"
    assert shown["arrival"] == date.fromisoformat(answers["arrival"])
    assert profile_facts(profile).to_json() == JOURNEY_FACTS.to_json(stated)


@pytest.mark.django_db
def test_a_partner_without_a_moving_partner_is_not_counted_as_working():
    user = UserFactory()
    profile = profile_save_move(
        user=user,
        data={
            "citizenship": "eu_eea",
            "purpose": "work",
            "stay_months": 12,
            "arrival": timezone.localdate(),
            "municipality": None,
        },
    )
    profile = profile_save_family(
        profile=profile, data={"partner": False, "partner_working": True, "children": ()}
    )
    assert profile_stated(profile)["partner_working"] is False
