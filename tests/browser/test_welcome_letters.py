"""Welcome letters in a browser: an editor writes and previews a letter, an officer
prepares a print run from a CSV and downloads it, a newcomer reads their letter and
downloads it as PDF; every page fits a phone and axe finds nothing, in every language."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from municipalities.models import Municipality
from newcomers.services import consent_set
from welcome.letters.services import letters_send_due
from welcome.models import LetterTemplate, PrintRun

from ..factories import OfficerFactory, UserFactory, totp_for
from ..journeys import onboard
from ..pages import LANGUAGES
from .session import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = "name;address;postal_code;city;language\nSam Example;Storgatan 1;831 30;Östersund;ar\n"


def width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_an_editor_writes_previews_and_saves_a_letter(browser, live_server, national, geography):
    editor = OfficerFactory(role="editor")
    totp_for(editor.user)
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server, editor.user)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/municipalities/desk/")
    page.get_by_role("link", name="Welcome letters: write them").click()
    page.get_by_role("link", name="Swedish").click()
    page.get_by_label("Subject").fill("Välkommen, {first_name}")
    page.get_by_label("Letter").fill("Hej {first_name}!\n\nVälkommen till {municipality}.")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".letter-body")).to_contain_text("Hej Alex!")
    expect(page.locator(".letter-body")).to_contain_text("Välkommen till Östersund.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The letter is saved.")).to_be_visible()
    assert LetterTemplate.objects.get().body == (
        "<p>Hej {first_name}!</p><p>Välkommen till {municipality}.</p>"
    )
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_letter_pages_fit_a_phone_and_axe_finds_nothing(
    browser, live_server, axe_check, national, geography, language, tmp_path
):
    ostersund = Municipality.objects.get(code="2380")
    LetterTemplate.objects.create(
        municipality=ostersund,
        language="sv",
        subject="Välkommen, {first_name}",
        body="<p>Hej {first_name}!</p><p>{welcome_events}</p>",
    )
    person = UserFactory(email="reader@example.org", display_name="Ada")
    onboard(Client(), person, arrival_days=10)
    consent_set(user=person, kind="municipality_contact", given=True)
    assert letters_send_due() == 1
    editor = OfficerFactory(role="editor")
    totp_for(editor.user)

    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, editor.user)
    page = context.new_page()
    base = f"{live_server.url}/{language}/municipalities/desk/letters/"
    for path in ["", "2380/sv/"]:
        page.goto(base + path)
        assert width(page) <= 390, path
        axe_check(page)
    csv_file = tmp_path / "residents.csv"
    csv_file.write_text(CSV)
    page.goto(base)
    page.locator("input[type=file]").set_input_files(str(csv_file))
    page.locator("#print ~ form button[type=submit]").click()
    run = PrintRun.objects.get()
    expect(page).to_have_url(f"{base}print/{run.pk}/")
    assert width(page) <= 390
    axe_check(page)
    with page.expect_download() as download:
        page.locator(f"a[href$='print/{run.pk}/letters.pdf']").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    context.close()

    context = browser.new_context(viewport={"width": 390, "height": 844})
    sign_in(context, live_server, person)
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/newcomers/letters/")
    expect(page.locator(".letter-body")).to_contain_text("Hej Ada!")
    assert width(page) <= 390
    axe_check(page)
    with page.expect_download() as download:
        page.locator("a[href$='letter.pdf']").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    context.close()
