"""The directory of associations: only approved activities checked within 18 months are
public; filters, search and pages in bounded queries; bad filters and bad data refused
with clear errors; the open data API in HSDS 3 field names."""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from associations.models import (
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    months_ago,
)
from municipalities.models import Municipality

pytestmark = pytest.mark.usefixtures("geography")

LIST = "/en/directory/"
API = "/api/directory/hsds/"


def activity(
    name="Language café",
    *,
    code="2380",
    category="language_practice",
    audience="everyone",
    languages=("sv", "en"),
    free=True,
    state="approved",
    verified_days_ago=30,
    byday="TU",
    online=False,
) -> Service:
    municipality = Municipality.objects.get(code=code)
    organization, _created = Organization.objects.get_or_create(
        name=f"Association in {municipality.name}", defaults={"municipality": municipality}
    )
    location = (
        None
        if online
        else Location.objects.create(
            organization=organization,
            name="Library",
            address="Storgatan 1",
            postal_code="831 30",
            city=municipality.name,
            municipality=municipality,
        )
    )
    service = Service.objects.create(
        organization=organization,
        name=name,
        description="We talk Swedish over coffee.",
        category=category,
        audience=audience,
        is_free=free,
        fees_description="" if free else "50 kronor a term",
        location=location,
        online_url="https://example.org/meet" if online else "",
        state=state,
        last_verified_on=timezone.localdate() - timedelta(days=verified_days_ago),
    )
    Schedule.objects.create(service=service, byday=byday, opens_at=time(18), closes_at=time(20))
    Language.objects.bulk_create(Language(service=service, code=code) for code in languages)
    return service


def names(client, query="") -> list[str]:
    response = client.get(LIST + query)
    assert response.status_code == 200
    return [service.name for service in response.context["page"].object_list]


def test_only_approved_activities_checked_within_18_months_are_public(client):
    activity("Shown")
    activity("Draft", state="draft")
    activity("Waiting", state="submitted")
    activity("Rejected", state="rejected")
    activity("Checked 17 months ago", verified_days_ago=17 * 30)
    activity("Checked two years ago", verified_days_ago=730)
    assert names(client) == ["Checked 17 months ago", "Shown"]
    hidden = Service.objects.get(name="Draft")
    assert client.get(f"{LIST}{hidden.uuid}/").status_code == 404
    shown = Service.objects.get(name="Shown")
    html = client.get(f"/sv/directory/{shown.uuid}/").content.decode()
    assert "Shown" in html and "18:00" in html and "Storgatan 1" in html


def test_filters_narrow_the_list_and_an_activity_for_everyone_counts_for_all(client):
    activity("Café", languages=("sv", "ar"))
    activity("Football", category="sports", audience="children", byday="SA", free=False)
    activity("Partner network", category="partner_networks", audience="partners", code="2309")
    activity("Online mentoring", category="mentoring", online=True, code="2309")
    assert names(client, "?municipality=2309") == ["Online mentoring", "Partner network"]
    assert names(client, "?category=sports") == ["Football"]
    assert names(client, "?language=ar") == ["Café"]
    assert names(client, "?free=on") == ["Café", "Online mentoring", "Partner network"]
    assert names(client, "?audience=partners") == [
        "Café",
        "Online mentoring",
        "Partner network",
    ]
    assert names(client, "?weekday=SA") == ["Football"]
    assert names(client, "?q=football") == ["Football"]
    assert names(client, "?q=association+Krokom") == ["Online mentoring", "Partner network"]


def test_a_bad_filter_is_named_and_the_others_still_apply(client):
    activity("Café")
    activity("Football", category="sports")
    response = client.get(LIST + "?language=xx&category=sports")
    html = response.content.decode()
    assert "Select a valid choice" in html and "Language spoken" in html
    assert [s.name for s in response.context["page"].object_list] == ["Football"]


def test_the_list_pages_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    activity("First")
    with django_assert_max_num_queries(12):
        client.get(LIST)
    for number in range(25):
        activity(f"Activity {number:02}")
    with django_assert_max_num_queries(12):
        response = client.get(LIST + "?category=language_practice&page=2")
    assert len(response.context["page"].object_list) == 6
    assert "category=language_practice&amp;page=1" in response.content.decode()


def test_what_an_association_writes_comes_out_inert(client):
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    service = activity(payload)
    service.description = payload
    service.save()
    for address in (LIST, f"{LIST}{service.uuid}/"):
        html = client.get(address).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_bad_data_is_refused_with_clear_errors():
    service = activity()
    with pytest.raises(ValidationError) as error:
        Schedule(service=service, byday="MO", opens_at=time(20), closes_at=time(18)).full_clean()
    assert error.value.message_dict["closes_at"] == ["It must end after it starts."]
    with pytest.raises(IntegrityError), transaction.atomic():
        Schedule.objects.create(service=service, byday="MO", opens_at=time(20), closes_at=time(18))
    service.is_free, service.fees_description = False, ""
    service.location, service.online_url = None, ""
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert set(error.value.message_dict) == {"fees_description"}


