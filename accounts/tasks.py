"""Celery tasks of accounts."""

from __future__ import annotations

from celery import shared_task
from django.contrib.sessions.backends.db import SessionStore


@shared_task(acks_late=True)
def sessions_clear_expired() -> None:
    """Expired sessions still hold who was signed in; remove them every night."""
    SessionStore.clear_expired()
