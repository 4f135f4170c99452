"""Stop calling a service that has just failed, for a while, in this process.

A stalled Redis costs every call its full socket timeout (two seconds). Without a
breaker, a page that makes four cache calls and queues a mail waits ten seconds, and a
few such requests hold every web worker. After a failure the breaker stays open for
``settings.REDIS_BREAKER_SECONDS``: callers use their fallback at once (local memory
for the cache; for mail, the row waits for the requeue sweep). The first call after
that tries the service again.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings

_breakers: dict[str, Breaker] = {}
_lock = threading.Lock()


class Breaker:
    def __init__(self, name: str) -> None:
        self.name = name
        self._open_until = 0.0

    def closed(self) -> bool:
        """True when the service may be called."""
        return time.monotonic() >= self._open_until

    def trip(self) -> None:
        self._open_until = time.monotonic() + settings.REDIS_BREAKER_SECONDS

    def reset(self) -> None:
        self._open_until = 0.0


def breaker(name: str) -> Breaker:
    """The process's breaker for ``name`` (shared by every thread)."""
    with _lock:
        return _breakers.setdefault(name, Breaker(name))


def breakers_reset() -> None:
    for each in list(_breakers.values()):
        each.reset()
