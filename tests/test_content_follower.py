"""The content version pushed to each process (``caching.follower``, issue 13): a
change made anywhere is heard at once, a change made here is known before any message,
and a follower that cannot hear Redis says so, so that the version is read again."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client

from caching import follower
from caching.content import KEY, content_changed, content_version
from newcomers.models import Guide
from outbox.breaker import breakers_reset

GUIDES = "/en/newcomers/guides/"
WAIT_SECONDS = 10  # what a message may take on a busy machine; never slept


def waited(follower_: follower.Follower, what) -> bool:
    with follower_.changed:
        return follower_.changed.wait_for(what, timeout=WAIT_SECONDS)


@pytest.fixture
def followed(settings) -> Iterator[follower.Follower]:
    """This process follows the version, as a deployment's do."""
    settings.CONTENT_VERSION_FOLLOWED = True
    content_version()  # there is a number to follow, and the follower starts
    running = follower.current()
    assert running is not None
    assert waited(running, lambda: running.version() is not None)
    yield running
    follower.forget()


def another_process_changes_the_content() -> int:
    """What a save in another process does: the cache's atomic add-and-publish (a
    missing number starts from the clock)."""
    return cache.incr_published(KEY, time.time_ns() // 1000)


def test_a_change_elsewhere_is_heard_without_reading_redis(followed):
    before = followed.version()
    after = another_process_changes_the_content()
    assert after > before
    assert waited(followed, lambda: followed.version() == after)
    assert content_version() == after


def test_a_change_here_is_known_at_once(followed):
    before = content_version()
    content_changed()
    assert content_version() > before  # before the message has come back


def test_a_kept_page_shows_a_save_at_once_while_followed(followed, client, guides):
    guide = Guide.objects.filter(is_published=True).order_by("pk").first()
    client.get(GUIDES)
    guide.title_en = "Your first Swedish bank account, step by step"
    guide.save()
    assert "Your first Swedish bank account, step by step" in client.get(GUIDES).content.decode()


def test_a_follower_that_cannot_hear_redis_is_not_believed(followed, redis_outage, guides):
    with redis_outage():
        assert waited(followed, lambda: followed.version() is None)
        assert Client().get(GUIDES).status_code == 200  # read again, and drawn
    breakers_reset()  # Redis is back; the cache's breaker would wait a few seconds
    # Redis came back empty: the next number starts from the clock, and is followed.
    restarted = another_process_changes_the_content()
    assert waited(followed, lambda: followed.version() == restarted)