def test_months_ago_keeps_to_the_calendar():
    assert months_ago(18, date(2026, 8, 31)) == date(2025, 2, 28)
    assert months_ago(12, date(2028, 2, 29)) == date(2027, 2, 28)
    assert months_ago(18, date(2026, 11, 23)) == date(2025, 5, 23)


def test_the_api_speaks_hsds_with_pages_and_a_municipality_filter(client):
    cafe = activity("Café", languages=("sv", "ar"))
    activity("Online mentoring", category="mentoring", online=True, code="2309")
    activity("Draft", state="draft")
    data = client.get(f"{API}services").json()
    assert (data["total_items"], data["page_number"], data["empty"]) == (2, 1, False)
    assert data["license"]["name"] == "CC BY 4.0"
    [first] = [s for s in data["contents"] if s["name"] == "Café"]
    assert first["id"] == str(cafe.uuid) and uuid.UUID(first["organization_id"])
    assert first["status"] == "active"
    assert {language["code"] for language in first["languages"]} == {"sv", "ar"}
    [schedule] = first["schedules"]
    assert (schedule["freq"], schedule["byday"], schedule["opens_at"]) == ("WEEKLY", "TU", "18:00")
    [at] = first["service_at_locations"]
    address = at["location"]["addresses"][0]
    assert (address["address_1"], address["country"], address["postal_code"]) == (
        "Storgatan 1",
        "SE",
        "831 30",
    )
    assert address["state_province"] == "Jämtlands län"

    only = client.get(f"{API}services?municipality=2309").json()
    assert [s["name"] for s in only["contents"]] == ["Online mentoring"]
    paged = client.get(f"{API}services?per_page=1&page=2").json()
    assert (paged["size"], paged["total_pages"], paged["last_page"]) == (1, 2, True)
    organizations = client.get(f"{API}organizations").json()
    assert {o["name"] for o in organizations["contents"]} == {
        "Association in Östersund",
        "Association in Krokom",
    }


def test_a_bad_api_parameter_is_answered_with_400_naming_it(client):
    response = client.get(f"{API}services?municipality=9999")
    assert response.status_code == 400 and response.json()["parameter"] == "municipality"
    assert "9999" in response.json()["error"]
    for query in ("per_page=0", "per_page=1000", "page=x"):
        response = client.get(f"{API}organizations?{query}")
        assert response.status_code == 400
        assert response.json()["parameter"] == query.split("=")[0]
    response = client.get(f"/sv{API}services?municipality=x".replace("/sv/api", "/api"))
    assert response.status_code == 400


def test_the_api_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for number in range(12):
        activity(f"Activity {number}")
    with django_assert_max_num_queries(8):
        assert client.get(f"{API}services").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"{API}organizations").status_code == 200


def test_the_place_page_and_the_welcome_letter_show_the_municipalitys_activities(client, national):
    from django.test import Client

    from newcomers.services import consent_set
    from welcome.letters.services import letters_send_due
    from welcome.models import LetterTemplate, WelcomeLetter

    from .factories import UserFactory
    from .journeys import onboard

    cafe = activity("Språkcafé", languages=("sv", "ar"))
    activity("Football", category="sports")
    activity("Elsewhere", code="2309")
    html = client.get("/sv/places/jamtlands-lan/ostersund/").content.decode()
    assert 'href="/sv/directory/?municipality=2380"' in html

    LetterTemplate.objects.create(
        municipality=Municipality.objects.get(code="2380"),
        language="sv",
        subject="Välkommen",
        body="<p>Hej {first_name}!</p><p>{associations}</p>",
    )
    user = UserFactory(display_name="Ada", preferred_language="sv")
    onboard(Client(), user, arrival_days=10)
    consent_set(user=user, kind="municipality_contact", given=True)
    letters_send_due()
    body = WelcomeLetter.objects.get().body_html
    assert "<h3>Språkträning</h3>" in body and "<h3>Idrott</h3>" in body
    assert f"/sv/directory/{cafe.uuid}/" in body and "Elsewhere" not in body


def test_the_whole_directory_exports_in_one_file(client, django_assert_max_num_queries):
    for number in range(6):
        activity(f"Activity {number}")
    activity("Draft", state="draft")
    with django_assert_max_num_queries(10):
        response = client.get(f"{API}export")
    assert response["Content-Disposition"].startswith("attachment")
    data = response.json()
    assert len(data["services"]) == 6 and data["license"]["name"] == "CC BY 4.0"
    assert len(data["organizations"]) == 1
    assert client.get(f"{API}export?municipality=0000").status_code == 400
