"""Fixtures for real parts: SMTP server, Celery worker on the test Redis, Chromium, axe."""

from __future__ import annotations

import email
import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm
from django.core.cache import cache
from django.db import connections
from django.utils import translation

from outbox.breaker import breakers_reset
from portal import celery_app

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# tests around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Django's advice for test suites: a fast password hasher. Argon2, which deployments use
# (base settings), takes some 160 ms a password here, and the suite makes hundreds of
# accounts. Nothing here tests the hash itself.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
get_hashers.cache_clear()
get_hashers_by_algorithm.cache_clear()

CHROMIUM = os.environ.get("LANDA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate limits and sessions in the shared Redis cache must not leak between tests,
    nor a breaker an earlier test's outage left open."""
    breakers_reset()
    cache.clear()
    yield
    breakers_reset()


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    """Messages built outside a request are in English unless a test says otherwise,
    whatever language an earlier test left active."""
    with translation.override("en"):
        yield


# --- Browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def axe_check():
    """Run axe-core on the page; fail with the violations listed."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        results = axe.run(page)
        violations = results.response["violations"]
        summary = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in violations
        ]
        assert not violations, f"axe found on {page.url}:\n" + "\n".join(summary)

    return check


# --- Mail: a real SMTP server ---------------------------------------------------------


class MailCatcher:
    """An SMTP server's handler that keeps what it receives and can refuse recipients."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self.refused: set[str] = set()
        self.data_replies: dict[str, str] = {}  # recipient -> reply to DATA, e.g. a 554
        self.defer_once: set[str] = set()  # recipients answered 451 once, then accepted
        self.on_accept = None  # called with each message just before "250 accepted"
        self.peers: list[tuple] = []  # the client address of each accepted message
        self._arrived = threading.Condition()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for recipient in envelope.rcpt_tos:
            if recipient in self.data_replies:
                return self.data_replies[recipient]
            if recipient in self.defer_once:
                self.defer_once.discard(recipient)
                return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content)
        with self._arrived:
            self.messages.append(message)
            self.peers.append(session.peer)
            self._arrived.notify_all()
        if self.on_accept:
            self.on_accept(message)
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 30) -> bool:
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.messages) >= count, timeout)

    def to(self, address: str) -> list[email.message.Message]:
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def text(message: email.message.Message) -> str:
        """The plain-text part of a received message, decoded."""
        part = message.get_payload()[0] if message.is_multipart() else message
        return part.get_payload(decode=True).decode()


@pytest.fixture
def smtp_server(settings) -> Iterator[MailCatcher]:
    catcher = MailCatcher()
    controller = Controller(catcher, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield catcher
    controller.stop()


# --- Celery: a real worker on the test Redis ----------------------------------------------


class TaskTracker:
    """Counts finished tasks so tests wait on an event, never on a clock."""

    def __init__(self) -> None:
        self.finished: list[tuple[str, object]] = []
        self._done = threading.Condition()

    def record(self, sender=None, retval=None, **kwargs) -> None:
        connections.close_all()  # the worker thread's own connections
        with self._done:
            self.finished.append((sender.name if sender else "", retval))
            self._done.notify_all()

    def wait_for(self, count: int, name: str | None = None, timeout: float = 30) -> bool:
        def enough() -> bool:
            return len([t for t in self.finished if name is None or t[0] == name]) >= count

        with self._done:
            return self._done.wait_for(enough, timeout)


@pytest.fixture
def task_tracker() -> Iterator[TaskTracker]:
    tracker = TaskTracker()
    task_postrun.connect(tracker.record, weak=False)
    yield tracker
    task_postrun.disconnect(tracker.record)


@pytest.fixture
def celery_worker(transactional_db, task_tracker) -> Iterator[TaskTracker]:
    """A real Celery worker consuming from the test Redis, in a thread of this process."""
    if celery_app.conf.task_always_eager:
        pytest.skip("needs REDIS_URL: run through `make test`")
    celery_app.control.purge()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        yield task_tracker


@pytest.fixture
def redis_outage() -> Iterator[callable]:
    """Stop the test Redis for the duration of a ``with`` block, then start it again."""
    from contextlib import contextmanager

    conf = os.environ.get("LANDA_TEST_REDIS_CONF")
    if not conf:
        pytest.skip("needs the Redis started by `make test`")
    lines = Path(conf).read_text().splitlines()
    port = next(line.split()[1] for line in lines if line.startswith("port "))

    @contextmanager
    def outage():
        subprocess.run(["redis-cli", "-p", port, "shutdown", "nosave"], check=False)
        try:
            yield
        finally:
            # In the foreground, logging to stdout: read until Redis says it is ready.
            server = subprocess.Popen(
                ["redis-server", conf, "--daemonize", "no", "--logfile", ""],
                stdout=subprocess.PIPE,
                text=True,
            )
            for line in server.stdout:
                if "Ready to accept connections" in line:
                    break
            server.stdout.close()

    return outage


# --- Seeded content -------------------------------------------------------------------------


@pytest.fixture
def geography(db):
    """Sweden's 21 regions and 290 municipalities, as seeded."""
    from municipalities.seed import geography_seed

    geography_seed()


@pytest.fixture
def national(db):
    """The national checklist and the authority registry, as seeded."""
    from newcomers.seed import national_checklist_seed

    national_checklist_seed()


@pytest.fixture
def guides(db):
    from newcomers.seed import guides_seed

    guides_seed()


@pytest.fixture
def case_checklist(db):
    """The standard case checklist of municipalities, as seeded."""
    from welcome.cases.seed import case_checklist_seed

    case_checklist_seed()


@pytest.fixture
def readiness(db):
    """The employers' readiness questions, as seeded."""
    from employers.readiness.content import readiness_seed

    readiness_seed()


@pytest.fixture
def onboarding(db):
    """The standard onboarding plan for hires, as seeded."""
    from employers.onboarding.content import onboarding_seed

    onboarding_seed()


@pytest.fixture
def occupations(db):
    """The occupations jobs are filed under, as seeded."""
    from employers.jobs.seed import occupations_seed

    occupations_seed()
