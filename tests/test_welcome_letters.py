"""Welcome letters: safe templates, sent exactly once through the outbox in the right
language, a newcomer's PDF, print runs from a CSV, and each officer in their own area."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from municipalities.models import Municipality, OfficerAccess
from newcomers.models import NewcomerProfile
from newcomers.services import consent_set
from outbox.models import OutgoingMessage
from welcome.letters.services import letter_send, letters_send_due
from welcome.models import LetterTemplate, PrintLetter, PrintRun, WelcomeLetter

from .factories import OfficerFactory, UserFactory, sign_in_with_mfa
from .journeys import onboard

BODY = "Hej {first_name}!\n\nVälkommen till {municipality} den {arrival_date}.\n\n{welcome_events}"
EDIT = "/en/municipalities/desk/letters/2380/sv/"


def editor_client(code="2380", role="editor") -> tuple[Client, object]:
    officer = OfficerFactory(municipality=Municipality.objects.get(code=code), role=role)
    client = Client()
    sign_in_with_mfa(client, officer.user)
    return client, officer


def template(language="sv", body=BODY, days=14, code="2380") -> LetterTemplate:
    return LetterTemplate.objects.create(
        municipality=Municipality.objects.get(code=code),
        language=language,
        subject="Välkommen, {first_name}",
        body=body,
        contact_name="Välkomstkontoret",
        contact_email="welcome@example.org",
        days_before_arrival=days,
    )


def newcomer(email="new@example.org", language="sv", arrival_days=10, name="Ada Lovelace"):
    user = UserFactory(email=email, display_name=name, preferred_language=language)
    onboard(Client(), user, arrival_days=arrival_days)
    return user


def welcomed(user) -> None:
    """Agree to be contacted, and run what the task this sets off runs."""
    consent_set(user=user, kind="municipality_contact", given=True)
    letters_send_due()


def test_an_unknown_placeholder_or_template_code_is_refused_naming_it(national, geography):
    client, _officer = editor_client()
    for body, named in [
        ("Hej {firstname}", "{firstname}"),
        ("{% load static %}", "{% load static %}"),
        ("Hej {{ user.password }}", "{{ user.password }}"),
    ]:
        response = client.post(EDIT, {"subject": "Hej", "body": body, "days_before_arrival": 14})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Unknown placeholder" in html and named.replace("'", "&#x27;") in html
        assert escape(body) in html  # what was typed is kept
    response = client.post(
        EDIT, {"subject": "Hej {welcome_events}", "body": "x", "days_before_arrival": 14}
    )
    assert "Unknown placeholder: {welcome_events}" in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_an_editor_writes_previews_and_saves_a_clean_letter(national, geography):
    client, officer = editor_client()
    typed = "Hej {first_name}!<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>Välkommen"
    form = {"subject": "Välkommen {first_name}", "body": typed, "days_before_arrival": 14}
    preview = client.post(EDIT, {**form, "preview": "1"}).content.decode()
    assert '<div class="letter-body"><p>Hej Alex!</p><p>Välkommen</p></div>' in preview
    assert not LetterTemplate.objects.exists()  # a preview saves nothing
    assert client.post(EDIT, {**form, "is_active": "on"}).status_code == 302
    saved = LetterTemplate.objects.get()
    assert saved.body == "<p>Hej {first_name}!</p><p>Välkommen</p>"
    assert (saved.version, saved.updated_by) == (1, officer)
    client.post(EDIT, {**form, "body": "Hej igen", "is_active": "on"})
    saved.refresh_from_db()
    assert saved.version == 2


def test_a_consenting_newcomer_gets_the_letter_once_in_their_language(national, geography):
    template("sv")
    template("en", body="Welcome {first_name} to {municipality}")
    user = newcomer(language="sv")
    assert letters_send_due() == 0  # no consent yet
    welcomed(user)
    letter = WelcomeLetter.objects.get()
    assert letter.language == "sv" and not letter.fell_back
    message = OutgoingMessage.objects.get(kind="welcome_letter")
    assert message.recipient == "new@example.org" and message.subject == "Välkommen, Ada"
    assert "Hej Ada!" in message.body_text and "Östersund" in message.body_text
    assert re.search(r"/sv/places/[a-z-]+/ostersund/", message.body_text)  # the place page
    assert "Välkomstkontoret" not in message.body_text  # not asked for by this letter
    # Duplicate tasks, the hourly sweep, a direct second write: nothing more.
    assert letters_send_due() == 0
    assert letters_send_due() == 0
    profile = NewcomerProfile.objects.get(user=user)
    assert letter_send(profile=profile, template=letter.template) is None
    assert OutgoingMessage.objects.filter(kind="welcome_letter").count() == 1


def test_a_later_arrival_waits_and_a_missing_language_falls_back(national, geography):
    template("sv", days=14)
    template("en", body="Welcome {first_name}", days=14)
    user = newcomer(language="uk", arrival_days=40)
    welcomed(user)
    assert not WelcomeLetter.objects.exists()  # 40 days away, sent 14 days before
    from datetime import timedelta

    from django.utils import timezone

    assert letters_send_due(today=timezone.localdate() + timedelta(days=26)) == 1
    letter = WelcomeLetter.objects.get()
    assert (letter.language, letter.wanted_language, letter.fell_back) == ("en", "uk", True)


def test_what_a_newcomer_typed_is_inert_in_the_mail_and_the_pdf(national, geography, client):
    template("sv")
    user = newcomer(name="<img src=x onerror=alert(1)>")
    welcomed(user)
    message = OutgoingMessage.objects.get(kind="welcome_letter")
    assert "<img" not in message.body_html and "&lt;img" in message.body_html
    client.force_login(user)
    page = client.get("/sv/newcomers/letters/").content.decode()
    assert "<img src=x" not in page and "&lt;img" in page
    letter = WelcomeLetter.objects.get()
    pdf = client.get(f"/sv/newcomers/letters/{letter.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_newcomer_sees_only_their_own_letters(national, geography):
    template("sv")
    user = newcomer()
    welcomed(user)
    letter = WelcomeLetter.objects.get()
    other = UserFactory(email="other@example.org")
    client = Client()
    client.force_login(other)
    onboard(client, other)
    assert client.get(f"/sv/newcomers/letters/{letter.pk}/letter.pdf").status_code == 404
    assert "Välkommen" not in client.get("/sv/newcomers/letters/").content.decode()
    anonymous = Client().get(f"/sv/newcomers/letters/{letter.pk}/letter.pdf")
    assert anonymous.status_code == 302
    officer_client, _officer = editor_client()
    assert officer_client.get(f"/sv/newcomers/letters/{letter.pk}/letter.pdf").status_code in (
        302,
        403,
    )


def test_officers_stay_in_their_area(national, geography):
    template("sv")
    user = newcomer()
    welcomed(user)
    letter = WelcomeLetter.objects.get()
    krokom, _ = editor_client(code="2309")
    assert "Ada" not in krokom.get("/en/municipalities/desk/letters/").content.decode()
    assert krokom.get(EDIT).status_code == 404
    assert (
        krokom.post(f"/en/municipalities/desk/letters/sent/{letter.pk}/resend/").status_code == 404
    )
    plain, _ = editor_client(role="officer")
    assert plain.get(EDIT).status_code == 403
    assert "Ada Lovelace" in plain.get("/en/municipalities/desk/letters/").content.decode()
    assert Client().get(EDIT).status_code == 302
    newcomer_client = Client()
    newcomer_client.force_login(user)
    assert newcomer_client.get("/en/municipalities/desk/letters/").status_code == 403


def test_an_officer_resends_and_it_is_logged(national, geography):
    template("sv")
    user = newcomer()
    welcomed(user)
    letter = WelcomeLetter.objects.get()
    client, _officer = editor_client(role="officer")
    response = client.post(f"/en/municipalities/desk/letters/sent/{letter.pk}/resend/")
    assert response.status_code == 302
    assert list(WelcomeLetter.objects.order_by("sequence").values_list("sequence", flat=True)) == [
        0,
        1,
    ]
    assert OutgoingMessage.objects.filter(kind="welcome_letter").count() == 2
    assert OfficerAccess.objects.filter(person=user, action="letter_sent").exists()
    consent_set(user=user, kind="municipality_contact", given=False)
    assert (
        client.post(f"/en/municipalities/desk/letters/sent/{letter.pk}/resend/").status_code == 404
    )


CSV_GOOD = (
    "name;address;postal_code;city;language\n"
    "Sam Example;Storgatan 1;831 30;Östersund;ar\n"
    "Kim Example;Prästgatan 2;83131;Östersund;\n"
    "Ola <script>alert(1)</script>;Gatan 3;831 32;Östersund;uk\n"
)


def upload(client, content: str | bytes, name="residents.csv"):
    return client.post(
        "/en/municipalities/desk/letters/print/",
        {
            "municipality": Municipality.objects.get(code="2380").pk,
            "file": SimpleUploadedFile(
                name,
                content.encode() if isinstance(content, str) else content,
                content_type="text/csv",
            ),
        },
    )


def test_a_bad_csv_is_refused_whole_naming_each_line(national, geography):
    template("sv")
    client, _officer = editor_client(role="officer")
    bad = CSV_GOOD + "Eva;Gatan 4;1234;Östersund;fi\n;Gatan 5;831 33;Östersund;sv\n"
    response = upload(client, bad)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Line 5: the postal code “1234” is not five digits." in html
    assert "Line 5: the language “fi” is not one of ar, en, sv, uk." in html
    assert "Line 6: name is empty." in html
    assert not PrintRun.objects.exists() and not PrintLetter.objects.exists()
    assert (
        "columns name, city are missing"
        in upload(client, "navn;address;postal_code\n").content.decode()
    )
    latin1 = "name,address,postal_code,city\nÅsa,Gatan 1,831 30,Östersund\n".encode("latin-1")
    assert "is not UTF-8 text" in upload(client, latin1).content.decode()


def test_a_good_csv_makes_one_pdf_for_the_print_run(national, geography):
    template("sv")
    template("en", body="Welcome {first_name}")
    client, _officer = editor_client(role="officer")
    response = upload(client, CSV_GOOD)
    assert response.status_code == 302
    run = PrintRun.objects.get()
    assert list(run.letters.values_list("language", "wanted_language")) == [
        ("en", "ar"),
        ("en", ""),
        ("en", "uk"),
    ]
    page = client.get(response["Location"]).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    pdf = client.get(f"/en/municipalities/desk/letters/print/{run.pk}/letters.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    krokom, _ = editor_client(code="2309")
    assert (
        krokom.get(f"/en/municipalities/desk/letters/print/{run.pk}/letters.pdf").status_code == 404
    )


def test_letter_pages_have_bounded_queries(national, geography, django_assert_max_num_queries):
    template("sv")
    for number in range(6):
        user = newcomer(email=f"n{number}@example.org")
        welcomed(user)
    client, _officer = editor_client(role="officer")
    with django_assert_max_num_queries(14):
        assert client.get("/en/municipalities/desk/letters/").status_code == 200


def test_the_command_sends_what_is_due_once(national, geography):
    from django.core.management import call_command

    template("sv")
    user = newcomer()
    consent_set(user=user, kind="municipality_contact", given=True)
    call_command("send_welcome_letters")
    call_command("send_welcome_letters")
    assert WelcomeLetter.objects.filter(profile__user=user).count() == 1


@pytest.mark.worker
def test_duplicate_tasks_on_a_real_worker_write_one_letter(national, geography, celery_worker):
    from welcome.tasks import welcome_letters_send

    template("sv")
    user = newcomer()
    consent_set(user=user, kind="municipality_contact", given=True)  # queues a task too
    welcome_letters_send.delay()
    welcome_letters_send.delay()
    assert celery_worker.wait_for(3, name="welcome.tasks.welcome_letters_send")
    assert WelcomeLetter.objects.filter(profile__user=user).count() == 1
    assert OutgoingMessage.objects.filter(kind="welcome_letter").count() == 1


@pytest.mark.worker
def test_the_letter_arrives_by_mail_in_the_readers_language(
    national, geography, celery_worker, smtp_server, settings
):
    settings.SITE_URL = "https://landa.example"
    template("ar", body="مرحبًا {first_name}!\n\n{welcome_events}")
    user = newcomer(language="ar", name="Sami")
    consent_set(user=user, kind="municipality_contact", given=True)  # the signal's task
    assert smtp_server.wait_for(1)
    mail = smtp_server.to("new@example.org")[-1]
    text = smtp_server.text(mail)
    print(mail["Subject"], text, sep="\n")  # shown with -s: what the reader gets
    assert "مرحبًا Sami!" in text
    assert text.count("https://landa.example/ar/places/") == 1  # a bare link once
    assert "https://landa.example/ar/newcomers/consents/" in text
    html = next(
        part.get_payload(decode=True).decode()
        for part in mail.walk()
        if part.get_content_type() == "text/html"
    )
    assert 'lang="ar" dir="rtl"' in html


def test_every_officer_letter_address_refuses_the_wrong_people(national, geography):
    """Officer pages: a stranger is sent to sign in, a newcomer gets 403, and an
    officer of another municipality does not find Östersund's print run or letter."""
    template("sv")
    user = newcomer()
    welcomed(user)
    letter = WelcomeLetter.objects.get()
    officer_client, _officer = editor_client(role="officer")
    assert upload(officer_client, CSV_GOOD).status_code == 302
    run = PrintRun.objects.get()
    base = "/en/municipalities/desk/letters/"
    pages = [base, EDIT, f"{base}print/{run.pk}/", f"{base}print/{run.pk}/letters.pdf"]
    posts = [f"{base}sent/{letter.pk}/resend/", f"{base}print/"]
    newcomer_client = Client()
    newcomer_client.force_login(user)
    for url in pages:
        assert Client().get(url).status_code == 302, url
        assert newcomer_client.get(url).status_code == 403, url
    for url in posts:
        assert Client().post(url).status_code == 302, url
        assert newcomer_client.post(url).status_code == 403, url
    krokom, _ = editor_client(code="2309")
    assert krokom.get(f"{base}print/{run.pk}/").status_code == 404
    assert PrintRun.objects.count() == 1 and WelcomeLetter.objects.count() == 1
