"""The Redis cache, with a per-process fallback while Redis is down or stalled.

Sign-up, sign-in and password reset go through allauth's rate limiter, which reads and
writes the default cache. With plain ``RedisCache`` an outage turns those pages into
500s. Here a Redis error (refused, reset or timed out: the client has a 2-second socket
timeout) is logged and the operation is served by a local memory cache instead, so the
limits keep working per process until Redis returns. After a failure the cache's
breaker stays open for a few seconds, so that a stalled Redis costs one timeout, not
one per call. ``/healthz`` still reports the cache as down: it writes a value and reads
it back through Redis alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from outbox.breaker import breaker

logger = logging.getLogger(__name__)

REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)

# INCR that publishes the new number on a channel named as the key, in one atomic step;
# a missing key starts from ARGV[1].
_INCR_PUBLISHED = """
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
local number = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', KEYS[1], number)
return number
"""


class ReusedClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` for every cache call (a third of a
    millisecond: its table of reply handlers); one per connection pool serves every
    call and thread the same."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients.setdefault(
                index, self._client(connection_pool=self._get_connection_pool(write))
            )
        return client


class FallbackRedisCache(RedisCache):
    def __init__(self, server: str, params: dict) -> None:
        super().__init__(server, params)
        self._class = ReusedClient
        self._fallback = LocMemCache(f"fallback-{server}", {"TIMEOUT": params.get("TIMEOUT")})
        self._breaker = breaker(f"cache:{server}")

    def _either(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if self._breaker.closed():
            try:
                return getattr(super(), name)(*args, **kwargs)
            except REDIS_DOWN as error:
                self._breaker.trip()
                logger.warning("Cache: Redis unavailable (%s), using local memory: %s", name, error)
        return getattr(self._fallback, name)(*args, **kwargs)

    def _make(name: str) -> Callable[..., Any]:  # a helper of the class body, deleted below
        def method(self, *args: Any, **kwargs: Any) -> Any:
            return self._either(name, *args, **kwargs)

        method.__name__ = name
        return method

    add = _make("add")
    get = _make("get")
    set = _make("set")
    touch = _make("touch")
    delete = _make("delete")
    get_many = _make("get_many")
    has_key = _make("has_key")
    incr = _make("incr")
    set_many = _make("set_many")
    delete_many = _make("delete_many")
    clear = _make("clear")
    del _make

    def incr_published(self, key: str, start: int) -> int:
        """Add one to a number and publish it on a channel named as the key (what
        ``make_key`` gives), atomically; a missing number starts from ``start``.
        While Redis is down, the fallback's number, published to nobody."""
        if self._breaker.closed():
            name = self.make_and_validate_key(key)
            try:
                return self._cache.get_client(name, write=True).eval(
                    _INCR_PUBLISHED, 1, name, start
                )
            except REDIS_DOWN as error:
                self._breaker.trip()
                logger.warning("Cache: Redis unavailable (incr_published): %s", error)
        self._fallback.add(key, start)
        return self._fallback.incr(key)

    def subscriber(self) -> Any:
        """A new pub/sub object of its own connection, for ``caching.follower``."""
        return self._cache.get_client(write=False).pubsub()

    def shared(self) -> bool:
        """Redis is taken to answer (the breaker is closed): what is read and written
        now is shared by every process."""
        return self._breaker.closed()

    def get_strict(self, key: str, default: Any = None) -> Any:
        """A read from Redis itself, for the health check: raises when Redis is down."""
        return super().get(key, default)

    def set_strict(self, key: str, value: Any, timeout: int) -> None:
        super().set(key, value, timeout)
