from celery import shared_task
from django.db import InterfaceError, OperationalError

from .letters.print_runs import print_runs_expire
from .letters.services import letters_send_due

RETRY_ON_DATABASE_ERRORS = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 30,
    "max_retries": 6,
}


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def welcome_letters_send(profile_ids: list[int] | None = None) -> int:
    """Send the welcome letters that are due (for these profiles, or for everyone);
    a duplicate run sends nothing twice."""
    return letters_send_due(profile_ids=profile_ids)


@shared_task(acks_late=True, **RETRY_ON_DATABASE_ERRORS)
def welcome_print_runs_expire() -> int:
    return print_runs_expire()
