"""The seeds' indicators per municipality, region and nation (issue 14): values on
hand-built data where the right answer is known, small numbers suppressed so that no
subtraction gives one away, and the API's answers, refusals and access."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from checklists.models import InstanceItem
from insights.figures import figures
from insights.periods import Quarter
from insights.privacy import THRESHOLD, hidden
from insights.scopes import Scope
from insights.store import quarter_refresh
from municipalities.models import Municipality
from newcomers.models import NewcomerProfile

from .factories import OfficerFactory, UserFactory, mfa_session, totp_for
from .journeys import onboard

Q3 = Quarter(2026, 3)
IN_Q3 = timezone.make_aware(timezone.datetime(2026, 8, 14, 10, 0))
JAMTLAND = ("2380", "2321", "2309", "2303", "2305", "2313", "2326", "2361")


def newcomers(code: str, count: int, *, registered=IN_Q3, arrival=date(2026, 8, 1)) -> list:
    municipality = Municipality.objects.get(code=code)
    made = []
    for _ in range(count):
        profile = NewcomerProfile.objects.create(
            user=UserFactory(),
            citizenship="third_country",
            purpose="work",
            stay_months=24,
            arrival_date=arrival,
            municipality=municipality,
        )
        NewcomerProfile.objects.filter(pk=profile.pk).update(created_at=registered)
        made.append(profile)
    return made


def api(client, scope: str, period: str = "2026Q3"):
    return client.get("/api/indicators/", {"scope": scope, "period": period})


def test_counts_by_municipality_region_and_nation(geography):
    newcomers("2380", 7)
    newcomers("2321", 6)
    newcomers("1480", 5)  # Göteborg
    newcomers("2380", 3, registered=IN_Q3 - timedelta(days=90))  # the quarter before
    registered = {
        scope: figures(Scope.parse(scope), Q3)["newcomers_registered"].as_json()
        for scope in ("municipality:2380", "municipality:2321", "region:23", "nation")
    }
    assert registered == {
        "municipality:2380": {"value": 7, "suppressed": False},
        "municipality:2321": {"value": 6, "suppressed": False},
        "region:23": {"value": 13, "suppressed": False},
        "nation": {"value": 18, "suppressed": False},
    }


def test_a_small_count_is_suppressed_and_no_subtraction_gives_it_away(geography):
    """Every Jämtland municipality but one has five or more; that one has two. Shown
    alone, the region's total less the others would be its number."""
    for code in JAMTLAND[:-1]:
        newcomers(code, 5 + JAMTLAND.index(code))
    newcomers(JAMTLAND[-1], 2)
    shown = {
        code: figures(Scope.parse(f"municipality:{code}"), Q3)["newcomers_registered"]
        for code in JAMTLAND
    }
    total = figures(Scope.parse("region:23"), Q3)["newcomers_registered"]
    assert not total.suppressed
    assert shown[JAMTLAND[-1]].suppressed and shown[JAMTLAND[-1]].value is None
    assert shown["2380"].suppressed  # the smallest shown part goes with it
    hidden_parts = [code for code, figure in shown.items() if figure.suppressed]
    left = total.value - sum(f.value for f in shown.values() if not f.suppressed)
    assert len(hidden_parts) == 2  # the attack learns only their sum, 7
    assert left == 2 + 5


def test_the_suppression_rule():
    assert hidden({"a": 9, "b": 4, "c": 12}) == {"b", "a"}  # a lone small part takes one more
    assert hidden({"a": 9, "b": 4, "c": 0}) == {"b", "c"}  # two hidden: only their sum
    assert hidden({"a": 9, "b": 5}) == set()
    assert hidden({"a": 4}) == {"a"}
    assert THRESHOLD == 5


JULY_FIRST = date(2026, 7, 1)


def _registered_after(profile, days: int) -> None:
    """The population registration step marked done ``days`` after arrival (1 July)."""
    moment = timezone.make_aware(timezone.datetime(2026, 7, 1, 12, 0)) + timedelta(days=days)
    rows = InstanceItem.objects.filter(instance__newcomer=profile, key="population-registration")
    assert rows.update(done_at=moment) == 1


