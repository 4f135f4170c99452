from celery import shared_task

from outbox.retrying import RETRY_ON_DATABASE_ERRORS

from .services import verification_reminders_send


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def directory_verification_reminders() -> int:
    """Daily: ask associations to check activities not checked for a year."""
    return verification_reminders_send()
