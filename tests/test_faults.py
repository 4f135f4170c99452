"""Faults injected into real services: Redis stopped, Redis stalled."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from kombu import Connection

from accounts.models import User
from outbox.breaker import breaker
from outbox.mail import outbox_requeue
from outbox.models import OutgoingMessage
from portal import celery_app

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_sign_in_and_password_reset_work_while_redis_is_down(client, redis_outage):
    user = UserFactory(email="known@example.org")
    with redis_outage():
        response = client.post(
            "/en/accounts/signup/",
            {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        assert response.status_code == 302
        assert User.objects.filter(email="new@example.org").exists()
        assert OutgoingMessage.objects.filter(recipient="new@example.org").exists()

        response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

        client.logout()
        response = client.post("/en/accounts/password/reset/", {"email": user.email})
        assert response.status_code == 302
        assert OutgoingMessage.objects.filter(
            recipient=user.email, kind="password_reset_key"
        ).exists()
        # The health check is not fooled by the fallback.
        assert client.get("/healthz").json()["cache"] == "error"


class Stalled(str):
    """The stalled server's URL; ``accepted`` lists the connections it took."""

    accepted: list[socket.socket]


@contextmanager
def stalled_server() -> Iterator[Stalled]:
    """A TCP server that accepts connections and never answers: a stalled Redis."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    url = Stalled(f"redis://127.0.0.1:{listener.getsockname()[1]}/0")
    url.accepted = held
    try:
        yield url
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


def test_a_stalled_broker_fails_fast_instead_of_hanging(client, settings):
    """Publishing to a stalled Redis gives up within the socket timeout."""
    with stalled_server() as url:
        settings.CELERY_TASK_ALWAYS_EAGER = False
        settings.CELERY_BROKER_URL = url
        started = time.monotonic()
        response = client.get("/healthz")
        assert response.status_code == 503 and response.json()["broker"] == "error"
        options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        with (
            pytest.raises(Exception),  # noqa: B017 (any broker error will do)
            Connection(url, transport_options=options) as broker,
        ):
            broker.default_channel.client.ping()
        assert time.monotonic() - started < 15  # not gunicorn's 120-second kill


def test_a_stalled_cache_serves_from_memory_within_its_timeout(settings):
    with stalled_server() as url:
        from portal.cache import FallbackRedisCache

        stalled = FallbackRedisCache(url, {"OPTIONS": {**settings.CACHES["default"]["OPTIONS"]}})
        started = time.monotonic()
        stalled.set("key", "value", 10)
        assert stalled.get("key") == "value"  # from the per-process fallback
        assert time.monotonic() - started < 10


def test_the_default_cache_is_the_fallback_cache():
    from django.core.cache import caches

    if "Redis" not in type(caches["default"]).__name__:
        pytest.skip("embedded mode uses local memory")
    assert type(caches["default"]).__name__ == "FallbackRedisCache"
    assert settings.CACHES["default"]["OPTIONS"]["socket_timeout"] == 2


def test_after_one_timeout_the_cache_skips_a_stalled_redis_for_a_while(settings):
    """One request pays the two-second timeout; the next ones do not wait at all."""
    with stalled_server() as url:
        from portal.cache import FallbackRedisCache

        stalled = FallbackRedisCache(url, {"OPTIONS": {**settings.CACHES["default"]["OPTIONS"]}})
        stalled.set("key", "value", 10)  # times out, trips the breaker
        tried = len(url.accepted)
        assert tried >= 1
        for _ in range(20):
            assert stalled.get("key") == "value"
        assert len(url.accepted) == tried  # not one more connection to Redis
        breaker(f"cache:{url}").reset()  # the cooldown is over: Redis is tried again
        stalled.get("key")
        assert not breaker(f"cache:{url}").closed()  # and, still stalled, trips it again


@contextmanager
def broker_at(url: str) -> Iterator[None]:
    """Point the Celery app's publishing at ``url`` for a while."""
    conf = celery_app.conf
    before = conf.broker_url, conf.broker_write_url

    def fresh_pools() -> None:
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    conf.broker_url = conf.broker_write_url = url
    fresh_pools()
    try:
        yield
    finally:
        conf.broker_url, conf.broker_write_url = before
        fresh_pools()


def test_after_one_broker_failure_mail_waits_without_making_people_wait():
    from outbox.mail import BROKER, message_dispatch

    if celery_app.conf.task_always_eager:
        pytest.skip("needs REDIS_URL: run through `make test`")
    with stalled_server() as url:
        messages = [
            OutgoingMessage.objects.create(
                kind="test",
                recipient=f"r{i}@example.org",
                language="en",
                subject="s",
                body_text="b",
                idempotency_key=f"breaker:{i}",
            )
            for i in range(3)
        ]
        with broker_at(url):
            assert message_dispatch(message_id=messages[0].pk) is False  # trips
            tried = len(url.accepted)
            assert not BROKER.closed()
            assert message_dispatch(message_id=messages[1].pk) is False
            assert message_dispatch(message_id=messages[2].pk) is False
            assert len(url.accepted) == tried
    # While the breaker is open, the sweep leaves them waiting too...
    assert outbox_requeue() == 0
    BROKER.reset()  # ...and once the cooldown is over, all three go at the next sweep.
    assert outbox_requeue() == 3


def test_a_worker_keeps_a_working_database_connection_and_drops_a_broken_one():
    """Between tasks (portal/celery.py): a healthy connection is reused, one that met an
    error, as when PostgreSQL restarted, is replaced before the next task."""
    import psycopg
    from django.db import OperationalError, connection

    from portal.celery import _drop_failed_or_old_database_connections as between_tasks

    User.objects.exists()
    kept = connection.connection
    between_tasks()
    assert connection.connection is kept  # no new connection per task

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [kept.info.backend_pid])
    with pytest.raises(OperationalError):
        User.objects.exists()  # the task that meets the outage fails (and is retried)
    between_tasks()
    assert connection.connection is None
    assert User.objects.exists() in (True, False)  # the next task connects afresh
    assert connection.connection is not kept
