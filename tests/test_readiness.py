"""The employers' readiness check: 25 questions in five areas, seeded in every language
onto the checklist engine; scores from 0 to 100 per area and overall whose right answer
is worked out by hand here; actions for the weak answers, not-yet first; an API that
names what is wrong with a request; and the public check, no account needed, in a
bounded number of queries."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from checklists.models import ChecklistItem
from employers.readiness.kind import AREAS
from employers.readiness.scoring import score

pytestmark = pytest.mark.usefixtures("readiness")

QUESTIONS = "/api/readiness/questions"
SCORE = "/api/readiness/score"


def test_twenty_five_questions_in_five_areas_in_every_language():
    items = ChecklistItem.objects.filter(template__kind="readiness")
    assert items.count() == 25
    for area in AREAS:
        assert items.filter(phase=area.value).count() == 5
    for code, _name in settings.LANGUAGES:
        assert not items.filter(**{f"title_{code}": ""}).exists(), code
        assert not items.filter(**{f"body_{code}": ""}).exists(), code


def test_scores_worked_out_by_hand():
    questions = [("a1", "a"), ("a2", "a"), ("a3", "a"), ("b1", "b"), ("b2", "b"), ("c1", "c")]
    result = score(
        {
            "a1": "in_place",  # 3
            "a2": "started",  # 1
            "a3": "not_applicable",  # left out
            "b1": "mostly",  # 2; b2 unanswered: not yet, 0
            "c1": "not_applicable",
        },
        questions,
    )
    # a: 4 of 6 = 67; b: 2 of 6 = 33; c: nothing applies; overall: (67 + 33) / 2 = 50.
    assert result.areas == {"a": 67, "b": 33, "c": None}
    assert result.overall == 50
    assert result.actions == ["b2", "a2"]  # not yet first, then started
    assert score({}, []).overall is None


def test_the_api_gives_the_questions_in_the_language_asked(client):
    data = client.get(QUESTIONS, {"language": "ar"}).json()
    assert data["language"] == "ar"
    assert [area["key"] for area in data["areas"]] == [area.value for area in AREAS]
    first = data["areas"][0]["questions"][0]
    assert set(first) == {"key", "statement", "advice"} and first["statement"]
    assert {option["value"] for option in data["options"]} == {
        "not_yet",
        "started",
        "mostly",
        "in_place",
        "not_applicable",
    }
    refused = client.get(QUESTIONS, {"language": "xx"})
    assert refused.status_code == 400 and refused.json()["parameter"] == "language"


def post(client, body) -> object:
    payload = body if isinstance(body, str) else json.dumps(body)
    return client.post(SCORE, payload, "application/json")


def test_the_api_scores_answers_and_names_what_is_wrong(client):
    keys = [
        question["key"]
        for area in client.get(QUESTIONS).json()["areas"]
        for question in area["questions"]
    ]
    everything = dict.fromkeys(keys, "in_place")
    result = post(client, {"answers": everything}).json()
    assert result["overall"] == 100 and result["actions"] == []
    assert set(result["areas"]) == {area.value for area in AREAS}
    half = {**everything, keys[0]: "not_yet", keys[1]: "started"}
    result = post(client, {"answers": half}).json()
    assert result["actions"] == [keys[0], keys[1]]
    assert result["areas"][AREAS[0].value] == round(100 * 10 / 15)

    for body, parameter in [
        ("not json", "body"),
        ([1, 2], "answers"),
        ({"answers": ["a"]}, "answers"),
        ({"answers": {"no-such-question": "in_place"}}, "answers.no-such-question"),
        ({"answers": {keys[0]: "perfect"}}, f"answers.{keys[0]}"),
        ({"answers": {keys[0]: ["in_place"]}}, f"answers.{keys[0]}"),
    ]:
        response = post(client, body)
        assert response.status_code == 400, body
        assert response.json()["parameter"] == parameter, body
    assert client.get(SCORE).status_code == 405


def test_the_public_check_scores_without_an_account(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = client.get("/sv/employers/readiness/")
    html = page.content.decode()
    assert page.status_code == 200 and "Kompetensbehov" in html
    keys = list(page.context["form"].fields)
    answers = dict.fromkeys(keys, "in_place")
    answers[keys[5]] = "not_yet"
    answers[keys[6]] = "<script>alert(1)</script>"
    response = client.post("/en/employers/readiness/", answers)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in html and "<script>alert(1)" not in html
    answers[keys[6]] = "started"
    del answers[keys[24]]
    response = client.post("/en/employers/readiness/", answers)
    html = response.content.decode()
    assert "Your action plan" in html and "1 question was not answered" in html
    plan = response.context["actions"]
    assert [item.key for item in plan] == [keys[5], keys[24], keys[6]]
    assert client.session["readiness_answers"][keys[6]] == "started"


def test_the_cost_of_not_hiring_follows_its_stated_formula(client):
    from decimal import Decimal

    from employers.calculator import vacancy_cost

    cost = vacancy_cost(
        salary=Decimal(40000), multiple=Decimal(2), months=Decimal(6), extra=Decimal(5000)
    )
    # 40000 * 2 * 6 = 480000; 40000 * 1.3142 * 6 = 315408; 5000 * 6 = 30000.
    assert (cost.lost_value, cost.saved_cost, cost.extra_costs) == (480000, 315408, 30000)
    assert cost.total == 480000 - 315408 + 30000
    page = client.get(
        "/en/employers/cost-of-not-hiring/",
        {"salary": "40000", "months": "6", "multiple": "2", "extra": "5000"},
    )
    html = page.content.decode()
    assert page.status_code == 200 and "194,592" in html and "31.42 %" in html
    bad = client.get(
        "/en/employers/cost-of-not-hiring/", {"salary": "-5", "months": "x", "multiple": "2"}
    )
    html = bad.content.decode()
    assert bad.status_code == 400 and 'value="-5"' in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert "Enter a number." in html
