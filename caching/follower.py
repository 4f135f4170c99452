"""The content version pushed to each process, so that a kept page costs no round trip.

Reading the version from Redis is half of what serving a kept page costs. Instead, a
thread in each process subscribes to the version's channel, and every change of the
version publishes the new number in the same atomic step that makes it (the cache's
``incr_published``). While the thread hears Redis, ``version()`` answers from memory;
otherwise it answers None and the version is read from Redis as before.

What keeps this right:

- The thread reads the number only after its subscription is confirmed, so no change
  falls between the two. Messages on one connection arrive in order, and the number
  only grows (a new number starts from the clock), so the highest heard is current.
- A change made in this process is known here at once (``heard``), before any message:
  the next request of the same process sees it.
- A message is lost only with its connection. When the client connects again by
  itself, it subscribes again, and the thread then reads the number afresh. The
  thread pings every second and is
  believed for ``TRUSTED_SECONDS`` after it last heard Redis; a connection that breaks
  or goes silent makes the process read the version from Redis again until the thread
  has subscribed afresh. So another process's change shows here within a
  thread switch (milliseconds) when all is well, and within ``TRUSTED_SECONDS`` in the
  worst case, a connection that died without a word.

It runs where the settings ask for it (``CONTENT_VERSION_FOLLOWED``, in production)
and the cache can publish; a forked process starts its own thread.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

PING_SECONDS = 1.0
TRUSTED_SECONDS = 3.0
RETRY_SECONDS = 1.0


class Follower:
    def __init__(self, subscriber: Callable[[], Any], channel: str, read: Callable[[], int]):
        """``subscriber()`` gives a new Redis pub/sub object; ``read()`` reads the
        version from Redis itself (raising when it cannot)."""
        self.subscriber, self.channel, self.read = subscriber, channel, read
        self.known: int | None = None
        self.trusted_until = 0.0
        self.stopping = threading.Event()
        self.changed = threading.Condition()  # notified whenever it hears or fails
        self.thread = threading.Thread(target=self._run, name="content-version", daemon=True)
        self.thread.start()

    def version(self) -> int | None:
        if self.known is None or time.monotonic() > self.trusted_until:
            return None
        return self.known

    def heard(self, version: int) -> None:
        """A version seen here: a change made by this process, or a message."""
        if self.known is not None:
            self.known = max(self.known, version)

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join()

    def _run(self) -> None:
        while not self.stopping.is_set():
            try:
                self._follow()
            except Exception as error:  # any failure: read from Redis until followed again
                logger.warning("Content version: not followed (%s)", error)
            self.known = None
            self._told()
            self.stopping.wait(RETRY_SECONDS)

    def _follow(self) -> None:
        pubsub = self.subscriber()
        try:
            pubsub.subscribe(self.channel)
            if not self._message(pubsub, "subscribe", timeout=TRUSTED_SECONDS):
                raise ConnectionError("no subscription")
            self.known = self.read()  # after subscribing: nothing falls between
            self._trust()
            pinged = time.monotonic()
            while not self.stopping.is_set():
                message = pubsub.get_message(timeout=PING_SECONDS)
                if message is not None:
                    if message["type"] == "subscribe":  # the client reconnected by itself:
                        self.known = self.read()  # what was said meanwhile is lost
                    elif message["type"] == "message":
                        self.heard(int(message["data"]))
                    self._trust()
                if time.monotonic() - pinged >= PING_SECONDS:
                    pubsub.ping()
                    pinged = time.monotonic()
        finally:
            pubsub.close()

    def _message(self, pubsub, kind: str, *, timeout: float) -> bool:
        message = pubsub.get_message(timeout=timeout)
        return message is not None and message["type"] == kind

    def _trust(self) -> None:
        self.trusted_until = time.monotonic() + TRUSTED_SECONDS
        self._told()

    def _told(self) -> None:
        with self.changed:
            self.changed.notify_all()


_follower: Follower | None = None
_pid = 0
_lock = threading.Lock()


def follower(subscriber: Callable[[], Any], channel: str, read: Callable[[], int]) -> Follower:
    """This process's follower, started on first use (and again after a fork)."""
    global _follower, _pid
    if _follower is None or _pid != os.getpid():
        with _lock:
            if _follower is None or _pid != os.getpid():
                _follower, _pid = Follower(subscriber, channel, read), os.getpid()
    return _follower


def current() -> Follower | None:
    """This process's follower, if it has one."""
    return _follower if _pid == os.getpid() else None


def forget() -> None:
    """Stop this process's follower (tests)."""
    global _follower
    with _lock:
        if _follower is not None and _pid == os.getpid():
            _follower.stop()
        _follower = None
