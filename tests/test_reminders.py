"""The daily digest: due and overdue steps, in the person's language, never twice a day."""

from datetime import timedelta

import pytest
from django.utils import timezone

from checklists.models import InstanceItem
from newcomers.models import NewcomerProfile
from newcomers.reminders import reminders_send, unsubscribe_token
from newcomers.services import profile_save_family, profile_save_move
from outbox.models import OutgoingMessage

from .factories import UserFactory
from .journeys import in_days


def newcomer(language="en", arrival_days=3, reminders="daily"):
    user = UserFactory(preferred_language=language)
    profile = profile_save_move(
        user=user,
        data={
            "citizenship": "eu_eea",
            "purpose": "work",
            "stay_months": 24,
            "arrival": in_days(arrival_days),
            "municipality": None,
        },
    )
    profile_save_family(
        profile=profile, data={"partner": False, "partner_working": False, "children": ()}
    )
    profile.reminders = reminders
    profile.save()
    return user


@pytest.fixture
def today():
    return timezone.localdate()


def test_digest_lists_due_and_overdue_steps_in_the_users_language(national, today):
    user = newcomer(language="sv")
    assert reminders_send(today=today) == 1
    message = OutgoingMessage.objects.get(kind="reminder_digest")
    assert message.recipient == user.email and message.language == "sv"
    due = InstanceItem.objects.filter(
        instance__newcomer__user=user, done_at__isnull=True, due_date__lte=today + timedelta(days=7)
    )
    assert due.exists()
    for row in due.select_related("item"):
        assert row.item.title_sv in message.body_text
    assert "/sv/newcomers/reminders/unsubscribe/" in message.body_text
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_never_twice_for_the_same_state_on_the_same_day(national, today):
    user = newcomer()
    assert reminders_send(today=today) == 1
    assert reminders_send(today=today) == 0  # the same digest is not queued again
    assert OutgoingMessage.objects.filter(kind="reminder_digest").count() == 1
    row = InstanceItem.objects.filter(instance__newcomer__user=user, due_date__lte=today).first()
    row.done_at = timezone.now()
    row.save()
    reminders_send(today=today)  # the state changed: a new digest is due
    assert OutgoingMessage.objects.filter(kind="reminder_digest").count() == 2
    reminders_send(today=today + timedelta(days=1))
    assert OutgoingMessage.objects.filter(kind="reminder_digest").count() == 3


def test_nothing_due_means_no_mail(national, today):
    newcomer(arrival_days=400)
    assert reminders_send(today=today) == 0


def test_reminders_off_and_weekly(national, today):
    newcomer(reminders="off")
    newcomer(reminders="weekly")
    monday = today - timedelta(days=today.weekday())
    assert reminders_send(today=monday + timedelta(days=2)) == 0
    assert reminders_send(today=monday) == 1


def test_unsubscribe_works_without_signing_in(client, national):
    user = newcomer()
    path = f"/en/newcomers/reminders/unsubscribe/{unsubscribe_token(user.pk)}/"
    assert client.get(path).status_code == 200
    assert NewcomerProfile.objects.get(user=user).reminders == "daily"  # GET changes nothing
    response = client.post(path)
    assert response.status_code == 200
    assert NewcomerProfile.objects.get(user=user).reminders == "off"


def test_a_forged_unsubscribe_link_is_404(client, national):
    user = newcomer()
    token = unsubscribe_token(user.pk)
    assert client.post(f"/en/newcomers/reminders/unsubscribe/{token}x/").status_code == 404
    assert client.get("/en/newcomers/reminders/unsubscribe/1/").status_code == 404


def test_beat_runs_the_digest_daily():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["reminders-daily"]
    assert entry["task"] == "newcomers.tasks.reminders_send_daily"


def test_the_digest_shows_a_steps_title_in_the_fallback_language(national, today):
    user = newcomer(language="ar")
    due = InstanceItem.objects.filter(
        instance__newcomer__user=user, done_at__isnull=True, due_date__lte=today + timedelta(days=7)
    ).select_related("item")
    step = due.first().item
    step.title_ar = ""
    step.save()
    reminders_send(today=today)
    body = OutgoingMessage.objects.get(kind="reminder_digest").body_text
    assert step.title_en in body  # Arabic missing: English, as on the site


