"""Place pages: a region's and each municipality's, their fallbacks (municipal, then
regional, then Landa's national guide, each saying so), their editors, their seed."""

from __future__ import annotations

import csv
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from checklists.models import ChecklistItem, ChecklistTemplate
from municipalities.models import Municipality, PlacePage, Region
from municipalities.places.forms import PlacePageForm
from municipalities.places.seed import DATA_FILE, place_pages_seed

from .factories import OfficerFactory, UserFactory, sign_in_with_mfa
from .journeys import onboard

pytestmark = pytest.mark.django_db

OSTERSUND = "/en/places/jamtlands-lan/ostersund/"
JAMTLAND = "/en/places/jamtlands-lan/"
OSTERSUND_EDIT = OSTERSUND + "edit/"
JAMTLAND_EDIT = JAMTLAND + "edit/"


def section(html: str, key: str) -> str:
    """The HTML of one section of a place page."""
    match = re.search(rf'<section id="{key}"[^>]*>(.*?)</section>', html, re.S)
    assert match, f"no section {key}"
    return match.group(1)


def page_of(code: str, **texts) -> PlacePage:
    place = Municipality.objects.get(code=code) if len(code) == 4 else None
    region = Region.objects.get(code=code) if len(code) == 2 else None
    return PlacePage.objects.create(municipality=place, region=region, **texts)


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- Fallbacks -------------------------------------------------------------------------


def test_a_municipality_shows_its_own_section(client, geography, guides):
    page_of("2380", housing_en="Ask the housing companies about vacant flats.")
    housing = section(get(client, OSTERSUND), "housing")
    assert "Ask the housing companies about vacant flats." in housing
    assert "From " not in housing


def test_an_empty_municipal_section_falls_back_to_the_region_saying_so(client, geography, guides):
    page_of("2380", housing_en="Our own text.")
    page_of("23", health_en="The region runs the health centres.")
    health = section(get(client, OSTERSUND), "health")
    assert "The region runs the health centres." in health
    assert "From <a" in health and "<bdi>Region Jämtland Härjedalen</bdi>" in health
    assert 'href="/en/places/jamtlands-lan/"' in health


def test_a_section_empty_for_both_falls_back_to_the_national_guide_saying_so(
    client, geography, guides
):
    page_of("2380", welcome_en="Welcome!")
    page_of("23", health_en="Region text.")
    housing = section(get(client, OSTERSUND), "housing")
    assert "From Landa's national guide" in housing
    assert 'href="/en/newcomers/guides/housing/">Finding a home</a>' in housing
    assert "How renting works in Sweden" in housing  # the guide's summary


def test_a_section_with_no_guide_says_nothing_is_written_and_sends_to_the_website(
    client, geography, guides
):
    page_of("2380", website="https://www.ostersund.se/")
    transport = section(get(client, OSTERSUND), "transport")
    assert "Nothing has been written about this here yet." in transport
    assert 'href="https://www.ostersund.se/"' in transport


def test_a_region_section_falls_back_to_the_national_guide(client, geography, guides):
    page_of("23", welcome_en="Welcome to the county.")
    html = get(client, JAMTLAND)
    assert "Welcome to the county." in section(html, "welcome")
    school = section(html, "school")
    assert 'href="/en/newcomers/guides/family-and-school/"' in school
    assert "From Landa's national guide" in school


def test_a_text_written_only_in_swedish_is_shown_and_marked_as_swedish(client, geography, guides):
    page_of("2380", work_sv="Lediga jobb finns i Platsbanken.")
    work = section(get(client, "/ar/places/jamtlands-lan/ostersund/"), "work")
    assert '<div class="place-text" lang="sv" dir="ltr">' in work
    assert "Lediga jobb finns i Platsbanken." in work


def test_the_health_section_names_the_region_and_1177_everywhere(client, geography, guides):
    health = section(get(client, "/en/places/skane-lan/ystad/"), "health")
    assert "Health care here is run by <bdi>Region Skåne</bdi>" in health
    assert 'href="https://www.1177.se/"' in health and "call 112" in health


# --- The 282 others: official facts and fallbacks only ----------------------------------


def test_only_jamtland_has_pages_written_and_the_others_show_only_official_facts(
    client, geography, guides
):
    place_pages_seed()
    assert (
        not PlacePage.objects.exclude(municipality__region__code="23")
        .exclude(region__code="23")
        .exists()
    )
    assert PlacePage.objects.filter(municipality__isnull=False).count() == 8
    others = Municipality.objects.exclude(region__code="23").select_related("region")
    assert others.count() == 282
    for municipality in others.filter(code__in=["0180", "1480", "2584", "1286", "0980"]):
        html = get(client, municipality.get_absolute_url())
        assert f"<h1>{municipality.name}</h1>" in html
        assert f"<dd>{municipality.code}</dd>" in html
        assert municipality.region.name in html and municipality.region.regional_body in html
        assert "has not written its own page on Landa yet" in html
        assert 'class="place-text"' not in html  # nothing but the national guides
        assert "has not added its contact details to Landa yet" in html
        assert "Checked on" not in html and "https://www." not in html.replace(
            "https://www.1177.se/", ""
        )


