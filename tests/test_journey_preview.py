"""The public preview at /<lang>/journey/, as a page and as a JSON contract."""

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
