"""An officer's indicator dashboard in the browser (issue 14): their municipality's
figures, the region's with the keyboard and no JavaScript, the CSV it downloads, and
axe in every language; nothing overflows a phone's width."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from municipalities.models import Municipality
from newcomers.models import NewcomerProfile

from ..factories import OfficerFactory, UserFactory, totp_for
from ..pages import LANGUAGES
from .session import page_width, shot, sign_in, tab_to


def newcomers_this_quarter(code: str, count: int) -> None:
    municipality = Municipality.objects.get(code=code)
    for _ in range(count):
        NewcomerProfile.objects.create(
            user=UserFactory(),
            citizenship="eu_eea",
            purpose="work",
            stay_months=12,
            arrival_date="2026-01-15",
            municipality=municipality,
        )


@pytest.fixture
def officer(geography):
    person = OfficerFactory()  # Östersund
    totp_for(person.user)
    return person


def test_an_officer_reads_the_figures_with_the_keyboard_and_downloads_them(
    browser, live_server, officer
):
    newcomers_this_quarter("2380", 6)
    newcomers_this_quarter("2321", 2)
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    sign_in(context, live_server, officer.user)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/en/municipalities/desk/")
    page.get_by_role("link", name=re.compile("^Indicators")).click()
    quarter = page.get_by_label("Quarter").input_value()
    assert re.fullmatch(r"\d{4}Q[1-4]", quarter)  # the last complete quarter
    page.get_by_label("Quarter").fill(current_quarter())
    tab_to(page, re.compile("^Show$"))
    page.keyboard.press("Enter")
    table = page.get_by_role("table", name="The indicators of Östersund")
    expect(table.get_by_role("row", name=re.compile("^Newcomers registered 6"))).to_be_visible()
    assert page_width(page) <= 390

    page.get_by_label("Place").select_option(label="Jämtland County")
    tab_to(page, re.compile("^Show$"))
    page.keyboard.press("Enter")
    table = page.get_by_role("table", name="The indicators of Jämtland County")
    expect(table.get_by_role("row", name=re.compile("^Newcomers registered 8"))).to_be_visible()
    steps = table.get_by_role("row", name=re.compile("^of which: Before you arrive"))
    expect(steps).to_be_visible()  # the share of steps done, by phase
    shot(page, "dashboard-en-390")
    chart = page.get_by_role("img", name="Newcomers registered")
    expect(chart).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["scope", "period", "key", "indicator", "part", "value", "suppressed"]
    assert any(row[2] == "journey_completion_rate:before_arrival" for row in rows)
    registered = next(row for row in rows if row[2] == "newcomers_registered")
    assert registered == [
        "region:23",
        current_quarter(),
        "newcomers_registered",
        "Newcomers registered",
        "",
        "8",
        "false",
    ]
    context.close()


def current_quarter() -> str:
    from django.utils import timezone

    from insights.periods import Quarter

    return str(Quarter.containing(timezone.localdate()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_the_dashboard(browser, live_server, axe_check, officer, language):
    newcomers_this_quarter("2380", 5)
    context = browser.new_context()
    sign_in(context, live_server, officer.user)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/indicators/dashboard/?period={current_quarter()}")
    expect(page.locator("table.indicator-table").first).to_be_visible()
    shot(page, f"dashboard-{language}-1280")
    axe_check(page)
    page.goto(f"{live_server.url}/{language}/indicators/dashboard/?period=2026Q9")
    expect(page.locator("#period-error")).to_be_visible()
    axe_check(page)
    context.close()
