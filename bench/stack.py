"""The production-like stack the reliability measurements run on, and the faults they
inject: Celery workers and gunicorn as separate processes (killed with SIGKILL when a
scenario says so), PostgreSQL stopped and started with pg_ctl, Redis stopped, stalled
(SIGSTOP) and resumed, and an SMTP sink that records every message it accepts.

`scripts/test.sh reliability` starts PostgreSQL and Redis and exports how to control
them (LANDA_PG_CTL, LANDA_PG_DATA, LANDA_PG_OPTIONS, LANDA_REDIS_CONF).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], bool], *, timeout: float, every: float = 0.05) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass (a measuring script
    watches other processes; it has no event to wait on)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


class Sink:
    """An SMTP server in a thread that counts each message by its outbox id."""

    def __init__(self) -> None:
        self.received: Counter[int] = Counter()
        self.message_ids: dict[int, set[str]] = {}
        self._lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, server, session, envelope):
        outbox_id = message_id = None
        for line in envelope.content.split(b"\r\n"):
            if not line:
                break  # end of the headers
            name, _, value = line.decode("utf-8", "replace").partition(":")
            if name.lower() == "x-landa-message":
                outbox_id = int(value.strip())
            elif name.lower() == "message-id":
                message_id = value.strip()
        with self._lock:
            if outbox_id is not None:
                self.received[outbox_id] += 1
                self.message_ids.setdefault(outbox_id, set()).add(message_id or "")
        return "250 OK"

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.controller.port}"

    def total(self) -> int:
        with self._lock:
            return sum(self.received.values())

    def distinct(self) -> int:
        with self._lock:
            return len(self.received)

    def duplicates(self) -> dict[int, int]:
        with self._lock:
            return {pk: n for pk, n in self.received.items() if n > 1}

    def reset(self) -> None:
        with self._lock:
            self.received.clear()
            self.message_ids.clear()

    def __enter__(self) -> Sink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


def service_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **extra}
    env.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")
    return env


class Process:
    """A service in its own process group, so that a kill takes all its children."""

    def __init__(self, name: str, command: list[str], *, env: dict[str, str], log: Path) -> None:
        self.name, self.command, self.env, self.log = name, command, env, log
        self.popen: subprocess.Popen | None = None

    def start(self) -> Process:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.popen = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def children(self) -> list[int]:
        if self.popen is None:
            return []
        found = subprocess.run(
            ["pgrep", "-g", str(self.popen.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in found.stdout.split()]

    def peak_rss_mib(self) -> float:
        """The largest peak resident size (VmHWM) among the group's processes."""
        peaks = []
        for pid in self.children():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return max(peaks, default=0.0)

    def kill(self) -> None:
        """SIGKILL to the whole group: no shutdown, no acknowledgement, as in a crash."""
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()

    def stop(self, timeout: float = 30) -> None:
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()


def celery_worker(
    name: str, *, queues: str, concurrency: int, env: dict[str, str], logs: Path
) -> Process:
    command = [
        str(VENV_BIN / "celery"),
        "-A",
        "portal",
        "worker",
        "-n",
        f"{name}@%h",
        "-Q",
        queues,
        "-c",
        str(concurrency),
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
    ]
    worker = Process(name, command, env=env, log=logs / f"{name}.log").start()
    ready = wait_until(lambda: " ready." in worker.log_text(), timeout=60, every=0.1)
    if not ready:
        raise RuntimeError(f"worker {name} did not start; see {worker.log}")
    return worker


def gunicorn(*, port: int, workers: int, env: dict[str, str], logs: Path) -> Process:
    command = [
        str(VENV_BIN / "gunicorn"),
        "portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",  # gunicorn's own default is 30; 120 is what a stalled request would hit
    ]
    web = Process("web", command, env=env, log=logs / "web.log").start()
    if not wait_until(lambda: http_get(f"http://127.0.0.1:{port}/healthz")[0] > 0, timeout=60):
        raise RuntimeError(f"gunicorn did not start; see {web.log}")
    return web


def http_get(url: str, timeout: float = 130) -> tuple[int, float]:
    """(status, seconds); status 0 when nothing answered."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, time.monotonic() - started
    except OSError:
        return 0, time.monotonic() - started


class Postgres:
    """The PostgreSQL server `scripts/test.sh` started, controlled with pg_ctl."""

    def __init__(self) -> None:
        self.pg_ctl = shlex.split(os.environ["LANDA_PG_CTL"])
        self.data = os.environ["LANDA_PG_DATA"]
        self.options = os.environ["LANDA_PG_OPTIONS"]

    def stop(self) -> None:
        subprocess.run([*self.pg_ctl, "-D", self.data, "-m", "fast", "-w", "stop"], check=True)

    def start(self) -> None:
        log = f"{self.data}/../pg.log"
        command = [*self.pg_ctl, "-D", self.data, "-l", log, "-w", "-o", self.options, "start"]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


class Redis:
    """The Redis server `scripts/test.sh` started: stop, start, stall and resume it."""

    def __init__(self) -> None:
        self.conf = os.environ["LANDA_REDIS_CONF"]
        settings = dict(
            line.split(None, 1) for line in Path(self.conf).read_text().splitlines() if line
        )
        self.port = settings["port"]
        self.pidfile = Path(settings["pidfile"])

    def pid(self) -> int:
        return int(self.pidfile.read_text())

    def stop(self) -> None:
        subprocess.run(["redis-cli", "-p", self.port, "shutdown", "nosave"], check=False)
        wait_until(lambda: not self.pidfile.exists(), timeout=10)

    def start(self) -> None:
        subprocess.run(["redis-server", self.conf], check=True, stdout=subprocess.DEVNULL)
        wait_until(self.answers, timeout=10)

    def answers(self) -> bool:
        ping = subprocess.run(
            ["redis-cli", "-p", self.port, "ping"], capture_output=True, text=True, check=False
        )
        return ping.stdout.strip() == "PONG"

    def stall(self) -> None:
        """SIGSTOP: the port still accepts connections, nothing answers."""
        os.kill(self.pid(), signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.pid(), signal.SIGCONT)

    def flush(self) -> None:
        subprocess.run(["redis-cli", "-p", self.port, "flushall"], check=True, capture_output=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report the redirect itself, as a form's answer


class Visitor:
    """A person with a browser's cookies, submitting the site's forms (CSRF included)."""

    TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def _open(self, request: urllib.request.Request, timeout: float) -> tuple[int, float, str]:
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                body = response.read().decode("utf-8", "replace")
                return response.status, time.monotonic() - started, body
        except urllib.error.HTTPError as error:
            return error.code, time.monotonic() - started, ""
        except OSError:
            return 0, time.monotonic() - started, ""

    def get(self, path: str, timeout: float = 130) -> tuple[int, float, str]:
        return self._open(urllib.request.Request(self.base + path), timeout)

    def submit(self, path: str, data: dict[str, str], timeout: float = 130) -> tuple[int, float]:
        """GET the form, then POST it; (status of the POST, seconds for both)."""
        status, first, page = self.get(path, timeout)
        match = self.TOKEN.search(page)
        if not match:
            return status, first
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": match.group(1)}).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        status, second, _page = self._open(request, timeout)
        return status, first + second