def test_queries_do_not_grow_with_the_number_of_people(
    national, today, django_assert_max_num_queries
):
    for _ in range(3):
        newcomer()
    with django_assert_max_num_queries(12) as few:
        assert reminders_send(today=today) == 3
    OutgoingMessage.objects.all().delete()
    for _ in range(12):
        newcomer()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert reminders_send(today=today) == 15


def test_ranges_cover_everyone_once_and_together_send_what_one_run_would(
    national, today, monkeypatch
):
    from newcomers import reminders

    people = [newcomer() for _ in range(5)]
    newcomer(reminders="off")
    monkeypatch.setattr(reminders, "PEOPLE_PER_TASK", 2)
    ranges = reminders.reminders_ranges(today=today)
    assert len(ranges) == 3 and ranges[-1][1] is None
    assert ranges[0][0] == people[0].newcomer.pk
    queued = sum(reminders_send(today=today, first=a, before=b) for a, b in ranges)
    assert queued == 5
    recipients = OutgoingMessage.objects.values_list("recipient", flat=True)
    assert sorted(recipients) == sorted(p.email for p in people)
    # A range delivered twice (a worker died after finishing it) adds nothing.
    assert reminders_send(today=today, first=ranges[1][0], before=ranges[1][1]) == 0


@pytest.mark.worker
def test_the_daily_job_fans_out_and_each_digest_is_delivered_once(
    national, today, celery_worker, smtp_server, monkeypatch
):
    from newcomers import reminders
    from newcomers.tasks import reminders_send_daily

    people = [newcomer() for _ in range(5)]
    monkeypatch.setattr(reminders, "PEOPLE_PER_TASK", 2)
    reminders_send_daily.delay()
    assert celery_worker.wait_for(3, name="newcomers.tasks.reminders_send_range")
    assert smtp_server.wait_for(5)
    # The job, three ranges, and their sends: a batch task for two, a task for one.
    assert celery_worker.wait_for(1 + 3 + 3)
    finished = dict(celery_worker.finished)
    assert finished["newcomers.tasks.reminders_send_daily"] == 3  # three ranges
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(p.email for p in people)
    assert set(OutgoingMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_one_persons_digest_failing_does_not_stop_the_others(national, today, monkeypatch):
    from newcomers.reminders import DigestWriter

    people = [newcomer() for _ in range(3)]
    broken = people[1].pk
    write = DigestWriter.write

    def write_or_fail(self, person):
        if person.user_id == broken:
            raise ValueError("a template error for this person")
        return write(self, person)

    monkeypatch.setattr(DigestWriter, "write", write_or_fail)
    assert reminders_send(today=today) == 2
    recipients = set(OutgoingMessage.objects.values_list("recipient", flat=True))
    assert recipients == {people[0].email, people[2].email}


def test_the_digest_greets_by_name_says_landa_and_keeps_apostrophes(national, today, settings):
    settings.SITE_URL = "http://landa.test:8123"
    user = newcomer()
    user.display_name = "Noor"
    user.save()
    step = (
        InstanceItem.objects.filter(instance__newcomer__user=user, done_at__isnull=True)
        .order_by("due_date")
        .first()
        .item
    )
    step.title_en = 'Open your partner\'s "first" account & more'
    step.save()
    reminders_send(today=today)
    message = OutgoingMessage.objects.get(kind="reminder_digest")
    assert message.subject.startswith("Landa: ")
    assert message.body_text.startswith("Hello Noor,")
    assert 'Open your partner\'s "first" account & more' in message.body_text
    assert "&#x27;" not in message.body_text + message.subject
    assert "&quot;" not in message.body_text and "&amp;" not in message.body_text
    # Links go to the address the site is served from (SITE_URL in the background).
    assert "http://landa.test:8123/en/newcomers/journey/" in message.body_text
    assert "http://landa.test:8123/en/newcomers/reminders/unsubscribe/" in message.body_text