def test_the_region_lists_its_municipalities_in_swedish_order(client, geography):
    html = section(get(client, JAMTLAND), "municipalities")
    names = re.findall(r'<a href="/en/places/jamtlands-lan/[^"]+/">([^<]+)</a>', html)
    assert names == [
        "Berg",
        "Bräcke",
        "Härjedalen",
        "Krokom",
        "Ragunda",
        "Strömsund",
        "Åre",
        "Östersund",
    ]


def test_a_municipality_in_another_county_is_not_found(client, geography):
    assert client.get("/en/places/stockholms-lan/ostersund/").status_code == 404
    assert client.get("/en/places/no-such-county/").status_code == 404


def test_a_page_of_both_or_neither_place_is_refused_by_the_database(geography):
    ostersund = Municipality.objects.get(code="2380")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacePage.objects.create(municipality=ostersund, region=ostersund.region)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacePage.objects.create()


# --- The municipality's own steps -----------------------------------------------------------


def own_steps(municipality: Municipality, *keys: str, active: bool = True) -> None:
    template = ChecklistTemplate.objects.create(
        kind="newcomer_journey",
        layer="municipal",
        owner_type=ContentType.objects.get_for_model(Municipality),
        owner_id=municipality.pk,
        name_sv="Egna steg",
        is_active=active,
    )
    for key in keys:
        ChecklistItem.objects.create(
            template=template, key=key, title_en=f"Step {key}", title_sv=key, phase="first_weeks"
        )


def test_own_steps_are_listed_and_linked_to_their_public_page_when_they_have_one(
    client, geography, national
):
    ostersund = Municipality.objects.get(code="2380")
    own_steps(ostersund, "preschool-place", "ostersund-welcome-meeting")
    own_steps(Municipality.objects.get(code="2309"), "krokom-only")
    steps = section(get(client, OSTERSUND), "own-steps")
    assert '<a href="/en/newcomers/steps/preschool-place/">Step preschool-place</a>' in steps
    assert "<li>Step ostersund-welcome-meeting</li>" in steps  # no public page: no link
    assert "krokom-only" not in steps


def test_an_inactive_template_shows_no_steps(client, geography, national):
    own_steps(Municipality.objects.get(code="2380"), "retired-step", active=False)
    steps = section(get(client, OSTERSUND), "own-steps")
    assert "retired-step" not in steps
    assert "has not added steps of its own to Landa yet" in steps


# --- Editors ----------------------------------------------------------------------------


def editor(code: str = "2380", **kwargs):
    municipality = Municipality.objects.get(code=code)
    return OfficerFactory(
        municipality=municipality, region=municipality.region, role="editor", **kwargs
    )


def region_editor(code: str = "23"):
    return OfficerFactory(municipality=None, region=Region.objects.get(code=code), role="editor")


def form_data(page: PlacePage | None = None, **changes) -> dict[str, str]:
    """What the edit form posts: every field as it stands, with ``changes``."""
    form = PlacePageForm(instance=page or PlacePage())
    data = {name: form[name].value() or "" for name in form.fields}
    data["checked_on"] = timezone.localdate().isoformat()
    data.update(changes)
    return data


def test_an_editor_edits_their_page_and_it_shows_the_text_and_date_checked(
    client, geography, guides
):
    sign_in_with_mfa(client, editor().user)
    form = get(client, OSTERSUND_EDIT)
    for language in ("sv", "en", "ar", "uk"):
        assert f'name="welcome_{language}"' in form
    assert 'lang="ar" dir="rtl"' in form
    response = client.post(
        OSTERSUND_EDIT,
        form_data(
            welcome_en="Welcome to Östersund.\n\nA second paragraph.",
            welcome_sv="Välkommen till Östersund.",
            contact_name_en="Contact centre",
            contact_email="contact@example.org",
            checked_on="2026-11-20",
        ),
    )
    assert response.status_code == 302 and response["Location"] == OSTERSUND
    page = PlacePage.objects.get(municipality__code="2380")
    assert page.checked_on.isoformat() == "2026-11-20"
    assert page.review_due_on == page.checked_on + timedelta(days=365)
    html = get(client, OSTERSUND)
    assert "<p>Welcome to Östersund.</p>\n\n<p>A second paragraph.</p>" in html
    assert '<time datetime="2026-11-20">20 November 2026</time>' in html
    assert "<h3>Contact centre</h3>" in html and "mailto:contact@example.org" in html
    assert 'href="/en/places/jamtlands-lan/ostersund/edit/"' in html  # the editor's link
    swedish = get(client, "/sv/places/jamtlands-lan/ostersund/")
    assert "Välkommen till Östersund." in swedish


