"""The content version: one number that changes whenever public content changes.

Whatever Landa caches of its public content (whole pages for visitors, the
municipality list of a form, a journey's assembled steps, a newcomer's rendered
steps) is keyed by this number, so an editor's save shows on the next request, in
every process, without waiting for a timeout.

The number lives in the shared cache (Redis). It moves on every save or delete of a
model, except those the project names private when it connects the signals (accounts,
journeys' progress, mail, sessions: nothing a public page shows, and the models that
change most often; ``portal.pagecache.PRIVATE``), and on every migration. It moves
twice: at once, so that the same request and a test inside a transaction see the
change, and again when the transaction commits, so that a page rendered by another
process between the save and the commit, with the old content but the new number, is
not kept.

Bulk writes (``bulk_create``, ``QuerySet.update``) send no signals; code that writes
public content that way calls ``content_changed()`` itself.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from . import follower

KEY = "content-version"

# Labels (``app.model``, lower case) of models no public page shows, and apps whose
# models none does; the project names them when it connects (``connect``).
_private: frozenset[str] = frozenset()


def content_version() -> int:
    """The current version: from memory while this process follows it (``follower``),
    else from the cache. A missing number (a flushed or new cache) starts from the
    clock, so that it never comes back to a number pages were cached under before."""
    followed = _followed()
    known = followed.version() if followed is not None else None
    if known is not None:
        return known
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, _start(), timeout=None)
        version = cache.get(KEY)
    return version


def _start() -> int:
    return time.time_ns() // 1000


def _followed() -> follower.Follower | None:
    subscriber = getattr(cache, "subscriber", None)
    if not settings.CONTENT_VERSION_FOLLOWED or subscriber is None:
        return None
    return follower.follower(subscriber, cache.make_key(KEY), _read_from_redis)


def _read_from_redis() -> int:
    version = cache.get_strict(KEY)
    if version is None:  # requests make it meanwhile (content_version)
        raise LookupError("no content version yet")
    return version


def content_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Public content changed: every cached copy of it is stale, now and at commit."""
    _bump()
    connection = connections[using]
    if connection.in_atomic_block and not any(
        callback is _bump for _sids, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_bump, using=using, robust=True)


def _bump() -> None:
    published = getattr(cache, "incr_published", None)
    if published is None:  # a cache of one process (no Redis): nothing to tell
        try:
            cache.incr(KEY)
        except ValueError:  # not there yet
            content_version()
            cache.incr(KEY)
        return
    version = published(KEY, _start())
    followed = follower.current()
    if followed is not None:
        followed.heard(version)  # this process's next request sees it at once


def is_public(model) -> bool:
    """Whether a change to the model's rows may show on a public page; the table of a
    many-to-many field belongs to the model that declares the field."""
    meta = (model._meta.auto_created or model)._meta
    return meta.app_label not in _private and meta.label_lower not in _private


def _saved(sender, using=DEFAULT_DB_ALIAS, raw=False, **kwargs) -> None:
    if is_public(sender):
        content_changed(using)


def _migrated(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    content_changed(using)


def connect(*, private: frozenset[str]) -> None:
    """Move the version on every save and delete, except of the ``private`` models
    (``app.model``) and apps, and after every migration."""
    global _private
    _private = private
    post_save.connect(_saved, dispatch_uid="freshness-save")
    post_delete.connect(_saved, dispatch_uid="freshness-delete")
    m2m_changed.connect(_saved, dispatch_uid="freshness-m2m")
    post_migrate.connect(_migrated, dispatch_uid="freshness-migrate")
