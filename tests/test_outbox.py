"""The outbox: rows first, delivery after commit, exactly once, with a real worker."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from outbox.breaker import breakers_reset
from outbox.mail import (
    RenderedMessage,
    message_abort,
    message_enqueue,
    message_retry,
    outbox_requeue,
)
from outbox.models import OutgoingMessage
from outbox.tasks import outbox_send

from .conftest import free_port
from .factories import UserFactory


def enqueue(n: int, prefix: str = "test") -> list[OutgoingMessage]:
    return [
        message_enqueue(
            kind="test",
            recipient=f"reader{i}@example.org",
            rendered=RenderedMessage(subject=f"Hello {i}", body_text=f"Body {i}"),
            language="en",
            idempotency_key=f"{prefix}:{i}",
        )
        for i in range(n)
    ]


@pytest.mark.django_db
def test_same_idempotency_key_gives_one_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = enqueue(1)[0]
        second = enqueue(1)[0]
    assert first.pk == second.pk
    assert OutgoingMessage.objects.count() == 1
    assert len(callbacks) == 1  # dispatched once, after commit


@pytest.mark.django_db
def test_nothing_is_dispatched_when_the_callers_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue(1)
        raise RuntimeError("the event failed")
    assert OutgoingMessage.objects.count() == 0
    assert callbacks == []


@pytest.mark.django_db
def test_only_one_claim_wins():
    message = enqueue(1)[0]
    assert OutgoingMessage.objects.claim(message.pk) is not None
    assert OutgoingMessage.objects.claim(message.pk) is None
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENDING
    assert message.attempts == 1


@pytest.mark.django_db
def test_message_is_rendered_in_the_recipients_language():
    from outbox.mail import message_render

    rendered = message_render(
        template="portal/email/welcome",
        context={"home_path": "/ar/", "language_name": "العربية"},
        language="ar",
    )
    assert rendered.subject == "مرحبًا بك في Landa"
    assert "/ar/" in rendered.body_text
    assert '<html lang="ar" dir="rtl">' in rendered.body_html


@pytest.mark.django_db
def test_staff_can_abort_and_retry_a_message():
    message = enqueue(1)[0]
    assert message_abort(message=message)
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.ABORTED
    assert message_retry(message=message)
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.QUEUED
    assert message.attempts == 0


@pytest.mark.worker
def test_n_messages_are_delivered_exactly_once(celery_worker, smtp_server):
    count = 12
    messages = OutgoingMessage.objects.bulk_create(
        OutgoingMessage(
            idempotency_key=f"once:{i}",
            kind="test",
            recipient=f"reader{i}@example.org",
            language="en",
            subject=f"Hello {i}",
            body_text="b",
            next_attempt_at=timezone.now() - timedelta(hours=1),  # due: the sweep finds them
        )
        for i in range(count)
    )
    # Two tasks for every message, and the sweep's batch on top, race for each one.
    for message in messages:
        outbox_send.delay(message.pk)
        outbox_send.delay(message.pk)
    requeued = outbox_requeue()  # those not claimed yet: how many is the race's
    assert celery_worker.wait_for(count * 2 + (1 if requeued else 0))
    assert smtp_server.wait_for(count)
    statuses = set(OutgoingMessage.objects.values_list("status", flat=True))
    assert statuses == {OutgoingMessage.Status.SENT}
    received = sorted(m["To"] for m in smtp_server.messages)
    assert received == sorted(m.recipient for m in messages)


@pytest.mark.worker
def test_enqueue_while_broker_is_down_then_delivered_when_it_returns(
    redis_outage, celery_worker, smtp_server
):
    with redis_outage():
        with transaction.atomic():
            messages = enqueue(3, prefix="outage")
        assert OutgoingMessage.objects.filter(status="queued").count() == 3
    # Back up: the beat job finds what waited and hands it to the worker (a minute
    # later, when the breaker's cooldown is over).
    OutgoingMessage.objects.update(next_attempt_at=timezone.now() - timedelta(hours=1))
    breakers_reset()
    assert outbox_requeue() == 3
    assert smtp_server.wait_for(3)
    # Many at once go in one task, not one broker message each.
    assert celery_worker.wait_for(1, name="outbox.tasks.outbox_send_batch")
    assert set(OutgoingMessage.objects.values_list("status", flat=True)) == {"sent"}
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(m.recipient for m in messages)


@pytest.mark.worker
def test_permanent_failure_ends_failed_with_its_error(celery_worker, smtp_server):
    smtp_server.refused.add("nobody@example.org")
    user = UserFactory(email="nobody@example.org")
    message = message_enqueue(
        kind="test",
        recipient=user.email,
        rendered=RenderedMessage(subject="Hi", body_text="Body"),
        language="en",
        idempotency_key="refused:1",
        user=user,
    )
    assert celery_worker.wait_for(1, name="outbox.tasks.outbox_send")
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED
    assert "550" in message.last_error
    assert message.attempts == 1
    assert smtp_server.messages == []


@pytest.mark.worker
def test_transient_failure_is_retried_a_bounded_number_of_times(celery_worker, settings):
    settings.OUTBOX_RETRY_BACKOFF_SECONDS = 0
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # connection refused
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    message = enqueue(1, prefix="transient")[0]
    # The sweep is the clock of retries: each run hands the message over once its
    # backoff (here none) is over, until the attempts are spent.
    for attempt in range(1, 4):
        assert celery_worker.wait_for(attempt, name="outbox.tasks.outbox_send")
        message.refresh_from_db()
        assert message.attempts == attempt
        if message.status == OutgoingMessage.Status.QUEUED:
            assert message.next_attempt_at <= timezone.now()
            assert outbox_requeue() == 1
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED
    assert message.attempts == 3
    assert "refused" in message.last_error.lower()


@pytest.mark.django_db
def test_a_worker_lost_mid_send_is_requeued():
    message = enqueue(1)[0]
    OutgoingMessage.objects.claim(message.pk)
    assert outbox_requeue() == 0  # the worker's lease is not over
    outbox_requeue(now=timezone.now() + timedelta(hours=1))  # it is now: the worker died
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.QUEUED
    assert message.last_error == "Worker lost while sending"


def deliver_now(message: OutgoingMessage) -> str:
    from outbox.mail import message_deliver

    claimed = OutgoingMessage.objects.claim(message.pk)
    assert claimed is not None
    return message_deliver(message=claimed)


@pytest.mark.django_db
def test_every_attempt_carries_the_same_message_id(smtp_server):
    """A copy sent twice after a crash can be recognised by its Message-ID."""
    message = enqueue(1, prefix="msgid")[0]
    assert deliver_now(message) == "sent"
    OutgoingMessage.objects.filter(pk=message.pk).update(status="queued")  # as after a crash
    assert deliver_now(message) == "sent"
    first, second = smtp_server.messages
    assert first["Message-ID"] == second["Message-ID"]
    assert first["Message-ID"].startswith(f"<outbox.{message.pk}.")
    other = enqueue(2, prefix="msgid-other")[1]
    deliver_now(other)
    assert smtp_server.messages[2]["Message-ID"] != first["Message-ID"]


@pytest.mark.django_db
def test_messages_share_one_smtp_connection(smtp_server):
    for message in enqueue(5, prefix="reuse"):
        assert deliver_now(message) == "sent"
    assert len(smtp_server.messages) == 5
    assert len(set(smtp_server.peers)) == 1  # one session, not one per message


@pytest.mark.django_db
def test_a_permanent_5xx_at_data_fails_and_a_4xx_is_retried(smtp_server):
    rejected, deferred = enqueue(2, prefix="codes")
    smtp_server.data_replies[rejected.recipient] = "554 5.7.1 Message rejected"
    smtp_server.data_replies[deferred.recipient] = "451 4.3.0 Try again later"
    assert deliver_now(rejected) == "failed"
    assert deliver_now(deferred) == "retry"
    rejected.refresh_from_db()
    deferred.refresh_from_db()
    assert rejected.status == OutgoingMessage.Status.FAILED and "554" in rejected.last_error
    assert deferred.status == OutgoingMessage.Status.QUEUED and "451" in deferred.last_error
    smtp_server.data_replies.clear()
    assert deliver_now(deferred) == "sent"  # the connection recovers after an error


@pytest.mark.django_db
def test_a_message_the_broker_refused_goes_at_the_next_sweep(
    redis_outage, django_capture_on_commit_callbacks
):
    with redis_outage(), django_capture_on_commit_callbacks(execute=True):
        message = enqueue(1, prefix="next-tick")[0]  # dispatch fails after commit
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.QUEUED
    # No waiting for the stale period: the next requeue run (a minute later, the
    # breaker's cooldown over) hands it over.
    breakers_reset()
    assert outbox_requeue() == 1


@pytest.mark.django_db
def test_a_backlog_is_recovered_in_one_run(settings):
    settings.OUTBOX_REQUEUE_BATCH = 10
    OutgoingMessage.objects.bulk_create(
        OutgoingMessage(
            idempotency_key=f"backlog:{i}",
            kind="test",
            recipient=f"r{i}@example.org",
            language="en",
            subject="s",
            body_text="b",
            next_attempt_at=timezone.now() - timedelta(hours=1),
        )
        for i in range(25)
    )
    assert outbox_requeue() == 25


@contextmanager
def outbox_locker():
    """A second connection that can lock the outbox table, as an outage would stop it;
    the worker's connections give up on a lock after 300 ms."""
    import psycopg
    from django.db import connections

    options = connections["default"].settings_dict["OPTIONS"]
    saved = options.get("options")
    options["options"] = "-c lock_timeout=300"
    params = connections["default"].get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    blocker = psycopg.connect(**params, autocommit=False)
    try:
        yield blocker
    finally:
        blocker.close()
        if saved is None:
            options.pop("options", None)
        else:
            options["options"] = saved