def test_a_region_editor_keeps_the_region_page_and_its_municipalities(client, geography):
    sign_in_with_mfa(client, region_editor().user)
    assert client.post(JAMTLAND_EDIT, form_data(health_en="Regional text.")).status_code == 302
    krokom = "/en/places/jamtlands-lan/krokom/edit/"
    assert client.post(krokom, form_data(work_en="Krokom text.")).status_code == 302
    assert PlacePage.objects.get(region__code="23").health_en == "Regional text."
    assert PlacePage.objects.get(municipality__code="2309").work_en == "Krokom text."
    assert client.get("/en/places/stockholms-lan/edit/").status_code == 404
    assert client.get("/en/places/stockholms-lan/solna/edit/").status_code == 404


def test_an_officer_who_is_not_an_editor_is_refused(client, geography):
    officer = OfficerFactory(municipality=Municipality.objects.get(code="2380"))
    sign_in_with_mfa(client, officer.user)
    assert client.get(OSTERSUND_EDIT).status_code == 403
    assert client.post(OSTERSUND_EDIT, form_data(welcome_en="x")).status_code == 403
    assert not PlacePage.objects.exists()
    assert "/edit/" not in get(client, OSTERSUND)


def test_an_editor_of_krokom_finds_nothing_to_edit_in_ostersund_or_the_region(client, geography):
    sign_in_with_mfa(client, editor("2309").user)
    assert client.get(OSTERSUND_EDIT).status_code == 404
    assert client.post(OSTERSUND_EDIT, form_data(welcome_en="x")).status_code == 404
    assert client.get(JAMTLAND_EDIT).status_code == 404
    assert not PlacePage.objects.exists()
    assert "/edit/" not in get(client, OSTERSUND)


def test_a_newcomer_is_refused(client, geography, national):
    onboard(client, UserFactory())
    assert client.get(OSTERSUND_EDIT).status_code == 403
    assert client.get(JAMTLAND_EDIT).status_code == 403


def test_a_stranger_is_sent_to_sign_in(client, geography):
    response = client.get(OSTERSUND_EDIT)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert client.post(OSTERSUND_EDIT, form_data(welcome_en="x")).status_code == 302
    assert not PlacePage.objects.exists()


def test_an_editor_whose_session_has_not_passed_a_second_factor_is_asked_for_one(client, geography):
    client.force_login(editor().user)
    response = client.get(OSTERSUND_EDIT)
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]
    client.post(OSTERSUND_EDIT, form_data(welcome_en="x"))
    assert not PlacePage.objects.exists()


def test_typed_markup_comes_out_escaped(client, geography):
    sign_in_with_mfa(client, editor().user)
    client.post(
        OSTERSUND_EDIT,
        form_data(
            welcome_en="<script>alert(1)</script>",
            housing_en='<img src=x onerror="alert(1)">',
            contact_name_en="<b onmouseover=alert(1)>Office</b>",
            opening_hours_en="<script>alert(2)</script>",
        ),
    )
    html = get(client, OSTERSUND)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;b onmouseover=alert(1)&gt;Office&lt;/b&gt;" in html
    assert "<script" not in html and "<img src=x" not in html and "<b onmouseover" not in html


