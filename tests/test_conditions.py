"""The condition language: evaluation, and clear errors for what cannot be evaluated."""

import pytest
from django.core.exceptions import ValidationError

from checklists.conditions import condition_facts, condition_holds, condition_validate
from newcomers.journey import JOURNEY_FACTS

VALUES = {
    "citizenship": "eu_eea",
    "purpose": "work",
    "stay_months": 6,
    "partner_moving": True,
    "children_school_age": False,
}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"all": []}, True),
        ({"any": []}, False),
        ({"eq": ["citizenship", "eu_eea"]}, True),
        ({"in": ["purpose", ["study", "research"]]}, False),
        ({"gte": ["stay_months", 12]}, False),
        ({"lte": ["stay_months", 11]}, True),
        ({"not": {"eq": ["partner_moving", True]}}, False),
        (
            {
                "all": [
                    {"eq": ["citizenship", "eu_eea"]},
                    {"any": [{"gte": ["stay_months", 12]}, {"eq": ["purpose", "work"]}]},
                ]
            },
            True,
        ),
    ],
)
def test_conditions_evaluate(condition, expected):
    condition_validate(condition, facts=JOURNEY_FACTS.condition_facts())
    assert condition_holds(condition, VALUES) is expected


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"eq": ["shoe_size", 42]}, "Unknown fact “shoe_size”"),
        ({"between": ["stay_months", 1]}, "Unknown operator “between”"),
        ({"eq": ["citizenship", "martian"]}, "“martian” is not a valid value for “citizenship”"),
        ({"gte": ["citizenship", 3]}, "compares numbers, but “citizenship” is not a number"),
        ({"eq": ["stay_months", "twelve"]}, "not a valid value for “stay_months”"),
        ({"eq": ["partner_moving", 1]}, "not a valid value for “partner_moving”"),
        ({"in": ["purpose", "work"]}, "“in” needs a list"),
        ({"all": {"eq": ["purpose", "work"]}}, "“all” needs a list"),
        ({"eq": ["purpose"]}, "needs a fact and a value"),
        ({"eq": ["purpose", "work"], "not": {}}, "exactly one operator"),
        ([], "exactly one operator"),
    ],
)
def test_bad_conditions_are_rejected_with_the_reason(condition, message):
    with pytest.raises(ValidationError) as error:
        condition_validate(condition, facts=JOURNEY_FACTS.condition_facts())
    assert message in " ".join(error.value.messages)


def test_condition_names_the_facts_it_reads():
    condition = {
        "all": [
            {"eq": ["citizenship", "eu_eea"]},
            {"not": {"gte": ["stay_months", 12]}},
            {"eq": ["citizenship", "nordic"]},
        ]
    }
    assert condition_facts(condition) == ["citizenship", "stay_months"]
