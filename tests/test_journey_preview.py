"""The public preview at /<lang>/journey/, as a page and as a JSON contract."""

import re
from datetime import date, timedelta

import pytest

from .journeys import in_days

QUERY = {
    "citizenship": "third_country",
    "purpose": "research",
    "stay_months": "36",
    "children": "3, 8",
    "partner": "1",
    "partner_working": "0",
    "municipality": "2380",
    "arrival": in_days(60).isoformat(),
}


def test_json_contract(client, national, geography):
    response = client.get("/en/journey/", {**QUERY, "format": "json"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"  # other sites may embed it
    items = response.json()["items"]
    first = items[0]
    assert set(first) == {
        "key",
        "title",
        "phase",
        "due_offset_days",
        "authority",
        "depends_on",
        "sources",
        "checked_on",
    }
    keys = [item["key"] for item in items]
    assert "research-permit" in keys and "preschool-place" in keys and "school-place" in keys
    bank = next(item for item in items if item["key"] == "bank-account")
    assert bank["authority"] == "A bank"
    assert bank["depends_on"] == ["id-card", "population-registration"]
    for item in items:
        for dependency in item["depends_on"]:
            assert keys.index(dependency) < keys.index(item["key"])


def test_every_json_step_names_its_sources_and_check_date(client, national, geography):
    items = client.get("/en/journey/", {**QUERY, "format": "json"}).json()["items"]
    for item in items:
        assert item["checked_on"], item["key"]
        assert item["sources"], item["key"]
        for source in item["sources"]:
            assert source["url"].startswith("https://") and source["title"], item["key"]
            assert source["language"] in ("sv", "en", "ar", "uk")
    extension = next(item for item in items if item["key"] == "research-permit-extension")
    assert extension["due_offset_days"] is None  # a step to keep in mind, with no date


def test_the_driving_licence_decides_the_licence_step(client, national, geography):
    def keys(licence: str) -> set[str]:
        query = {**QUERY, "format": "json", "driving_licence": licence}
        return {item["key"] for item in client.get("/en/journey/", query).json()["items"]}

    assert "driving-licence-swedish" in keys("other")
    assert "driving-licence-exchange" in keys("switzerland_japan")
    assert not {"driving-licence-swedish", "driving-licence-exchange"} & keys("eea")
    assert not {"driving-licence-swedish", "driving-licence-exchange"} & keys("none")


def test_json_titles_follow_the_language(client, national, geography):
    english = client.get("/en/journey/", {**QUERY, "format": "json"}).json()["items"]
    swedish = client.get("/sv/journey/", {**QUERY, "format": "json"}).json()["items"]
    assert [i["key"] for i in english] == [i["key"] for i in swedish]
    assert english[0]["title"] != swedish[0]["title"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("citizenship", "martian"),
        ("purpose", "holiday"),
        ("stay_months", "0"),
        ("stay_months", "twelve"),
        ("children", "3, -1"),
        ("children", "three"),
        ("partner", "2"),
        ("municipality", "9999"),
        ("arrival", "2126-01-01"),
        ("arrival", "yesterday"),
        ("driving_licence", "moon"),
    ],
)
def test_invalid_parameter_is_400_naming_the_field(client, national, geography, field, value):
    response = client.get("/en/journey/", {**QUERY, field: value, "format": "json"})
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field
    assert body["error"]


def test_missing_parameter_is_400_naming_the_field(client, national, geography):
    query = {k: v for k, v in QUERY.items() if k != "citizenship"}
    response = client.get("/en/journey/", {**query, "format": "json"})
    assert response.status_code == 400
    assert response.json()["field"] == "citizenship"


def test_page_shows_the_steps_by_phase(client, national, geography):
    html = client.get("/en/journey/", QUERY).content.decode()
    assert "Before you arrive" in html
    assert "Apply for a preschool place" in html or "preschool" in html.lower()
    assert "Please correct the following" not in html


def test_page_shows_clear_errors_for_impossible_facts(client, national, geography):
    html = client.get(
        "/en/journey/", {**QUERY, "arrival": "2126-01-01", "children": "-3", "stay_months": "0"}
    ).content.decode()
    assert "Choose an arrival date within five years of today." in html
    assert "A child&#x27;s age must be between 0 and 25." in html
    assert "Ensure this value is greater than or equal to 1." in html


def test_empty_preview_shows_only_the_form(client, national, geography):
    response = client.get("/sv/journey/")
    assert response.status_code == 200
    assert 'class="error-summary"' not in response.content.decode()


def test_preview_query_count_is_bounded(
    client,
    national,
    geography,
    django_assert_max_num_queries,
):
    with django_assert_max_num_queries(7):
        client.get("/en/journey/", {**QUERY, "format": "json"})


def test_the_form_asks_about_the_move_before_the_family(client, national, geography):
    html = client.get("/en/journey/").content.decode()
    move = ["citizenship", "purpose", "stay_months", "arrival", "municipality", "driving_licence"]
    family = ["partner", "partner_working", "children"]
    positions = [html.index(f'name="{name}"') for name in [*move, *family]]
    assert positions == sorted(positions)


def test_the_invalid_move_is_named_before_the_family_in_json(client, national, geography):
    query = {**QUERY, "citizenship": "martian", "children": "-1", "format": "json"}
    assert client.get("/en/journey/", query).json()["field"] == "citizenship"


def partner_job_question(html: str) -> str:
    """The wrapper of the partner's job question, which CSS hides while the partner
    question is answered No."""
    start = html.index('<div class="if-partner-moves">')
    return html[start : html.index("</fieldset>", start)]


def test_the_partner_job_question_is_wrapped_to_show_only_with_a_partner(
    client, national, geography
):
    for html in (
        client.get("/en/journey/").content.decode(),
        client.get("/en/journey/", QUERY).content.decode(),
    ):
        question = partner_job_question(html)
        assert "Does your partner already have a job in Sweden?" in question
        assert 'name="partner_working"' in question
        assert html.count("if-partner-moves") == 1


def test_steps_dated_from_arrival_show_the_date(client, national, geography):
    from django.utils.formats import date_format

    html = client.get("/en/journey/", QUERY).content.decode()
    # Counted from the arrival the query gives (set when this module loaded, so that a run
    # passing midnight does not move it).
    arrival = date.fromisoformat(QUERY["arrival"])
    card = arrival + timedelta(days=45)  # the ID card: 45 days after arrival
    assert f'<time datetime="{card.isoformat()}">{date_format(card, "j E Y")}</time>' in html
    permit = arrival - timedelta(days=90)  # the research permit: 90 days before arrival
    assert f'<time datetime="{permit.isoformat()}">{date_format(permit, "j E Y")}</time>' in html
    assert "days after arrival" not in html and "days before arrival" not in html
    assert "No fixed date: keep this in mind" in html  # the permit extension


def test_steps_dated_from_arrival_show_the_date_in_the_page_language(client, national, geography):
    from django.utils import translation
    from django.utils.formats import date_format

    card = date.fromisoformat(QUERY["arrival"]) + timedelta(days=45)
    with translation.override("sv"):
        shown = date_format(card, "j E Y")
    assert f">{shown}</time>" in client.get("/sv/journey/", QUERY).content.decode()


def test_a_step_waiting_for_others_keeps_its_wording(client, national, geography):
    from checklists.models import ChecklistItem

    bank = ChecklistItem.objects.get(key="bank-account", template__layer="national")
    later = ChecklistItem.objects.create(
        template=bank.template,
        key="bank-card",
        title_en="Order a bank card",
        title_sv="Beställ ett bankkort",
        phase="first_months",
        due_offset_days=10,
        due_after_dependencies=True,
    )
    later.dependencies.add(bank)
    html = client.get("/en/journey/", QUERY).content.decode()
    row = html[html.index("Order a bank card") :]
    row = row[: row.index("</li>")]
    assert "Dated when the steps it waits for are done" in row
    assert "<time" not in row


def test_steps_know_their_date_from_the_start_date(national, geography):
    from datetime import timedelta

    from checklists.services import checklist_steps
    from newcomers.journey import JOURNEY

    from .journeys import facts

    arrival = in_days(30)
    steps = {s.key: s for s in checklist_steps(kind=JOURNEY, facts=facts(arrival_date=arrival))}
    assert steps["id-card"].due_date == arrival + timedelta(days=45)
    assert steps["work-permit"].due_date == arrival - timedelta(days=90)
    assert steps["permit-job-ends"].due_date is None  # no fixed date


def test_answers_given_in_the_preview_reach_the_wizard_through_sign_up(client, national, geography):
    from .factories import UserFactory

    query = (
        "citizenship=eu_eea&purpose=work&stay_months=24&arrival=2027-03-01"
        "&municipality=2380&partner=1&partner_working=0&children=4"
    )
    page = client.get(f"/en/journey/?{query}").content.decode()
    link = re.search(r'href="(/en/accounts/signup/\?next=[^"]+)"', page).group(1)
    from urllib.parse import parse_qs, urlsplit

    next_url = parse_qs(urlsplit(link.replace("&amp;", "&")).query)["next"][0]
    client.force_login(UserFactory())
    wizard = client.get(next_url).content.decode()
    assert 'value="2027-03-01"' in wizard
    assert '<option value="2380" selected>' in wizard
    family = client.get("/en/newcomers/start/family/")
    assert family.status_code in (200, 302)
