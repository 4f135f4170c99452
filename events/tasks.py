from celery import shared_task

from outbox.retrying import RETRY_ON_DATABASE_ERRORS

from .services import reminders_send


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def event_reminders_send() -> int:
    """Daily: remind everyone with a place at tomorrow's events."""
    return reminders_send()


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def event_calendars_sync() -> int:
    """Hourly: read every imported calendar and keep its events in step."""
    from .importing import sources_sync

    return sources_sync()