def lock_outbox(blocker) -> None:
    blocker.execute("LOCK TABLE outbox_outgoingmessage IN ACCESS EXCLUSIVE MODE")


def waiting_message(key: str) -> OutgoingMessage:
    return OutgoingMessage.objects.create(
        idempotency_key=key,
        kind="test",
        recipient="patient@example.org",
        language="en",
        subject="Still here",
        body_text="b",
    )


@pytest.mark.worker
def test_a_database_outage_during_sending_is_retried_not_lost(celery_worker, smtp_server, settings):
    """The outbox table is locked (as in an outage); the worker's claim fails, the task is
    retried, and once the table is back the message goes out exactly once."""
    settings.OUTBOX_RETRY_BACKOFF_SECONDS = 1
    message = waiting_message("db-outage")
    with outbox_locker() as blocker:
        lock_outbox(blocker)
        outbox_send.delay(message.pk)
        assert celery_worker.wait_for(1, name="outbox.tasks.outbox_send")  # failed, retried
        assert celery_worker.finished[0][1] != "sent"
        blocker.rollback()  # the outage ends
        assert smtp_server.wait_for(1)
        assert celery_worker.wait_for(2, name="outbox.tasks.outbox_send")
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert [m["To"] for m in smtp_server.messages] == ["patient@example.org"]


