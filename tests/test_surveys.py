"""Follow-up surveys (issue 14): who is asked and when, exactly once, through the
outbox; the personal link without signing in, its reuse, expiry and decline; bad
answers refused in the reader's language; the answers in the indicators; and what the
person's data rights do with them."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.data_rights import account_erase, account_export
from employers.models import Hire, Membership
from insights.figures import figures
from insights.periods import Quarter
from insights.scopes import Scope
from insights.store import quarter_refresh
from municipalities.models import Municipality
from newcomers.models import NewcomerProfile
from newcomers.services import consent_set
from outbox.models import OutgoingMessage
from surveys.models import SurveyInvitation
from surveys.services import months_before, surveys_invite_due
from surveys.waves import LATE_DAYS, VALID_DAYS

from .factories import UserFactory
from .test_employers import owner

pytestmark = pytest.mark.usefixtures("geography")
TODAY = date(2026, 11, 24)
LINK = re.compile(r"https?://[^/\s]+(/(\w\w)/surveys/([\w-]+)/)")


def newcomer(*, months_ago: int = 3, late_days: int = 0, role="main", agreed=True, **user):
    person = UserFactory(**user)
    NewcomerProfile.objects.create(
        user=person,
        role=role,
        citizenship="third_country",
        purpose="work",
        stay_months=36,
        arrival_date=months_before(TODAY, months_ago) - timedelta(days=late_days),
        municipality=Municipality.objects.get(code="2380"),
    )
    if agreed:
        consent_set(user=person, kind="surveys", given=True)
    return person


def link_for(person) -> str:
    mail = OutgoingMessage.objects.get(user=person, kind__startswith="survey_")
    return LINK.search(mail.body_text).group(1)


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(date(2026, 11, 24), 3) == date(2026, 8, 24)
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2027, 1, 15), 36) == date(2024, 1, 15)


def test_each_wave_is_sent_once_to_those_who_agreed_and_are_due():
    due = newcomer(months_ago=3)
    late_but_in_time = newcomer(months_ago=12, late_days=LATE_DAYS)
    partner = newcomer(months_ago=12, role="partner")
    newcomer(months_ago=3, agreed=False)  # never agreed
    newcomer(months_ago=3, late_days=LATE_DAYS + 1)  # too late to ask about then
    newcomer(months_ago=2)  # not yet
    assert surveys_invite_due(TODAY) == 3
    waves = dict(SurveyInvitation.objects.values_list("user", "wave"))
    assert waves == {
        due.pk: "newcomer_3m",
        late_but_in_time.pk: "newcomer_12m",
        partner.pk: "partner_12m",
    }
    assert surveys_invite_due(TODAY) == 0  # a second run the same day
    assert surveys_invite_due(TODAY + timedelta(days=1)) == 0  # and the day after
    mails = OutgoingMessage.objects.filter(kind__startswith="survey_")
    assert mails.count() == 3 and all(mail.sensitive for mail in mails)
    stored = SurveyInvitation.objects.get(user=due)
    token = LINK.search(mails.get(user=due).body_text).group(3)
    assert token not in stored.token_digest  # only its digest is kept


def test_the_mail_is_in_the_readers_language_with_a_link_that_needs_no_sign_in():
    person = newcomer(preferred_language="sv")
    surveys_invite_due(TODAY)
    mail = OutgoingMessage.objects.get(user=person)
    assert mail.language == "sv" and "Östersund" in mail.body_text
    assert "How is it going" not in mail.body_text
    path = link_for(person)
    assert path.startswith("/sv/surveys/")
    page = Client().get(path)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "same-origin"  # the token stays on the site
    assert page["X-Robots-Tag"] == "noindex"
    assert 'name="lives"' in page.text and 'name="satisfaction"' in page.text
    assert 'name="occupation"' not in page.text  # the partner's question only


def test_an_answer_is_taken_once_and_counts():
    person = newcomer()
    surveys_invite_due(TODAY)
    path, client = link_for(person), Client()
    answer = {"lives": "municipality", "satisfaction": "4"}
    assert client.post(path, answer).status_code == 302
    kept = SurveyInvitation.objects.get(user=person)
    assert (kept.lives, kept.satisfaction, kept.answered_at is not None) == (
        "municipality",
        4,
        True,
    )
    again = client.post(path, {"lives": "abroad", "satisfaction": "1"})
    assert again.status_code == 409
    kept.refresh_from_db()
    assert (kept.lives, kept.satisfaction) == ("municipality", 4)  # the first stands
    assert "Thank you" in client.get(path).text
    assert client.post(f"{path}decline/").status_code == 409


def test_a_wrong_answer_is_refused_in_the_readers_language_and_nothing_is_kept():
    person = newcomer(preferred_language="sv")
    surveys_invite_due(TODAY)
    path = link_for(person)
    refused = Client().post(path, {"lives": "<script>x</script>", "satisfaction": "9"})
    assert refused.status_code == 400
    assert "<script>x</script>" not in refused.text
    assert "Välj ett giltigt alternativ" in refused.text  # Django's own, translated
    assert SurveyInvitation.objects.get(user=person).answered_at is None


def test_a_declined_wave_is_never_asked_again():
    person = newcomer()
    surveys_invite_due(TODAY)
    path, client = link_for(person), Client()
    assert client.post(f"{path}decline/").status_code == 302
    assert "will not ask" in client.get(path).text
    assert client.post(path, {"lives": "sweden", "satisfaction": "3"}).status_code == 409
    for day in range(LATE_DAYS + 1):
        surveys_invite_due(TODAY + timedelta(days=day))
    kept = SurveyInvitation.objects.get(user=person)
    assert kept.declined_at and kept.answered_at is None and kept.satisfaction is None
    assert OutgoingMessage.objects.filter(user=person).count() == 1


def test_an_expired_link_is_closed_and_takes_nothing():
    person = newcomer()
    surveys_invite_due(TODAY)
    path = link_for(person)
    SurveyInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client = Client()
    assert client.get(path).status_code == 410
    assert client.post(path, {"lives": "sweden", "satisfaction": "3"}).status_code == 410
    assert client.post(f"{path}decline/").status_code == 410
    assert SurveyInvitation.objects.get().state == "expired"
    assert VALID_DAYS >= LATE_DAYS


def test_an_unknown_or_altered_link_finds_nothing():
    person = newcomer()
    surveys_invite_due(TODAY)
    path = link_for(person)
    assert Client().get(path[:-3] + "xx/").status_code == 404
    assert Client().post("/en/surveys/not-a-token/decline/").status_code == 404
    assert Client().get("/en/surveys/not-a-token/decline/").status_code == 405


def test_an_employer_is_asked_six_months_after_the_first_working_day():
    _client, organization = owner()
    registrar = Membership.objects.get(organization=organization).user
    hire = Hire.objects.create(
        organization=organization,
        email="hired@example.org",
        invited_by=registrar,
        role_title="Welder",
        starts_on=months_before(TODAY, 6),
    )
    Hire.objects.create(  # started five months ago: not yet
        organization=organization,
        email="later@example.org",
        invited_by=registrar,
        role_title="Nurse",
        starts_on=months_before(TODAY, 5),
    )
    assert surveys_invite_due(TODAY) == 1
    invitation = SurveyInvitation.objects.get()
    assert (invitation.wave, invitation.hire, invitation.user) == ("employer_6m", hire, registrar)
    assert invitation.municipality.code == "2380"
    page = Client().get(link_for(registrar))
    assert "Welder" in page.text and 'name="still_employed"' in page.text
    assert surveys_invite_due(TODAY) == 0


def test_answers_make_the_survey_indicators():
    """Five newcomers answer the 12-month survey in the quarter: four still in Sweden,
    three of them in Östersund; satisfaction 2, 3, 4, 4, 5."""
    quarter = Quarter(2026, 3)
    answered = timezone.make_aware(timezone.datetime(2026, 8, 20, 12, 0))
    lives = ["municipality", "municipality", "municipality", "sweden", "abroad"]
    for where, satisfaction in zip(lives, (2, 3, 4, 4, 5), strict=True):
        SurveyInvitation.objects.create(
            wave="newcomer_12m",
            user=UserFactory(),
            municipality=Municipality.objects.get(code="2380"),
            token_digest=f"d{satisfaction}{where}",
            language="en",
            expires_at=answered,
            answered_at=answered,
            lives=where,
            satisfaction=satisfaction,
        )
    shown = figures(Scope.parse("municipality:2380"), quarter)
    assert shown["still_in_sweden_12m"].as_json() == {"value": 0.8, "suppressed": False}
    assert shown["still_in_municipality_12m"].as_json() == {"value": 0.6, "suppressed": False}
    assert shown["newcomer_satisfaction"].as_json() == {"value": 4, "suppressed": False}
    assert shown["still_in_sweden_36m"].suppressed  # nobody answered that one
    SurveyInvitation.objects.filter(lives="abroad").delete()
    quarter_refresh(quarter)  # as the beat does
    fewer = figures(Scope.parse("region:23"), quarter)
    assert fewer["still_in_sweden_12m"].as_json() == {"value": None, "suppressed": True}


def test_erasure_keeps_an_answer_without_its_person_and_drops_the_rest():
    person = newcomer(months_ago=12)
    surveys_invite_due(TODAY)
    Client().post(link_for(person), {"lives": "sweden", "satisfaction": "5"})
    SurveyInvitation.objects.create(  # an older wave they never answered
        wave="newcomer_3m",
        user=person,
        token_digest="unanswered",
        language="en",
        expires_at=timezone.now(),
    )
    exported = account_export(user=person)["surveys"]
    assert {row["wave"] for row in exported} == {"newcomer_12m", "newcomer_3m"}
    assert any(row.get("satisfaction") == 5 for row in exported)
    account_erase(user=person)
    kept = SurveyInvitation.objects.get()
    assert (kept.user, kept.wave, kept.satisfaction) == (None, "newcomer_12m", 5)
    assert kept.token_digest.startswith("erased:") and kept.sent_at == kept.answered_at


@pytest.mark.worker
def test_the_invitation_arrives_by_mail_through_a_real_worker(celery_worker, smtp_server, settings):
    from surveys.tasks import surveys_invite

    settings.SITE_URL = "https://landa.example"
    person = newcomer(months_ago=3, preferred_language="ar", email="arrived@example.org")
    SurveyInvitation.objects.all().delete()
    NewcomerProfile.objects.filter(user=person).update(
        arrival_date=months_before(timezone.localdate(), 3)
    )
    surveys_invite.delay()
    assert smtp_server.wait_for(1)
    assert celery_worker.wait_for(1, name="outbox.tasks.outbox_send")
    text = smtp_server.text(smtp_server.to("arrived@example.org")[-1])
    print(text)  # shown with -s: what the reader gets
    assert re.search(r"https://landa\.example/ar/surveys/[\w-]+/", text)
    mail = OutgoingMessage.objects.get(user=person)
    assert mail.status == "sent" and mail.body_text == ""  # blanked once delivered
