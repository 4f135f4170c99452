from celery import shared_task

from outbox.retrying import RETRY_ON_DATABASE_ERRORS

from .store import quarters_refresh


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def figures_refresh_recent() -> int:
    """Every quarter of an hour: the current and the last quarter's figures."""
    return quarters_refresh(recent_only=True)


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def figures_refresh_all() -> int:
    """Nightly: every quarter's figures (a step done today changes an old quarter's
    share of steps done)."""
    return quarters_refresh(recent_only=False)