@pytest.mark.worker
@pytest.mark.parametrize("batch", [False, True], ids=["one", "batch"])
def test_a_message_sent_just_before_the_database_went_away_is_not_sent_again(
    celery_worker, smtp_server, settings, batch
):
    """The SMTP server accepts, then the database refuses to record it: the task keeps
    what it knows and records it later, so no sweep ever sends it a second time."""
    from outbox.tasks import outbox_send_batch

    settings.OUTBOX_RETRY_BACKOFF_SECONDS = 1
    first, second = waiting_message("accepted-then-down"), waiting_message("after-the-outage")
    with outbox_locker() as blocker:
        smtp_server.on_accept = lambda _message: lock_outbox(blocker)
        if batch:
            outbox_send_batch.delay([first.pk, second.pk])
        else:
            outbox_send.delay(first.pk)
        name = "outbox.tasks.outbox_send_batch" if batch else "outbox.tasks.outbox_send"
        assert celery_worker.wait_for(1, name=name)  # could not record, will retry
        smtp_server.on_accept = None
        blocker.rollback()  # the outage ends
        if batch:
            assert celery_worker.wait_for(2, name=name)
            assert smtp_server.wait_for(2)
        else:
            assert celery_worker.wait_for(2, name=name)
    first.refresh_from_db()
    assert first.status == OutgoingMessage.Status.SENT
    assert first.attempts == 1
    # An hour later, the sweep finds only `second` (never dispatched), not `first`.
    assert outbox_requeue(now=timezone.now() + timedelta(hours=1)) == (0 if batch else 1)
    recipients = [m["Subject"] for m in smtp_server.messages]
    assert recipients.count("Still here") == (2 if batch else 1)