def test_median_days_to_population_registration_and_completion(national, geography):
    people = []
    for _ in range(5):
        user = UserFactory()
        onboard(Client(), user)
        people.append(NewcomerProfile.objects.get(user=user))
    NewcomerProfile.objects.filter(pk__in=[p.pk for p in people]).update(arrival_date=JULY_FIRST)
    for profile, days in zip(people, (10, 20, 30, 40, 50), strict=True):
        _registered_after(profile, days)
    scope = Scope.parse("municipality:2380")
    shown = figures(scope, Q3)
    assert shown["median_days_to_population_registration"].as_json() == {
        "value": 30,
        "suppressed": False,
    }
    steps = InstanceItem.objects.filter(instance__newcomer__in=people, state="active")
    assert shown["journey_completion_rate"].value == round(5 / steps.count(), 3)
    assert shown["newcomers_arrived"].as_json() == {"value": 5, "suppressed": False}


def test_a_share_on_fewer_than_five_is_suppressed(national, geography):
    user = UserFactory()
    onboard(Client(), user, arrival_days=-40)
    arrival = NewcomerProfile.objects.get(user=user).arrival_date
    completion = figures(Scope.parse("nation"), Quarter.containing(arrival))
    assert completion["journey_completion_rate"].as_json() == {"value": None, "suppressed": True}
    assert completion["still_in_sweden_12m"].as_json() == {"value": None, "suppressed": True}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"scope": "municipality:9999", "period": "2026Q3"}, "scope"),
        ({"scope": "county:23", "period": "2026Q3"}, "scope"),
        ({"scope": "nation:1", "period": "2026Q3"}, "scope"),
        ({"period": "2026Q3"}, "scope"),
        ({"scope": "nation", "period": "2026Q5"}, "period"),
        ({"scope": "nation", "period": "2026-Q3"}, "period"),
        ({"scope": "nation", "period": "2099Q1"}, "period"),  # has not begun
        ({"scope": "nation", "period": "0001Q1"}, "period"),  # long before Landa
        ({"scope": "nation"}, "period"),
    ],
)
def test_an_invalid_scope_or_period_is_refused_naming_it(client, geography, query, parameter):
    response = client.get("/api/indicators/", query, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == parameter
    assert body["error"].startswith(parameter)  # with the parameter's name
    english = client.get("/api/indicators/", query, HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["error"] != english["error"]  # in the reader's language


def test_the_api_answers_every_indicator(client, geography, django_assert_max_num_queries):
    newcomers("2380", 5)
    quarter_refresh(Q3)  # as the beat does
    with django_assert_max_num_queries(5):  # the figures as computed, whatever the data
        body = api(client, "region:23").json()
    assert body["scope"] == "region:23" and body["period"] == "2026Q3"
    assert set(body["indicators"]) == {
        "newcomers_registered", "newcomers_arrived", "journey_completion_rate",
        "median_days_to_population_registration", "partner_in_work_or_study_12m",
        "still_in_sweden_12m", "still_in_municipality_12m", "still_in_sweden_36m",
        "smes_participating", "readiness_score_median", "job_postings_english_ok_share",
        "international_hires", "soft_landing_participants", "welcome_letters_sent",
        "newcomer_satisfaction", "employer_satisfaction",
    }  # fmt: skip
    assert body["indicators"]["newcomers_registered"] == {"value": 5, "suppressed": False}


def test_a_municipalitys_figures_are_for_its_officers_and_its_regions(geography):
    newcomers("2380", 6)
    stranger, visitor = Client(), Client()
    stranger.force_login(UserFactory())
    assert api(visitor, "municipality:2380").status_code == 403
    assert api(stranger, "municipality:2380").status_code == 403
    assert api(visitor, "region:23").status_code == 200  # published for everyone

    neighbour = OfficerFactory(municipality=Municipality.objects.get(code="2321")).user
    officer = Client()
    officer.force_login(neighbour)
    assert api(officer, "municipality:2380").status_code == 403  # another municipality
    assert api(officer, "municipality:2321").status_code == 200

    jamtland = Municipality.objects.get(code="2380").region
    regional = OfficerFactory(municipality=None, region=jamtland).user
    officer.force_login(regional)
    answer = api(officer, "municipality:2380")
    assert answer.status_code == 200
    assert answer.json()["indicators"]["newcomers_registered"]["value"] == 6
    assert api(officer, "municipality:1480").status_code == 403  # another region's


def test_small_employers_taking_part_and_the_median_readiness(geography):
    from employers.models import Assessment, Organization

    ostersund = Municipality.objects.get(code="2380")
    for number, (size, overall) in enumerate(
        [("1-9", 40), ("10-49", 50), ("1-9", 60), ("50-249", 70), ("10-49", 80), ("250+", 100)]
    ):
        employer = Organization.objects.create(
            org_number=f"55660000{number:02d}",
            name=f"Employer {number}",
            size_class=size,
            sector="C",
            municipality=ostersund,
        )
        Assessment.objects.create(
            organization=employer, completed_at=IN_Q3, scores={"overall": overall}
        )
    Organization.objects.create(  # no check, job or hire this quarter
        org_number="5566000099", name="Quiet AB", size_class="1-9", sector="C",
        municipality=ostersund,
    )  # fmt: skip
    shown = figures(Scope.parse("municipality:2380"), Q3)
    assert shown["smes_participating"].as_json() == {"value": 5, "suppressed": False}
    assert shown["readiness_score_median"].as_json() == {"value": 65.0, "suppressed": False}
    assert figures(Scope.parse("municipality:2380"), Q3.next)["smes_participating"].suppressed


def test_the_dashboard_is_for_officers_and_staff_and_their_places(geography):
    from insights.views import _cell

    officer = OfficerFactory(municipality=Municipality.objects.get(code="2321"))
    totp_for(officer.user)
    visitor = Client()
    answer = visitor.get("/en/indicators/dashboard/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]
    answer = visitor.get("/en/indicators/dashboard.csv")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]
    newcomer = Client()
    newcomer.force_login(UserFactory())  # no officer, no staff
    assert newcomer.get("/en/indicators/dashboard/").status_code == 403
    assert newcomer.get("/en/indicators/dashboard.csv").status_code == 403
    signed = Client()
    signed.force_login(officer.user)
    mfa_session(signed, officer.user)
    page = signed.get(
        "/en/indicators/dashboard/", {"scope": "municipality:2380", "period": "2026Q3"}
    )
    assert page.status_code == 400  # not one of their places
    assert "Choose one of the places in the list." in page.content.decode()
    assert (
        signed.get("/en/indicators/dashboard.csv", {"scope": "municipality:2380"}).status_code
        == 400
    )
    own = signed.get("/en/indicators/dashboard/", {"period": "2026Q3"})
    assert own.status_code == 200 and "Åre" in own.content.decode()
    assert _cell('=HYPERLINK("x")') == """'=HYPERLINK("x")"""
    assert _cell("-2") == "'-2" and _cell("Åre") == "Åre"


def test_the_public_page_shows_the_nations_headline_figures(
    client, geography, django_assert_num_queries
):
    page = client.get("/sv/indicators/")
    assert page.status_code == 200
    assert "Nyinflyttade som har kommit" in page.content.decode()
    with django_assert_num_queries(0):  # kept for visitors, drawn again each hour
        assert client.get("/sv/indicators/").status_code == 200


def test_the_chart_runs_the_way_the_page_reads_and_describes_itself():
    import re

    from django.utils import translation

    from insights.charts import bars_svg
    from insights.figures import Figure

    points = [(Quarter(2026, n), Figure(5 * n, False)) for n in (1, 2, 3)]
    points.append((Quarter(2026, 4), Figure(None, True)))

    def first_quarter_at(svg: str) -> float:
        return float(re.search(r'<text x="([\d.]+)"[^>]*>2026Q1</text>', svg).group(1))

    with translation.override("en"):
        ltr = bars_svg("chart", "Newcomers arrived", points)
    with translation.override("ar"):
        rtl = bars_svg("chart", "Newcomers arrived", points)
    assert first_quarter_at(ltr) < first_quarter_at(rtl)
    assert (
        '<desc id="chart-desc">2026Q1: 5; 2026Q2: 10; 2026Q3: 15; 2026Q4: fewer than 5</desc>'
        in ltr
    )
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in ltr


def test_staff_see_every_place_with_bounded_queries(geography, django_assert_max_num_queries):
    staff = UserFactory(is_staff=True)
    totp_for(staff)
    signed = Client()
    signed.force_login(staff)
    mfa_session(signed, staff)
    newcomers("2380", 5)
    for quarter in (Q3, Q3.previous, Q3.previous.previous, Q3.previous.previous.previous):
        quarter_refresh(quarter)  # as the beat does
    # The session, the places, and three queries for every quarter charted (and the
    # occupations), whatever the data.
    with django_assert_max_num_queries(12):
        page = signed.get("/en/indicators/dashboard/", {"scope": "region:23", "period": "2026Q3"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="nation"' in html and 'value="municipality:1480"' in html


def test_a_table_of_counts_leaves_no_lone_suppressed_cell_in_any_row_or_column():
    from insights.privacy import hidden_cells

    table = {
        ("A", "x"): 10, ("A", "y"): 2,
        ("B", "x"): 6, ("B", "y"): 7,
        ("C", "x"): 8, ("C", "y"): 9,
    }  # fmt: skip
    hide = hidden_cells(table, set(), columns=True)
    assert hide == {("A", "y"), ("A", "x"), ("B", "y"), ("B", "x")}
    assert hidden_cells(table, {"C"}, columns=False) >= {("C", "x"), ("C", "y")}


def test_hires_by_occupation_give_no_cell_away_by_subtraction(geography, occupations):
    """Hires in five Jämtland municipalities by occupation, one of them with a count of
    two. Every published total (a municipality's hires, a region's hires of one
    occupation) with the published parts under it must leave two suppressed cells or
    none: a lone one would be the total less the others."""
    from employers.models import Hire, Occupation, Organization

    from .test_employers import number

    nurse, developer = Occupation.objects.filter(code__in=["2221", "2512"]).order_by("code")
    plan = {"2380": (9, 6), "2321": (7, 2), "2309": (6, 5), "2303": (5, 8), "2305": (12, 7)}
    for index, (code, counts) in enumerate(plan.items()):
        organization = Organization.objects.create(
            org_number=number(f"55667788{index}"),
            name=f"Employer {code}",
            size_class="10-49",
            sector="C",
            municipality=Municipality.objects.get(code=code),
        )
        for occupation, count in zip((nurse, developer), counts, strict=True):
            for n in range(count):
                Hire.objects.create(
                    organization=organization,
                    email=f"{code}-{occupation.code}-{n}@example.org",
                    role_title=str(occupation.name),
                    occupation=occupation,
                )
    quarter = Quarter.current()
    region = figures(Scope.parse("region:23"), quarter)
    by_place = {code: figures(Scope.parse(f"municipality:{code}"), quarter) for code in JAMTLAND}
    region_parts = {part: f for part, _name, f in region.parts["international_hires"]}
    assert region_parts["2221"].value == 39 and region_parts["2512"].value == 28
    for code, shown in by_place.items():  # a municipality's total and its parts
        parts = [f for _part, _name, f in shown.parts["international_hires"]]
        if not shown["international_hires"].suppressed:
            assert sum(f.suppressed for f in parts) != 1, code
    for occupation in ("2221", "2512"):  # the region's part and its municipalities'
        column = [
            next(f for part, _name, f in shown.parts["international_hires"] if part == occupation)
            for shown in by_place.values()
        ]
        assert sum(f.suppressed for f in column) != 1, occupation
    parts = {p: f for p, _n, f in by_place["2321"].parts["international_hires"]}
    assert parts["2512"].suppressed  # the two
    body = Client().get("/api/indicators/", {"scope": "region:23", "period": str(quarter)})
    assert body.json()["indicators"]["international_hires"]["parts"]["2221"] == {
        "value": 39,
        "suppressed": False,
    }