def test_over_long_text_is_refused_with_a_clear_error_and_nothing_typed_is_lost(client, geography):
    sign_in_with_mfa(client, editor().user)
    too_long = "Lots to say. " * 400  # 5,200 characters
    response = client.post(
        OSTERSUND_EDIT, form_data(welcome_uk=too_long, housing_en="Kept as typed.")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please correct the following" in html
    assert "Ukrainian: Welcome: Ensure this value has at most 4000 characters" in html
    assert too_long.strip() in html and "Kept as typed." in html
    assert 'maxlength="4000"' not in html  # the browser does not cut it silently
    assert not PlacePage.objects.exists()


def test_the_date_checked_cannot_be_in_the_future(client, geography):
    sign_in_with_mfa(client, editor().user)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(OSTERSUND_EDIT, form_data(checked_on=tomorrow))
    assert response.status_code == 400
    assert "The date checked cannot be in the future." in response.content.decode()


# --- Queries ----------------------------------------------------------------------------


@pytest.fixture
def crowded(geography, national, guides):
    """Every municipality and region with a page, and Östersund with many own steps."""
    place_pages_seed()
    PlacePage.objects.bulk_create(
        [
            PlacePage(municipality=municipality, welcome_en="Hello.")
            for municipality in Municipality.objects.exclude(region__code="23")
        ]
        + [PlacePage(region=region) for region in Region.objects.exclude(code="23")]
    )
    own_steps(
        Municipality.objects.get(code="2380"), "preschool-place", *[f"s{i}" for i in range(30)]
    )


def test_a_municipality_page_makes_a_bounded_number_of_queries(
    client, crowded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        get(client, OSTERSUND)
    sign_in_with_mfa(client, editor().user)
    with django_assert_max_num_queries(12):
        get(client, OSTERSUND)


def test_a_region_page_makes_a_bounded_number_of_queries(
    client, crowded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        get(client, "/en/places/vastra-gotalands-lan/")
    with django_assert_max_num_queries(4):
        get(client, JAMTLAND)


# --- Links ----------------------------------------------------------------------------


def test_the_municipality_area_links_to_the_place_pages(client, geography):
    assert 'href="/en/places/"' in get(client, "/en/municipalities/")
    county = get(client, "/en/municipalities/jamtlands-lan/")
    assert 'href="/en/places/jamtlands-lan/"' in county
    assert 'href="/en/places/jamtlands-lan/ostersund/">Östersund</a>' in county
    index = get(client, "/en/places/")
    assert 'href="/en/places/jamtlands-lan/">Jämtland County</a>' in index


# --- Seed -------------------------------------------------------------------------------


def snapshot() -> list[dict]:
    return list(PlacePage.objects.order_by("pk").values())


def test_seed_demo_twice_changes_nothing_and_keeps_an_editors_edit(db):
    call_command("seed_demo", verbosity=0)
    assert PlacePage.objects.count() == 9
    page = PlacePage.objects.get(municipality__code="2380")
    page.welcome_en = "Written by our editor."
    page.save()
    before = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == before
    assert PlacePage.objects.get(municipality__code="2380").welcome_en == "Written by our editor."


def test_seeded_pages_name_their_source_and_the_day_they_were_checked(client, db):
    call_command("seed_demo", verbosity=0)
    html = get(client, OSTERSUND)
    assert '<time datetime="2026-11-23">23 November 2026</time>' in html
    assert 'href="https://www.ostersund.se/"' in html and "Östersund Municipality" in html
    assert "Welcome to Östersund!" in html
    assert "From <a" in section(html, "health")  # the region's text
    region = PlacePage.objects.get(region__code="23")
    assert region.review_due_on.isoformat() == "2027-11-23"


DATA = json.loads(Path(DATA_FILE).read_text(encoding="utf-8"))
LANGUAGES = ("sv", "en", "ar", "uk")


def test_the_data_file_covers_jamtland_with_official_codes_in_every_language():
    codes = {e["code"] for e in DATA["municipalities"]}
    csv_file = Path(DATA_FILE).parent / "municipalities.csv"
    with csv_file.open(encoding="utf-8") as handle:
        official = {row["municipality_code"] for row in csv.DictReader(handle)}
    assert codes == {"2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380"}
    assert codes <= official
    assert [e["code"] for e in DATA["regions"]] == ["23"]
    assert "general knowledge on 2026-11-23" in DATA["note"]
    for entry in [*DATA["regions"], *DATA["municipalities"]]:
        assert re.fullmatch(r"https://www\.[a-z]+\.se/", entry["website"])
        for texts in [entry["source_title"], *entry["sections"].values()]:
            assert all(texts[code].strip() for code in LANGUAGES), entry["code"]


def test_the_data_file_invents_no_phone_numbers_and_says_tjansteperson():
    texts = [
        text
        for entry in [*DATA["regions"], *DATA["municipalities"]]
        for section_texts in entry["sections"].values()
        for text in section_texts.values()
    ]
    for text in texts:
        assert not re.search(r"\d[\d -]{4,}\d", text), text  # no phone numbers
        assert not re.search(r"handläggare|nyanl[äa]nd", text)


def test_staff_keep_any_page_in_the_admin_with_a_tab_per_language(client, geography):
    place_pages_seed()
    sign_in_with_mfa(client, UserFactory(is_staff=True, is_superuser=True))
    page = PlacePage.objects.get(municipality__code="2380")
    html = get(client, f"/en/admin/municipalities/placepage/{page.pk}/change/")
    for language in ("sv", "en", "ar", "uk"):
        assert f'name="welcome_{language}"' in html
    assert "tabbed_translation_fields.js" in html
    assert get(client, "/en/admin/municipalities/placepage/add/")
    PlacePage.objects.filter(municipality__code="2309").update(review_due_on=None)
    page.checked_on = timezone.localdate()
    page.save()
    listed = get(client, "/en/admin/municipalities/placepage/?review=due&place=municipality")
    assert "Krokom" in listed and "Östersund" not in listed