@pytest.mark.django_db
def test_plain_text_mail_is_not_html_escaped():
    from outbox.mail import message_render

    rendered = message_render(
        template="newcomers/email/partner_invitation",
        context={"inviter": "o'neil@example.org", "join_path": "/en/x/?a=1&b=2"},
        language="en",
    )
    assert "o'neil@example.org" in rendered.subject
    assert "o'neil@example.org" in rendered.body_text and "&#x27;" not in rendered.body_text
    assert "?a=1&b=2" in rendered.body_text


@pytest.mark.django_db
def test_allauths_text_mail_is_not_html_escaped(client):
    from .factories import PASSWORD

    client.post(
        "/en/accounts/signup/",
        {"email": "o'neil@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    message = OutgoingMessage.objects.get(recipient="o'neil@example.org")
    assert "&#x27;" not in message.body_text and "&#x27;" not in message.subject


def pending(keys: list[str]) -> list:
    from outbox.mail import PendingMessage

    return [
        PendingMessage(
            kind="bulk",
            recipient=f"{key.replace(':', '-')}@example.org",
            rendered=RenderedMessage(subject=key, body_text="b"),
            language="en",
            idempotency_key=key,
        )
        for key in keys
    ]


@pytest.mark.django_db
def test_many_at_once_store_each_key_once(django_capture_on_commit_callbacks):
    from outbox.mail import message_enqueue_many

    enqueue(1, prefix="bulk")  # "bulk:0" is already in the outbox
    with django_capture_on_commit_callbacks() as callbacks:
        # "bulk:1" twice in one call: the bulk insert conflicts and falls back to one
        # row at a time, as when a concurrent run stored a key in the meantime.
        assert message_enqueue_many(messages=pending(["bulk:0", "bulk:1", "bulk:1", "bulk:2"])) == 2
    assert OutgoingMessage.objects.filter(idempotency_key__startswith="bulk:").count() == 3
    assert OutgoingMessage.objects.get(idempotency_key="bulk:0").kind == "test"  # untouched
    assert len(callbacks) == 1  # the new ones, handed over together after commit


@pytest.mark.worker
def test_a_batch_task_sends_each_once_even_when_delivered_twice(celery_worker, smtp_server):
    from outbox.mail import message_enqueue_many
    from outbox.tasks import outbox_send_batch

    with transaction.atomic():
        message_enqueue_many(messages=pending([f"batch:{i}" for i in range(4)]))
    ids = list(OutgoingMessage.objects.order_by("pk").values_list("pk", flat=True))
    assert celery_worker.wait_for(1, name="outbox.tasks.outbox_send_batch")
    assert smtp_server.wait_for(4)
    outbox_send_batch.delay(ids)  # the same batch again, as after a lost acknowledgement
    assert celery_worker.wait_for(2, name="outbox.tasks.outbox_send_batch")
    outcomes = [r for name, r in celery_worker.finished if name.endswith("outbox_send_batch")]
    assert outcomes == [{"sent": 4}, {"skipped": 4}]
    assert len(smtp_server.messages) == 4


@pytest.mark.worker
def test_a_message_of_a_batch_that_must_wait_goes_when_its_backoff_is_over(
    celery_worker, smtp_server, settings
):
    from outbox.mail import message_enqueue_many

    settings.OUTBOX_RETRY_BACKOFF_SECONDS = 60
    messages = pending(["later:0", "later:1", "later:2"])
    smtp_server.defer_once.add(messages[1].recipient)
    with transaction.atomic():
        message_enqueue_many(messages=messages)
    assert celery_worker.wait_for(1, name="outbox.tasks.outbox_send_batch")
    deferred = OutgoingMessage.objects.get(idempotency_key="later:1")
    assert deferred.status == OutgoingMessage.Status.QUEUED
    assert deferred.next_attempt_at > timezone.now() + timedelta(seconds=50)  # the backoff
    assert outbox_requeue() == 0  # not yet
    assert outbox_requeue(now=deferred.next_attempt_at) == 1  # a minute later
    assert celery_worker.wait_for(1, name="outbox.tasks.outbox_send")
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(m.recipient for m in messages)
    assert set(OutgoingMessage.objects.values_list("status", flat=True)) == {"sent"}
    assert OutgoingMessage.objects.get(idempotency_key="later:1").attempts == 2


@pytest.mark.django_db
def test_a_sensitive_body_is_blanked_once_delivered_and_others_are_kept(smtp_server):
    secret = message_enqueue(
        kind="password_reset_key",
        recipient="a@example.org",
        rendered=RenderedMessage(subject="Reset", body_text="https://x/reset/abc123"),
        language="en",
        idempotency_key="secret:1",
        sensitive=True,
    )
    plain = enqueue(1, prefix="plain")[0]
    assert deliver_now(secret) == "sent" and deliver_now(plain) == "sent"
    assert "abc123" in smtp_server.messages[0].get_payload()  # delivered whole...
    secret.refresh_from_db()
    plain.refresh_from_db()
    assert (secret.body_text, secret.subject) == ("", "Reset")  # ...then blanked
    assert plain.body_text == "Body 0"
    assert not message_retry(message=secret)  # nothing left to send again


@pytest.mark.django_db
def test_allauths_mail_and_the_partner_invitation_are_sensitive(client, national, geography):
    from .journeys import onboard

    onboard(client, UserFactory())
    client.post("/en/newcomers/household/", {"email": "partner@example.org"})
    client.logout()
    client.post("/en/accounts/password/reset/", {"email": "someone@example.org"})
    sensitive = dict(OutgoingMessage.objects.values_list("kind", "sensitive"))
    assert sensitive["partner_invitation"] is True
    assert sensitive["unknown_account"] is True


@pytest.mark.django_db
def test_bodies_and_then_rows_leave_after_their_retention(settings):
    from outbox.retention import outbox_retention_apply

    settings.OUTBOX_BODY_RETENTION_DAYS = 30
    settings.OUTBOX_ROW_RETENTION_DAYS = 365
    now = timezone.now()
    ages = {"fresh": 1, "month": 40, "year": 400}
    for name, days in ages.items():
        OutgoingMessage.objects.create(
            idempotency_key=name,
            kind="digest",
            recipient=f"{name}@example.org",
            language="en",
            subject=name,
            body_text="your steps",
            status=OutgoingMessage.Status.SENT,
            created_at=now - timedelta(days=days),
        )
    waiting = OutgoingMessage.objects.create(
        idempotency_key="waiting",
        kind="digest",
        recipient="w@example.org",
        language="en",
        subject="w",
        body_text="still to send",
        created_at=now - timedelta(days=40),
    )
    assert outbox_retention_apply() == (2, 1)
    bodies = dict(OutgoingMessage.objects.values_list("idempotency_key", "body_text"))
    assert bodies == {"fresh": "your steps", "month": "", "waiting": "still to send"}
    waiting.refresh_from_db()
    assert waiting.status == OutgoingMessage.Status.QUEUED


@pytest.mark.worker
def test_one_messages_surprise_does_not_stop_its_batch(celery_worker, smtp_server):
    from outbox.mail import message_enqueue_many

    with transaction.atomic():
        message_enqueue_many(messages=pending(["mixed:0", "mixed:1", "mixed:2"]))
        OutgoingMessage.objects.filter(idempotency_key="mixed:1").update(headers=["broken"])
    assert celery_worker.wait_for(1, name="outbox.tasks.outbox_send_batch")
    outcome = dict(celery_worker.finished)["outbox.tasks.outbox_send_batch"]
    assert outcome == {"sent": 2, "error": 1}
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "mixed-0@example.org",
        "mixed-2@example.org",
    ]
    # The broken one keeps its lease; the sweep brings it back when the lease ends.
    broken = OutgoingMessage.objects.get(idempotency_key="mixed:1")
    assert broken.status == OutgoingMessage.Status.SENDING
    assert broken.next_attempt_at > timezone.now()
